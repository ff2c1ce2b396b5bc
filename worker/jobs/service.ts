// One jobs service (CONTRACT 7). Every way a frame's job is created and
// queued, retried, replayed, canceled, dead-lettered or rescued from being
// stranded goes through here: the routes, the queue consumer, the cron sweep
// and the room all call it, so the job row, the queue message and the frame
// card can no longer drift apart between three copies of the same steps.
// Its dependencies are passed in (D1 through drizzle, the queue, R2, the
// rooms and a clock), so tests can drive it with fakes and a moved clock.
import { and, asc, eq, lt } from "drizzle-orm";
import { drizzle } from "drizzle-orm/d1";
import { z } from "zod";
import * as schema from "../db/schema";
import { jobs } from "../db/schema";
import type { JobMedia, Revision } from "../domain/board";
import { type FrameContext, type Job, type JobStatus, MediaProviderName, NO_FRAME, TERMINAL } from "../domain/jobs";
import type { JobEventType } from "../domain/protocol";
import type { Db, Env } from "../env";
import type { RunJobMessage } from "../queue/messages";
import { projectImageProvider } from "../project-providers";
import { roomFor } from "../rooms";
import { EXPORT_LIMITS } from "../domain/exports";
import {
  claimResend,
  createCappedExport,
  createJob,
  failAttempt,
  getJob,
  guarded,
  type JobRow,
  log,
  logMany,
  retryJob,
  type StrandedRow,
  strandedColumns,
  toJob,
  touchPending,
} from "./store";

export type { FrameContext };

/** What the jobs runtime tells an episode's room: the card's media (set_frame_media) and live job events. */
export interface JobRoom {
  applyFrameMedia(frameId: string, media: JobMedia, revision?: Revision): Promise<boolean>;
  jobEvent(type: JobEventType, payload: Record<string, unknown>): Promise<void>;
}

/** What creating a job needs from the room: the frame to snapshot and the card to mark queued. */
export interface RoomAccess {
  frameContext(frameId: string): Promise<FrameContext | null>;
  applyFrameMedia(frameId: string, media: JobMedia, revision?: Revision): Promise<boolean>;
}

export interface JobsConfig {
  /** A pending job with no attempt started this long after it was queued has lost its message. */
  pendingResendMs: number;
  /** A running attempt that has not reported for this long died with its isolate. */
  runningSilenceMs: number;
  /**
   * Jobs read per kind per sweep round. Each is then claimed by a statement
   * of its own (never one IN list), so no statement nears D1's limit of 100
   * bound parameters whatever this is; it bounds a round's work.
   */
  batchSize: number;
  /** Rounds per sweep, so one run's work stays bounded however many jobs are stranded; the next minute takes the rest. */
  maxRounds: number;
}

/** The optional vars that tune the runtime (wrangler `[vars]` or `--var`). */
export interface JobsVars {
  JOBS_PENDING_RESEND_MS?: string;
  JOBS_RUNNING_SILENCE_MS?: string;
  /** Extra pause after each pipeline stage, in ms, so a restart test can catch jobs mid-run; 0 by default. */
  JOBS_STAGE_PACE_MS?: string;
}

export const DEFAULT_JOBS_CONFIG: JobsConfig = { pendingResendMs: 120_000, runningSilenceMs: 60_000, batchSize: 50, maxRounds: 4 };

const Millis = z.coerce.number().int().min(0).max(86_400_000);
/** A var that is absent or not a sane duration falls back to the contract's default rather than disabling the sweep. */
const millisOr = (value: string | undefined, fallback: number) => {
  const parsed = Millis.safeParse(value);
  return value !== undefined && value !== "" && parsed.success ? parsed.data : fallback;
};

export function jobsConfig(from: JobsVars | Env): JobsConfig {
  const vars = from as JobsVars;
  return {
    ...DEFAULT_JOBS_CONFIG,
    pendingResendMs: Math.max(1, millisOr(vars.JOBS_PENDING_RESEND_MS, DEFAULT_JOBS_CONFIG.pendingResendMs)),
    runningSilenceMs: Math.max(1, millisOr(vars.JOBS_RUNNING_SILENCE_MS, DEFAULT_JOBS_CONFIG.runningSilenceMs)),
  };
}

export const stagePaceMs = (from: JobsVars | Env) => millisOr((from as JobsVars).JOBS_STAGE_PACE_MS, 0);

