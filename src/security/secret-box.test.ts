import { describe, expect, it } from 'vitest';
import { createSecretBox } from './secret-box.ts';

describe('secret box', () => {
  const box = createSecretBox('a server secret of enough length', 'integration-token');

  it('reads back what it sealed, and the sealed text shows nothing of it', () => {
    const sealed = box.seal('ghp_live_token_123');
    expect(sealed).toMatch(/^v1\./);
    expect(sealed).not.toContain('ghp_live');
    expect(box.open(sealed)).toBe('ghp_live_token_123');
  });

  it('seals the same text differently each time', () => {
    expect(box.seal('same')).not.toBe(box.seal('same'));
  });

  it('refuses text sealed for another purpose, under another secret, or changed', () => {
    const sealed = box.seal('token');
    expect(() =>
      createSecretBox('a server secret of enough length', 'webhook-secret').open(sealed),
    ).toThrow();
    expect(() => createSecretBox('another secret entirely', 'integration-token').open(sealed)).toThrow();
    // Change one character well inside the ciphertext (the last one may hold only padding bits).
    const at = sealed.length - 2;
    const flipped = `${sealed.slice(0, at)}${sealed[at] === 'A' ? 'B' : 'A'}${sealed.slice(at + 1)}`;
    expect(() => box.open(flipped)).toThrow();
    expect(() => box.open('plain text')).toThrow();
  });
});
