import { createHash, generateKeyPairSync, randomBytes, sign } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { sendJson, startLocalServer } from './local-server.ts';

// An OpenID Connect provider on 127.0.0.1, as Keycloak, Authentik or Google would answer: a
// discovery document, a JWKS with an ES256 key made here, an authorize endpoint (redirecting at
// once, or showing an approval page with a button for the browser test), a token endpoint that
// checks the client secret, the redirect URI and the PKCE verifier and signs an id_token with the
// nonce, email and email_verified of the person who approved, and userinfo.

export type FakePerson = { sub: string; email?: string | undefined; email_verified?: boolean | undefined };

export type FakeOidcProvider = {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** Who approves the next authorization request. */
  person: FakePerson;
  /** Show an approval page with a button instead of redirecting at once (the browser test). */
  showsApprovalPage: boolean;
  /** Put this nonce in the next id_tokens instead of the one the client sent (a forged answer). */
  forcedNonce: string | undefined;
  /** Token requests so far, and why any was refused. */
  tokenRequests: { code: string; refused?: string }[];
  close(): Promise<void>;
};

type PendingCode = {
  clientId: string;
  redirectUri: string;
  codeChallenge: string;
  nonce: string | undefined;
  person: FakePerson;
  used: boolean;
};

export async function startFakeOidcProvider(
  options: { clientId?: string; clientSecret?: string } = {},
): Promise<FakeOidcProvider> {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const kid = randomBytes(6).toString('hex');
  const jwk = { ...publicKey.export({ format: 'jwk' }), kid, alg: 'ES256', use: 'sig' };
  const codes = new Map<string, PendingCode>();
  const tokens = new Map<string, FakePerson>();
  const approvals = new Map<string, URLSearchParams>();
  const fake: FakeOidcProvider = {
    issuer: '',
    clientId: options.clientId ?? 'deepsheet-client',
    clientSecret: options.clientSecret ?? `secret-${randomBytes(8).toString('hex')}`,
    person: { sub: 'person-1', email: 'person@example.test', email_verified: true },
    showsApprovalPage: false,
    forcedNonce: undefined,
    tokenRequests: [],
    close: () => server.close(),
  };

  function idToken(code: PendingCode): string {
    const now = Math.floor(Date.now() / 1000);
    const header = { alg: 'ES256', kid, typ: 'JWT' };
    const payload = {
      iss: fake.issuer,
      sub: code.person.sub,
      aud: code.clientId,
      iat: now,
      exp: now + 300,
      nonce: fake.forcedNonce ?? code.nonce,
      ...(code.person.email !== undefined ? { email: code.person.email } : {}),
      ...(code.person.email_verified !== undefined ? { email_verified: code.person.email_verified } : {}),
    };
    const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
    const input = `${part(header)}.${part(payload)}`;
    const signature = sign('sha256', Buffer.from(input), { key: privateKey, dsaEncoding: 'ieee-p1363' });
    return `${input}.${signature.toString('base64url')}`;
  }

  function approve(res: ServerResponse, query: URLSearchParams) {
    const code = randomBytes(16).toString('base64url');
    codes.set(code, {
      clientId: query.get('client_id') ?? '',
      redirectUri: query.get('redirect_uri') ?? '',
      codeChallenge: query.get('code_challenge') ?? '',
      nonce: query.get('nonce') ?? undefined,
      person: { ...fake.person },
      used: false,
    });
    const back = new URL(query.get('redirect_uri') ?? '');
    back.searchParams.set('code', code);
    back.searchParams.set('state', query.get('state') ?? '');
    back.searchParams.set('iss', fake.issuer);
    res.writeHead(302, { location: back.toString() }).end();
  }

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const url = new URL(req.url ?? '/', fake.issuer);
    const body = new URLSearchParams(req.method === 'POST' ? await readBody(req) : '');
    if (url.pathname === '/.well-known/openid-configuration') {
      return sendJson(res, 200, {
        issuer: fake.issuer,
        authorization_endpoint: `${fake.issuer}/authorize`,
        token_endpoint: `${fake.issuer}/token`,
        userinfo_endpoint: `${fake.issuer}/userinfo`,
        jwks_uri: `${fake.issuer}/jwks`,
        response_types_supported: ['code'],
        subject_types_supported: ['public'],
        id_token_signing_alg_values_supported: ['ES256'],
        code_challenge_methods_supported: ['S256'],
        token_endpoint_auth_methods_supported: ['client_secret_post', 'client_secret_basic'],
        authorization_response_iss_parameter_supported: true,
      });
    }
    if (url.pathname === '/jwks') return sendJson(res, 200, { keys: [jwk] });
    if (url.pathname === '/authorize' && req.method === 'GET') {
      if (url.searchParams.get('client_id') !== fake.clientId)
        return sendJson(res, 400, { error: 'invalid_client' });
      if (url.searchParams.get('code_challenge_method') !== 'S256')
        return sendJson(res, 400, { error: 'pkce_required' });
      if (!fake.showsApprovalPage) return approve(res, url.searchParams);
      const id = randomBytes(8).toString('hex');
      approvals.set(id, url.searchParams);
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      return res.end(
        `<!doctype html><title>Fake provider</title><h1>Sign in to Deepsheet as ${escapeHtml(fake.person.email ?? fake.person.sub)}?</h1>` +
          `<form method="post" action="/authorize/approve"><input type="hidden" name="id" value="${id}"><button type="submit">Approve</button></form>`,
      );
    }
    if (url.pathname === '/authorize/approve' && req.method === 'POST') {
      const query = approvals.get(body.get('id') ?? '');
      if (!query) return sendJson(res, 400, { error: 'unknown request' });
      approvals.delete(body.get('id') ?? '');
      return approve(res, query);
    }
    if (url.pathname === '/token' && req.method === 'POST') {
      const codeValue = body.get('code') ?? '';
      const refuse = (why: string) => {
        fake.tokenRequests.push({ code: codeValue, refused: why });
        return sendJson(res, 400, { error: 'invalid_grant', error_description: why });
      };
      const [basicId, basicSecret] = basicAuthOf(req);
      const clientId = body.get('client_id') ?? basicId;
      const clientSecret = body.get('client_secret') ?? basicSecret;
      if (clientId !== fake.clientId || clientSecret !== fake.clientSecret)
        return refuse('client authentication');
      const code = codes.get(codeValue);
      if (!code || code.used) return refuse('unknown or used code');
      code.used = true;
      if (body.get('redirect_uri') !== code.redirectUri) return refuse('redirect_uri');
      const challenge = createHash('sha256')
        .update(body.get('code_verifier') ?? '')
        .digest('base64url');
      if (challenge !== code.codeChallenge) return refuse('PKCE verifier');
      fake.tokenRequests.push({ code: codeValue });
      const accessToken = randomBytes(16).toString('base64url');
      tokens.set(accessToken, code.person);
      return sendJson(res, 200, {
        access_token: accessToken,
        token_type: 'Bearer',
        expires_in: 3600,
        id_token: idToken(code),
      });
    }
    if (url.pathname === '/userinfo') {
      const person = tokens.get((req.headers.authorization ?? '').replace(/^Bearer /, ''));
      if (!person) return sendJson(res, 401, { error: 'invalid_token' });
      return sendJson(res, 200, person);
    }
    return sendJson(res, 404, { error: 'not found' });
  }

  const server = await startLocalServer((req, res) => {
    handle(req, res).catch(() => sendJson(res, 500, { error: 'fake failed' }));
  });
  fake.issuer = server.origin;
  return fake;
}

export function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let data = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => {
      data += chunk;
    });
    req.on('end', () => resolve(data));
    req.on('error', reject);
  });
}

function basicAuthOf(req: IncomingMessage): [string | undefined, string | undefined] {
  const header = req.headers.authorization ?? '';
  if (!header.startsWith('Basic ')) return [undefined, undefined];
  const [id, secret] = Buffer.from(header.slice(6), 'base64').toString().split(':');
  return [id ? decodeURIComponent(id) : undefined, secret ? decodeURIComponent(secret) : undefined];
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}
