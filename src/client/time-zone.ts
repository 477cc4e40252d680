/** Sign-up pre-fills the person's time zone from the browser; the server validates it. */
export function fillBrowserTimeZone(root: ParentNode): void {
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  if (!zone) return;
  for (const input of root.querySelectorAll<HTMLInputElement>('input[data-browser-time-zone]')) {
    input.value = zone;
  }
}
