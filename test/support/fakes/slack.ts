import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One call the fake received: the method, the token it carried and its parsed body. */
export type SlackCall = { method: string; token: string; body: Record<string, unknown> };

type Account = {
  teamId: string;
  teamName: string;
  userId: string;
  status: { text: string; emoji: string; expiration: number };
  dndUntil: number | null;
};

/**
 * A local Slack Web API on 127.0.0.1 for our real client: it knows tokens and their accounts,
 * keeps each account's profile status and snooze, records every call, and can refuse a token
 * (`revoke`: token_revoked, unknown tokens: invalid_auth) or rate-limit the next calls (429 with
 * Retry-After). OAuth: codes registered with `addOauthCode` are exchanged once at oauth.v2.access.
 * For a browser, `authorizeUrl` is Slack's approval page: once `approveAs` says who is signed in
 * there, it offers "Allow" (back to the redirect_uri with a fresh code and the state) and "Cancel"
 * (back with error=access_denied).
 */
export class SlackFake {
  readonly calls: SlackCall[] = [];
  private readonly accounts = new Map<string, Account>();
  private readonly revoked = new Set<string>();
  private readonly codes = new Map<string, { token: string; clientId: string; clientSecret: string }>();
  private approver: { token: string; clientId: string; clientSecret: string } | undefined;
  private rateLimited = 0;
  private retryAfterSeconds = 1;
  private server: Server | undefined;
  url = '';

