// Operations metrics (CONTRACT 2 /metrics): a KPI snapshot and the last
// hour per minute, computed from indexed columns (status, latency,
// finished_at) so they stay fast with 100,000 jobs. Scope is everything (an
// instance admin), one project, or an owner's projects, selected in SQL
// (worker/ops/access.ts).
import { and, count, eq, gte, sql } from "drizzle-orm";
import { agentRuns, jobs, roomStats } from "../db/schema";
import { JobStatus } from "../domain/jobs";
import type { Metrics } from "../domain/ops";
import type { Db } from "../env";
import { type Scope, scoped } from "./access";

export type MetricsSnapshot = Metrics;

const HOUR_MS = 3600_000;

/** How long one computed snapshot serves every caller with the same scope in this isolate. */
export const SNAPSHOT_TTL_MS = 1500;
const cache = new Map<string, { at: number; value: Promise<MetricsSnapshot> }>();

/**
 * The snapshot for a scope, computed at most once per SNAPSHOT_TTL_MS per
 * isolate: fifty dashboards on the stream cost one computation, not fifty.
 */
export function cachedSnapshot(db: Db, scope: Scope, now = Date.now()): Promise<MetricsSnapshot> {
  const key = JSON.stringify(scope);
  const hit = cache.get(key);
  if (hit && now - hit.at < SNAPSHOT_TTL_MS) return hit.value;
  const value = metricsSnapshot(db, scope, now);
  cache.set(key, { at: now, value });
  value.catch(() => cache.delete(key));
  if (cache.size > 500) cache.delete(cache.keys().next().value!);
  return value;
}

export async function metricsSnapshot(db: Db, scope: Scope, now = Date.now()): Promise<MetricsSnapshot> {
  const inScope = scoped(db, scope, jobs.projectId);
  const hourAgo = new Date(now - HOUR_MS).toISOString();
  const recentDone = and(inScope, gte(jobs.finishedAt, hourAgo));

  const runsInScope = scoped(db, scope, agentRuns.projectId);
  const [byStatus, latency, runs, runsLastHour, sockets, recent, series] = await Promise.all([
    db.select({ status: jobs.status, n: count() }).from(jobs).where(inScope).groupBy(jobs.status).all(),
    db
      .select({ n: count(), mean: sql<number | null>`avg(${jobs.latencyMs})` })
      .from(jobs)
      .where(and(inScope, eq(jobs.status, "success")))
      .get(),
    db.select({ status: agentRuns.status, n: count() }).from(agentRuns).where(runsInScope).groupBy(agentRuns.status).all(),
    db
      .select({ n: count() })
      .from(agentRuns)
      .where(and(runsInScope, gte(agentRuns.startedAt, hourAgo)))
      .get(),
    db
      .select({ n: sql<number>`coalesce(sum(${roomStats.openSockets}), 0)` })
      .from(roomStats)
      .where(scoped(db, scope, roomStats.projectId))
      .get(),
    db.select({ status: jobs.status, n: count() }).from(jobs).where(recentDone).groupBy(jobs.status).all(),
    db
      .select({
        minute: sql<string>`substr(${jobs.finishedAt}, 1, 16)`,
        succeeded: sql<number>`sum(case when ${jobs.status} = 'success' then 1 else 0 end)`,
        failed: sql<number>`sum(case when ${jobs.status} = 'failure' then 1 else 0 end)`,
        mean: sql<number | null>`avg(case when ${jobs.status} = 'success' then ${jobs.latencyMs} end)`,
      })
      .from(jobs)
      .where(recentDone)
      .groupBy(sql`substr(${jobs.finishedAt}, 1, 16)`)
      .orderBy(sql`substr(${jobs.finishedAt}, 1, 16)`)
      .all(),
  ]);

  // p95 by offset into the (status, latency_ms) index: no sort of the whole table.
  let p95: number | null = null;
  const samples = latency?.n ?? 0;
  if (samples > 0) {
    const offset = Math.min(samples - 1, Math.ceil(samples * 0.95) - 1);
    const row = await db
      .select({ v: jobs.latencyMs })
      .from(jobs)
      .where(and(inScope, eq(jobs.status, "success")))
      .orderBy(jobs.latencyMs)
      .limit(1)
      .offset(offset)
      .get();
    p95 = row?.v ?? null;
  }
  const jobsByStatus = Object.fromEntries(JobStatus.options.map((s) => [s, 0]));
  for (const r of byStatus) jobsByStatus[r.status] = r.n;
  const done = (jobsByStatus.success ?? 0) + (jobsByStatus.failure ?? 0);
  const recentBy = Object.fromEntries(recent.map((r) => [r.status, r.n]));
  const recentDoneCount = (recentBy.success ?? 0) + (recentBy.failure ?? 0);
  const runsBy = Object.fromEntries(runs.map((r) => [r.status, r.n]));
  const activeRuns = (runsBy.pending ?? 0) + (runsBy.streaming ?? 0) + (runsBy.stopping ?? 0);
  return {
    at: new Date(now).toISOString(),
    jobsByStatus,
    latencyMs: { mean: latency?.mean === null || latency?.mean === undefined ? null : Math.round(latency.mean), p95, samples },
    successRate: done ? Math.round(((jobsByStatus.success ?? 0) / done) * 1000) / 1000 : null,
    activeWorkers: jobsByStatus.running ?? 0,
    agentRuns: { active: activeRuns, lastHour: runsLastHour?.n ?? 0, total: Object.values(runsBy).reduce((a, b) => a + b, 0) },
    openSockets: Number(sockets?.n ?? 0),
    errorRate: recentDoneCount ? Math.round(((recentBy.failure ?? 0) / recentDoneCount) * 1000) / 1000 : null,
    series: series.map((r) => ({
      minute: r.minute,
      succeeded: Number(r.succeeded),
      failed: Number(r.failed),
      meanLatencyMs: r.mean === null ? null : Math.round(r.mean),
    })),
  };
}