/** The jobs queue as the service uses it (the JOBS binding, or a fake in tests). */
export interface JobsQueue {
  send(body: RunJobMessage, options?: { delaySeconds?: number }): Promise<unknown>;
  sendBatch(messages: Iterable<{ body: RunJobMessage }>): Promise<unknown>;
}

export interface JobsDeps {
  db: Db;
  queue: JobsQueue;
  /** Exports have a queue of their own (the EXPORTS binding), whose consumer takes one at a time; renders' queue when absent. */
  exportsQueue?: JobsQueue;
  artifacts: Pick<R2Bucket, "get">;
  rooms: (episodeId: string) => JobRoom & RoomAccess;
  config?: Partial<JobsConfig>;
  /** Milliseconds since the epoch; tests move it instead of waiting minutes. */
  now?: () => number;
  /** MEDIA_PROVIDER: the provider a job gets when the request names none. */
  defaultProvider?: string;
  /** The project's own image provider (CONTRACT 14), which comes before MEDIA_PROVIDER; null when it set none. */
  projectProvider?: (projectId: string) => Promise<string | null>;
}

export interface CreateJobInput {
  projectId: string;
  episodeId: string;
  frameId: string;
  provider?: string;
  idempotencyKey?: string;
  createdBy: string;
  parentJobId?: string;
}

export interface CreateExportInput {
  projectId: string;
  episodeId: string;
  format: "pdf" | "csv" | "zip";
  /** Panels per page; only a PDF has pages. */
  layout: number | null;
  createdBy: string;
}

export type StartResult = { ok: true; job: Job; created: boolean } | { ok: false; code: "not_found" | "invalid_request"; message: string };
/** `row` is the job as it stands when the transition was refused (null when there is no such job). */
export type ChangeResult =
  | { ok: true; row: JobRow }
  | { ok: false; row: JobRow | null /** An export refused: its episode has as many in flight as it may. */; full?: true };

export interface SweepReport {
  /** Pending jobs whose message was sent again. */
  resent: string[];
  /** Running attempts failed (retryable) for silence. */
  failed: string[];
  rounds: number;
}

export const silentReason = (ms: number) => `The attempt stopped reporting for ${seconds(ms)} (its worker was probably restarted). Retry to run it again.`;
export const lostReason = (ms: number) => `No attempt started within ${seconds(ms)} of queueing: the queue message was lost.`;
export const DEAD_LETTER_REASON = "The job's queue message failed repeatedly and went to the dead-letter queue. Retry to run it again.";
const seconds = (ms: number) => (ms % 1000 === 0 ? `${ms / 1000} s` : `${(ms / 1000).toFixed(1)} s`);

const iso = (ms: number) => new Date(ms).toISOString();
const messageOf = (row: Pick<JobRow, "id" | "attempt" | "attemptToken">): RunJobMessage => ({
  type: "job",
  jobId: row.id,
  attempt: row.attempt,
  token: row.attemptToken,
});

export class JobsService {
  readonly config: JobsConfig;
  private readonly db: Db;
  private readonly now: () => number;

  constructor(private readonly deps: JobsDeps) {
    this.db = deps.db;
    this.config = { ...DEFAULT_JOBS_CONFIG, ...deps.config };
    this.now = deps.now ?? Date.now;
  }

  /**
   * Creates a frame's job (idempotent on its key) from the frame as the room
   * holds it now, marks the card queued and sends the job to the queue. From
   * inside the room, pass the room itself: a Durable Object calling its own
   * stub would wait on itself.
   */
  async create(req: CreateJobInput, room: RoomAccess = this.deps.rooms(req.episodeId)): Promise<StartResult> {
    const own = req.provider ? null : await this.deps.projectProvider?.(req.projectId);
    const provider = MediaProviderName.safeParse(req.provider || own || this.deps.defaultProvider || "sketch");
    if (!provider.success) return { ok: false, code: "invalid_request", message: `Unknown media provider "${req.provider}".` };
    const context = await room.frameContext(req.frameId);
    if (!context) return { ok: false, code: "not_found", message: `There is no frame "${req.frameId}" in this episode.` };
    const { row, created } = await createJob(this.db, {
      projectId: req.projectId,
      episodeId: req.episodeId,
      frameId: req.frameId,
      provider: provider.data,
      input: context as unknown as Record<string, unknown>,
      createdBy: req.createdBy,
      idempotencyKey: req.idempotencyKey,
      parentJobId: req.parentJobId,
    });
    if (created) {
      await room.applyFrameMedia(req.frameId, { state: "queued", jobId: row.id });
      await this.deps.queue.send(messageOf(row));
    }
    return { ok: true, job: toJob(row), created };
  }

