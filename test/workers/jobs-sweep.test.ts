// Nothing stranded (CONTRACT 7): the every-minute sweep, the retry of a
// stranded job, and the dead-letter queue, through the real D1, queue, R2
// and rooms. A lost message is simulated by creating a job through the
// service with a queue that drops it; a dead isolate by starting an attempt
// that never reports; time by back-dating rows or moving the service's clock.
import { createScheduledController } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { eq } from "drizzle-orm";
import { drizzle } from "drizzle-orm/d1";
import { describe, expect, it } from "vitest";
import * as schema from "../../worker/db/schema";
import { jobs } from "../../worker/db/schema";
import type { Board, JobMedia } from "../../worker/domain/board";
import { shownImage } from "../../worker/domain/frame-media";
import type { JobEventType } from "../../worker/domain/protocol";
import type { ExtendedJob, Job } from "../../worker/domain/jobs";
import { DEAD_LETTER_REASON, DEFAULT_JOBS_CONFIG, JobsService, type JobsDeps, jobsConfig, type JobsQueue, jobsService } from "../../worker/jobs/service";
import { processJob } from "../../worker/jobs/pipeline";
import { claimResend, getJob, guarded, setProgress, strandedColumns, touch } from "../../worker/jobs/store";
import worker from "../../worker/index";
import { consumeJobs } from "../../worker/queue/consumer";
import type { RunJobMessage } from "../../worker/queue/messages";
import { roomFor } from "../../worker/rooms";
import { episodeOf, isTerminal, type Person, projectOf, signUp, waitForJob } from "./helpers";
import { command, connect } from "./socket";

const db = drizzle(env.DB, { schema });
const MIN = 60_000;

/** A queue that keeps what is sent instead of delivering it: a message lost on the way, or one a test inspects. */
function heldQueue(): JobsQueue & { sent: RunJobMessage[] } {
  const sent: RunJobMessage[] = [];
  return {
    sent,
    send: async (body) => void sent.push(body),
    sendBatch: async (messages) => {
      for (const m of messages) sent.push(m.body);
    },
  };
}

/** The real rooms, with every set_frame_media and job event the service sends recorded. */
function recordedRooms() {
  const media: { episodeId: string; frameId: string; media: JobMedia }[] = [];
  const events: { type: JobEventType; payload: Record<string, unknown> }[] = [];
  const rooms: JobsDeps["rooms"] = (episodeId) => {
    const room = roomFor(env, episodeId);
    return {
      frameContext: (frameId) => room.frameContext(frameId),
      applyFrameMedia: (frameId, m, revision) => {
        media.push({ episodeId, frameId, media: m });
        return room.applyFrameMedia(frameId, m, revision);
      },
      jobEvent: async (type, payload) => {
        events.push({ type, payload });
        await room.jobEvent(type, payload);
      },
    };
  };
  return { rooms, media, events };
}

function service(over: Partial<JobsDeps> = {}) {
  return new JobsService({ db, queue: env.JOBS, artifacts: env.ARTIFACTS, rooms: (id) => roomFor(env, id), config: jobsConfig(env), ...over });
}

async function studio(frames = 1) {
  const owner = await signUp("owner");
  const projectId = await projectOf(owner);
  const episodeId = await episodeOf(owner, projectId);
  const sock = await connect(owner, projectId, episodeId);
  for (let i = 1; i <= frames; i++)
    await command(sock, { type: "add_frame", frame: { id: `f${i}`, title: `Frame ${i}`, prompt: "a sign in the rain", camera: "CU" } });
  return { owner, projectId, episodeId, sock, base: `/api/v1/projects/${projectId}/episodes/${episodeId}` };
}

/** A job created the normal way (card queued), whose queue message never arrives. */
async function lostJob(s: { owner: Person; projectId: string; episodeId: string }, frameId = "f1") {
  const out = await service({ queue: heldQueue() }).create({ projectId: s.projectId, episodeId: s.episodeId, frameId, createdBy: s.owner.user.id });
  if (!out.ok) throw new Error(out.message);
  return out.job;
}

