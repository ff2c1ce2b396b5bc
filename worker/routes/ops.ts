// Operations API: metrics (snapshot and SSE stream), the audit trail with
// exports, and provider circuit breakers. Instance admins (ADMIN_EMAILS)
// see everything; project owners see their own projects; everyone else is
// refused with 403. Saved views (named filters for the jobs and audit
// lists) belong to one person and follow the same rule.
import { and, count, desc, eq, gte, lt, type SQL } from "drizzle-orm";
import { Hono, type Context } from "hono";
import { streamSSE } from "hono/streaming";
import { z } from "zod";
import { recordAudit } from "../audit";
import { currentUser, requireUser } from "../auth/session";
import { audit, providerRequests } from "../db/schema";
import { EntityId } from "../domain/api";
import { MediaProviderName } from "../domain/jobs";
import { type AuditEntry, type AuditPage, jobLabel, type ProviderBreaker } from "../domain/ops";
import type { AppEnv, Db } from "../env";
import { forbidden, invalid } from "../http/errors";
import { validate } from "../http/validate";
import { breakerState, resetBreaker } from "../media/breaker";
import { opsScope, scoped } from "../ops/access";
import { EXPORT_ROWS, exportStream } from "../ops/audit-export";
import { cachedSnapshot, metricsSnapshot } from "../ops/metrics";
import { resolveNames } from "../ops/names";
import { viewRoutes } from "./views";

export const STREAM_INTERVAL_MS = 2000;
/** A stream closes after this long; the client reconnects with Last-Event-ID. */
const STREAM_MAX_MS = 10 * 60 * 1000;

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

// Mounted at /api/v1, so the session check names its paths: an unknown
// /api/v1 route must still answer 404, not 401.
export const opsRoutes = new Hono<AppEnv>()
  .use("/metrics", requireUser)
  .use("/metrics/*", requireUser)
  .use("/audit", requireUser)
  .use("/providers", requireUser)
  .use("/providers/*", requireUser)
  .use("/ops/*", requireUser)
  .route("/ops/views", viewRoutes)
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
    const inScope = scoped(c.var.db, scope, audit.projectId);
    if (inScope) conds.push(inScope);
    if (q.action) conds.push(eq(audit.action, q.action));
    if (q.actor) conds.push(eq(audit.actor, q.actor));
    const where = (before?: number) => and(...conds, before === undefined ? undefined : lt(audit.id, before));
    if (q.format === "csv" || q.format === "jsonl") {
      const db = c.var.db;
      const columns = {
        id: audit.id,
        at: audit.at,
        actor: audit.actor,
        action: audit.action,
        target: audit.target,
        verdict: audit.verdict,
        requestId: audit.requestId,
        details: audit.details,
      };
      // The row after this export's last, if any: the next export starts there (its id + 1, as cursors are exclusive).
      const after = await db.select({ id: audit.id }).from(audit).where(where(q.cursor)).orderBy(desc(audit.id)).limit(1).offset(EXPORT_ROWS).get();
      const read = (before: number | undefined, limit: number) =>
        db
          .select(columns)
          .from(audit)
          .where(where(before ?? q.cursor))
          .orderBy(desc(audit.id))
          .limit(limit)
          .all();
      const headers: Record<string, string> = {
        "content-type": q.format === "csv" ? "text/csv; charset=utf-8" : "application/x-ndjson; charset=utf-8",
        "content-disposition": `attachment; filename="reelroom-audit.${q.format}"`,
        "cache-control": "no-store",
      };
      if (after) headers["x-next-cursor"] = String(after.id + 1);
      return c.body(exportStream(read, q.format, q.cursor), 200, headers);
    }
    const limit = 100;
    const rows = await c.var.db
      .select()
      .from(audit)
      .where(where(q.cursor))
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
    const body: AuditPage = { entries: await withNames(c.var.db, entries), nextCursor: rows.length > limit ? page.at(-1)!.id : null };
    return c.json(body);
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
        const breaker: ProviderBreaker = {
          name,
          state: b.state,
          consecutiveFailures: b.failures,
          recentFailures: failures?.n ?? 0,
          openedAt: b.openedAt ? new Date(b.openedAt).toISOString() : null,
          nextProbeAt: b.nextProbeAt ? new Date(b.nextProbeAt).toISOString() : null,
        };
        return breaker;
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

/** The id after a target's `kind:` prefix, when the target is of that kind and the rest looks like an id. */
function targetId(target: string, kind: string): string | null {
  if (!target.startsWith(`${kind}:`)) return null;
  const id = target.slice(kind.length + 1);
  return EntityId.safeParse(id).success ? id : null;
}

/** Targets that name no row: said in words, or null to show the target as recorded. */
function plainTarget(target: string): string | null {
  if (target.startsWith("session:")) return "their sign-in session";
  if (target.startsWith("provider:")) return `the ${target.slice("provider:".length)} image provider`;
  if (target.startsWith("email:")) return target.slice("email:".length);
  return null;
}

/**
 * The page's entries with their actor's name and their target in words.
 * The JSON page only: exports keep the contract's columns.
 */
async function withNames(db: Db, entries: Omit<AuditEntry, "actorName" | "targetLabel" | "targetJobId">[]): Promise<AuditEntry[]> {
  const ids = (kind: string) => entries.map((e) => targetId(e.target, kind)).filter((id): id is string => id !== null);
  const names = await resolveNames(db, {
    users: [...entries.map((e) => e.actor).filter((a) => a !== "anonymous" && !a.startsWith("rvw_")), ...ids("user")],
    reviewers: entries.map((e) => e.actor).filter((a) => a.startsWith("rvw_")),
    links: ids("review_link"),
    projects: ids("project"),
    episodes: ids("episode"),
    jobs: ids("job"),
  });
  return entries.map((e) => {
    const jobId = targetId(e.target, "job");
    const job = jobId ? names.job(jobId) : null;
    const userId = targetId(e.target, "user");
    const projectId = targetId(e.target, "project");
    const episodeId = targetId(e.target, "episode");
    const linkId = targetId(e.target, "review_link");
    const targetLabel = job
      ? jobLabel(job)
      : userId
        ? names.user(userId)
        : projectId
          ? names.project(projectId)
          : episodeId
            ? names.episode(episodeId)
            : linkId
              ? names.link(linkId)
              : plainTarget(e.target);
    return { ...e, actorName: names.user(e.actor) ?? names.reviewer(e.actor), targetLabel, targetJobId: job ? jobId : null };
  });
}
