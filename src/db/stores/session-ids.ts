import { createHash } from 'node:crypto';
import { addDays, type LocalDate, parseLocalDate } from '../../domain/local-date.ts';
import { isSlotNumber, type SlotNumber } from '../../domain/sheet.ts';

/**
 * A session's id exists before its row does (an untouched day is not stored), so it is derived:
 * a UUID (version 8) holding the day and slot in clear, plus a hash bound to the owner. Another
 * person's id fails the hash check and is simply not found.
 */
const EPOCH = '1970-01-01';

function dayNumber(date: LocalDate): number {
  return Math.round((Date.parse(`${date}T00:00:00Z`) - Date.parse(`${EPOCH}T00:00:00Z`)) / 86_400_000);
}

function ownerHash(userId: string, date: LocalDate, slot: SlotNumber): Buffer {
  return createHash('sha256').update(`deepsheet-session:${userId}:${date}:${slot}`).digest();
}

export function sessionIdFor(userId: string, date: LocalDate, slot: SlotNumber): string {
  const bytes = Buffer.alloc(16);
  bytes.writeUIntBE(dayNumber(date), 0, 3);
  bytes[3] = slot;
  ownerHash(userId, date, slot).copy(bytes, 4, 0, 12);
  bytes[6] = (bytes[6]! & 0x0f) | 0x80; // version 8
  bytes[8] = (bytes[8]! & 0x3f) | 0x80; // RFC 4122 variant
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** The day and slot an id names, or null when it is malformed or not this person's. */
export function parseSessionId(userId: string, id: string): { date: LocalDate; slot: SlotNumber } | null {
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/.test(id)) return null;
  const bytes = Buffer.from(id.replace(/-/g, ''), 'hex');
  const slot = bytes[3];
  if (!isSlotNumber(slot)) return null;
  const date = parseLocalDate(addDays(EPOCH, bytes.readUIntBE(0, 3)));
  if (!date) return null;
  return sessionIdFor(userId, date, slot) === id ? { date, slot } : null;
}