/** An attempt that started (card running) and then died with its isolate: it never reports again. */
async function silentAttempt(s: { owner: Person; projectId: string; episodeId: string }, frameId = "f1") {
  const job = await lostJob(s, frameId);
  const row = (await getJob(db, job.id))!;
  await guarded(db, job.id, "start", { token: row.attemptToken });
  await roomFor(env, s.episodeId).applyFrameMedia(frameId, { state: "running", jobId: job.id });
  return (await getJob(db, job.id))!;
}

/** Moves a job's creation and last report `ms` into the past. */
async function backdate(jobId: string, ms: number) {
  const at = new Date(Date.now() - ms).toISOString();
  await db.update(jobs).set({ createdAt: at, updatedAt: at }).where(eq(jobs.id, jobId));
}

/** The Cron Trigger, through the worker's own scheduled handler. */
async function cron() {
  await worker.scheduled(createScheduledController({ cron: "* * * * *", scheduledTime: new Date() }), env);
}

/** A card as a person sees it: the job's state and the URL of the picture it shows, if any. */
async function cardOf(s: { owner: Person; base: string }, frameId = "f1") {
  const { board } = (await (await s.owner.client.get(`${s.base}/board`)).json()) as { board: Board };
  const { revisions: _r, shown: _s, ...job } = board.frames.find((f) => f.id === frameId)!.media;
  const url = shownImage(board.frames.find((f) => f.id === frameId)!.media);
  return { ...job, ...(url ? { url } : {}) };
}

const extended = async (owner: Person, jobId: string) => (await (await owner.client.get(`/api/v1/jobs/${jobId}/extended`)).json()) as ExtendedJob;

