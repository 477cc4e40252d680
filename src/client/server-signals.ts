// Signals the server sends with htmx answers (HX-Trigger): a calm notice to show, or a hint that
// the sheet on screen may be stale after a refused action.

function showNotice(message: string): void {
  const flash = document.getElementById('flash');
  if (!flash) return;
  const note = document.createElement('p');
  note.className = 'alert-info';
  note.setAttribute('role', 'status');
  note.textContent = message;
  flash.replaceChildren(note);
}

export function followServerSignals(refresh: () => void): void {
  document.body.addEventListener('deepsheet:notice', (event) => {
    const detail = (event as CustomEvent<unknown>).detail;
    const message = typeof detail === 'string' ? detail : (detail as { value?: unknown } | null)?.value;
    if (typeof message === 'string') showNotice(message);
  });
  document.body.addEventListener('deepsheet:refresh', () => refresh());
}
