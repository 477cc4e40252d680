/** What an issue tracker's answer says about its rate limit: wait until then, or carry on. */
export type RateLimitHeaders = { get(name: string): string | null };

const DEFAULT_WAIT_SECONDS = 60;

/**
 * When a refused request may be tried again, or null when the answer is no rate limit. Secondary
 * limits (403 or 429 with Retry-After) say how long to wait; a primary limit says when the window
 * resets (GitHub's x-ratelimit-reset, GitLab's RateLimit-Reset, both in epoch seconds).
 */
export function rateLimitedUntil(status: number, headers: RateLimitHeaders, now: Date): Date | null {
  if (status !== 403 && status !== 429) return null;
  const retryAfter = headers.get('retry-after');
  if (retryAfter !== null) {
    const seconds = Number(retryAfter);
    if (Number.isFinite(seconds) && seconds >= 0) return new Date(now.getTime() + Math.ceil(seconds) * 1000);
    const at = Date.parse(retryAfter);
    if (Number.isFinite(at)) return new Date(Math.max(at, now.getTime()));
  }
  const remaining = headers.get('x-ratelimit-remaining') ?? headers.get('ratelimit-remaining');
  const reset = Number(headers.get('x-ratelimit-reset') ?? headers.get('ratelimit-reset'));
  if (remaining === '0' && Number.isFinite(reset) && reset > 0) {
    return new Date(Math.max(reset * 1000, now.getTime()));
  }
  // A 403 without limit headers is a refusal (no access), not a limit; a bare 429 is a limit.
  return status === 429 ? new Date(now.getTime() + DEFAULT_WAIT_SECONDS * 1000) : null;
}
