import { createHash, randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { sendJson, startLocalServer } from './local-server.ts';
import { readBody } from './oidc-provider.ts';

// GitHub's OAuth app flow on 127.0.0.1 (no OpenID Connect): /login/oauth/authorize redirects back
// at once with a code, /login/oauth/access_token checks the client, redirect URI and PKCE verifier
// (answering a refusal with 200 and an `error`, as GitHub does), then /user and /user/emails.

export type FakeGitHubEmail = { email: string; primary: boolean; verified: boolean };
export type FakeGitHubPerson = { id: number; login: string; emails: FakeGitHubEmail[] };

export type FakeGitHubOAuth = {
  origin: string;
  clientId: string;
  clientSecret: string;
  /** Who approves the next authorization request. */
  person: FakeGitHubPerson;
  close(): Promise<void>;
};

export async function startFakeGitHubOAuth(): Promise<FakeGitHubOAuth> {
  const codes = new Map<
    string,
    { redirectUri: string; challenge: string; person: FakeGitHubPerson; used: boolean }
  >();
  const tokens = new Map<string, FakeGitHubPerson>();
  const fake: FakeGitHubOAuth = {
    origin: '',
    clientId: 'Iv1.fakeclient',
    clientSecret: `gh-secret-${randomBytes(8).toString('hex')}`,
    person: {
      id: 4242,
      login: 'octo',
      emails: [{ email: 'octo@example.test', primary: true, verified: true }],
    },
    close: () => server.close(),
  };

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const url = new URL(req.url ?? '/', fake.origin);
    if (url.pathname === '/login/oauth/authorize') {
      if (url.searchParams.get('client_id') !== fake.clientId)
        return sendJson(res, 404, { error: 'not found' });
      const code = randomBytes(10).toString('hex');
      codes.set(code, {
        redirectUri: url.searchParams.get('redirect_uri') ?? '',
        challenge: url.searchParams.get('code_challenge') ?? '',
        person: structuredClone(fake.person),
        used: false,
      });
      const back = new URL(url.searchParams.get('redirect_uri') ?? '');
      back.searchParams.set('code', code);
      back.searchParams.set('state', url.searchParams.get('state') ?? '');
      return res.writeHead(302, { location: back.toString() }).end();
    }
    if (url.pathname === '/login/oauth/access_token' && req.method === 'POST') {
      const body = new URLSearchParams(await readBody(req));
      const code = codes.get(body.get('code') ?? '');
      const verifier = createHash('sha256')
        .update(body.get('code_verifier') ?? '')
        .digest('base64url');
      const isValid =
        body.get('client_id') === fake.clientId &&
        body.get('client_secret') === fake.clientSecret &&
        code !== undefined &&
        !code.used &&
        code.redirectUri === body.get('redirect_uri') &&
        code.challenge === verifier;
      if (code) code.used = true;
      if (!isValid || !code) return sendJson(res, 200, { error: 'bad_verification_code' });
      const token = `gho_${randomBytes(12).toString('hex')}`;
      tokens.set(token, code.person);
      return sendJson(res, 200, { access_token: token, token_type: 'bearer', scope: 'read:user,user:email' });
    }
    const person = tokens.get((req.headers.authorization ?? '').replace(/^Bearer /, ''));
    if (!person) return sendJson(res, 401, { message: 'Bad credentials' });
    if (url.pathname === '/user')
      return sendJson(res, 200, { id: person.id, login: person.login, email: null });
    if (url.pathname === '/user/emails')
      return sendJson(
        res,
        200,
        person.emails.map((e) => ({ ...e, visibility: e.primary ? 'private' : null })),
      );
    return sendJson(res, 404, { message: 'Not Found' });
  }

  const server = await startLocalServer((req, res) => {
    handle(req, res).catch(() => sendJson(res, 500, { message: 'fake failed' }));
  });
  fake.origin = server.origin;
  return fake;
}
