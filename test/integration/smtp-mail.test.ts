import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSmtpMailer } from '../../src/mail/mailer.ts';
import { TestBrowser } from '../support/http-client.ts';
import { createTestApp, uniqueEmail } from '../support/test-app.ts';

type Received = { from: string; to: string[]; body: string };

/** A real SMTP server on loopback that keeps what it receives: the outside world, faked. */
async function startFakeSmtp() {
  const received: Received[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      let body = '';
      stream.setEncoding('utf8');
      stream.on('data', (chunk: string) => {
        body += chunk;
      });
      stream.on('end', () => {
        received.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          body,
        });
        callback();
      });
    },
  });
  server.listen(0, '127.0.0.1');
  await once(server.server, 'listening');
  const port = (server.server.address() as AddressInfo).port;
  return {
    received,
    url: `smtp://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

let smtp: Awaited<ReturnType<typeof startFakeSmtp>>;
beforeAll(async () => {
  smtp = await startFakeSmtp();
});
afterAll(async () => {
  await smtp.close();
});

describe('mail over SMTP', () => {
  it('sends the password-reset link through the configured SMTP server', async () => {
    const t = await createTestApp({ config: { smtpUrl: smtp.url, appUrl: 'https://deepsheet.example' } });
    t.deps.mailer = createSmtpMailer(smtp.url, 'Deepsheet <no-reply@deepsheet.example>');
    const email = uniqueEmail();
    const site = 'https://deepsheet.example';
    await new TestBrowser(t.app, undefined, site).signUp(email);
    const browser = new TestBrowser(t.app, undefined, site);
    await browser.get('/forgot-password');
    expect((await browser.submit('/forgot-password', { email })).status).toBe(200);

    // The sign-up's own mail (the link to verify the address) came first; the reset link is the last.
    const mail = smtp.received.filter((m) => m.to.includes(email)).at(-1);
    expect(mail?.from).toBe('no-reply@deepsheet.example');
    const unfolded = mail!.body.replace(/=\r?\n/g, '').replace(/=3D/g, '=');
    expect(unfolded).toContain('Subject: Reset your Deepsheet password');
    const link = unfolded.match(/https:\/\/deepsheet\.example(\/reset-password\/[A-Za-z0-9_-]+)/)![1]!;
    await browser.get(link);
    expect((await browser.submit('/reset-password', { password: 'a password sent by mail' })).status).toBe(
      303,
    );
    expect(
      (await new TestBrowser(t.app, undefined, site).logIn(email, 'a password sent by mail')).status,
    ).toBe(303);
  });
});
