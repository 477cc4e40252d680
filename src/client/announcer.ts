/**
 * Speaks through the layout's polite live region (#announcer). The countdown itself is a
 * role=timer that is deliberately not live, so only these few sentences are read out.
 */
export function announce(message: string): void {
  const region = document.getElementById('announcer');
  if (!region) return;
  // Clearing first makes a repeated sentence count as a change, so it is read again.
  region.textContent = '';
  // A timeout rather than requestAnimationFrame: frames stop in a background tab.
  setTimeout(() => {
    region.textContent = message;
  }, 60);
}
