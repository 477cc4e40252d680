import { request } from 'node:http';

export type SignedIn = { cookie: string; csrfToken: string };

function cookiesOf(response: Response): Map<string, string> {
  const jar = new Map<string, string>();
  for (const line of response.headers.getSetCookie()) {
    const [pair] = line.split(';');
    const eq = pair!.indexOf('=');
    jar.set(pair!.slice(0, eq).trim(), pair!.slice(eq + 1).trim());
  }
  return jar;
}

const metaCsrf = (html: string) => /<meta name="csrf-token" content="([^"]+)"/.exec(html)?.[1];

/** Signs in over HTTP as a browser does: GET /login for the CSRF cookie and token, POST the form. */
export async function logIn(origin: string, email: string, password: string): Promise<SignedIn> {
  const page = await fetch(`${origin}/login`);
  const anon = cookiesOf(page).get('ds_csrf');
  const token = metaCsrf(await page.text());
  if (!anon || !token) throw new Error('GET /login gave no CSRF cookie or token');
  const response = await fetch(`${origin}/login`, {
    method: 'POST',
    redirect: 'manual',
    headers: {
      'Content-Type': 'application/x-www-form-urlencoded',
      Origin: origin,
      Cookie: `ds_csrf=${anon}`,
    },
    body: new URLSearchParams({ email, password, remember: 'on', _csrf: token }).toString(),
  });
  const session = cookiesOf(response).get('ds_session');
  if (response.status !== 303 || !session) {
    throw new Error(`POST /login answered ${response.status}: ${(await response.text()).slice(0, 300)}`);
  }
  const cookie = `ds_session=${session}`;
  const sheet = await fetch(`${origin}/`, { headers: { Cookie: cookie } });
  const csrfToken = metaCsrf(await sheet.text());
  if (sheet.status !== 200 || !csrfToken) throw new Error(`GET / answered ${sheet.status} after signing in`);
  return { cookie, csrfToken };
}

export async function apiJson<T>(
  origin: string,
  token: string,
  method: string,
  path: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: T }> {
  const response = await fetch(`${origin}/api/v1${path}`, {
    method,
    headers: { Authorization: `Bearer ${token}`, Accept: 'application/json', ...headers },
  });
  const text = await response.text();
  return { status: response.status, body: (text ? JSON.parse(text) : null) as T };
}

export type RawResponse = {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
};

/** A GET whose body is kept as sent (fetch would decompress it): for counting bytes on the wire. */
export function getRaw(url: string, headers: Record<string, string>): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = request(url, { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
      );
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}
