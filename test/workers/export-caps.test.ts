// Export caps per episode (CONTRACT 10, issue 21): at most 2 exports of an
// episode run at once and 10 more wait; the next request is refused with 429
// and a sentence that says so. Exports go through their own queue, so a
// burst of them never shares a consumer batch with renders.
import { env } from "cloudflare:workers";
import { and, eq, inArray, sql } from "drizzle-orm";
import { drizzle } from "drizzle-orm/d1";
import { describe, expect, it } from "vitest";
import * as schema from "../../worker/db/schema";
import { processJob } from "../../worker/jobs/pipeline";
import { createJob, getJob } from "../../worker/jobs/store";
import { episodeOf, errorCode, isTerminal, type Person, projectOf, signUp, waitForJob } from "./helpers";

const db = drizzle(env.DB, { schema });

async function episode() {
  const owner = await signUp("owner");
  const projectId = await projectOf(owner, "Harbour Lights");
  const episodeId = await episodeOf(owner, projectId, "Night Market");
  return { owner, projectId, episodeId, base: `/api/v1/projects/${projectId}/episodes/${episodeId}` };
}

/** Export rows of the episode already waiting or running: no queue message carries them, so they stay as set. */
async function exportsIn(owner: Person, projectId: string, episodeId: string, status: "pending" | "running", n: number) {
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    const spec = { format: "csv" as const, layout: null };
    const { row } = await createJob(db, { projectId, episodeId, frameId: "", export: spec, provider: "sketch", input: spec, createdBy: owner.user.id });
    await db.update(schema.jobs).set({ status }).where(eq(schema.jobs.id, row.id));
    ids.push(row.id);
  }
  return ids;
}

async function inFlight(episodeId: string) {
  const row = await db
    .select({ n: sql<number>`count(*)` })
    .from(schema.jobs)
    .where(and(eq(schema.jobs.episodeId, episodeId), eq(schema.jobs.kind, "export"), inArray(schema.jobs.status, ["pending", "running"])))
    .get();
  return Number(row?.n ?? 0);
}

describe("export caps per episode", () => {
  it("refuse a 13th export while 2 run and 10 wait, with 429 and a sentence that says why", async () => {
    const { owner, projectId, episodeId, base } = await episode();
    await exportsIn(owner, projectId, episodeId, "running", 2);
    await exportsIn(owner, projectId, episodeId, "pending", 10);
    const res = await owner.client.post(`${base}/exports`, { format: "csv" });
    expect(res.status).toBe(429);
    const body = (await res.json()) as { error: { code: string; message: string } };
    expect(body.error).toMatchObject({ code: "rate_limited", message: expect.stringMatching(/2 exports.*10 more/) });
    expect(res.headers.get("retry-after")).toMatch(/^\d+$/);
    expect(await inFlight(episodeId)).toBe(12);
  });

  it("admit exactly up to the cap when many requests arrive at once", async () => {
    const { owner, projectId, episodeId, base } = await episode();
    await exportsIn(owner, projectId, episodeId, "running", 2);
    await exportsIn(owner, projectId, episodeId, "pending", 8);
    const answers = await Promise.all(Array.from({ length: 6 }, () => owner.client.post(`${base}/exports`, { format: "csv" })));
    expect(answers.map((r) => r.status).sort()).toEqual([202, 202, 429, 429, 429, 429]);
    expect(await inFlight(episodeId)).toBe(12);
    // Another episode of the same project has caps of its own.
    const other = await episodeOf(owner, projectId, "Low Tide");
    expect((await owner.client.post(`/api/v1/projects/${projectId}/episodes/${other}/exports`, { format: "csv" })).status).toBe(202);
  });

  it("start a third export of an episode only once one of its two running exports ends", async () => {
    const { owner, projectId, episodeId } = await episode();
    const running = await exportsIn(owner, projectId, episodeId, "running", 2);
    const spec = { format: "csv" as const, layout: null };
    const { row } = await createJob(db, { projectId, episodeId, frameId: "", export: spec, provider: "sketch", input: spec, createdBy: owner.user.id });
    // Its message arrives while two run: it waits, pending, and is queued again for later.
    expect(await processJob(env, { type: "job", jobId: row.id, attempt: 1, token: row.attemptToken })).toBe("done");
    expect(await getJob(db, row.id)).toMatchObject({ status: "pending", attempt: 1 });
    await db.update(schema.jobs).set({ status: "success" }).where(eq(schema.jobs.id, running[0]!));
    expect(await waitForJob(owner, row.id, isTerminal)).toMatchObject({ status: "success", attempt: 1 });
  });

  it("leave renders alone: a frame's render is not counted against an episode's exports", async () => {
    const { owner, projectId, episodeId, base } = await episode();
    await exportsIn(owner, projectId, episodeId, "pending", 11);
    await createJob(db, { projectId, episodeId, frameId: "f1", provider: "sketch", input: {}, createdBy: owner.user.id });
    expect((await owner.client.post(`${base}/exports`, { format: "csv" })).status).toBe(202);
    expect(await errorCode(await owner.client.post(`${base}/exports`, { format: "csv" }))).toBe("rate_limited");
  });
});
