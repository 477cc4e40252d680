import { findSlackConnection } from '../../db/stores/slack-store.ts';
import type { Actor, ServiceDeps } from '../deps.ts';

/** What may be shown of a Slack connection: everything but the token. */
export type SlackConnectionView = {
  status: 'connected' | 'disconnected';
  teamName: string;
  disconnectedReason: string | null;
  disconnectedAt: Date | null;
  statusTemplate: string;
  statusEmoji: string;
  setDnd: boolean;
  isStatusApplied: boolean;
  connectedAt: Date;
};

/** The actor's Slack connection without its token, or null when they have none. */
export async function getSlackConnection(
  deps: ServiceDeps,
  actor: Actor,
): Promise<SlackConnectionView | null> {
  const row = await findSlackConnection(deps.db, actor.id);
  if (!row) return null;
  return {
    status: row.status,
    teamName: row.teamName,
    disconnectedReason: row.disconnectedReason,
    disconnectedAt: row.disconnectedAt,
    statusTemplate: row.statusTemplate,
    statusEmoji: row.statusEmoji,
    setDnd: row.setDnd,
    isStatusApplied: row.isApplied,
    connectedAt: row.createdAt,
  };
}
