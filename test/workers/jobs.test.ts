// Media jobs through the real queue, D1 and R2 (CONTRACT 7): the lifecycle a
// person sees, cancel and retry, idempotency, redelivery, and the races.
import { env } from "cloudflare:workers";
import { drizzle } from "drizzle-orm/d1";
import { describe, expect, it } from "vitest";
import { shownImage, shownRevision } from "../../worker/domain/frame-media";
import { pictureBasis } from "../../worker/domain/picture-basis";
import * as schema from "../../worker/db/schema";
import type { Board } from "../../worker/domain/board";
import type { ExtendedJob, Job } from "../../worker/domain/jobs";
import { processJob } from "../../worker/jobs/pipeline";
import { createJob, getJob } from "../../worker/jobs/store";
import { roomFor } from "../../worker/rooms";
import { addMember, episodeOf, errorCode, extendedJob, isTerminal, projectOf, signUp, stagesCompleted, waitForJob } from "./helpers";
import { command, connect } from "./socket";

async function withFrame() {
  const owner = await signUp("owner");
  const projectId = await projectOf(owner);
  const episodeId = await episodeOf(owner, projectId);
  const sock = await connect(owner, projectId, episodeId);
  await command(sock, { type: "upsert_asset", asset: { id: "mia", kind: "character", name: "Mia", description: "", prompt: "green apron" } });
  await command(sock, {
    type: "add_frame",
    frame: { id: "f1", title: "Neon sign", prompt: "a sign in the rain", camera: "CU", continuity: { assetIds: ["mia"] } },
  });
  const base = `/api/v1/projects/${projectId}/episodes/${episodeId}`;
  return { owner, projectId, episodeId, sock, base };
}

