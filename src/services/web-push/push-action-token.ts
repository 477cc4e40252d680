import { hmac, safeEqual } from '../../security/secure-token.ts';

/**
 * The token a time's-up push carries so the notification's buttons can act without opening the
 * page. Derived (HMAC with the server's secret), never stored: it names one subscription and one
 * session, so a token read off one device acts on nothing else. It travels encrypted end to end
 * (RFC 8291) and is checked together with the device's own sign-in cookie.
 */
export function pushActionToken(secret: string, subscriptionId: string, sessionId: string): string {
  return hmac(secret, `deepsheet-push-action:${subscriptionId}:${sessionId}`);
}

export function isPushActionToken(
  secret: string,
  subscriptionId: string,
  sessionId: string,
  token: string,
): boolean {
  return safeEqual(token, pushActionToken(secret, subscriptionId, sessionId));
}