describe("the sweep", () => {
  it("re-sends a pending job whose queue message was lost for over 2 minutes, and the job then succeeds", async () => {
    const s = await studio();
    const job = await lostJob(s);
    await backdate(job.id, 2 * MIN + 5_000);
    await cron();
    const done = await waitForJob(s.owner, job.id, isTerminal);
    expect(done).toMatchObject({ status: "success", attempt: 1 });
    const ext = await extended(s.owner, job.id);
    expect(ext.logs.map((l) => l.message)).toContain("Re-sent: No attempt started within 120 s of queueing: the queue message was lost.");
    expect(ext.attempts).toEqual([expect.objectContaining({ attempt: 1, status: "success" })]);
    expect(await cardOf(s)).toEqual({ state: "ready", jobId: job.id, url: done.artifactUrl });
    s.sock.close();
  });

  it("fails a running attempt silent for 60 s as retryable, shows the reason on its card, and retry then succeeds", async () => {
    const s = await studio();
    const row = await silentAttempt(s);
    await backdate(row.id, MIN + 5_000);
    await cron();
    const failed = (await (await s.owner.client.get(`/api/v1/jobs/${row.id}`)).json()) as { job: Job };
    expect(failed.job).toMatchObject({ status: "failure", attempt: 1, error: expect.stringMatching(/^The attempt stopped reporting for 60 s/) });
    expect(await cardOf(s)).toEqual({ state: "failed", jobId: row.id, reason: failed.job.error });
    const warning = await s.sock.next("warning", (m) => m.payload.jobId === row.id);
    expect(warning.payload).toMatchObject({ code: "job_failed", message: failed.job.error });

    const retry = await s.owner.client.post(`/api/v1/jobs/${row.id}/retry`);
    expect(retry.status).toBe(200);
    const done = await waitForJob(s.owner, row.id, (j) => j.attempt === 2 && isTerminal(j));
    expect(done.status).toBe("success");
    const ext = await extended(s.owner, row.id);
    expect(ext.attempts).toEqual([
      expect.objectContaining({ attempt: 1, status: "failure", error: failed.job.error }),
      expect.objectContaining({ attempt: 2, status: "success" }),
    ]);
    expect(await cardOf(s)).toMatchObject({ state: "ready", jobId: row.id });
    s.sock.close();
  });

  it("leaves a freshly queued job and a running attempt that is still reporting alone, and refuses to retry them", async () => {
    const s = await studio(2);
    const fresh = await lostJob(s, "f1");
    await backdate(fresh.id, MIN);
    const live = await silentAttempt(s, "f2");
    await backdate(live.id, 30_000);
    const before = await Promise.all([getJob(db, fresh.id), getJob(db, live.id)]);
    await cron();
    expect(await Promise.all([getJob(db, fresh.id), getJob(db, live.id)])).toEqual(before);
    expect((await s.owner.client.post(`/api/v1/jobs/${fresh.id}/retry`)).status).toBe(409);
    expect((await s.owner.client.post(`/api/v1/jobs/${live.id}/retry`)).status).toBe(409);
    expect((await cardOf(s, "f1")).state).toBe("queued");
    expect((await cardOf(s, "f2")).state).toBe("running");
    s.sock.close();
  });

  it("does not resurrect a job canceled before the sweep, nor one canceled between the sweep's read and its write", async () => {
    const s = await studio(2);
    const early = await lostJob(s, "f1");
    await backdate(early.id, 3 * MIN);
    expect((await s.owner.client.post(`/api/v1/jobs/${early.id}/cancel`)).status).toBe(200);
    await cron();
    expect((await getJob(db, early.id))!.status).toBe("canceled");
    expect(await cardOf(s, "f1")).toEqual({ state: "canceled", jobId: early.id });

    // The race: the sweep read both jobs as stranded, then a person canceled them.
    const pending = await lostJob(s, "f1");
    await backdate(pending.id, 3 * MIN);
    const running = await silentAttempt(s, "f2");
    await backdate(running.id, 3 * MIN);
    const seen = await db.select(strandedColumns).from(jobs).where(eq(jobs.id, pending.id)).get();
    const seenRunning = await db.select(strandedColumns).from(jobs).where(eq(jobs.id, running.id)).get();
    for (const id of [pending.id, running.id]) expect((await s.owner.client.post(`/api/v1/jobs/${id}/cancel`)).status).toBe(200);
    expect(await claimResend(db, seen!, new Date().toISOString())).toEqual([]);
    const queue = heldQueue();
    const rooms = recordedRooms();
    expect(await service({ queue, rooms: rooms.rooms }).failSilent(seenRunning!)).toBe(false);
    expect(queue.sent).toEqual([]);
    expect(rooms.media).toEqual([]);
    expect((await getJob(db, pending.id))!.status).toBe("canceled");
    expect((await getJob(db, running.id))!.status).toBe("canceled");
    expect((await s.owner.client.post(`/api/v1/jobs/${running.id}/retry`)).status).toBe(409);
    s.sock.close();
  });

  it("never fails an attempt that reported just before the sweep's write, and ignores an attempt that reports after it", async () => {
    const s = await studio();
    const row = await silentAttempt(s);
    await backdate(row.id, 2 * MIN);
    const seen = (await db.select(strandedColumns).from(jobs).where(eq(jobs.id, row.id)).get())!;
    // A heartbeat lands between the sweep's read and its write: the attempt is alive.
    expect(await touch(db, row.id, row.attemptToken)).toBe(true);
    expect(await service().failSilent(seen)).toBe(false);
    expect((await getJob(db, row.id))!.status).toBe("running");

    // Silent again, failed; then the attempt wakes up and reports: nothing moves.
    await backdate(row.id, 2 * MIN);
    await cron();
    const failed = (await getJob(db, row.id))!;
    expect(failed.status).toBe("failure");
    expect(await touch(db, row.id, row.attemptToken)).toBe(false);
    await setProgress(db, row.id, row.attemptToken, 90, { render: 1 }, []);
    expect(await guarded(db, row.id, "succeed", { token: row.attemptToken, set: { progress: 100 } })).toBeNull();
    expect(await getJob(db, row.id)).toEqual(failed);
    s.sock.close();
  });

  it("re-sends once however many sweeps overlap, and again only after another full threshold", async () => {
    const s = await studio();
    const job = await lostJob(s);
    const created = Date.parse((await getJob(db, job.id))!.updatedAt);
    let now = created + 2 * MIN + 1;
    const queue = heldQueue();
    const sweeper = service({ queue, now: () => now });
    const reports = await Promise.all([sweeper.sweep(), sweeper.sweep(), sweeper.sweep()]);
    const mine = (m: RunJobMessage) => m.jobId === job.id;
    expect(queue.sent.filter(mine)).toHaveLength(1);
    expect(reports.filter((r) => r.resent.includes(job.id))).toHaveLength(1);
    now += MIN;
    await sweeper.sweep();
    expect(queue.sent.filter(mine)).toHaveLength(1);
    now += MIN + 1;
    await sweeper.sweep();
    expect(queue.sent.filter(mine)).toEqual([
      { type: "job", jobId: job.id, attempt: 1, token: expect.any(String) },
      { type: "job", jobId: job.id, attempt: 1, token: expect.any(String) },
    ]);
    // The re-sent message is the job's own: delivered late, it runs the job once.
    await env.JOBS.send(queue.sent.filter(mine)[0]!);
    expect((await waitForJob(s.owner, job.id, isTerminal)).status).toBe("success");
    s.sock.close();
  });

  it("fails a silent attempt once however many sweeps overlap, with one card change and one warning", async () => {
    const s = await studio();
    const row = await silentAttempt(s);
    const rooms = recordedRooms();
    const sweeper = service({ queue: heldQueue(), rooms: rooms.rooms, now: () => Date.parse(row.updatedAt) + MIN + 1 });
    const reports = await Promise.all([sweeper.sweep(), sweeper.sweep(), sweeper.sweep()]);
    expect(reports.filter((r) => r.failed.includes(row.id))).toHaveLength(1);
    expect(rooms.media.filter((m) => m.media.jobId === row.id)).toEqual([
      { episodeId: s.episodeId, frameId: "f1", media: { state: "failed", jobId: row.id, reason: expect.stringMatching(/stopped reporting for 60 s/) } },
    ]);
    expect(rooms.events.filter((e) => e.payload.jobId === row.id)).toHaveLength(1);
    const logs = (await extended(s.owner, row.id)).logs.filter((l) => l.level === "error");
    expect(logs).toHaveLength(1);
    s.sock.close();
  });

  it("does a bounded amount of work per sweep and takes the rest on the next one", async () => {
    const s = await studio();
    const ids: string[] = [];
    for (let i = 0; i < 7; i++) ids.push((await lostJob(s)).id);
    for (const id of ids) await backdate(id, 10 * MIN);
    const queue = heldQueue();
    const sweeper = service({ queue, config: { ...jobsConfig(env), batchSize: 3, maxRounds: 2 } });
    const first = await sweeper.sweep();
    expect(first.rounds).toBe(2);
    expect(first.resent.filter((id) => ids.includes(id))).toHaveLength(6);
    const second = await sweeper.sweep();
    expect([...first.resent, ...second.resent].filter((id) => ids.includes(id)).sort()).toEqual([...ids].sort());
    expect(queue.sent.filter((m) => ids.includes(m.jobId))).toHaveLength(7);
    s.sock.close();
  });
});

