import { eq } from 'drizzle-orm';
import webPush from 'web-push';
import type { Config, VapidKeys } from '../../config.ts';
import type { Db } from '../../db/client.ts';
import { appSecrets } from '../../db/schema/index.ts';
import type { ServiceDeps } from '../deps.ts';

const SECRET_NAME = 'vapid-keys';
const cache = new WeakMap<object, Promise<VapidKeys>>();

/**
 * The VAPID key pair push services know this server by. The environment's, when set; otherwise a
 * pair generated once and kept, since a new pair would make every push service refuse (403) the
 * devices subscribed with the old one. It is a row of app_secrets, which every instance reads back
 * after trying to create it, and which a backup carries: a file in DATA_DIR would differ per
 * instance and be lost by a restore, and every device would then be refused.
 */
export function vapidKeysOf(deps: Pick<ServiceDeps, 'config' | 'db' | 'clock'>): Promise<VapidKeys> {
  if (deps.config.vapid) return Promise.resolve(deps.config.vapid);
  let keys = cache.get(deps.db);
  if (!keys) {
    keys = keysFromDatabase(deps.db, subjectOf(deps.config), deps.clock.now());
    keys.catch(() => cache.delete(deps.db));
    cache.set(deps.db, keys);
  }
  return keys;
}

/** Who push services may contact about this server: APP_URL when it is https, else MAIL_FROM's address. */
export function subjectOf(config: Pick<Config, 'appUrl' | 'mailFrom'>): string {
  if (config.appUrl?.startsWith('https://')) return config.appUrl;
  const address = /<([^>]+)>/.exec(config.mailFrom)?.[1] ?? config.mailFrom.trim();
  return `mailto:${address}`;
}

type KeyPair = { publicKey: string; privateKey: string };

function parsePair(text: string): KeyPair {
  const value = JSON.parse(text) as Partial<KeyPair>;
  if (typeof value.publicKey !== 'string' || typeof value.privateKey !== 'string')
    throw new Error('Deepsheet: the stored VAPID key pair is damaged');
  return { publicKey: value.publicKey, privateKey: value.privateKey };
}

function newPair(): string {
  const { publicKey, privateKey } = webPush.generateVAPIDKeys();
  return `${JSON.stringify({ publicKey, privateKey })}\n`;
}

/** The pair in app_secrets: the first instance's insert wins, every instance reads that one back. */
export async function keysFromDatabase(db: Db, subject: string, now: Date): Promise<VapidKeys> {
  await db
    .insert(appSecrets)
    .values({ name: SECRET_NAME, value: newPair(), createdAt: now })
    .onConflictDoNothing();
  const [row] = await db.select().from(appSecrets).where(eq(appSecrets.name, SECRET_NAME));
  if (!row) throw new Error('Deepsheet: the VAPID key pair could not be stored');
  return { ...parsePair(row.value), subject };
}