  /**
   * Creates an export of the whole episode (CONTRACT 10) and queues it, or
   * returns null when the episode already has as many exports running and
   * waiting as it may (EXPORT_LIMITS). It snapshots nothing: the board can
   * be 8 MB, past what a D1 row may hold, so the attempt reads it from the
   * room when it runs and the manifest records the seq it read.
   */
  async createExport(req: CreateExportInput): Promise<Job | null> {
    const row = await createCappedExport(
      this.db,
      {
        projectId: req.projectId,
        episodeId: req.episodeId,
        frameId: NO_FRAME,
        export: { format: req.format, layout: req.format === "pdf" ? req.layout : null },
        // An export calls no provider; frames without images are drawn by the offline sketch painter.
        provider: "sketch",
        input: { format: req.format, layout: req.format === "pdf" ? req.layout : null },
        createdBy: req.createdBy,
      },
      EXPORT_LIMITS.running + EXPORT_LIMITS.waiting,
    );
    if (!row) return null;
    await this.queueOf(row).send(messageOf(row));
    return toJob(row);
  }

  /**
   * An export that found its episode's running places taken waits its turn:
   * its message goes back on the queue, delayed, and its "queued at" moves to
   * now so the sweep does not take it for one whose message was lost.
   */
  async requeue(row: Pick<JobRow, "id" | "kind" | "attempt" | "attemptToken">, delaySeconds: number): Promise<boolean> {
    if (!(await touchPending(this.db, row.id, row.attemptToken, this.nowIso()))) return false;
    await this.queueOf(row).send(messageOf(row), { delaySeconds });
    return true;
  }

  private queueOf(row: Pick<JobRow, "kind">): JobsQueue {
    return row.kind === "export" ? (this.deps.exportsQueue ?? this.deps.queue) : this.deps.queue;
  }

  /**
   * Starts attempt n+1 of a failed or blocked job, or of a stranded one (a
   * pending job whose message was lost, or a running attempt gone silent):
   * that attempt is failed first, on the same guards the sweep uses, so a
   * retry never races an attempt that is in fact alive.
   */
  async retry(jobId: string): Promise<ChangeResult> {
    const current = await getJob(this.db, jobId);
    if (!current) return { ok: false, row: null };
    if (current.status === "pending" || current.status === "running") {
      const since = this.strandedBefore(current.status);
      if (!(current.updatedAt < since)) return { ok: false, row: current };
      const reason = current.status === "pending" ? lostReason(this.config.pendingResendMs) : silentReason(this.config.runningSilenceMs);
      if (await failAttempt(this.db, current, reason, { silentBefore: since, at: this.nowIso() })) {
        await log(this.db, current.id, current.attempt, "error", `Failed: ${reason}`);
      }
    }
    const next = await retryJob(this.db, jobId);
    if (!next) return { ok: false, row: (await getJob(this.db, jobId)) ?? current };
    await this.card(next, { state: "queued", jobId: next.id });
    await this.queueOf(next).send(messageOf(next));
    return { ok: true, row: next };
  }

  /** A new job with a finished job's inputs (its manifest's frame snapshot when it has one), linked to it. */
  async replay(jobId: string, createdBy: string): Promise<ChangeResult> {
    const row = await getJob(this.db, jobId);
    if (!row || !TERMINAL.has(row.status as JobStatus)) return { ok: false, row: row ?? null };
    let input = row.input;
    if (row.kind === "render" && row.manifestKey) {
      const manifest = ReplayManifest.safeParse(await (await this.deps.artifacts.get(row.manifestKey))?.json().catch(() => null));
      if (manifest.success) input = manifest.data;
    }
    const spec = {
      projectId: row.projectId,
      episodeId: row.episodeId,
      frameId: row.frameId,
      provider: row.provider as Job["provider"],
      input,
      createdBy,
      parentJobId: row.id,
    };
    let created: JobRow;
    if (row.kind === "export" && row.exportFormat) {
      // A replayed export counts against its episode's caps like a new one.
      const capped = await createCappedExport(
        this.db,
        { ...spec, export: { format: row.exportFormat, layout: row.exportLayout } },
        EXPORT_LIMITS.running + EXPORT_LIMITS.waiting,
      );
      if (!capped) return { ok: false, row, full: true };
      created = capped;
    } else created = (await createJob(this.db, spec)).row;
    await this.card(created, { state: "queued", jobId: created.id });
    await this.queueOf(created).send(messageOf(created));
    return { ok: true, row: created };
  }