describe("a slow attempt", () => {
  // The real pipeline with a pause after each stage (4 × 400 ms) and a 1 s silence threshold.
  const slowEnv = { ...env, JOBS_STAGE_PACE_MS: "400", JOBS_RUNNING_SILENCE_MS: "1000" };
  // Stages far apart: 700 ms between stage reports, against a 500 ms silence threshold.
  const slowerEnv = { ...env, JOBS_STAGE_PACE_MS: "700", JOBS_RUNNING_SILENCE_MS: "500" };
  const messageFor = async (jobId: string): Promise<RunJobMessage> => {
    const row = (await getJob(db, jobId))!;
    return { type: "job", jobId, attempt: row.attempt, token: row.attemptToken };
  };

  it("keeps reporting through stages longer than the silence threshold, so sweeps running all the while never fail it", async () => {
    const s = await studio();
    const job = await lostJob(s);
    const run = processJob(slowerEnv, await messageFor(job.id));
    const sweeper = service({ queue: heldQueue(), config: jobsConfig(slowerEnv) });
    const failed: string[] = [];
    let finished = false;
    void run.finally(() => (finished = true));
    while (!finished) {
      failed.push(...(await sweeper.sweep()).failed);
      await new Promise((r) => setTimeout(r, 150));
    }
    expect(await run).toBe("done");
    expect(failed).not.toContain(job.id);
    expect((await getJob(db, job.id))!.status).toBe("success");
    s.sock.close();
  });

  it("publishes nothing when it finishes after being failed for silence, even while its retry runs", async () => {
    const s = await studio();
    const job = await lostJob(s);
    const run = processJob(slowEnv, await messageFor(job.id));
    await waitForJob(s.owner, job.id, (j) => j.status === "running");
    // An isolate frozen past the threshold looks silent: a sweep whose clock is a minute ahead fails it.
    const sweeper = service({ queue: heldQueue(), now: () => Date.now() + MIN });
    expect((await sweeper.sweep()).failed).toContain(job.id);
    expect((await s.owner.client.post(`/api/v1/jobs/${job.id}/retry`)).status).toBe(200);
    expect(await run).toBe("done");
    const done = await waitForJob(s.owner, job.id, (j) => j.attempt === 2 && isTerminal(j));
    expect(done.status).toBe("success");
    const listed = await env.ARTIFACTS.list({ prefix: `${s.projectId}/${s.episodeId}/${job.id}/` });
    expect(listed.objects.map((o) => o.key).sort()).toEqual([
      `${s.projectId}/${s.episodeId}/${job.id}/attempt-2.manifest.json`,
      `${s.projectId}/${s.episodeId}/${job.id}/attempt-2.svg`,
    ]);
    const logs = (await extended(s.owner, job.id)).logs.filter((l) => l.attempt === 1).map((l) => l.message);
    expect(logs).toContain("The attempt finished after this attempt was failed for going silent; its output was discarded.");
    expect(await cardOf(s)).toMatchObject({ state: "ready", jobId: job.id, url: done.artifactUrl });
    s.sock.close();
  });
});

