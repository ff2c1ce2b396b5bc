// What the accounts store says now about the people holding sockets in a
// room: which of their sessions are still live and what role each has in the
// project. The room asks on its alarm, so a revocation whose push was lost
// (a failed call, an upgrade that raced a logout, a session that simply
// expired) still closes the socket within a minute.
import { and, eq, gt, inArray, isNull } from "drizzle-orm";
import { members, sessions } from "../db/schema";
import type { Role } from "../domain/api";
import type { Db } from "../env";
import { liveLinkIds } from "../review-links";

export interface AccessNow {
  liveSessions: Set<string>;
  roles: Map<string, Role>;
}

/** D1 takes at most 100 bound parameters per statement; leave room for the others. */
const CHUNK = 90;

function chunks<T>(items: T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += CHUNK) out.push(items.slice(i, i + CHUNK));
  return out;
}

export async function accessNow(db: Db, projectId: string, sessionIds: string[], userIds: string[], now = new Date()): Promise<AccessNow> {
  const liveSessions = new Set<string>();
  const roles = new Map<string, Role>();
  for (const ids of chunks([...new Set(sessionIds)])) {
    const rows = await db
      .select({ id: sessions.id })
      .from(sessions)
      .where(and(inArray(sessions.id, ids), isNull(sessions.revokedAt), gt(sessions.expiresAt, now.toISOString())))
      .all();
    for (const r of rows) liveSessions.add(r.id);
  }
  for (const ids of chunks([...new Set(userIds)])) {
    const rows = await db
      .select({ userId: members.userId, role: members.role })
      .from(members)
      .where(and(eq(members.projectId, projectId), inArray(members.userId, ids)))
      .all();
    for (const r of rows) roles.set(r.userId, r.role);
  }
  return { liveSessions, roles };
}

/**
 * What a room does on its alarm: asks the accounts store about every held
 * session and review link, and applies the answer.
 */
export async function recheckRoom(
  room: {
    heldSessions(): { sessionIds: string[]; userIds: string[] };
    applyAccess(now: AccessNow): number;
    heldLinks(): string[];
    applyLinks(live: Set<string>): number;
  },
  db: Db,
  projectId: string,
): Promise<void> {
  const held = room.heldSessions();
  const links = room.heldLinks();
  try {
    if (held.sessionIds.length > 0) room.applyAccess(await accessNow(db, projectId, held.sessionIds, held.userIds));
    if (links.length > 0) room.applyLinks(await liveLinkIds(db, links));
  } catch (err) {
    // The next alarm tries again; a socket is never let through because the check failed.
    console.error(JSON.stringify({ at: "room", what: "access check", error: String(err) }));
  }
}
