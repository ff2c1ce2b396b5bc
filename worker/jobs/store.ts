// The job store in D1: jobs, attempts, ordered logs and provider records.
// Every status change is a guarded conditional update built from the pure
// lifecycle, so two racing writers (a cancel and a finishing attempt, two
// retries) can never both win.
import { and, desc, eq, gte, lt, or, type SQL, sql } from "drizzle-orm";
import { jobAttempts, jobLogs, jobs, providerRequests } from "../db/schema";
import { type Job, type JobAction, type JobStatus, JobStatus as JobStatusSchema, transition } from "../domain/jobs";
import { inProjects, type ProjectSet } from "../access";
import type { Db } from "../env";
import { newId, randomToken } from "../ids";

export type JobRow = typeof jobs.$inferSelect;

const nowIso = () => new Date().toISOString();

export function toJob(row: JobRow): Job {
  return {
    id: row.id,
    projectId: row.projectId,
    episodeId: row.episodeId,
    frameId: row.frameId,
    kind: row.kind,
    export: row.kind === "export" && row.exportFormat ? { format: row.exportFormat, layout: row.exportLayout } : null,
    provider: row.provider as Job["provider"],
    status: row.status as JobStatus,
    attempt: row.attempt,
    progress: row.progress,
    blockedReason: row.blockedReason,
    error: row.error,
    artifactUrl: row.status === "success" && row.artifactKey ? `/api/v1/artifacts/${row.artifactKey}` : null,
    parentJobId: row.parentJobId,
    deadLettered: row.deadLettered,
    createdBy: row.createdBy,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

export interface NewJob {
  projectId: string;
  episodeId: string;
  frameId: string;
  /** Absent: a render. An export names its format and, for a PDF, its panels per page. */
  export?: { format: "pdf" | "csv" | "zip"; layout: number | null };
  provider: Job["provider"];
  input: Record<string, unknown>;
  createdBy: string;
  idempotencyKey?: string;
  parentJobId?: string;
}

function createdMessage(n: NewJob): string {
  if (!n.export) return `Job created for frame ${n.frameId} with ${n.provider}.`;
  return `Export created: ${n.export.format.toUpperCase()}${n.export.layout ? `, ${n.export.layout} panels a page` : ""}.`;
}

function byIdempotencyKey(db: Db, projectId: string, key: string) {
  return db
    .select()
    .from(jobs)
    .where(and(eq(jobs.projectId, projectId), eq(jobs.idempotencyKey, key)))
    .get();
}

function newJobValues(n: NewJob) {
  const at = nowIso();
  return {
    id: newId("job"),
    projectId: n.projectId,
    episodeId: n.episodeId,
    frameId: n.frameId,
    kind: n.export ? ("export" as const) : ("render" as const),
    exportFormat: n.export?.format ?? null,
    exportLayout: n.export?.layout ?? null,
    provider: n.provider,
    status: "pending",
    attempt: 1,
    attemptToken: randomToken(16),
    progress: 0,
    idempotencyKey: n.idempotencyKey ?? null,
    input: n.input,
    pluginTimings: {},
    warnings: [],
    parentJobId: n.parentJobId ?? null,
    createdBy: n.createdBy,
    updatedAt: at,
  };
}

/** Creates a pending job, or returns the existing one for the same idempotency key. */
export async function createJob(db: Db, n: NewJob): Promise<{ row: JobRow; created: boolean }> {
  if (n.idempotencyKey) {
    const existing = await byIdempotencyKey(db, n.projectId, n.idempotencyKey);
    if (existing) return { row: existing, created: false };
  }
  const values = newJobValues(n);
  const id = values.id;
  try {
    const [row] = await db.batch([
      db.insert(jobs).values(values).returning(),
      db.insert(jobAttempts).values({ jobId: id, attempt: 1, status: "pending" }),
      db.insert(jobLogs).values({ jobId: id, attempt: 1, level: "info", message: createdMessage(n) }),
    ]);
    return { row: row[0]!, created: true };
  } catch (err) {
    // Two creates with one key at once: the unique index lets one in; the other gets it.
    if (n.idempotencyKey) {
      const existing = await byIdempotencyKey(db, n.projectId, n.idempotencyKey);
      if (existing) return { row: existing, created: false };
    }
    throw err;
  }
}

/** SQL: how many of an episode's exports are in one of `statuses` now (a subquery, so it can guard a write). */
export const episodeExports = (episodeId: string, statuses: readonly string[]) =>
  sql`(SELECT count(*) FROM jobs AS j WHERE j.episode_id = ${episodeId} AND j.kind = 'export' AND j.status IN (${sql.join(
    statuses.map((s) => sql`${s}`),
    sql`, `,
  )}))`;

/**
 * Creates a pending export unless its episode already has `maxInFlight`
 * exports pending or running; null when it has. One D1 batch is one
 * transaction: the row goes in, and comes out again in the same batch when
 * the count (which then includes it) is over the cap, so requests arriving
 * together can never all pass a count each read before the others wrote.
 */
export async function createCappedExport(db: Db, n: NewJob & { export: NonNullable<NewJob["export"]> }, maxInFlight: number): Promise<JobRow | null> {
  const values = newJobValues(n);
  const id = values.id;
  const gone = sql`NOT EXISTS (SELECT 1 FROM jobs WHERE id = ${id})`;
  const [inserted, , , removed] = await db.batch([
    db.insert(jobs).values(values).returning(),
    db.insert(jobAttempts).values({ jobId: id, attempt: 1, status: "pending" }),
    db.insert(jobLogs).values({ jobId: id, attempt: 1, level: "info", message: createdMessage(n) }),
    db
      .delete(jobs)
      .where(and(eq(jobs.id, id), sql`${episodeExports(n.episodeId, ["pending", "running"])} > ${maxInFlight}`))
      .returning({ id: jobs.id }),
    db.delete(jobAttempts).where(and(eq(jobAttempts.jobId, id), gone)),
    db.delete(jobLogs).where(and(eq(jobLogs.jobId, id), gone)),
  ]);
  return removed.length > 0 ? null : inserted[0]!;
}

export function getJob(db: Db, id: string) {
  return db.select().from(jobs).where(eq(jobs.id, id)).get();
}

/** The statuses from which `action` is allowed, per the lifecycle. */
function sourcesOf(action: JobAction): JobStatus[] {
  return JobStatusSchema.options.filter((s) => transition(s, action) !== null);
}

/**
 * Applies one lifecycle action if, and only if, the job is still in a status
 * that allows it (and, when given, still on the same attempt token).
 * Returns the updated row, or null when another writer got there first.
 */
export async function guarded(
  db: Db,
  jobId: string,
  action: JobAction,
  opts: { token?: string; set?: Partial<typeof jobs.$inferInsert>; when?: SQL } = {},
): Promise<JobRow | null> {
  const from = sourcesOf(action);
  const current = await getJob(db, jobId);
  if (!current || !from.includes(current.status as JobStatus)) return null;
  const to = transition(current.status as JobStatus, action)!;
  const finished = to === "success" || to === "failure" ? { finishedAt: nowIso(), latencyMs: Math.max(0, Date.now() - Date.parse(current.createdAt)) } : {};
  const conds: SQL[] = [eq(jobs.id, jobId), eq(jobs.status, current.status), eq(jobs.attempt, current.attempt)];
  if (opts.token) conds.push(eq(jobs.attemptToken, opts.token));
  // A condition on other rows (a cap, a budget), checked in the same statement as the change.
  if (opts.when) conds.push(opts.when);
  const rows = await db
    .update(jobs)
    .set({ ...opts.set, ...finished, status: to, updatedAt: nowIso() })
    .where(and(...conds))
    .returning();
  const row = rows[0];
  if (!row) return null;
  const attemptStatus = action === "retry" ? null : to;
  if (attemptStatus) {
    await db
      .update(jobAttempts)
      .set({
        status: attemptStatus,
        ...(action === "start" ? { startedAt: nowIso() } : {}),
        ...(["succeed", "fail", "block", "cancel"].includes(action) ? { finishedAt: nowIso(), error: opts.set?.error ?? opts.set?.blockedReason ?? null } : {}),
      })
      .where(and(eq(jobAttempts.jobId, jobId), eq(jobAttempts.attempt, current.attempt)));
  }
  return row;
}

/** Starts attempt n+1 of a failed or blocked job. Two concurrent retries make one attempt. */
export async function retryJob(db: Db, jobId: string): Promise<JobRow | null> {
  const current = await getJob(db, jobId);
  if (!current || transition(current.status as JobStatus, "retry") === null) return null;
  const next = current.attempt + 1;
  const row = await guarded(db, jobId, "retry", {
    set: {
      attempt: next,
      attemptToken: randomToken(16),
      progress: 0,
      error: null,
      blockedReason: null,
      pluginTimings: {},
      warnings: [],
      artifactKey: null,
      artifactBytes: null,
      manifestKey: null,
      finishedAt: null,
      latencyMs: null,
    },
  });
  if (!row) return null;
  await db.insert(jobAttempts).values({ jobId, attempt: next, status: "pending" }).onConflictDoNothing();
  await log(db, jobId, next, "info", `Retry: attempt ${next} queued.`);
  return row;
}

/** Moves a pending attempt's "queued at" to now, so the sweep does not take a job that is waiting its turn for a lost one. */
export async function touchPending(db: Db, jobId: string, token: string, at = nowIso()): Promise<boolean> {
  const rows = await db
    .update(jobs)
    .set({ updatedAt: at })
    .where(and(eq(jobs.id, jobId), eq(jobs.attemptToken, token), eq(jobs.status, "pending")))
    .returning({ id: jobs.id });
  return rows.length > 0;
}

/**
 * The attempt's heartbeat: a running attempt says it is alive between its
 * stage reports, so a long provider call is not mistaken for a dead isolate
 * by the sweep. Guarded on the attempt's token, so a stale attempt cannot
 * keep a newer one (or a failed job) looking alive.
 */
export async function touch(db: Db, jobId: string, token: string, at = nowIso()): Promise<boolean> {
  const rows = await db
    .update(jobs)
    .set({ updatedAt: at })
    .where(and(eq(jobs.id, jobId), eq(jobs.attemptToken, token), eq(jobs.status, "running")))
    .returning({ id: jobs.id });
  return rows.length > 0;
}

/**
 * Beats `touch` a few times per silence window until stopped, so one lost
 * write or a slow D1 answer does not let the sweep take a live attempt for
 * dead. `stop` waits for a beat in flight.
 */
export function startHeartbeat(db: Db, jobId: string, token: string, silenceMs: number): { stop(): Promise<void> } {
  const every = Math.max(250, Math.floor(silenceMs / 4));
  let beating: Promise<unknown> | null = null;
  const timer = setInterval(() => {
    beating ??= touch(db, jobId, token)
      .catch(() => false)
      .finally(() => {
        beating = null;
      });
  }, every);
  return {
    async stop() {
      clearInterval(timer);
      await beating;
    },
  };
}

/** The columns the sweep and the stranded checks read: never `input`, which can be large. */
export const strandedColumns = {
  id: jobs.id,
  projectId: jobs.projectId,
  episodeId: jobs.episodeId,
  frameId: jobs.frameId,
  kind: jobs.kind,
  status: jobs.status,
  attempt: jobs.attempt,
  attemptToken: jobs.attemptToken,
  createdAt: jobs.createdAt,
  updatedAt: jobs.updatedAt,
};
export type StrandedRow = { [K in keyof typeof strandedColumns]: JobRow[K] };

/**
 * Fails the attempt `seen` (pending or running) if and only if it is still
 * that attempt: same status, attempt and token and, with `silentBefore`, no
 * report since then. A late heartbeat or stage report, a cancel, a retry or
 * a second sweep that got there first all make this change nothing, so a
 * stranded attempt is failed once and a live one never is. The lifecycle
 * table has no pending → failure edge because only this rescue takes it.
 */
export async function failAttempt(db: Db, seen: StrandedRow, reason: string, opts: { silentBefore?: string; at?: string } = {}): Promise<JobRow | null> {
  const at = opts.at ?? nowIso();
  const conds: SQL[] = [eq(jobs.id, seen.id), eq(jobs.status, seen.status), eq(jobs.attempt, seen.attempt), eq(jobs.attemptToken, seen.attemptToken)];
  if (opts.silentBefore) conds.push(lt(jobs.updatedAt, opts.silentBefore));
  const rows = await db
    .update(jobs)
    .set({ status: "failure", error: reason, finishedAt: at, latencyMs: Math.max(0, Date.parse(at) - Date.parse(seen.createdAt)), updatedAt: at })
    .where(and(...conds))
    .returning();
  const row = rows[0];
  if (!row) return null;
  await db
    .update(jobAttempts)
    .set({ status: "failure", finishedAt: at, error: reason })
    .where(and(eq(jobAttempts.jobId, seen.id), eq(jobAttempts.attempt, seen.attempt)));
  return row;
}

/**
 * Claims a pending job whose message looks lost for one re-send: moves its
 * "queued at" (updatedAt) to now, only if nothing started, canceled or
 * retried it and no other sweep claimed it since `queuedBefore`. The caller
 * sends the message only when this returns a row, so two sweeps send once.
 */
export function claimResend(db: Db, seen: StrandedRow, queuedBefore: string, at = nowIso()) {
  return db
    .update(jobs)
    .set({ updatedAt: at })
    .where(
      and(
        eq(jobs.id, seen.id),
        eq(jobs.status, "pending"),
        eq(jobs.attempt, seen.attempt),
        eq(jobs.attemptToken, seen.attemptToken),
        lt(jobs.updatedAt, queuedBefore),
      ),
    )
    .returning({ id: jobs.id, attempt: jobs.attempt, attemptToken: jobs.attemptToken });
}

export type LogLevel = "info" | "warn" | "error";

export async function log(db: Db, jobId: string, attempt: number, level: LogLevel, message: string): Promise<void> {
  await db.insert(jobLogs).values({ jobId, attempt, level, message });
}

/**
 * Many log lines in one round trip. One statement per line, not one
 * multi-row insert: D1 refuses a statement with over 100 bound parameters,
 * which 26 lines of 4 would pass.
 */
export async function logMany(db: Db, lines: { jobId: string; attempt: number; level: LogLevel; message: string }[]): Promise<void> {
  const [first, ...rest] = lines.map((l) => db.insert(jobLogs).values(l));
  if (first) await db.batch([first, ...rest]);
}

export async function recordProviderRequest(db: Db, r: typeof providerRequests.$inferInsert): Promise<void> {
  await db.insert(providerRequests).values(r);
}

export async function setProgress(db: Db, jobId: string, token: string, progress: number, timings: Record<string, number>, warnings: string[]) {
  await db
    .update(jobs)
    .set({ progress, pluginTimings: timings, warnings, updatedAt: nowIso() })
    .where(and(eq(jobs.id, jobId), eq(jobs.attemptToken, token), eq(jobs.status, "running")));
}

export interface JobFilter {
  /**
   * One project's jobs, or those of every project the person is a member of
   * (listed, or selected in SQL when there are many, so the statement stays
   * under D1's 100 bound parameters: worker/access.ts).
   */
  scope: { projectId: string } | { projects: ProjectSet };
  episodeId?: string;
  kind?: "render" | "export";
  status?: JobStatus;
  provider?: string;
  from?: string;
  to?: string;
  cursor?: { createdAt: string; id: string };
  limit: number;
}

/** Newest first, keyset-paginated on (created_at, id). */
export async function listJobs(db: Db, f: JobFilter): Promise<JobRow[]> {
  const conds: SQL[] = ["projectId" in f.scope ? eq(jobs.projectId, f.scope.projectId) : inProjects(db, jobs.projectId, f.scope.projects)];
  if (f.episodeId) conds.push(eq(jobs.episodeId, f.episodeId));
  if (f.kind) conds.push(eq(jobs.kind, f.kind));
  if (f.status) conds.push(eq(jobs.status, f.status));
  if (f.provider) conds.push(eq(jobs.provider, f.provider));
  if (f.from) conds.push(gte(jobs.createdAt, f.from));
  if (f.to) conds.push(lt(jobs.createdAt, f.to));
  if (f.cursor) {
    conds.push(or(lt(jobs.createdAt, f.cursor.createdAt), and(eq(jobs.createdAt, f.cursor.createdAt), lt(jobs.id, f.cursor.id)))!);
  }
  return db
    .select()
    .from(jobs)
    .where(and(...conds))
    .orderBy(desc(jobs.createdAt), desc(jobs.id))
    .limit(f.limit)
    .all();
}

export async function jobDetails(db: Db, jobId: string) {
  const [logs, requests, attempts] = await Promise.all([
    db.select().from(jobLogs).where(eq(jobLogs.jobId, jobId)).orderBy(jobLogs.id).all(),
    db.select().from(providerRequests).where(eq(providerRequests.jobId, jobId)).orderBy(providerRequests.id).all(),
    db.select().from(jobAttempts).where(eq(jobAttempts.jobId, jobId)).orderBy(jobAttempts.attempt).all(),
  ]);
  return { logs, requests, attempts };
}
