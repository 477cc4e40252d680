import type { LookupAddress } from 'node:dns';
import { describe, expect, it, vi } from 'vitest';
import {
  assertOutboundUrl,
  guardedLookup,
  guardedRequest,
  OutboundRefused,
  type ResolveAll,
} from './guarded-fetch.ts';

// No test here sends a packet: names resolve through stubs, and every refused request is shown to
// fail before its socket connects (onConnect is never called).

const resolvingTo =
  (...addresses: string[]): ResolveAll =>
  async () =>
    addresses.map((address): LookupAddress => ({ address, family: address.includes(':') ? 6 : 4 }));

const strict = (resolve: ResolveAll) => ({ allowPrivate: false, resolve });

describe('assertOutboundUrl (at registration)', () => {
  it.each([
    ['https://127.0.0.1/hook', /loopback/],
    ['https://10.1.2.3/hook', /private/],
    ['https://169.254.169.254/latest/meta-data', /metadata/],
    ['https://[::ffff:127.0.0.1]/hook', /loopback/],
    ['https://[fd00:ec2::254]/hook', /metadata/],
    ['http://example.com/hook', /https/],
    ['https://user:pw@example.com/hook', /password/],
  ])('refuses %s', async (url, message) => {
    const resolve = vi.fn(resolvingTo('93.184.216.34'));
    await expect(assertOutboundUrl(url, strict(resolve))).rejects.toThrow(message);
  });

  it('refuses a name that resolves to loopback, or to any private address among several', async () => {
    await expect(
      assertOutboundUrl('https://inside.example/h', strict(resolvingTo('127.0.0.1'))),
    ).rejects.toThrow('inside.example points to a loopback address (127.0.0.1)');
    const mixed = resolvingTo('93.184.216.34', '10.0.0.7');
    await expect(assertOutboundUrl('https://mixed.example/h', strict(mixed))).rejects.toBeInstanceOf(
      OutboundRefused,
    );
  });

  it('accepts a name with public addresses only', async () => {
    const url = await assertOutboundUrl(
      'https://hooks.example/h',
      strict(resolvingTo('93.184.216.34', '2606:4700::1')),
    );
    expect(url.hostname).toBe('hooks.example');
  });

  it('lets loopback and plain http through when an operator allows private addresses', async () => {
    const url = await assertOutboundUrl('http://127.0.0.1:9/h', { allowPrivate: true });
    expect(url.port).toBe('9');
  });
});

describe('the connect-time guard', () => {
  it('refuses in the socket’s lookup, before any connection', async () => {
    const callback = vi.fn();
    guardedLookup(strict(resolvingTo('169.254.169.254')))('rebind.example', { all: false }, callback);
    await vi.waitFor(() => expect(callback).toHaveBeenCalled());
    expect(callback.mock.calls[0]![0]).toBeInstanceOf(OutboundRefused);
  });

  it.each([
    ['a name rebound to loopback', 'https://rebind.example/h', resolvingTo('127.0.0.1')],
    ['a name rebound to 10.x', 'https://rebind.example/h', resolvingTo('10.0.0.1')],
    ['a name rebound to the metadata address', 'https://rebind.example/h', resolvingTo('169.254.169.254')],
    ['a name rebound to an IPv4-mapped address', 'https://rebind.example/h', resolvingTo('::ffff:10.0.0.1')],
    ['the metadata address itself', 'https://169.254.169.254/latest', resolvingTo('93.184.216.34')],
    ['loopback itself', 'https://127.0.0.1/h', resolvingTo('93.184.216.34')],
  ])('never opens a socket to %s', async (_, url, resolve) => {
    const onConnect = vi.fn();
    const request = {
      url,
      method: 'POST' as const,
      body: '{}',
      timeoutMs: 1000,
      maxBodyBytes: 100,
      onConnect,
    };
    await expect(guardedRequest(request, strict(resolve))).rejects.toBeInstanceOf(OutboundRefused);
    expect(onConnect).not.toHaveBeenCalled();
  });
});
