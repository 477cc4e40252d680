import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';
import { afterAll, vi } from 'vitest';

// A real webhook receiver on 127.0.0.1: it checks every delivery with the `standardwebhooks`
// package (the spec's reference verifier) and answers as a test tells it to, including badly.

export type ReceiverBehaviour = 'ok' | 'fail' | 'gone' | 'slow' | 'redirect';

export type Received = {
  headers: IncomingHttpHeaders;
  body: string;
  webhookId: string;
  payload: { type: string; timestamp: string; data: Record<string, unknown> };
  /** For each secret the test gave (same order): whether the reference verifier accepted it. */
  verifiedWith: boolean[];
};

export type WebhookReceiver = {
  url: string;
  received: Received[];
  behaviour: ReceiverBehaviour;
  /** The secrets to verify with (the one shown at create or rotate). */
  secrets: string[];
  /** The body of an 'ok' answer (the delivery log shows its start). */
  answerText: string;
  close(): Promise<void>;
};

/**
 * Starts a receiver. `now` is the app's clock: the verifier checks the timestamp against the time,
 * so it reads the test clock while it verifies.
 */
export async function startWebhookReceiver(now: () => Date): Promise<WebhookReceiver> {
  const held: (() => void)[] = [];
  const receiver: WebhookReceiver = {
    url: '',
    received: [],
    behaviour: 'ok',
    secrets: [],
    answerText: '<b>thanks</b>',
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
  const verify = (secret: string, body: string, headers: IncomingHttpHeaders): boolean => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(now());
    try {
      new Webhook(secret).verify(body, headers as Record<string, string>);
      return true;
    } catch {
      return false;
    } finally {
      vi.useRealTimers();
    }
  };
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      receiver.received.push({
        headers: request.headers,
        body,
        webhookId: String(request.headers['webhook-id']),
        payload: JSON.parse(body) as Received['payload'],
        verifiedWith: receiver.secrets.map((s) => verify(s, body, request.headers)),
      });
      answer(receiver, response, held);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  receiver.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`;
  afterAll(async () => {
    for (const release of held) release();
    server.closeAllConnections();
    await receiver.close();
  });
  return receiver;
}

function answer(
  { behaviour, answerText }: WebhookReceiver,
  response: import('node:http').ServerResponse,
  held: (() => void)[],
) {
  if (behaviour === 'ok') response.writeHead(200, { 'content-type': 'text/plain' }).end(answerText);
  else if (behaviour === 'fail') response.writeHead(500).end('receiver is down');
  else if (behaviour === 'gone') response.writeHead(410).end('gone');
  else if (behaviour === 'redirect')
    response.writeHead(302, { location: 'http://169.254.169.254/latest' }).end();
  // 'slow': answers only when the test ends, long after the sender's timeout.
  else held.push(() => response.writeHead(200).end('too late'));
}