  /** Cancel is final; a running attempt notices at its next check and discards its output. */
  async cancel(jobId: string): Promise<ChangeResult> {
    const done = await guarded(this.db, jobId, "cancel");
    if (!done) return { ok: false, row: (await getJob(this.db, jobId)) ?? null };
    await this.card(done, { state: "canceled", jobId: done.id });
    return { ok: true, row: done };
  }

  /**
   * The queue gave up on a message. Only the attempt it was for is affected:
   * a message of an older attempt changes nothing. A pending attempt never
   * started and is failed (retryable). A running one is alive or silent, and
   * either way the heartbeat and the sweep decide, not a duplicate message.
   */
  async deadLetter(msg: RunJobMessage): Promise<JobRow | null> {
    const row = await getJob(this.db, msg.jobId);
    if (!row || row.attempt !== msg.attempt || row.attemptToken !== msg.token) return null;
    await this.db
      .update(jobs)
      .set({ deadLettered: true })
      .where(and(eq(jobs.id, row.id), eq(jobs.attempt, row.attempt)));
    if (row.status !== "pending") return null;
    const failed = await failAttempt(this.db, row, DEAD_LETTER_REASON, { at: this.nowIso() });
    if (!failed) return null;
    await log(this.db, row.id, row.attempt, "error", DEAD_LETTER_REASON);
    await this.failedCard(failed, DEAD_LETTER_REASON);
    return failed;
  }

  /** Whether a pending or running attempt counts as stranded now (never for any other status). */
  isStranded(row: Pick<JobRow, "status" | "updatedAt">): boolean {
    if (row.status !== "pending" && row.status !== "running") return false;
    return row.updatedAt < this.strandedBefore(row.status);
  }

  /**
   * Fails a running attempt that has not reported for the silence threshold,
   * and moves its card to failed with the reason. False when it reported in
   * the meantime or someone else (a sweep, a cancel, a retry) got there first.
   */
  async failSilent(seen: StrandedRow): Promise<boolean> {
    const reason = silentReason(this.config.runningSilenceMs);
    const failed = await failAttempt(this.db, seen, reason, { silentBefore: this.strandedBefore("running"), at: this.nowIso() });
    if (!failed) return false;
    await log(this.db, failed.id, seen.attempt, "error", `Failed: ${reason}`);
    await this.failedCard(failed, reason);
    return true;
  }

  /**
   * Nothing stranded (CONTRACT 7): re-sends pending jobs whose message was
   * lost and fails running attempts that went silent. Every write is a
   * guarded conditional update, so overlapping sweeps, late reports and
   * cancels in between never double-send, double-fail or resurrect a job.
   */
  async sweep(): Promise<SweepReport> {
    const report: SweepReport = { resent: [], failed: [], rounds: 0 };
    for (let round = 0; round < this.config.maxRounds; round++) {
      report.rounds++;
      const [resent, failed] = await Promise.all([this.resendLost(), this.failSilentBatch()]);
      report.resent.push(...resent.done);
      report.failed.push(...failed.done);
      if (resent.seen < this.config.batchSize && failed.seen < this.config.batchSize) break;
    }
    return report;
  }

