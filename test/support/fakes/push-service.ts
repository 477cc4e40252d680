import {
  createDecipheriv,
  createECDH,
  createPublicKey,
  hkdfSync,
  randomBytes,
  randomUUID,
  verify,
} from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { startLocalServer } from './local-server.ts';

/**
 * A browser's push service as a real local HTTP server. It takes what web-push POSTs, checks the
 * VAPID Authorization (ES256 JWT signed by the server's key, aud = this origin, exp within 24 h),
 * and decrypts the aes128gcm body (RFC 8188) with the device's private key and auth secret
 * (RFC 8291), as the push service and the browser together would. Answers 201 unless told
 * otherwise: 404, 410, 403, 500, or `hang-up` (reads the push, then drops the connection).
 */
export type PushAnswer = 201 | 403 | 404 | 410 | 429 | 500 | 'hang-up';

export type ReceivedPush = {
  deviceId: string;
  payload: Record<string, unknown>;
  ttl: string | undefined;
  urgency: string | undefined;
  topic: string | undefined;
  vapidSubject: string;
};

export type FakeDevice = {
  id: string;
  /** What `subscription.toJSON()` gives in a browser. */
  subscription: { endpoint: string; keys: { p256dh: string; auth: string } };
};

export type PushServiceFake = {
  origin: string;
  received: ReceivedPush[];
  /** Requests refused for a bad VAPID signature or an undecryptable body (should stay empty). */
  rejected: string[];
  createDevice(): FakeDevice;
  /** Answers the next `times` pushes (to any device) with `answer`. */
  answerNext(answer: PushAnswer, times?: number): void;
  receivedBy(device: FakeDevice): ReceivedPush[];
  stop(): Promise<void>;
};

type DeviceKeys = { ecdh: ReturnType<typeof createECDH>; publicKey: Buffer; auth: Buffer };