describe("generate", () => {
  it("renders in the episode's aspect: after set_format 9:16 the sketch is a portrait panel", async () => {
    const { owner, sock, base } = await withFrame();
    expect((await command(sock, { type: "set_format", aspect: "9:16" })).payload.ok).toBe(true);
    const { job } = (await (await owner.client.post(`${base}/frames/f1/generate`, {})).json()) as { job: Job };
    const done = await waitForJob(owner, job.id, isTerminal);
    expect(done.status).toBe("success");
    const svg = await (await owner.client.get(done.artifactUrl!)).text();
    const [, w, h] = /viewBox="0 0 (\d+(?:\.\d+)?) (\d+(?:\.\d+)?)"/.exec(svg)!.map(Number);
    expect(h!).toBeGreaterThan(w!);
    sock.close();
  });

  it("keeps the last good image while a re-render runs, and after it is canceled", async () => {
    const { owner, sock, base } = await withFrame();
    const first = (await (await owner.client.post(`${base}/frames/f1/generate`, {})).json()) as { job: Job };
    const ready = await waitForJob(owner, first.job.id, isTerminal);
    const again = (await (await owner.client.post(`${base}/frames/f1/generate`, {})).json()) as { job: Job };
    expect((await owner.client.post(`/api/v1/jobs/${again.job.id}/cancel`, {})).status).toBe(200);
    await waitForJob(owner, again.job.id, isTerminal);
    const { board } = (await (await owner.client.get(`${base}/board`)).json()) as { board: Board };
    expect(board.frames[0]!.media).toMatchObject({ state: "canceled", jobId: again.job.id });
    expect(board.frames[0]!.media.revisions.map((r) => [r.jobId, r.url])).toEqual([[first.job.id, ready.artifactUrl]]);
    expect(shownImage(board.frames[0]!.media)).toBe(ready.artifactUrl);
    sock.close();
  });

  it("renders a frame through the queue: pending → success, with artifact, manifest, logs, records and live events", async () => {
    const { owner, sock, base } = await withFrame();
    const res = await owner.client.post(`${base}/frames/f1/generate`, {});
    expect(res.status).toBe(202);
    const { job } = (await res.json()) as { job: Job };
    expect(job).toMatchObject({ status: "pending", provider: "sketch", attempt: 1, frameId: "f1" });

    const done = await waitForJob(owner, job.id, isTerminal);
    expect(done.status).toBe("success");
    expect(done.artifactUrl).toMatch(/^\/api\/v1\/artifacts\/prj_.*\/attempt-1\.svg$/);

    const art = await owner.client.get(done.artifactUrl!);
    expect(art.status).toBe(200);
    expect(art.headers.get("content-type")).toBe("image/svg+xml");
    const svg = await art.text();
    // The picture only (CONTRACT 12): the alt text is its one sentence, no shot label or caption.
    expect(svg).toContain("<title>Close-up, eye level: Mia");
    expect(svg).not.toContain("SHOT 1");
    expect(svg).not.toContain("<text");

    const ext = await extendedJob(owner, job.id);
    expect(ext.progress).toBe(100);
    const sketchStages = ["compose_prompt", "render", "store", "manifest"];
    expect(Object.keys(ext.plugin_timings)).toEqual(sketchStages);
    for (const ms of Object.values(ext.plugin_timings)) expect(Math.round(ms * 10) / 10).toBe(ms);
    expect(ext.logs.map((l) => l.message)).toEqual([
      "Job created for frame f1 with sketch.",
      "Attempt 1 started.",
      ...stagesCompleted(sketchStages),
      "Succeeded: artifact and manifest stored.",
    ]);
    expect(ext.provider_requests).toEqual([expect.objectContaining({ provider: "sketch", outcome: "ok", try: 1 })]);
    const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(svg));
    const sha = [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, "0")).join("");
    expect(ext.manifest).toMatchObject({ job: job.id, attempt: 1, provider: "sketch", artifact: { sha256: sha, mime: "image/svg+xml" } });
    expect(ext.attempts).toEqual([expect.objectContaining({ attempt: 1, status: "success" })]);

    // The room heard all of it.
    const medias = sock.messages
      .flatMap((m) => (m.type === "board_event" ? [m.payload.event] : []))
      .filter((e) => e.kind === "set_frame_media")
      .map((e) => (e as { data: { media: { state: string } } }).data.media.state);
    expect(medias).toEqual(["queued", "running", "ready"]);
    const progress = sock.messages.filter((m) => m.type === "progress").map((m) => m.payload.progress as number);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
    expect(progress.at(-1)).toBe(100);
    const stages = sock.messages.flatMap((m) => (m.type === "plugin_status" && m.payload.status === "completed" ? [m.payload.plugin] : []));
    expect(stages).toEqual(["compose_prompt", "render", "store", "manifest"]);
    expect(sock.messages.some((m) => m.type === "frame" && m.payload.frameId === "f1")).toBe(true);
    const { board } = (await (await owner.client.get(`${base}/board`)).json()) as { board: Board };
    // The render is a revision, credited to who asked, carrying what it was made from.
    expect(board.frames[0]!.media).toMatchObject({ state: "ready", jobId: job.id });
    const picture = shownRevision(board.frames[0]!.media)!;
    expect(picture).toMatchObject({
      kind: "render",
      url: done.artifactUrl,
      mime: "image/svg+xml",
      jobId: job.id,
      provider: "sketch",
      by: { type: "user", name: expect.any(String) },
    });
    expect(picture.basis).toBe(pictureBasis(board, board.frames[0]!));
    expect(picture.width).toBeGreaterThan(0);
    sock.close();
  });

  it("is idempotent on idempotencyKey", async () => {
    const { owner, base, sock } = await withFrame();
    const a = (await (await owner.client.post(`${base}/frames/f1/generate`, { idempotencyKey: "k1" })).json()) as { job: Job };
    const b = (await (await owner.client.post(`${base}/frames/f1/generate`, { idempotencyKey: "k1" })).json()) as { job: Job };
    expect(b.job.id).toBe(a.job.id);
    await waitForJob(owner, a.job.id, isTerminal);
    sock.close();
  });

  it("refuses viewers, strangers, unknown frames and unknown providers", async () => {
    const { owner, projectId, base, sock } = await withFrame();
    const viewer = await signUp("viewer");
    await addMember(owner, projectId, viewer, "viewer");
    expect((await viewer.client.post(`${base}/frames/f1/generate`, {})).status).toBe(403);
    const stranger = await signUp("stranger");
    expect((await stranger.client.post(`${base}/frames/f1/generate`, {})).status).toBe(403);
    expect((await owner.client.post(`${base}/frames/nope/generate`, {})).status).toBe(404);
    expect((await owner.client.post(`${base}/frames/f1/generate`, { provider: "dalle" })).status).toBe(400);
    const { job } = (await (await owner.client.post(`${base}/frames/f1/generate`, {})).json()) as { job: Job };
    expect((await stranger.client.get(`/api/v1/jobs/${job.id}`)).status).toBe(404);
    const done = await waitForJob(owner, job.id, isTerminal);
    expect((await stranger.client.get(done.artifactUrl!)).status).toBe(404);
    expect((await viewer.client.get(done.artifactUrl!)).status).toBe(200);
    expect((await viewer.client.post(`/api/v1/jobs/${job.id}/cancel`)).status).toBe(403);
    sock.close();
  });

  it("blocks a live provider without its key, with a reason that names what is missing and no secret", async () => {
    const { owner, base, sock } = await withFrame();
    const { job } = (await (await owner.client.post(`${base}/frames/f1/generate`, { provider: "openai" })).json()) as { job: Job };
    const done = await waitForJob(owner, job.id, isTerminal);
    expect(done.status).toBe("blocked");
    expect(done.blockedReason).toMatch(/OPENAI_API_KEY, which is not configured/);
    const { board } = (await (await owner.client.get(`${base}/board`)).json()) as { board: Board };
    expect(board.frames[0]!.media).toMatchObject({ state: "blocked", reason: done.blockedReason });
    // Retry after the fix runs again; without it, it blocks again as attempt 2.
    const retry = await owner.client.post(`/api/v1/jobs/${job.id}/retry`);
    expect(retry.status).toBe(200);
    const again = await waitForJob(owner, job.id, (j) => j.attempt === 2 && isTerminal(j));
    expect(again.status).toBe("blocked");
    sock.close();
  });
});

