import { describe, expect, it } from 'vitest';
import {
  isPasskeyEnoughAlone,
  judgeSignCounter,
  PASSKEY_NAME_MAX,
  parsePasskeyName,
  relyingPartyOf,
} from './passkey-rules.ts';

describe('relyingPartyOf', () => {
  it.each([
    ['https://deepsheet.example.com', 'deepsheet.example.com', 'https://deepsheet.example.com'],
    ['https://deepsheet.example.com:8443', 'deepsheet.example.com', 'https://deepsheet.example.com:8443'],
    ['http://localhost:3000', 'localhost', 'http://localhost:3000'],
  ])('takes the RP ID and origin of APP_URL %s', (appUrl, id, origin) => {
    expect(relyingPartyOf(appUrl, 3000)).toEqual({ id, origin, name: 'Deepsheet' });
  });

  it('falls back to localhost and the port without APP_URL', () => {
    expect(relyingPartyOf(undefined, 4123)).toMatchObject({
      id: 'localhost',
      origin: 'http://localhost:4123',
    });
  });
});

describe('judgeSignCounter', () => {
  it.each([
    [0, 0, 'accepted'],
    [0, 1, 'accepted'],
    [5, 6, 'accepted'],
    [5, 900, 'accepted'],
    [5, 5, 'cloned'],
    [5, 4, 'cloned'],
    [5, 0, 'cloned'],
  ] as const)('stored %i, received %i: %s', (stored, received, verdict) => {
    expect(judgeSignCounter(stored, received)).toBe(verdict);
  });
});

describe('parsePasskeyName', () => {
  it('trims and folds white space', () => {
    expect(parsePasskeyName('  Work   laptop \n')).toEqual({ ok: true, name: 'Work laptop' });
  });

  it('names a blank passkey "Passkey"', () => {
    expect(parsePasskeyName('   ')).toEqual({ ok: true, name: 'Passkey' });
    expect(parsePasskeyName(undefined)).toEqual({ ok: true, name: 'Passkey' });
  });

  it('refuses control characters, overlong names and non-strings', () => {
    expect(parsePasskeyName('a\u0000b').ok).toBe(false);
    expect(parsePasskeyName('x'.repeat(PASSKEY_NAME_MAX + 1)).ok).toBe(false);
    expect(parsePasskeyName('é'.repeat(PASSKEY_NAME_MAX))).toEqual({
      ok: true,
      name: 'é'.repeat(PASSKEY_NAME_MAX),
    });
    expect(parsePasskeyName(42).ok).toBe(false);
  });
});

describe('isPasskeyEnoughAlone', () => {
  it('needs the authenticator to have checked the person only when two-factor sign-in is on', () => {
    expect(isPasskeyEnoughAlone({ hasTwoFactor: false, userVerified: false })).toBe(true);
    expect(isPasskeyEnoughAlone({ hasTwoFactor: true, userVerified: true })).toBe(true);
    expect(isPasskeyEnoughAlone({ hasTwoFactor: true, userVerified: false })).toBe(false);
  });
});
