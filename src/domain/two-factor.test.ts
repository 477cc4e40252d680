import { describe, expect, it } from 'vitest';
import { formatRecoveryCode, judgeTotpCode, parseSecondFactorInput, windowSteps } from './two-factor.ts';

describe('the TOTP window', () => {
  it('is the current step and one either side', () => {
    expect(windowSteps(100)).toEqual([99, 100, 101]);
  });
});

describe('judging a code', () => {
  it.each([
    ['no match is wrong', [], null, { kind: 'wrong' }],
    ['a first code is accepted', [100], null, { kind: 'accepted', step: 100 }],
    ['a later step is accepted', [101], 100, { kind: 'accepted', step: 101 }],
    ['the same step again is a replay', [100], 100, { kind: 'replayed' }],
    ['an older step after a newer one is a replay', [99], 100, { kind: 'replayed' }],
    ['of several fresh matches the latest is taken', [99, 101], 98, { kind: 'accepted', step: 101 }],
    ['a stale and a fresh match take the fresh one', [99, 101], 100, { kind: 'accepted', step: 101 }],
  ] as const)('%s', (_name, matched, last, verdict) => {
    expect(judgeTotpCode(matched, last)).toEqual(verdict);
  });
});

describe('reading a typed second factor', () => {
  it.each([
    ['123456', { kind: 'totp', code: '123456' }],
    [' 123 456 ', { kind: 'totp', code: '123456' }],
    ['abcd-efgh-ijkl-mnop', { kind: 'recovery', code: 'abcdefghijklmnop' }],
    ['ABCD EFGH IJKL MNO2', { kind: 'recovery', code: 'abcdefghijklmno2' }],
    ['12345', null],
    ['1234567', null],
    ['abcd-efgh-ijkl-mno1', null],
    ['abcd-efgh-ijkl', null],
    ['', null],
    [42, null],
    ['x'.repeat(100), null],
  ] as const)('%j', (raw, parsed) => {
    expect(parseSecondFactorInput(raw)).toEqual(parsed);
  });

  it('shows recovery codes in four groups of four', () => {
    expect(formatRecoveryCode('abcdefghijklmnop')).toBe('abcd-efgh-ijkl-mnop');
  });
});