  private async resendLost(): Promise<{ seen: number; done: string[] }> {
    const before = this.strandedBefore("pending");
    const at = this.nowIso();
    // Only in-flight jobs are pending or running, so jobs_status_idx keeps this scan small.
    const rows = await this.db
      .select(strandedColumns)
      .from(jobs)
      .where(and(eq(jobs.status, "pending"), lt(jobs.updatedAt, before)))
      .orderBy(asc(jobs.updatedAt))
      .limit(this.config.batchSize)
      .all();
    const [first, ...rest] = rows.map((r) => claimResend(this.db, r, before, at));
    if (!first) return { seen: 0, done: [] };
    const claimed = (await this.db.batch([first, ...rest])).flat();
    if (claimed.length === 0) return { seen: rows.length, done: [] };
    const reason = lostReason(this.config.pendingResendMs);
    await logMany(
      this.db,
      claimed.map((c) => ({ jobId: c.id, attempt: c.attempt, level: "warn" as const, message: `Re-sent: ${reason}` })),
    );
    // Claimed before sending: if this send fails, the claim moved "queued at"
    // forward and the job is re-sent one threshold later, never twice at once.
    const kindOf = new Map(rows.map((r) => [r.id, r.kind]));
    for (const kind of ["render", "export"] as const) {
      const mine = claimed.filter((c) => kindOf.get(c.id) === kind);
      if (mine.length > 0) await this.queueOf({ kind }).sendBatch(mine.map((c) => ({ body: messageOf(c) })));
    }
    return { seen: rows.length, done: claimed.map((c) => c.id) };
  }

  private async failSilentBatch(): Promise<{ seen: number; done: string[] }> {
    const before = this.strandedBefore("running");
    const rows = await this.db
      .select(strandedColumns)
      .from(jobs)
      .where(and(eq(jobs.status, "running"), lt(jobs.updatedAt, before)))
      .orderBy(asc(jobs.updatedAt))
      .limit(this.config.batchSize)
      .all();
    const outcomes = await Promise.all(rows.map(async (r) => ((await this.failSilent(r)) ? r.id : null)));
    return { seen: rows.length, done: outcomes.filter((id): id is string => id !== null) };
  }

  private strandedBefore(status: "pending" | "running"): string {
    return iso(this.now() - (status === "pending" ? this.config.pendingResendMs : this.config.runningSilenceMs));
  }

  private nowIso(): string {
    return iso(this.now());
  }

  private async failedCard(row: Pick<JobRow, "id" | "episodeId" | "frameId" | "kind">, reason: string): Promise<void> {
    await this.card(row, { state: "failed", jobId: row.id, reason });
    await this.event(row, "warning", { jobId: row.id, code: "job_failed", message: reason });
  }

  /**
   * The card follows the job. A room that cannot be reached must not undo a
   * job change that is already committed, so this reports and carries on.
   */
  private async card(row: Pick<JobRow, "id" | "episodeId" | "frameId" | "kind">, media: JobMedia): Promise<void> {
    // An export has no card to move.
    if (row.kind === "export") return;
    try {
      await this.deps.rooms(row.episodeId).applyFrameMedia(row.frameId, media);
    } catch (err) {
      console.warn(JSON.stringify({ at: "jobs", event: "room_unreachable", jobId: row.id, media: media.state, error: String(err) }));
    }
  }

  private async event(row: Pick<JobRow, "id" | "episodeId">, type: JobEventType, payload: Record<string, unknown>): Promise<void> {
    try {
      await this.deps.rooms(row.episodeId).jobEvent(type, payload);
    } catch (err) {
      console.warn(JSON.stringify({ at: "jobs", event: "room_unreachable", jobId: row.id, type, error: String(err) }));
    }
  }
}

/** Only what a replay reuses from a stored manifest; anything else in it is ignored. */
const ReplayManifest = z.object({ frame: z.record(z.string(), z.unknown()), shot: z.string(), assets: z.array(z.unknown()) });

/** The service over a worker's (or room's) bindings. Pass `db` to reuse a request's drizzle handle. */
export function jobsService(env: Env & JobsVars, db: Db = drizzle(env.DB, { schema })): JobsService {
  return new JobsService({
    db,
    queue: env.JOBS,
    exportsQueue: env.EXPORTS,
    artifacts: env.ARTIFACTS,
    rooms: (episodeId) => roomFor(env, episodeId),
    config: jobsConfig(env),
    defaultProvider: env.MEDIA_PROVIDER,
    projectProvider: (projectId) => projectImageProvider(db, projectId),
  });
}

/** The Cron Trigger's work: one bounded sweep, with a log line (job ids and counts only) when it changed anything. */
export async function sweepJobs(env: Env & JobsVars): Promise<SweepReport> {
  const report = await jobsService(env).sweep();
  if (report.resent.length > 0 || report.failed.length > 0) {
    console.log(JSON.stringify({ at: "jobs_sweep", resent: report.resent, failed: report.failed, rounds: report.rounds }));
  }
  return report;
}