describe("retrying a stranded job", () => {
  it("re-queues a pending job whose message was lost as attempt 2 at once, without waiting for the sweep", async () => {
    const s = await studio();
    const job = await lostJob(s);
    await backdate(job.id, 2 * MIN + 1_000);
    const res = await s.owner.client.post(`/api/v1/jobs/${job.id}/retry`);
    expect(res.status).toBe(200);
    expect(((await res.json()) as { job: Job }).job).toMatchObject({ status: "pending", attempt: 2 });
    const done = await waitForJob(s.owner, job.id, (j) => j.attempt === 2 && isTerminal(j));
    expect(done.status).toBe("success");
    const ext = await extended(s.owner, job.id);
    expect(ext.attempts).toEqual([
      expect.objectContaining({ attempt: 1, status: "failure", error: "No attempt started within 120 s of queueing: the queue message was lost." }),
      expect.objectContaining({ attempt: 2, status: "success" }),
    ]);
    s.sock.close();
  });

  it("retries a silent running attempt directly, and two concurrent retries make one attempt", async () => {
    const s = await studio();
    const row = await silentAttempt(s);
    await backdate(row.id, MIN + 1_000);
    const [a, b] = await Promise.all([s.owner.client.post(`/api/v1/jobs/${row.id}/retry`), s.owner.client.post(`/api/v1/jobs/${row.id}/retry`)]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    const done = await waitForJob(s.owner, row.id, (j) => j.attempt === 2 && isTerminal(j));
    expect(done.status).toBe("success");
    expect((await extended(s.owner, row.id)).attempts.map((x) => [x.attempt, x.status])).toEqual([
      [1, "failure"],
      [2, "success"],
    ]);
    s.sock.close();
  });
});

describe("the dead-letter queue", () => {
  const deadLetter = (body: RunJobMessage) => {
    const acked: string[] = [];
    const batch = {
      queue: "reelroom-jobs-dlq",
      messages: [{ id: "m1", timestamp: new Date(), attempts: 4, body, ack: () => acked.push("m1"), retry: () => undefined }],
      ackAll: () => undefined,
      retryAll: () => undefined,
    } as unknown as MessageBatch<unknown>;
    return consumeJobs(batch, env).then(() => acked);
  };

  it("fails a job whose message the queue gave up on before any attempt started, and says so on its card", async () => {
    const s = await studio();
    const job = await lostJob(s);
    const row = (await getJob(db, job.id))!;
    expect(await deadLetter({ type: "job", jobId: row.id, attempt: 1, token: row.attemptToken })).toEqual(["m1"]);
    const after = (await getJob(db, job.id))!;
    expect(after).toMatchObject({ status: "failure", deadLettered: true, error: DEAD_LETTER_REASON });
    expect(await cardOf(s)).toEqual({ state: "failed", jobId: job.id, reason: DEAD_LETTER_REASON });
    expect((await s.owner.client.post(`/api/v1/jobs/${job.id}/retry`)).status).toBe(200);
    expect((await waitForJob(s.owner, job.id, (j) => j.attempt === 2 && isTerminal(j))).status).toBe("success");
    s.sock.close();
  });

  it("ignores a dead-lettered message of an older attempt and never fails a running attempt on a duplicate's account", async () => {
    const s = await studio(2);
    const job = await lostJob(s, "f1");
    const first = (await getJob(db, job.id))!;
    await backdate(job.id, 3 * MIN);
    expect((await s.owner.client.post(`/api/v1/jobs/${job.id}/retry`)).status).toBe(200);
    await waitForJob(s.owner, job.id, (j) => j.attempt === 2 && isTerminal(j));
    const settled = (await getJob(db, job.id))!;
    await deadLetter({ type: "job", jobId: job.id, attempt: 1, token: first.attemptToken });
    expect(await getJob(db, job.id)).toEqual(settled);

    const running = await silentAttempt(s, "f2");
    await deadLetter({ type: "job", jobId: running.id, attempt: 1, token: running.attemptToken });
    expect((await getJob(db, running.id))!.status).toBe("running");
    s.sock.close();
  });
});

describe("configuration", () => {
  it("reads the thresholds from JOBS_PENDING_RESEND_MS and JOBS_RUNNING_SILENCE_MS, and falls back to the contract's 2 min and 60 s", () => {
    expect(jobsConfig({})).toEqual(DEFAULT_JOBS_CONFIG);
    expect(DEFAULT_JOBS_CONFIG).toMatchObject({ pendingResendMs: 120_000, runningSilenceMs: 60_000 });
    expect(jobsConfig({ JOBS_PENDING_RESEND_MS: "1500", JOBS_RUNNING_SILENCE_MS: "2000" })).toMatchObject({ pendingResendMs: 1500, runningSilenceMs: 2000 });
    expect(jobsConfig({ JOBS_PENDING_RESEND_MS: "soon", JOBS_RUNNING_SILENCE_MS: "-5" })).toEqual(DEFAULT_JOBS_CONFIG);
    expect(jobsService(env).config).toEqual(DEFAULT_JOBS_CONFIG);
  });
});
