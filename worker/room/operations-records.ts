// The room's operations records in D1 (audit rows, agent runs, open
// sockets), as Room hooks: written in the background after the reply went
// out, so a slow or failing D1 never holds up a message.
import type { DrizzleD1Database } from "drizzle-orm/d1";
import { capDetails } from "../audit-limits";
import * as schema from "../db/schema";
import type { RunStatus } from "../domain/chat";
import type { AuditEntry, RoomHooks } from "./room";

type Ids = { projectId: string; episodeId: string };

export function operationsRecords(db: DrizzleD1Database<typeof schema>, ids: () => Ids | null, waitUntil: (p: Promise<unknown>) => void): RoomHooks {
  const background = (what: string, p: Promise<unknown>) =>
    waitUntil(p.catch((err) => console.error(JSON.stringify({ at: "room", what, error: String(err) }))));
  return {
    runStatus(runId: string, status: RunStatus) {
      const where = ids();
      if (!where) return;
      const now = new Date().toISOString();
      const ended = status === "completed" || status === "stopped" || status === "failed";
      background(
        "agent_runs",
        db
          .insert(schema.agentRuns)
          .values({ id: runId, ...where, status, startedAt: now, endedAt: ended ? now : null })
          .onConflictDoUpdate({ target: schema.agentRuns.id, set: { status, ...(ended ? { endedAt: now } : {}) } }),
      );
    },
    sockets(open: number) {
      const where = ids();
      if (!where) return;
      const updatedAt = new Date().toISOString();
      background(
        "room_stats",
        db
          .insert(schema.roomStats)
          .values({ ...where, openSockets: open, updatedAt })
          .onConflictDoUpdate({ target: schema.roomStats.episodeId, set: { openSockets: open, updatedAt } }),
      );
    },
    /** Audit rows for what people do in the room (undo, rewind, agent runs, refusals). */
    audit(e: AuditEntry) {
      const where = ids();
      background(
        "audit",
        db.insert(schema.audit).values({
          actor: e.actor,
          action: e.action,
          target: `episode:${where?.episodeId}`,
          projectId: where?.projectId,
          verdict: e.verdict,
          requestId: e.requestId.slice(0, 100),
          details: capDetails(e.details),
        }),
      );
    },
    error: (what, err) => console.error(JSON.stringify({ at: "room", what, error: String(err) })),
  };
}
