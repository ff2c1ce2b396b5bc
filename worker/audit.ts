// The audit trail: one append-only row per audited action or denied access.
// Written inline (not in waitUntil) so an answered request is always on record.
import type { Context } from "hono";
import { audit } from "./db/schema";
import type { AppEnv } from "./env";

export type Verdict = "allowed" | "denied" | "failed";

export interface AuditEntry {
  action: string;
  target: string;
  verdict: Verdict;
  projectId?: string | null;
  /** Defaults to the signed-in user's id, else "anonymous". */
  actor?: string;
  details?: Record<string, unknown>;
}

export async function recordAudit(c: Context<AppEnv>, entry: AuditEntry): Promise<void> {
  await c.var.db.insert(audit).values({
    actor: entry.actor ?? c.var.user?.id ?? "anonymous",
    action: entry.action,
    target: entry.target,
    projectId: entry.projectId ?? null,
    verdict: entry.verdict,
    requestId: c.var.requestId,
    details: entry.details ?? null,
  });
  c.set("audited", true);
}
