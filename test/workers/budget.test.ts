// Project budgets (CONTRACT 7, issue 12 item 8): an owner sets a budget in
// the project settings; a paid job whose estimated cost would take the
// project's spend beyond it is blocked with that reason. This project has no
// OpenAI key, so the pipeline runs here with one added to its env: the
// budget blocks the job before any provider is called.
import { env } from "cloudflare:workers";
import { drizzle } from "drizzle-orm/d1";
import { and, eq, inArray } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import * as schema from "../../worker/db/schema";
import type { Board } from "../../worker/domain/board";
import type { ProjectSettings } from "../../worker/domain/costs";
import type { MediaProviderName } from "../../worker/domain/jobs";
import { blockedReason, processJob, projectSpendUsd } from "../../worker/jobs/pipeline";
import { createJob, getJob } from "../../worker/jobs/store";
import { roomFor } from "../../worker/rooms";
import { addMember, episodeOf, errorCode, projectOf, signUp } from "./helpers";
import { command, connect } from "./socket";

const db = drizzle(env.DB, { schema });
/** The env with an OpenAI key, so the key is not what blocks a job. No call is made: the budget blocks first. */
const withKey = { ...env, OPENAI_API_KEY: "sk-test-not-a-real-key" } as typeof env;

async function setup() {
  const owner = await signUp("owner");
  const projectId = await projectOf(owner);
  const episodeId = await episodeOf(owner, projectId);
  const sock = await connect(owner, projectId, episodeId);
  await command(sock, { type: "add_frame", frame: { id: "f1", title: "Sign", prompt: "neon sign", camera: "CU", durationSec: 3 } });
  const settings = (body: Record<string, unknown>) => owner.client.post(`/api/v1/projects/${projectId}/consent`, body);
  return { owner, projectId, episodeId, sock, settings };
}

/** A paid job in a given state, standing for what the project has already spent. */
async function spent(projectId: string, episodeId: string, createdBy: string, provider: MediaProviderName, status: string) {
  const { row } = await createJob(db, { projectId, episodeId, frameId: "f1", provider, input: {} as never, createdBy });
  await db.update(schema.jobs).set({ status }).where(eq(schema.jobs.id, row.id));
}

describe("project budget setting", () => {
  it("has no budget until the owner sets one; the owner sets, shows and removes it; others cannot", async () => {
    const { owner, projectId, sock, settings } = await setup();
    const get = async () => (await (await owner.client.get(`/api/v1/projects/${projectId}/consent`)).json()) as ProjectSettings;
    expect(await get()).toEqual({ paidMedia: false, budgetUsd: null, spentUsd: 0, mediaProvider: "sketch" });

    const set = await settings({ paidMedia: true, budgetUsd: 0.05 });
    expect(set.status).toBe(200);
    expect(await set.json()).toEqual({ paidMedia: true, budgetUsd: 0.05, spentUsd: 0, mediaProvider: "sketch" });
    // The budget alone leaves the consent as it was, and the consent alone the budget.
    expect((await settings({ budgetUsd: 2 })).status).toBe(200);
    expect((await settings({ paidMedia: true })).status).toBe(200);
    expect(await get()).toMatchObject({ paidMedia: true, budgetUsd: 2 });
    expect((await settings({ budgetUsd: null })).status).toBe(200);
    expect(await get()).toMatchObject({ paidMedia: true, budgetUsd: null });

    const editor = await signUp("editor");
    await addMember(owner, projectId, editor, "editor");
    expect(await errorCode(await editor.client.post(`/api/v1/projects/${projectId}/consent`, { budgetUsd: 100 }))).toBe("forbidden");
    expect(((await (await editor.client.get(`/api/v1/projects/${projectId}/consent`)).json()) as ProjectSettings).budgetUsd).toBeNull();

    for (const bad of [{}, { budgetUsd: -1 }, { budgetUsd: "5" }, { budgetUsd: 1e9 }, { budgetUsd: 1, extra: true }]) {
      expect(await errorCode(await settings(bad))).toBe("invalid_request");
    }
    const audit = await db
      .select()
      .from(schema.audit)
      .where(and(eq(schema.audit.projectId, projectId), eq(schema.audit.action, "project.budget")))
      .all();
    expect(audit.map((a) => a.details)).toEqual([{ budgetUsd: 0.05 }, { budgetUsd: 2 }, { budgetUsd: null }]);
    sock.close();
  });
});

