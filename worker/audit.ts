// The audit trail: one append-only row per audited action or denied access.
// Written inline (not in waitUntil) so an answered request is always on record.
// Denials of anonymous requests are the exception: anyone can send them by
// the thousand, so they are counted, one row per minute and kind, not
// written one row each (see countAnonymousDenial).
import { sql } from "drizzle-orm";
import type { Context } from "hono";
import { routePath } from "hono/route";
import { capDetails } from "./audit-limits";
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

/**
 * The only detail fields an action's rows may carry (CONTRACT 11), for the
 * actions listed here: anything else a caller passes is dropped before the
 * row is written, so a new field reaches the trail only by being named here.
 */
export const AUDIT_FIELDS: Readonly<Record<string, readonly string[]>> = {
  "picture.upload": ["frameId", "revisionId", "kind", "mime", "bytes", "width", "height"],
  "picture.strokes": ["frameId", "revisionId", "bytes"],
};

/** `details` with only the fields AUDIT_FIELDS allows for `action` (all of them for an action it does not list). */
export function allowedDetails(action: string, details: Record<string, unknown> | undefined): Record<string, unknown> | null {
  if (!details) return null;
  const allowed = AUDIT_FIELDS[action];
  if (!allowed) return details;
  return Object.fromEntries(Object.entries(details).filter(([k]) => allowed.includes(k)));
}

export async function recordAudit(c: Context<AppEnv>, entry: AuditEntry): Promise<void> {
  await c.var.db.insert(audit).values({
    actor: entry.actor ?? c.var.user?.id ?? "anonymous",
    action: entry.action,
    target: entry.target,
    projectId: entry.projectId ?? null,
    verdict: entry.verdict,
    requestId: c.var.requestId,
    details: capDetails(allowedDetails(entry.action, entry.details)),
  });
  c.set("audited", true);
}

const METHODS = new Set(["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]);

/**
 * What an anonymous denial was aimed at, from values the client cannot vary
 * at will: the method (unknown ones folded into OTHER) and the registered
 * route pattern that answered (`GET /api/v1/projects/:projectId`), never the
 * raw path, so a flood of made-up paths still lands in a handful of rows.
 */
export function denialTarget(c: Context<AppEnv>): string {
  const method = METHODS.has(c.req.method) ? c.req.method : "OTHER";
  let pattern = "";
  try {
    pattern = routePath(c, -1);
  } catch {
    // No route matched at all; the kind of denial is still counted.
  }
  return `${method} ${pattern || "(unrouted)"}`.slice(0, 200);
}

/**
 * Counts one denied anonymous request: the first in a minute for its
 * (action, target, code) inserts a row with details.count = 1, carrying the
 * first request's id; the rest of that minute add one to its count. The audit
 * view lists these rows like any other, with the total in details.count.
 */
export async function countAnonymousDenial(
  c: Context<AppEnv>,
  entry: { action: string; target: string; code: string; message: string },
  now = new Date(),
): Promise<void> {
  const minute = now.toISOString().slice(0, 16);
  await c.var.db
    .insert(audit)
    .values({
      actor: "anonymous",
      action: entry.action,
      target: entry.target,
      verdict: "denied",
      requestId: c.var.requestId,
      details: { code: entry.code, message: entry.message, count: 1, minute },
      bucket: `${minute}|${entry.action}|${entry.code}|${entry.target}`,
    })
    .onConflictDoUpdate({
      target: audit.bucket,
      set: { details: sql`json_set(${audit.details}, '$.count', json_extract(${audit.details}, '$.count') + 1)` },
    });
  c.set("audited", true);
}

/** The audit record of a request refused with 401 or 403: its own row when
 *  someone is signed in, a counted one when nobody is. */
export async function recordDenial(c: Context<AppEnv>, code: string, message: string): Promise<void> {
  if (c.var.user) {
    await recordAudit(c, { action: "access.denied", target: `${c.req.method} ${c.req.path}`, verdict: "denied", details: { code, message } });
  } else {
    await countAnonymousDenial(c, { action: "access.denied", target: denialTarget(c), code, message });
  }
}