export async function startPushServiceFake(options: { vapidPublicKey: string }): Promise<PushServiceFake> {
  const devices = new Map<string, DeviceKeys>();
  const received: ReceivedPush[] = [];
  const rejected: string[] = [];
  const answers: PushAnswer[] = [];
  let origin = '';

  const handle = (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const deviceId = /^\/push\/([\w-]+)$/.exec(req.url ?? '')?.[1];
      const device = deviceId ? devices.get(deviceId) : undefined;
      if (req.method !== 'POST' || !deviceId || !device) {
        res.writeHead(404).end();
        return;
      }
      let push: ReceivedPush;
      try {
        const vapidSubject = checkVapid(req.headers.authorization, origin, options.vapidPublicKey);
        if (req.headers['content-encoding'] !== 'aes128gcm') throw new Error('not aes128gcm');
        const plain = decryptAes128gcm(Buffer.concat(chunks), device);
        push = {
          deviceId,
          payload: JSON.parse(plain.toString('utf8')) as Record<string, unknown>,
          ttl: header(req, 'ttl'),
          urgency: header(req, 'urgency'),
          topic: header(req, 'topic'),
          vapidSubject,
        };
      } catch (error) {
        rejected.push((error as Error).message);
        res.writeHead(400).end();
        return;
      }
      const answer = answers.shift() ?? 201;
      if (answer === 'hang-up') {
        received.push(push);
        req.socket.destroy();
        return;
      }
      if (answer === 201) received.push(push);
      res.writeHead(answer).end();
    });
  };
  const server = await startLocalServer(handle);
  origin = server.origin;

  return {
    origin,
    received,
    rejected,
    createDevice() {
      const ecdh = createECDH('prime256v1');
      const publicKey = ecdh.generateKeys();
      const auth = randomBytes(16);
      const id = randomUUID();
      devices.set(id, { ecdh, publicKey, auth });
      return {
        id,
        subscription: {
          endpoint: `${origin}/push/${id}`,
          keys: { p256dh: publicKey.toString('base64url'), auth: auth.toString('base64url') },
        },
      };
    },
    answerNext(answer, times = 1) {
      for (let i = 0; i < times; i++) answers.push(answer);
    },
    receivedBy: (device) => received.filter((p) => p.deviceId === device.id),
    stop: () => server.close(),
  };
}

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** `vapid t=<jwt>, k=<public key>` (RFC 8292): the JWT must be the server's, for this origin, unexpired. */
function checkVapid(authorization: string | undefined, origin: string, expectedKey: string): string {
  const match = /^vapid t=([\w-]+\.[\w-]+\.[\w-]+), k=([\w-]+)$/.exec(authorization ?? '');
  if (!match) throw new Error(`no VAPID authorization: ${authorization}`);
  const [, jwt, key] = match as unknown as [string, string, string];
  if (key !== expectedKey) throw new Error('VAPID key is not the server’s');
  const [head, body, signature] = jwt.split('.') as [string, string, string];
  const header = JSON.parse(Buffer.from(head, 'base64url').toString()) as { alg?: string };
  if (header.alg !== 'ES256') throw new Error('VAPID JWT is not ES256');
  const raw = Buffer.from(key, 'base64url');
  const publicKey = createPublicKey({
    format: 'jwk',
    key: {
      kty: 'EC',
      crv: 'P-256',
      x: raw.subarray(1, 33).toString('base64url'),
      y: raw.subarray(33, 65).toString('base64url'),
    },
  });
  const isValid = verify(
    'sha256',
    Buffer.from(`${head}.${body}`),
    { key: publicKey, dsaEncoding: 'ieee-p1363' },
    Buffer.from(signature, 'base64url'),
  );
  if (!isValid) throw new Error('VAPID signature does not verify');
  const claims = JSON.parse(Buffer.from(body, 'base64url').toString()) as {
    aud?: string;
    exp?: number;
    sub?: string;
  };
  if (claims.aud !== origin) throw new Error(`VAPID aud ${claims.aud} is not ${origin}`);
  const now = Math.floor(Date.now() / 1000);
  if (!claims.exp || claims.exp <= now || claims.exp > now + 24 * 3600)
    throw new Error('VAPID exp out of range');
  if (!claims.sub || !/^(mailto:|https:)/.test(claims.sub)) throw new Error('VAPID sub missing');
  return claims.sub;
}

function hkdf(salt: Buffer, ikm: Buffer, info: Buffer, length: number): Buffer {
  return Buffer.from(hkdfSync('sha256', ikm, salt, info, length));
}

/** RFC 8188 aes128gcm with the RFC 8291 key derivation, as the receiving browser decrypts. */
function decryptAes128gcm(body: Buffer, device: DeviceKeys): Buffer {
  const salt = body.subarray(0, 16);
  const recordSize = body.readUInt32BE(16);
  const idLength = body[20]!;
  const senderPublicKey = body.subarray(21, 21 + idLength);
  const ciphertext = body.subarray(21 + idLength);
  if (idLength !== 65) throw new Error('keyid is not a P-256 public key');
  if (ciphertext.length > recordSize) throw new Error('more than one record');
  const ecdhSecret = device.ecdh.computeSecret(senderPublicKey);
  const keyInfo = Buffer.concat([Buffer.from('WebPush: info\0'), device.publicKey, senderPublicKey]);
  const ikm = hkdf(device.auth, ecdhSecret, keyInfo, 32);
  const contentKey = hkdf(salt, ikm, Buffer.from('Content-Encoding: aes128gcm\0'), 16);
  const nonce = hkdf(salt, ikm, Buffer.from('Content-Encoding: nonce\0'), 12);
  const decipher = createDecipheriv('aes-128-gcm', contentKey, nonce);
  decipher.setAuthTag(ciphertext.subarray(ciphertext.length - 16));
  const padded = Buffer.concat([
    decipher.update(ciphertext.subarray(0, ciphertext.length - 16)),
    decipher.final(),
  ]);
  let end = padded.length - 1;
  while (end >= 0 && padded[end] === 0) end--;
  if (padded[end] !== 2) throw new Error('no last-record delimiter');
  return padded.subarray(0, end);
}