describe("a paid job beyond the budget", () => {
  it("is blocked with the budget and the spend as its reason, and the frame shows it", async () => {
    const { owner, projectId, episodeId, sock, settings } = await setup();
    expect((await settings({ paidMedia: true, budgetUsd: 0.05 })).status).toBe(200);
    const context = await roomFor(env, episodeId).frameContext("f1");
    const { row } = await createJob(db, { projectId, episodeId, frameId: "f1", provider: "openai", input: context as never, createdBy: owner.user.id });

    expect(await processJob(withKey, { type: "job", jobId: row.id, attempt: 1, token: row.attemptToken })).toBe("done");
    const job = (await getJob(db, row.id))!;
    expect(job.status).toBe("blocked");
    expect(job.blockedReason).toBe(
      "This render ($0.25) would go over the project's budget of $0.05 (spent $0). An owner can raise the budget in the project's settings, then retry.",
    );
    const { board } = (await (await owner.client.get(`/api/v1/projects/${projectId}/episodes/${episodeId}/board`)).json()) as { board: Board };
    expect(board.frames[0]!.media).toMatchObject({ state: "blocked", jobId: row.id, reason: job.blockedReason });
    sock.close();
  });

  it("counts the project's successful and running paid jobs as spent, and nothing else", async () => {
    const { owner, projectId, episodeId, sock, settings } = await setup();
    expect((await settings({ paidMedia: true, budgetUsd: 1 })).status).toBe(200);
    const by = owner.user.id;
    await spent(projectId, episodeId, by, "openai", "success");
    await spent(projectId, episodeId, by, "openai", "success");
    await spent(projectId, episodeId, by, "openai", "running");
    // Not spent: failed, canceled, blocked and pending paid jobs, and free sketches.
    for (const status of ["failure", "canceled", "blocked", "pending"]) await spent(projectId, episodeId, by, "openai", status);
    await spent(projectId, episodeId, by, "sketch", "success");
    expect(await projectSpendUsd(db, projectId)).toBe(0.75);

    // $0.75 spent + $0.25 lands exactly on the $1 budget: allowed.
    expect(await blockedReason(withKey, db, "openai", projectId)).toBeNull();
    await spent(projectId, episodeId, by, "openai", "success");
    expect(await blockedReason(withKey, db, "openai", projectId)).toContain("over the project's budget of $1.00 (spent $1.00)");
    // Free renders are never over budget, and a raised budget lets the next paid one through.
    expect(await blockedReason(withKey, db, "sketch", projectId)).toBeNull();
    expect((await settings({ budgetUsd: 1.25 })).status).toBe(200);
    expect(await blockedReason(withKey, db, "openai", projectId)).toBeNull();
    expect(((await (await owner.client.get(`/api/v1/projects/${projectId}/consent`)).json()) as ProjectSettings).spentUsd).toBe(1);
    sock.close();
  });

  it("is reserved in the statement that starts it: two paid jobs started at once with room for one, one starts and one is blocked", async () => {
    const { owner, projectId, episodeId, sock, settings } = await setup();
    expect((await settings({ paidMedia: true, budgetUsd: 0.25 })).status).toBe(200);
    const context = await roomFor(env, episodeId).frameContext("f1");
    const rows = await Promise.all(
      [1, 2].map(
        async () => (await createJob(db, { projectId, episodeId, frameId: "f1", provider: "openai", input: context as never, createdBy: owner.user.id })).row,
      ),
    );
    // The provider is a closed port on loopback: the job that starts fails there, and nothing leaves this machine.
    const offline = { ...withKey, OPENAI_BASE_URL: "http://127.0.0.1:9/v1" } as typeof env;
    await Promise.all(rows.map((row) => processJob(offline, { type: "job", jobId: row.id, attempt: 1, token: row.attemptToken }).catch(() => "threw")));
    const attempts = await db
      .select()
      .from(schema.jobAttempts)
      .where(
        inArray(
          schema.jobAttempts.jobId,
          rows.map((r) => r.id),
        ),
      )
      .all();
    expect(attempts.filter((a) => a.startedAt !== null)).toHaveLength(1);
    const after = await Promise.all(rows.map((r) => getJob(db, r.id)));
    const blocked = after.filter((j) => j?.status === "blocked");
    expect(blocked).toHaveLength(1);
    expect(blocked[0]!.blockedReason).toBe(
      "This render ($0.25) would go over the project's budget of $0.25 (spent $0.25). An owner can raise the budget in the project's settings, then retry.",
    );
    sock.close();
  });

  it("is still blocked for a missing key or consent first, and not at all without a budget", async () => {
    const { projectId, sock, settings } = await setup();
    expect((await settings({ budgetUsd: 0 })).status).toBe(200);
    expect(await blockedReason(env, db, "openai", projectId)).toMatch(/needs OPENAI_API_KEY/);
    expect(await blockedReason(withKey, db, "openai", projectId)).toMatch(/owner has not allowed paid image generation/);
    expect((await settings({ paidMedia: true })).status).toBe(200);
    expect(await blockedReason(withKey, db, "openai", projectId)).toContain("over the project's budget of $0 (spent $0)");
    expect((await settings({ budgetUsd: null })).status).toBe(200);
    expect(await blockedReason(withKey, db, "openai", projectId)).toBeNull();
    sock.close();
  });
});
