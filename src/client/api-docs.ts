// The "Send" forms of the API reference page (/api/docs): build the request from the form, call
// it with the session cookie (and CSRF token) or a pasted bearer token, and show the answer.

function csrfToken(): string {
  return document.querySelector<HTMLMetaElement>('meta[name="csrf-token"]')?.content ?? '';
}

async function send(form: HTMLFormElement): Promise<void> {
  const output = form.querySelector<HTMLElement>('[data-api-result]');
  let path = form.dataset.path ?? '';
  const query = new URLSearchParams();
  for (const input of form.querySelectorAll<HTMLInputElement>('input[data-in]')) {
    if (input.dataset.in === 'path') path = path.replace(`{${input.name}}`, encodeURIComponent(input.value));
    else if (input.value !== '') query.set(input.name, input.value);
  }
  const headers: Record<string, string> = { accept: 'application/json' };
  const token = document.querySelector<HTMLInputElement>('[data-api-token]')?.value.trim();
  if (token) headers.authorization = `Bearer ${token}`;
  else headers['x-csrf-token'] = csrfToken();
  const body = form.querySelector<HTMLTextAreaElement>('textarea[name="body"]')?.value.trim();
  if (body) headers['content-type'] = 'application/json';
  const url = `${path}${query.size > 0 ? `?${query}` : ''}`;
  if (output) output.textContent = `${form.dataset.method} ${url} …`;
  try {
    const response = await fetch(url, {
      method: form.dataset.method ?? 'GET',
      headers,
      body: body || undefined,
      credentials: 'same-origin',
    });
    const text = response.headers.get('content-type')?.includes('event-stream')
      ? '(an event stream; open it with EventSource)'
      : await response.text();
    let pretty = text;
    try {
      pretty = JSON.stringify(JSON.parse(text), null, 2);
    } catch {
      // not JSON: show as it came
    }
    if (output) output.textContent = `${response.status} ${response.statusText}\n${pretty}`;
  } catch (error) {
    if (output) output.textContent = `The request failed: ${(error as Error).message}`;
  }
}

export function enableApiDocs(): void {
  document.addEventListener('submit', (event) => {
    const form = event.target;
    if (!(form instanceof HTMLFormElement) || !form.hasAttribute('data-api-try')) return;
    event.preventDefault();
    void send(form);
  });
}
