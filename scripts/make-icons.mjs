// Draws the app icons (a calm teal tile with a white clock ring and hand) as PNGs, so the PWA
// needs no design tool. Run once when the icon changes: node scripts/make-icons.mjs
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';

const TEAL = [15, 118, 110];
const WHITE = [255, 255, 255];

function crc32(buf) {
  let c = ~0;
  for (const byte of buf) {
    c ^= byte;
    for (let k = 0; k < 8; k++) c = (c >>> 1) ^ (0xedb88320 & -(c & 1));
  }
  return ~c >>> 0;
}

function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

function png(size, pixel) {
  const raw = Buffer.alloc((size * 3 + 1) * size);
  for (let y = 0; y < size; y++) {
    raw[y * (size * 3 + 1)] = 0;
    for (let x = 0; x < size; x++) raw.set(pixel(x, y), y * (size * 3 + 1) + 1 + x * 3);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8;
  header[9] = 2;
  return Buffer.concat([
    Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** `scale` shrinks the drawing into the maskable safe zone (the inner 80%). */
function icon(size, scale) {
  const c = size / 2;
  const ring = size * 0.3 * scale;
  const width = size * 0.06 * scale;
  return png(size, (x, y) => {
    const dx = x + 0.5 - c;
    const dy = y + 0.5 - c;
    const r = Math.hypot(dx, dy);
    const onRing = Math.abs(r - ring) < width / 2;
    const onHand =
      (Math.abs(dx) < width / 2 && dy < 0 && dy > -ring * 0.7) ||
      (Math.abs(dy) < width / 2 && dx > 0 && dx < ring * 0.5);
    return onRing || onHand ? WHITE : TEAL;
  });
}

const dir = join(import.meta.dirname, '..', 'public', 'icons');
writeFileSync(join(dir, 'icon-192.png'), icon(192, 1));
writeFileSync(join(dir, 'icon-512.png'), icon(512, 1));
writeFileSync(join(dir, 'maskable-512.png'), icon(512, 0.8));
console.log('icons written to', dir);
