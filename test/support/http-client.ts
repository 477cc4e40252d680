import type { Hono } from 'hono';

type Fetchable = Pick<Hono, 'request'>;

let browsers = 0;
/** Each test browser gets its own client address, so per-IP limits do not leak between tests. */
function nextIp(): string {
  browsers += 1;
  return `198.18.${(process.pid + browsers) % 250}.${browsers % 250}`;
}

/**
 * A tiny browser for in-process tests: keeps cookies, reads the CSRF token from each page's meta
 * tag, and submits forms as a browser would (same-origin Fetch-Metadata).
 */
export class TestBrowser {
  readonly cookies = new Map<string, string>();
  csrfToken = '';
  /** Sent with every request unless one names its own. */
  userAgent = 'Mozilla/5.0 (X11; Linux x86_64) Chrome/156.0 Safari/537.36';

  constructor(
    private readonly app: Fetchable,
    readonly ip = nextIp(),
    readonly origin = 'http://localhost',
  ) {}

  cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  private remember(response: Response): void {
    for (const line of response.headers.getSetCookie()) {
      const [pair, ...attributes] = line.split(';');
      const [name, ...rest] = pair!.split('=');
      const value = rest.join('=');
      const expired = attributes.some(
        (a) => /max-age=0/i.test(a.trim()) || /expires=Thu, 01 Jan 1970/i.test(a.trim()),
      );
      if (expired || value === '') this.cookies.delete(name!.trim());
      else this.cookies.set(name!.trim(), value);
    }
  }

  async request(path: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    if (this.cookies.size > 0 && !headers.has('cookie')) headers.set('cookie', this.cookieHeader());
    headers.set('x-test-client-ip', this.ip);
    if (!headers.has('user-agent')) headers.set('user-agent', this.userAgent);
    const response = await this.app.request(`${this.origin}${path}`, { ...init, headers });
    this.remember(response);
    return response;
  }

  async get(path: string): Promise<Response> {
    const response = await this.request(path, { headers: { 'sec-fetch-site': 'same-origin' } });
    const type = response.headers.get('content-type') ?? '';
    if (type.includes('text/html')) {
      const html = await response.clone().text();
      const match = html.match(/<meta name="csrf-token" content="([^"]+)"/);
      if (match) this.csrfToken = match[1]!;
    }
    return response;
  }

  /** Posts a form with this page's CSRF token, as the browser would from our own page. */
  async submit(
    path: string,
    fields: Record<string, string>,
    options: { csrf?: string | null } = {},
  ): Promise<Response> {
    if (!this.csrfToken) await this.get('/login');
    const body = new URLSearchParams(fields);
    const token = options.csrf === undefined ? this.csrfToken : options.csrf;
    if (token !== null) body.set('_csrf', token);
    const response = await this.request(path, {
      method: 'POST',
      body,
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        origin: this.origin,
        'sec-fetch-site': 'same-origin',
      },
    });
    if ((response.headers.get('content-type') ?? '').includes('text/html')) {
      const html = await response.clone().text();
      const match = html.match(/<meta name="csrf-token" content="([^"]+)"/);
      if (match) this.csrfToken = match[1]!;
    }
    return response;
  }

  /** Signs up and stays signed in. */
  async signUp(
    email: string,
    password = 'a calm and long passphrase',
    timeZone = 'Europe/Berlin',
  ): Promise<Response> {
    await this.get('/signup');
    const response = await this.submit('/signup', { email, password, timeZone });
    await this.get('/');
    return response;
  }

  async logIn(email: string, password = 'a calm and long passphrase', remember = true): Promise<Response> {
    await this.get('/login');
    const response = await this.submit('/login', {
      email,
      password,
      ...(remember ? { remember: 'on' } : {}),
    });
    await this.get('/');
    return response;
  }
}
