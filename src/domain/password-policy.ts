/**
 * Password rules after NIST SP 800-63B: length matters, composition rules do not, and the most
 * common passwords are refused.
 */
export const PASSWORD_MIN_LENGTH = 8;
export const PASSWORD_ADVISED_LENGTH = 15;
export const PASSWORD_MAX_LENGTH = 128;

const COMMON_PASSWORDS = new Set(
  `123456 123456789 12345678 password qwerty123 qwerty 1234567890 1234567 111111 123123 abc123 password1
  iloveyou 000000 1q2w3e4r qwertyuiop 123321 654321 666666 987654321 123qwe 7777777 1qaz2wsx 121212
  dragon monkey letmein football baseball welcome admin login master sunshine princess shadow superman
  trustno1 passw0rd password123 qwerty12 11111111 12341234 88888888 87654321 00000000 asdfghjk
  asdfasdf zxcvbnm1 qazwsxedc 1q2w3e4r5t q1w2e3r4 abcd1234 aa123456 p@ssw0rd p@ssword welcome1
  letmein1 changeme iloveyou1 football1 michael1 charlie1 jennifer jordan23 hunter22 starwars
  whatever computer internet corvette mercedes ferrari freedom1 princess1 sunshine1 superman1
  123456789a a1234567 qwer1234 1234qwer asdf1234 zaq12wsx !qaz2wsx q1w2e3r4t5 administrator
  deepsheet deepsheet1 password! password1! Password1 Password123 Qwerty123 Welcome1 Welcome123`
    .split(/\s+/)
    .filter(Boolean)
    .map((p) => p.toLowerCase()),
);

/** Returns a person-readable problem with the password, or null when it is acceptable. */
export function passwordProblem(password: string, email?: string): string | null {
  const length = [...password].length;
  if (length < PASSWORD_MIN_LENGTH) return `Use at least ${PASSWORD_MIN_LENGTH} characters.`;
  if (length > PASSWORD_MAX_LENGTH) return `Use at most ${PASSWORD_MAX_LENGTH} characters.`;
  const lower = password.toLowerCase();
  if (COMMON_PASSWORDS.has(lower)) return 'This password is too common. Try a short sentence instead.';
  if (/^(.)\1+$/.test(password)) return 'This password is too easy to guess.';
  if (email && lower === email.toLowerCase()) return 'Your password should not be your email address.';
  return null;
}