describe("cancel and retry", () => {
  it("cancels a pending job for good: no retry, no second cancel, no image", async () => {
    const { owner, projectId, episodeId, base, sock } = await withFrame();
    const db = drizzle(env.DB, { schema });
    // A job that is not on the queue, so nothing races this test.
    const context = await roomFor(env, episodeId).frameContext("f1");
    const { row } = await createJob(db, { projectId, episodeId, frameId: "f1", provider: "sketch", input: context as never, createdBy: owner.user.id });
    const cancel = await owner.client.post(`/api/v1/jobs/${row.id}/cancel`);
    expect(cancel.status).toBe(200);
    expect(((await cancel.json()) as { job: Job }).job.status).toBe("canceled");
    expect(await errorCode(await owner.client.post(`/api/v1/jobs/${row.id}/cancel`))).toBe("conflict");
    expect((await owner.client.post(`/api/v1/jobs/${row.id}/retry`)).status).toBe(409);
    // The queued message arriving late changes nothing.
    expect(await processJob(env, { type: "job", jobId: row.id, attempt: 1, token: row.attemptToken })).toBe("stale");
    expect((await getJob(db, row.id))!.status).toBe("canceled");
    const { board } = (await (await owner.client.get(`${base}/board`)).json()) as { board: Board };
    expect(board.frames[0]!.media.state).toBe("canceled");
    sock.close();
  });

  it("never lets an attempt that finishes after a cancel mark success or publish its output (repeated races)", async () => {
    const { owner, projectId, episodeId, sock } = await withFrame();
    const db = drizzle(env.DB, { schema });
    const context = await roomFor(env, episodeId).frameContext("f1");
    let canceledWins = 0;
    let successWins = 0;
    for (let i = 0; i < 25; i++) {
      const { row } = await createJob(db, { projectId, episodeId, frameId: "f1", provider: "sketch", input: context as never, createdBy: owner.user.id });
      const delay = new Promise((r) => setTimeout(r, i % 5));
      const [, cancel] = await Promise.all([
        processJob(env, { type: "job", jobId: row.id, attempt: 1, token: row.attemptToken }),
        delay.then(() => owner.client.post(`/api/v1/jobs/${row.id}/cancel`)),
      ]);
      const final = (await getJob(db, row.id))!;
      const listed = await env.ARTIFACTS.list({ prefix: `${projectId}/${episodeId}/${row.id}/` });
      if (final.status === "canceled") {
        canceledWins++;
        expect(cancel.status).toBe(200);
        expect(listed.objects).toEqual([]);
        expect(final.artifactKey).toBeNull();
      } else {
        successWins++;
        expect(final.status).toBe("success");
        expect(cancel.status).toBe(409);
        expect(listed.objects.map((o) => o.key).sort()).toEqual([final.artifactKey, final.manifestKey].sort());
      }
    }
    expect(canceledWins + successWins).toBe(25);
    sock.close();
  });

  it("makes one attempt from two concurrent retries, with lineage", async () => {
    const { owner, base, sock } = await withFrame();
    const { job } = (await (await owner.client.post(`${base}/frames/f1/generate`, { provider: "openai" })).json()) as { job: Job };
    await waitForJob(owner, job.id, isTerminal);
    const [a, b] = await Promise.all([owner.client.post(`/api/v1/jobs/${job.id}/retry`), owner.client.post(`/api/v1/jobs/${job.id}/retry`)]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    await waitForJob(owner, job.id, (j) => j.attempt === 2 && isTerminal(j));
    const ext = (await (await owner.client.get(`/api/v1/jobs/${job.id}/extended`)).json()) as ExtendedJob;
    expect(ext.attempts.map((x) => x.attempt)).toEqual([1, 2]);
    expect(ext.job.attempt).toBe(2);
    sock.close();
  });

  it("ignores a redelivered message: one success, one artifact", async () => {
    const { owner, projectId, episodeId, sock } = await withFrame();
    const db = drizzle(env.DB, { schema });
    const context = await roomFor(env, episodeId).frameContext("f1");
    const { row } = await createJob(db, { projectId, episodeId, frameId: "f1", provider: "sketch", input: context as never, createdBy: owner.user.id });
    const msg = { type: "job" as const, jobId: row.id, attempt: 1, token: row.attemptToken };
    const results = await Promise.all([processJob(env, msg), processJob(env, msg), processJob(env, msg)]);
    expect(results.filter((r) => r === "done")).toHaveLength(1);
    expect((await getJob(db, row.id))!.status).toBe("success");
    const listed = await env.ARTIFACTS.list({ prefix: `${projectId}/${episodeId}/${row.id}/` });
    expect(listed.objects).toHaveLength(2);
    expect(await processJob(env, msg)).toBe("stale");
    sock.close();
  });
});

describe("listing", () => {
  it("lists my jobs newest first with filters and a cursor", async () => {
    const { owner, projectId, base, sock } = await withFrame();
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) ids.push(((await (await owner.client.post(`${base}/frames/f1/generate`, {})).json()) as { job: Job }).job.id);
    for (const id of ids) await waitForJob(owner, id, isTerminal);
    const list = (await (await owner.client.get(`/api/v1/jobs?project=${projectId}&status=success`)).json()) as { jobs: Job[]; nextCursor: string | null };
    expect(list.jobs.map((j) => j.id)).toEqual([...ids].reverse());
    expect(list.nextCursor).toBeNull();
    const other = await signUp("other");
    expect(((await (await other.client.get("/api/v1/jobs")).json()) as { jobs: Job[] }).jobs).toEqual([]);
    expect((await other.client.get(`/api/v1/jobs?project=${projectId}`)).status).toBe(403);
    expect((await owner.client.get("/api/v1/jobs?cursor=garbage!!")).status).toBe(400);
    sock.close();
  });
});
