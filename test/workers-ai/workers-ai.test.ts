// Both Workers AI providers (AGENT_PROVIDER and MEDIA_PROVIDER = workers-ai)
// against a fake AI binding (test/support/fake-ai.mjs, wired in
// vitest.workers.config.ts): a run streams the binding's SSE into a frame on
// the board, an answer cut off at its output limit (said by finish_reason or
// by its usage) can be continued, a binding error fails the run plainly (not
// retryable when the account's credentials are refused), and an image renders
// into R2 once the owner has consented to a paid provider.
import { env } from "cloudflare:workers";
import { beforeEach, describe, expect, it } from "vitest";
import { DEFAULT_WORKERS_AI_MODEL, WORKERS_AI_MAX_TOKENS } from "../../worker/agent/workers-ai-agent";
import type { ExtendedJob, Job } from "../../worker/domain/jobs";
import { boardOf, isTerminal, waitForJob } from "../workers/helpers";
import { ask, command, ownedRoom, runEnded, runOf, send, type TestSocket } from "../workers/socket";

interface FakeCall {
  model: string;
  scenario: string;
  stream: boolean;
  hasSignal: boolean;
  maxTokens?: number;
}
interface FakeAi {
  calls(): Promise<FakeCall[]>;
  reset(): Promise<void>;
}
const fake = (env as unknown as { AI: FakeAi }).AI;

/** What the fake's binding error carries that nobody should see. */
const INTERNAL_DETAIL = "7f3a9c";
/** The account detail in the fake's refused-credentials error. */
const ACCOUNT_DETAIL = "acct-PLANTED-0f9e8d7c";

beforeEach(async () => {
  await fake.reset();
});

describe("the workers-ai agent", () => {
  it("streams the model's answer into a run that applies its frame tag", async () => {
    const { owner, sock, base } = await ownedRoom();
    const runId = await ask(sock, "open on the barista");
    const done = await runEnded(sock);
    expect(done.payload.status).toBe("completed");
    // A stream that ends on its own, well under the limit, is not cut off.
    expect(done.payload.cutOff).toBeUndefined();
    const board = await boardOf(owner, base);
    expect(board.frames.map((f) => ({ id: f.id, title: f.title }))).toEqual([{ id: "wa", title: "Barista at dawn" }]);
    const msg = await sock.next("chat_message", (m) => m.payload.role === "assistant");
    expect(msg.payload.text).toContain("Here is the opening shot.");
    expect(msg.payload.text).toContain("Done: one shot added.");
    const { trace } = (await (await owner.client.get(`${base}/runs/${runId}/trace`)).json()) as { trace: { commands: { status: string }[] } };
    expect(trace.commands.map((c) => c.status)).toEqual(["applied"]);
    // One streamed call to the default text model, with the run's abort signal and an explicit output limit.
    expect(await fake.calls()).toEqual([{ model: DEFAULT_WORKERS_AI_MODEL, scenario: "ok", stream: true, hasSignal: true, maxTokens: WORKERS_AI_MAX_TOKENS }]);
    sock.close();
  });

  it("turns a binding error into a failed run with a plain message and no internal detail", async () => {
    const { owner, sock, base } = await ownedRoom();
    const runId = await ask(sock, "scenario:error please");
    const status = await runEnded(sock);
    expect(status.payload).toMatchObject({ status: "failed", retryable: true, reason: expect.stringContaining("Workers AI could not run the model.") });
    const board = await boardOf(owner, base);
    expect(board.frames).toEqual([]);
    const trace = await (await owner.client.get(`${base}/runs/${runId}/trace`)).text();
    const messages = await (await owner.client.get(`${base}/messages`)).text();
    const wire = JSON.stringify(sock.messages);
    for (const [where, text] of Object.entries({ trace, messages, wire })) {
      expect(text.includes(INTERNAL_DETAIL), `${where} shows the binding's internal error`).toBe(false);
    }
    sock.close();
  });
});

describe("a workers-ai answer cut off at its output limit", () => {
  /** Asks for a scenario the fake cuts off; the run and its answer both say so. */
  async function cutOffRun(sock: TestSocket, scenario: string) {
    await ask(sock, `scenario:${scenario} storyboard it`);
    expect((await runEnded(sock)).payload).toMatchObject({ status: "completed", cutOff: true });
    const cut = await sock.next("chat_message", (m) => m.payload.role === "assistant");
    expect(cut.payload).toMatchObject({ cutOff: true });
  }

  async function continueRun(sock: TestSocket) {
    const ack = await send(sock, "chat_continue", {});
    expect(ack.payload).toMatchObject({ ok: true });
    return runOf(ack);
  }

  it("ends completed with cutOff when the stream says finish_reason length, and chat_continue resumes without repeating what applied", async () => {
    const { owner, sock, base } = await ownedRoom();
    await cutOffRun(sock, "length");

    const runId = await continueRun(sock);
    const resumed = await sock.next("agent_status", (m) => m.payload.runId === runId && ["completed", "failed"].includes(String(m.payload.status)));
    expect(resumed.payload).toMatchObject({ status: "completed" });
    expect(resumed.payload.cutOff).toBeUndefined();
    const board = await boardOf(owner, base);
    // wa applied before the cut and is not applied again; wb, cut mid-tag, comes whole from the continuation.
    expect(board.frames.map((f) => ({ id: f.id, title: f.title }))).toEqual([
      { id: "wa", title: "Barista at dawn" },
      { id: "wb", title: "Steam rises" },
    ]);
    const { trace } = (await (await owner.client.get(`${base}/runs/${runId}/trace`)).json()) as { trace: { commands: { status: string }[] } };
    expect(trace.commands.map((c) => c.status)).toEqual(["duplicate", "applied"]);
    expect((await fake.calls()).map((c) => c.scenario)).toEqual(["length", "continue"]);
    sock.close();
  });

  it("ends completed with cutOff when the stream's usage reaches max_tokens, with no finish_reason", async () => {
    const { owner, sock, base } = await ownedRoom();
    await cutOffRun(sock, "usage");
    // The limit the stream reached is the one the agent asked for.
    expect(await fake.calls()).toEqual([expect.objectContaining({ scenario: "usage", maxTokens: WORKERS_AI_MAX_TOKENS })]);

    const runId = await continueRun(sock);
    expect((await sock.next("agent_status", (m) => m.payload.runId === runId && m.payload.status === "completed")).payload.cutOff).toBeUndefined();
    const board = await boardOf(owner, base);
    expect(board.frames.map((f) => f.id)).toEqual(["wa", "wb"]);
    sock.close();
  });
});

