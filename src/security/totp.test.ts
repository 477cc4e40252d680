import { describe, expect, it } from 'vitest';
import {
  decodeBase32,
  encodeBase32,
  generateTotpSecret,
  hotp,
  otpauthUri,
  totpCodeAt,
  totpStepAt,
} from './totp.ts';

// The shared secret of both RFCs' test vectors: the ASCII digits "12345678901234567890".
const RFC_KEY = Buffer.from('12345678901234567890', 'ascii');
const RFC_SECRET = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';

describe('HOTP (RFC 4226 appendix D)', () => {
  const expected = [
    '755224',
    '287082',
    '359152',
    '969429',
    '338314',
    '254676',
    '287922',
    '162583',
    '399871',
    '520489',
  ];
  it.each(expected.map((code, counter) => [counter, code] as const))(
    'counter %i gives %s',
    (counter, code) => {
      expect(hotp(RFC_KEY, counter)).toBe(code);
    },
  );
});

describe('TOTP with SHA-1 (RFC 6238 appendix B)', () => {
  it.each([
    [59, '94287082'],
    [1111111109, '07081804'],
    [1111111111, '14050471'],
    [1234567890, '89005924'],
    [2000000000, '69279037'],
    [20000000000, '65353130'],
  ] as const)('at %i seconds the 8-digit code is %s', (seconds, code) => {
    const step = totpStepAt(new Date(seconds * 1000));
    expect(totpCodeAt(RFC_SECRET, step, 8)).toBe(code);
  });

  it('counts 30-second steps from the epoch', () => {
    expect(totpStepAt(new Date(0))).toBe(0);
    expect(totpStepAt(new Date(29_999))).toBe(0);
    expect(totpStepAt(new Date(30_000))).toBe(1);
    expect(totpStepAt(new Date('2026-04-06T09:00:00Z'))).toBe(59_182_200);
  });
});

describe('base32 (RFC 4648)', () => {
  it('encodes the RFC key as authenticator apps expect', () => {
    expect(encodeBase32(RFC_KEY)).toBe(RFC_SECRET);
  });

  it.each([
    ['', ''],
    ['f', 'MY'],
    ['fo', 'MZXQ'],
    ['foo', 'MZXW6'],
    ['foob', 'MZXW6YQ'],
    ['fooba', 'MZXW6YTB'],
    ['foobar', 'MZXW6YTBOI'],
  ])('encodes %j as %s and back', (plain, encoded) => {
    expect(encodeBase32(Buffer.from(plain))).toBe(encoded);
    expect(decodeBase32(encoded).toString()).toBe(plain);
  });

  it('reads lower case, spaces and padding, and refuses other characters', () => {
    expect(decodeBase32('mzxw 6ytb oi======').toString()).toBe('foobar');
    expect(() => decodeBase32('MZXW1')).toThrow();
  });

  it('makes 160-bit secrets', () => {
    const secret = generateTotpSecret();
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(decodeBase32(secret)).toHaveLength(20);
    expect(generateTotpSecret()).not.toBe(secret);
  });
});

describe('otpauth link', () => {
  it('names the issuer and account and carries the secret', () => {
    const uri = otpauthUri({ issuer: 'Deepsheet', account: 'ada@example.test', secret: RFC_SECRET });
    expect(uri).toBe(
      `otpauth://totp/Deepsheet:ada%40example.test?secret=${RFC_SECRET}&issuer=Deepsheet&algorithm=SHA1&digits=6&period=30`,
    );
  });
});
