import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { isIP, type LookupFunction, type Socket } from 'node:net';
import { addressKindOf, isAddressAllowed } from './outbound-address.ts';

// Outbound HTTP to addresses people type in (webhook endpoints, self-hosted GitHub or GitLab):
// refused when the name resolves to a loopback, private, link-local or metadata address, both
// when the address is registered and again at connect time, on the address the socket is about
// to use (a name that resolved to a public address at registration may later point inward).
// Node's own http/https clients are used with a checking `lookup`, so no socket opens to a
// refused address; redirects are never followed.

/** Resolves a name to all its addresses, like dns.lookup(name, { all: true }). Injectable for tests. */
export type ResolveAll = (hostname: string) => Promise<LookupAddress[]>;

export const resolveWithDns: ResolveAll = (hostname) =>
  new Promise((resolve, reject) =>
    dnsLookup(hostname, { all: true, verbatim: true }, (error, addresses) =>
      error ? reject(error) : resolve(addresses),
    ),
  );

export type OutboundPolicy = {
  /** WEBHOOK_ALLOW_PRIVATE: reach loopback and private addresses (local receivers, tests). */
  allowPrivate: boolean;
  resolve?: ResolveAll;
};

export class OutboundRefused extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'OutboundRefused';
  }
}

function hostOf(url: URL): string {
  return url.hostname.replace(/^\[|\]$/g, '');
}

function refusal(host: string, address: string): OutboundRefused {
  const kind = addressKindOf(address);
  return new OutboundRefused(
    host === address
      ? `${host} is a ${kind} address; events go to public addresses only.`
      : `${host} points to a ${kind} address (${address}); events go to public addresses only.`,
  );
}

/**
 * Checks an address before it is stored: http(s) only (plain http only when private addresses
 * are allowed, i.e. by an operator for local receivers), no credentials in it, and every address
 * its name resolves to public. Throws OutboundRefused with a message for the person.
 */
export async function assertOutboundUrl(text: string, policy: OutboundPolicy): Promise<URL> {
  const url = new URL(text);
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && policy.allowPrivate))
    throw new OutboundRefused('Use an https:// address.');
  if (url.username || url.password)
    throw new OutboundRefused('Leave the user name and password out of the address.');
  const host = hostOf(url);
  const addresses = isIP(host)
    ? [{ address: host, family: isIP(host) }]
    : await (policy.resolve ?? resolveWithDns)(host).catch(() => {
        throw new OutboundRefused(`${host} could not be found.`);
      });
  if (addresses.length === 0) throw new OutboundRefused(`${host} could not be found.`);
  for (const { address } of addresses) {
    if (!isAddressAllowed(address, policy.allowPrivate)) throw refusal(host, address);
  }
  return url;
}

/**
 * The `lookup` a socket uses: resolves, then refuses before connecting when any address is not
 * allowed. Exported so tests can show the refusal happens before a socket could connect.
 */
export function guardedLookup(policy: OutboundPolicy): LookupFunction {
  return (hostname, options, callback) => {
    (policy.resolve ?? resolveWithDns)(hostname).then(
      (addresses) => {
        const refused = addresses.find((a) => !isAddressAllowed(a.address, policy.allowPrivate));
        if (refused || addresses.length === 0) {
          const error = refused
            ? refusal(hostname, refused.address)
            : new OutboundRefused(`${hostname} could not be found.`);
          callback(error as NodeJS.ErrnoException, '', 4);
          return;
        }
        if (options.all) callback(null, addresses);
        else callback(null, addresses[0]!.address, addresses[0]!.family);
      },
      (error: NodeJS.ErrnoException) => callback(error, '', 4),
    );
  };
}

export type OutboundRequest = {
  url: string;
  method?: 'GET' | 'POST';
  headers?: Record<string, string>;
  body?: string | Uint8Array;
  timeoutMs: number;
  /** How much of the answer's body to keep (the rest is read and dropped). */
  maxBodyBytes: number;
  /** Called when a socket really connects: tests prove a refused request never got one. */
  onConnect?: (socket: Socket) => void;
};

export type OutboundResponse = { status: number; headers: IncomingHttpHeaders; body: string };

/**
 * Sends one request under the policy; resolves with any answer (a 3xx too, never followed) and
 * rejects with OutboundRefused (a forbidden address), or a timeout or network error.
 */
export async function guardedRequest(
  request: OutboundRequest,
  policy: OutboundPolicy,
): Promise<OutboundResponse> {
  const url = new URL(request.url);
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && policy.allowPrivate))
    throw new OutboundRefused('Use an https:// address.');
  const host = hostOf(url);
  // A literal address skips lookup altogether, so it is checked here.
  if (isIP(host) && !isAddressAllowed(host, policy.allowPrivate)) throw refusal(host, host);
  const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const req = send(url, {
      method: request.method ?? 'GET',
      headers: request.headers,
      lookup: guardedLookup(policy),
      timeout: request.timeoutMs,
      agent: false,
    });
    const timer = setTimeout(
      () => req.destroy(new Error(`No answer within ${request.timeoutMs / 1000} s.`)),
      request.timeoutMs,
    );
    req.on('socket', (socket) => socket.once('connect', () => request.onConnect?.(socket)));
    req.on('timeout', () => req.destroy(new Error(`No answer within ${request.timeoutMs / 1000} s.`)));
    req.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    req.on('response', (response) => {
      const chunks: Buffer[] = [];
      let kept = 0;
      response.on('data', (chunk: Buffer) => {
        if (kept < request.maxBodyBytes) chunks.push(chunk.subarray(0, request.maxBodyBytes - kept));
        kept += chunk.length;
      });
      response.on('error', (error) => {
        clearTimeout(timer);
        reject(error);
      });
      response.on('end', () => {
        clearTimeout(timer);
        const body = Buffer.concat(chunks).toString('utf8');
        resolve({ status: response.statusCode ?? 0, headers: response.headers, body });
      });
    });
    req.end(request.body);
  });
}