  async start(): Promise<this> {
    this.server = createServer((request, response) => {
      if ((request.url ?? '').startsWith('/oauth/v2/authorize')) {
        const page = this.approvalPage(new URL(request.url!, 'http://fake'));
        response.writeHead(page.status, { 'content-type': 'text/html; charset=utf-8' });
        response.end(page.html);
        return;
      }
      void this.answer(request).then(({ status, body, headers }) => {
        response.writeHead(status, { 'content-type': 'application/json', ...headers });
        response.end(JSON.stringify(body));
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/api`;
    return this;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server?.close(() => resolve()));
  }

  /** A token for a new account, its status set as given. */
  addAccount(options: { token: string; teamName?: string; status?: Partial<Account['status']> }): void {
    this.accounts.set(options.token, {
      teamId: 'T0001',
      teamName: options.teamName ?? 'Calm Co',
      userId: `U${this.accounts.size + 1}`,
      status: { text: '', emoji: '', expiration: 0, ...options.status },
      dndUntil: null,
    });
  }

  addOauthCode(code: string, grant: { token: string; clientId: string; clientSecret: string }): void {
    this.codes.set(code, grant);
  }

  /** Slack's approval page (oauth/v2/authorize on the fake's host), for a browser to follow. */
  get authorizeUrl(): string {
    return this.url.replace(/\/api$/, '/oauth/v2/authorize');
  }

  /** The person signed in on the approval page: "Allow" grants this token to this client. */
  approveAs(token: string, client: { clientId: string; clientSecret: string }): void {
    this.approver = { token, ...client };
  }

  /** The token stops working, as when the person removes the app: token_revoked. */
  revoke(token: string): void {
    this.revoked.add(token);
  }

  /** The next `count` calls are answered 429 with Retry-After. */
  rateLimitNext(count: number, retryAfterSeconds = 1): void {
    this.rateLimited = count;
    this.retryAfterSeconds = retryAfterSeconds;
  }

  account(token: string): Account {
    const account = this.accounts.get(token);
    if (!account) throw new Error('no such account in the Slack fake');
    return account;
  }

  /** The person changes their own status in Slack. */
  setStatusByHand(token: string, text: string, emoji: string): void {
    this.account(token).status = { text, emoji, expiration: 0 };
  }

  /** Calls that changed something (status or DND), by method name. */
  writes(token?: string): SlackCall[] {
    return this.calls.filter(
      (c) =>
        ['users.profile.set', 'dnd.setSnooze', 'dnd.endSnooze'].includes(c.method) &&
        (token === undefined || c.token === token),
    );
  }

  private async answer(request: IncomingMessage) {
    const method = (request.url ?? '').replace(/^\/api\//, '').split('?')[0]!;
    const token = (request.headers.authorization ?? '').replace(/^Bearer /, '');
    const body = await readBody(request);
    this.calls.push({ method, token, body });
    if (this.rateLimited > 0) {
      this.rateLimited -= 1;
      return {
        status: 429,
        body: { ok: false, error: 'ratelimited' },
        headers: { 'retry-after': String(this.retryAfterSeconds) },
      };
    }
    if (method === 'oauth.v2.access') return { status: 200, body: this.exchange(body), headers: {} };
    if (this.revoked.has(token))
      return { status: 200, body: { ok: false, error: 'token_revoked' }, headers: {} };
    const account = this.accounts.get(token);
    if (!account) return { status: 200, body: { ok: false, error: 'invalid_auth' }, headers: {} };
    return { status: 200, body: this.run(method, account, body), headers: {} };
  }

  private run(method: string, account: Account, body: Record<string, unknown>): Record<string, unknown> {
    switch (method) {
      case 'auth.test':
        return { ok: true, team: account.teamName, team_id: account.teamId, user_id: account.userId };
      case 'users.profile.get':
        return {
          ok: true,
          profile: {
            status_text: account.status.text,
            status_emoji: account.status.emoji,
            status_expiration: account.status.expiration,
          },
        };
      case 'users.profile.set': {
        const profile = body.profile as Record<string, unknown>;
        account.status = {
          text: String(profile.status_text ?? ''),
          emoji: String(profile.status_emoji ?? ''),
          expiration: Number(profile.status_expiration ?? 0),
        };
        return { ok: true };
      }
      case 'dnd.setSnooze':
        account.dndUntil = Number(body.num_minutes);
        return { ok: true };
      case 'dnd.endSnooze':
        if (account.dndUntil === null) return { ok: false, error: 'snooze_not_active' };
        account.dndUntil = null;
        return { ok: true };
      default:
        return { ok: false, error: 'unknown_method' };
    }
  }

  private approvalPage(url: URL): { status: number; html: string } {
    const clientId = url.searchParams.get('client_id') ?? '';
    const redirectUri = url.searchParams.get('redirect_uri') ?? '';
    const state = url.searchParams.get('state') ?? '';
    if (!this.approver || this.approver.clientId !== clientId || !redirectUri.startsWith('http'))
      return { status: 400, html: '<!doctype html><title>Slack</title><p>invalid_client_id</p>' };
    const code = `code-${this.codes.size + 1}-${Math.random().toString(36).slice(2)}`;
    this.addOauthCode(code, this.approver);
    const back = (query: Record<string, string>) =>
      escapeHtml(`${redirectUri}${redirectUri.includes('?') ? '&' : '?'}${new URLSearchParams(query)}`);
    const scopes = escapeHtml(url.searchParams.get('user_scope') ?? '');
    return {
      status: 200,
      html: `<!doctype html><title>Slack</title><h1>Allow access to your Slack account?</h1><p>Scopes: ${scopes}</p><a href="${back({ code, state })}">Allow</a> <a href="${back({ error: 'access_denied', state })}">Cancel</a>`,
    };
  }

  private exchange(body: Record<string, unknown>): Record<string, unknown> {
    const grant = this.codes.get(String(body.code ?? ''));
    if (!grant) return { ok: false, error: 'invalid_code' };
    if (grant.clientId !== body.client_id || grant.clientSecret !== body.client_secret)
      return { ok: false, error: 'invalid_client_id' };
    this.codes.delete(String(body.code));
    return { ok: true, authed_user: { id: 'U1', scope: 'users.profile:read', access_token: grant.token } };
  }
}

function escapeHtml(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('"', '&quot;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;');
}

async function readBody(request: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  if (text === '') return {};
  if ((request.headers['content-type'] ?? '').includes('json'))
    return JSON.parse(text) as Record<string, unknown>;
  return Object.fromEntries(new URLSearchParams(text));
}

/** A started fake; stop it in afterAll. */
export function startSlackFake(): Promise<SlackFake> {
  return new SlackFake().start();
}