describe("workers-ai refusing the account's credentials", () => {
  it("fails the run, not retryable, with a clear message and nothing of the binding's error", async () => {
    const { owner, sock, base } = await ownedRoom();
    const runId = await ask(sock, "scenario:auth please");
    const status = await runEnded(sock);
    expect(status.payload).toMatchObject({
      status: "failed",
      retryable: false,
      reason: expect.stringContaining("Workers AI refused the account's credentials (401)."),
    });
    const board = await boardOf(owner, base);
    expect(board.frames).toEqual([]);
    const traceRes = (await (await owner.client.get(`${base}/runs/${runId}/trace`)).json()) as { trace: { error?: { kind: string; retryable: boolean } } };
    expect(traceRes.trace.error).toMatchObject({ kind: "auth", retryable: false });
    const trace = JSON.stringify(traceRes);
    const messages = await (await owner.client.get(`${base}/messages`)).text();
    const wire = JSON.stringify(sock.messages);
    for (const [where, text] of Object.entries({ trace, messages, wire })) {
      expect(text.includes(ACCOUNT_DETAIL), `${where} shows the binding's account detail`).toBe(false);
      expect(text.includes("Authentication error"), `${where} shows the binding's raw error`).toBe(false);
    }
    sock.close();
  });
});

describe("the workers-ai media provider", () => {
  it("is blocked until the owner consents, then renders the model's image into R2", async () => {
    const { owner, sock, projectId, base } = await ownedRoom();
    await command(sock, { type: "add_frame", frame: { id: "f1", title: "Cup", prompt: "a steaming cup on a counter" } });

    const { job } = (await (await owner.client.post(`${base}/frames/f1/generate`, { provider: "workers-ai" })).json()) as { job: Job };
    const blocked = await waitForJob(owner, job.id, isTerminal);
    expect(blocked.status).toBe("blocked");
    expect(blocked.blockedReason).toMatch(/owner has not allowed paid image generation with workers-ai/);
    expect(await fake.calls()).toEqual([]);

    expect((await owner.client.post(`/api/v1/projects/${projectId}/consent`, { paidMedia: true })).status).toBe(200);
    expect((await owner.client.post(`/api/v1/jobs/${job.id}/retry`)).status).toBe(200);
    const done = await waitForJob(owner, job.id, (j) => j.attempt === 2 && isTerminal(j));
    expect(done.status).toBe("success");

    const img = await owner.client.get(done.artifactUrl!);
    expect(img.status).toBe(200);
    expect(img.headers.get("content-type")).toBe("image/jpeg");
    const bytes = new Uint8Array(await img.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xff, 0xd8, 0xff]);
    const key = done.artifactUrl!.replace(/^\/api\/v1\/artifacts\//, "");
    expect((await env.ARTIFACTS.head(key))?.size).toBe(bytes.length);

    const calls = await fake.calls();
    expect(calls).toEqual([expect.objectContaining({ model: "@cf/black-forest-labs/flux-1-schnell", stream: false })]);
    const ext = (await (await owner.client.get(`/api/v1/jobs/${job.id}/extended`)).json()) as ExtendedJob;
    expect(ext.provider_requests).toEqual([expect.objectContaining({ provider: "workers-ai", outcome: "ok", attempt: 2 })]);
    expect(ext.attempts.map((a) => a.status)).toEqual(["blocked", "success"]);
    sock.close();
  });

  it("fails the job with a plain message when the binding errors", async () => {
    const { owner, sock, projectId, base } = await ownedRoom();
    expect((await owner.client.post(`/api/v1/projects/${projectId}/consent`, { paidMedia: true })).status).toBe(200);
    await command(sock, { type: "add_frame", frame: { id: "f1", title: "Cup", prompt: "scenario:error a cup" } });
    const { job } = (await (await owner.client.post(`${base}/frames/f1/generate`, { provider: "workers-ai" })).json()) as { job: Job };
    const failed = await waitForJob(owner, job.id, isTerminal);
    expect(failed).toMatchObject({ status: "failure", error: "Workers AI could not render the image.", artifactUrl: null });
    const ext = await (await owner.client.get(`/api/v1/jobs/${job.id}/extended`)).text();
    expect(ext.includes(INTERNAL_DETAIL)).toBe(false);
    sock.close();
  });
});
