import { isIP } from 'node:net';

// Which addresses an outbound request (webhooks, self-hosted issue trackers) must never reach
// unless an operator allows private ones: anything that is not the public internet. Pure.

export type AddressKind =
  | 'public'
  | 'loopback'
  | 'private'
  | 'link-local'
  | 'metadata'
  | 'unspecified'
  | 'multicast'
  | 'reserved'
  | 'invalid';

type V4Range = { base: number; bits: number; kind: AddressKind };

const v4 = (text: string): number => text.split('.').reduce((n, part) => n * 256 + Number(part), 0);

// The metadata address comes before the link-local range it sits in, so it is named for what it is.
const V4_RANGES: readonly V4Range[] = [
  { base: v4('169.254.169.254'), bits: 32, kind: 'metadata' },
  { base: v4('0.0.0.0'), bits: 8, kind: 'unspecified' },
  { base: v4('127.0.0.0'), bits: 8, kind: 'loopback' },
  { base: v4('10.0.0.0'), bits: 8, kind: 'private' },
  { base: v4('172.16.0.0'), bits: 12, kind: 'private' },
  { base: v4('192.168.0.0'), bits: 16, kind: 'private' },
  { base: v4('100.64.0.0'), bits: 10, kind: 'private' },
  { base: v4('169.254.0.0'), bits: 16, kind: 'link-local' },
  { base: v4('192.0.0.0'), bits: 24, kind: 'reserved' },
  { base: v4('198.18.0.0'), bits: 15, kind: 'reserved' },
  { base: v4('224.0.0.0'), bits: 4, kind: 'multicast' },
  { base: v4('240.0.0.0'), bits: 4, kind: 'reserved' },
];

function kindOfV4(address: string): AddressKind {
  const n = v4(address);
  for (const range of V4_RANGES) {
    const size = 2 ** (32 - range.bits);
    if (n >= range.base && n < range.base + size) return range.kind;
  }
  return 'public';
}

/** The eight 16-bit groups of an IPv6 address (with `::` expanded and a dotted IPv4 tail converted). */
function groupsOfV6(address: string): number[] | undefined {
  let text = address.toLowerCase().split('%')[0]!;
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (dotted) {
    const n = v4(dotted[1]!);
    text = `${text.slice(0, -dotted[1]!.length)}${(n >>> 16).toString(16)}:${(n & 0xffff).toString(16)}`;
  }
  const [head, tail] = text.split('::') as [string, string | undefined];
  const parse = (part: string) => (part === '' ? [] : part.split(':').map((g) => Number.parseInt(g, 16)));
  const left = parse(head);
  const right = tail === undefined ? [] : parse(tail);
  const missing = 8 - left.length - right.length;
  if (missing < 0 || (tail === undefined && missing !== 0)) return undefined;
  return [...left, ...new Array<number>(missing).fill(0), ...right];
}

function kindOfV6(address: string): AddressKind {
  const g = groupsOfV6(address);
  if (!g || g.some((n) => Number.isNaN(n))) return 'invalid';
  const isZeroUpTo = (end: number) => g.slice(0, end).every((n) => n === 0);
  if (isZeroUpTo(8)) return 'unspecified';
  if (isZeroUpTo(7) && g[7] === 1) return 'loopback';
  // IPv4-mapped (::ffff:a.b.c.d) and the old IPv4-compatible form reach the IPv4 address.
  if (isZeroUpTo(5) && (g[5] === 0xffff || g[5] === 0)) {
    return kindOfV4(`${g[6]! >> 8}.${g[6]! & 0xff}.${g[7]! >> 8}.${g[7]! & 0xff}`);
  }
  if (g[0] === 0xfd00 && g[1] === 0x0ec2 && g.slice(2, 7).every((n) => n === 0) && g[7] === 0x254)
    return 'metadata';
  if ((g[0]! & 0xfe00) === 0xfc00) return 'private';
  if ((g[0]! & 0xffc0) === 0xfe80) return 'link-local';
  if ((g[0]! & 0xff00) === 0xff00) return 'multicast';
  return 'public';
}

/** What kind of address this is; 'invalid' for text that is not an IP address. */
export function addressKindOf(address: string): AddressKind {
  const family = isIP(address.split('%')[0]!);
  if (family === 4) return kindOfV4(address);
  if (family === 6) return kindOfV6(address);
  return 'invalid';
}

/** Whether a request may go to `address`: public ones always, the rest only when allowed. */
export function isAddressAllowed(address: string, allowPrivate: boolean): boolean {
  const kind = addressKindOf(address);
  if (kind === 'invalid') return false;
  return kind === 'public' || allowPrivate;
}
