import { randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Logger } from 'pino';

export type MailMessage = { to: string; subject: string; text: string };
export interface Mailer {
  send(message: MailMessage): Promise<void>;
}

/** Sends through SMTP_URL. */
export function createSmtpMailer(smtpUrl: string, from: string): Mailer {
  // nodemailer takes ~50 ms to import: loaded with the first mail, not at start-up.
  let transport: Promise<{ sendMail(mail: object): Promise<unknown> }> | undefined;
  return {
    async send(message) {
      transport ??= import('nodemailer').then(({ default: nodemailer }) =>
        nodemailer.createTransport(smtpUrl),
      );
      await (await transport).sendMail({ from, ...message });
    },
  };
}

/**
 * Without SMTP, mail is written to DATA_DIR/outbox and to the log, so a self-hoster can still
 * follow a password-reset link.
 */
export function createOutboxMailer(dataDir: string, from: string, logger: Logger): Mailer {
  const outbox = join(dataDir, 'outbox');
  return {
    async send(message) {
      mkdirSync(outbox, { recursive: true, mode: 0o700 });
      const file = join(outbox, `${randomUUID()}.eml`);
      const body = `From: ${from}\nTo: ${message.to}\nSubject: ${message.subject}\n\n${message.text}\n`;
      writeFileSync(file, body, { mode: 0o600 });
      logger.info(
        { to: message.to, subject: message.subject, file, text: message.text },
        'mail written to outbox',
      );
    },
  };
}
