/**
 * A short, human name for a user agent string ("Chrome on Linux"), for lists of signed-in devices
 * and push subscriptions. Order matters: Edge and Chrome on iOS also say "Safari", Edge says
 * "Chrome", and Android says "Linux".
 */
export function describeAgent(userAgent: string): string {
  if (!userAgent) return 'Unknown device';
  return `${browserOf(userAgent)} on ${systemOf(userAgent)}`;
}

function browserOf(userAgent: string): string {
  if (/Edg(e|A|iOS)?\//.test(userAgent)) return 'Edge';
  if (/Firefox\/|FxiOS\//.test(userAgent)) return 'Firefox';
  if (/Chrom(e|ium)\/|CriOS\//.test(userAgent)) return 'Chrome';
  if (/Safari\//.test(userAgent)) return 'Safari';
  return 'Browser';
}

function systemOf(userAgent: string): string {
  if (/Android/.test(userAgent)) return 'Android';
  if (/iPhone|iPad|iPod/.test(userAgent)) return 'iOS';
  if (/Mac OS X|Macintosh/.test(userAgent)) return 'macOS';
  if (/Windows/.test(userAgent)) return 'Windows';
  if (/CrOS/.test(userAgent)) return 'ChromeOS';
  if (/Linux/.test(userAgent)) return 'Linux';
  return 'another system';
}
