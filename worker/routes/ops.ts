// Operations API: metrics (snapshot and SSE stream), the audit trail with
// exports, and provider circuit breakers. Instance admins (ADMIN_EMAILS)
// see everything; project owners see their own projects; everyone else is
// refused with 403.
import { and, count, desc, eq, gte, inArray, lt, type SQL } from "drizzle-orm";
import { Hono, type Context } from "hono";
import { streamSSE } from "hono/streaming";
import { z } from "zod";
import { recordAudit } from "../audit";
import { currentUser, requireUser } from "../auth/session";
import { audit, members, providerRequests } from "../db/schema";
import { EntityId } from "../domain/api";
import { MediaProviderName } from "../domain/jobs";
import type { AppEnv } from "../env";
import { forbidden, invalid } from "../http/errors";
import { validate } from "../http/validate";
import { breakerState, resetBreaker } from "../media/breaker";
import { cachedSnapshot, metricsSnapshot, type Scope } from "../ops/metrics";

export const STREAM_INTERVAL_MS = 2000;
/** A stream closes after this long; the client reconnects with Last-Event-ID. */
const STREAM_MAX_MS = 10 * 60 * 1000;

/** What the caller may see: everything (admin) or the projects they own. */
export async function opsScope(c: Context<AppEnv>, projectId?: string): Promise<Scope> {
  const user = currentUser(c);
  if (user.isAdmin) return projectId ? { projectIds: [projectId] } : { all: true };
  const owned = (
    await c.var.db
      .select({ id: members.projectId })
      .from(members)
      .where(and(eq(members.userId, user.id), eq(members.role, "owner")))
      .all()
  ).map((r) => r.id);
  if (owned.length === 0) throw forbidden("Metrics and the audit trail are for project owners and instance admins.");
  if (projectId) {
    if (!owned.includes(projectId)) throw forbidden("You do not own this project.");
    return { projectIds: [projectId] };
  }
  return { projectIds: owned };
}

function requireAdmin(c: Context<AppEnv>) {
  if (!currentUser(c).isAdmin) throw forbidden("This is for instance admins.");
}

const AuditQuery = z.object({
  project: EntityId.optional(),
  action: z.string().max(60).optional(),
  actor: z.string().max(60).optional(),
  cursor: z.coerce.number().int().positive().optional(),
  format: z.enum(["json", "csv", "jsonl"]).optional(),
});

const csvCell = (v: unknown) => {
  const s = v === null || v === undefined ? "" : typeof v === "string" ? v : JSON.stringify(v);
  // Quote always; neutralise leading formula characters for spreadsheet safety.
  return `"${(/^[=+\-@]/.test(s) ? `'${s}` : s).replace(/"/g, '""')}"`;
};

// Mounted at /api/v1, so the session check names its paths: an unknown
// /api/v1 route must still answer 404, not 401.
export const opsRoutes = new Hono<AppEnv>()
  .use("/metrics", requireUser)
  .use("/metrics/*", requireUser)
  .use("/audit", requireUser)
  .use("/providers", requireUser)
  .use("/providers/*", requireUser)
  .get("/metrics", validate("query", z.object({ project: EntityId.optional() })), async (c) => {
    const scope = await opsScope(c, c.req.valid("query").project);
    c.header("Cache-Control", "no-store");
    return c.json(await metricsSnapshot(c.var.db, scope));
  })
  .get("/metrics/stream", validate("query", z.object({ project: EntityId.optional() })), async (c) => {
    const scope = await opsScope(c, c.req.valid("query").project);
    const last = Number(c.req.header("last-event-id"));
    let id = Number.isInteger(last) && last >= 0 ? last : 0;
    return streamSSE(c, async (stream) => {
      const started = Date.now();
      let open = true;
      stream.onAbort(() => {
        open = false;
      });
      await stream.writeSSE({ event: "metrics", id: String(++id), retry: 3000, data: JSON.stringify(await cachedSnapshot(c.var.db, scope)) });
      while (open && Date.now() - started < STREAM_MAX_MS) {
        await stream.sleep(STREAM_INTERVAL_MS);
        if (!open) break;
        await stream.writeSSE({ event: "metrics", id: String(++id), data: JSON.stringify(await cachedSnapshot(c.var.db, scope)) });
      }
    });
  })
  .get("/audit", validate("query", AuditQuery), async (c) => {
    const q = c.req.valid("query");
    const scope = await opsScope(c, q.project);
    const conds: SQL[] = [];
    if (!("all" in scope)) conds.push(inArray(audit.projectId, scope.projectIds));
    if (q.action) conds.push(eq(audit.action, q.action));
    if (q.actor) conds.push(eq(audit.actor, q.actor));
    if (q.cursor) conds.push(lt(audit.id, q.cursor));
    const exporting = q.format === "csv" || q.format === "jsonl";
    const limit = exporting ? 10_000 : 100;
    const rows = await c.var.db
      .select()
      .from(audit)
      .where(conds.length ? and(...conds) : undefined)
      .orderBy(desc(audit.id))
      .limit(limit + 1)
      .all();
    const page = rows.slice(0, limit);
    const entries = page.map((r) => ({
      id: r.id,
      at: r.at,
      actor: r.actor,
      action: r.action,
      target: r.target,
      verdict: r.verdict,
      requestId: r.requestId,
      details: r.details,
    }));
    if (q.format === "jsonl") {
      c.header("Content-Disposition", 'attachment; filename="reelroom-audit.jsonl"');
      return c.body(entries.map((e) => JSON.stringify(e)).join("\n") + (entries.length ? "\n" : ""), 200, {
        "content-type": "application/x-ndjson; charset=utf-8",
      });
    }
    if (q.format === "csv") {
      const cols = ["id", "at", "actor", "action", "target", "verdict", "requestId", "details"] as const;
      const lines = [cols.join(","), ...entries.map((e) => cols.map((k) => csvCell(e[k])).join(","))];
      c.header("Content-Disposition", 'attachment; filename="reelroom-audit.csv"');
      return c.body(lines.join("\n") + "\n", 200, { "content-type": "text/csv; charset=utf-8" });
    }
    return c.json({ entries, nextCursor: rows.length > limit ? page.at(-1)!.id : null });
  })
  .get("/providers", async (c) => {
    requireAdmin(c);
    const hourAgo = new Date(Date.now() - 3600_000).toISOString();
    const providers = await Promise.all(
      MediaProviderName.options.map(async (name) => {
        const b = await breakerState(c.var.db, name);
        const failures = await c.var.db
          .select({ n: count() })
          .from(providerRequests)
          .where(and(eq(providerRequests.provider, name), eq(providerRequests.outcome, "error"), gte(providerRequests.at, hourAgo)))
          .get();
        return {
          name,
          state: b.state,
          consecutiveFailures: b.failures,
          recentFailures: failures?.n ?? 0,
          openedAt: b.openedAt ? new Date(b.openedAt).toISOString() : null,
          nextProbeAt: b.nextProbeAt ? new Date(b.nextProbeAt).toISOString() : null,
        };
      }),
    );
    return c.json({ providers });
  })
  .post("/providers/:name/reset", validate("param", z.object({ name: z.string().max(40) })), async (c) => {
    requireAdmin(c);
    const name = MediaProviderName.safeParse(c.req.valid("param").name);
    if (!name.success) throw invalid(`Unknown provider "${c.req.valid("param").name}".`);
    await resetBreaker(c.var.db, name.data);
    await recordAudit(c, { action: "provider.reset", target: `provider:${name.data}`, verdict: "allowed" });
    return c.json({ name: name.data, state: "closed" });
  });
