// The OpenAI-compatible provider against a fake server on loopback: each
// failure the contract names (401, 429, 5xx, timeout, mid-stream
// disconnect), Stop aborting the upstream request, and a planted secret that
// must appear nowhere people or logs can see.
import { env } from "cloudflare:workers";
import { beforeEach, describe, expect, it } from "vitest";
import { boardOf } from "../workers/helpers";
import { ask, msgId, ownedRoom, runEnded, runOf, send } from "../workers/socket";

const SECRET = "sk-test-PLANTED-SECRET-0123456789abcdef";
const fake = env.FAKE_OPENAI_URL!;

interface LogEntry {
  scenario: string;
  aborted: boolean;
}
const log = async () => (await (await fetch(`${fake}/__log`)).json()) as LogEntry[];

beforeEach(async () => {
  await fetch(`${fake}/__reset`, { method: "POST" });
});

describe("the openai provider", () => {
  it("streams an answer and applies its tags", async () => {
    const { owner, sock, base } = await ownedRoom();
    await ask(sock, "scenario:ok");
    expect((await runEnded(sock)).payload.status).toBe("completed");
    const board = await boardOf(owner, base);
    expect(board.frames.map((f) => f.id)).toEqual(["fa", "fb"]);
    sock.close();
  });

  // Failures before the first token: how the run ends, and how many requests the server saw (a retryable one is tried three times).
  it.each([
    { name: "fails on 401 with a plain message about the key, without retrying", scenario: "401", retryable: false, reason: /API key.*401/, requests: 1 },
    { name: "fails on 429 as retryable, after retrying before the first token", scenario: "429", retryable: true, reason: /429/, requests: 3 },
    { name: "fails on 500 as retryable", scenario: "500", retryable: true, reason: /500/, requests: 3 },
    { name: "fails on a timeout as retryable", scenario: "timeout", retryable: true, reason: /did not answer/, requests: 3 },
  ])("$name", async ({ scenario, retryable, reason, requests }) => {
    const { sock } = await ownedRoom();
    await ask(sock, `scenario:${scenario}`);
    expect((await runEnded(sock)).payload).toMatchObject({ status: "failed", retryable, reason: expect.stringMatching(reason) });
    expect((await log()).filter((e) => e.scenario === scenario)).toHaveLength(requests);
    sock.close();
  });

  it("on a mid-stream disconnect, keeps what was applied and the prose so far as a truncated message", async () => {
    const { owner, sock, base } = await ownedRoom();
    await ask(sock, "scenario:drop");
    expect((await runEnded(sock)).payload).toMatchObject({ status: "failed", retryable: true });
    const msg = await sock.next("chat_message", (m) => m.payload.role === "assistant");
    expect(msg.payload).toMatchObject({ truncated: true, text: expect.stringContaining("Here you go.") });
    const board = await boardOf(owner, base);
    expect(board.frames.map((f) => f.id)).toEqual(["fa"]);
    // Started streaming, so no retry: one request only.
    expect((await log()).filter((e) => e.scenario === "drop")).toHaveLength(1);
    sock.close();
  });

  it("aborts the upstream request when stopped", async () => {
    const { sock } = await ownedRoom();
    const runId = await ask(sock, "scenario:slow");
    await sock.next("agent_status", (m) => m.payload.status === "streaming");
    const id = msgId();
    sock.send({ type: "chat_stop", id, payload: { runId } });
    expect((await runEnded(sock)).payload.status).toBe("stopped");
    expect((await sock.next("chat_message", (m) => m.payload.role === "assistant")).payload.truncated).toBe(true);
    await new Promise((r) => setTimeout(r, 200));
    expect((await log()).find((e) => e.scenario === "slow")?.aborted).toBe(true);
    sock.close();
  });

  it("ignores a command identical to one already applied, but not one that was rejected", async () => {
    const { owner, sock, base } = await ownedRoom();
    const runId = await ask(sock, "scenario:dup");
    expect((await runEnded(sock)).payload.status).toBe("completed");
    const { trace } = (await (await owner.client.get(`${base}/runs/${runId}/trace`)).json()) as { trace: { commands: { status: string }[] } };
    expect(trace.commands.map((c) => c.status)).toEqual(["rejected", "applied", "applied", "duplicate"]);
    const board = await boardOf(owner, base);
    expect(board.frames[0]).toMatchObject({ id: "fa", camera: "WS" });
    sock.close();
  });

  it("never lets a configured secret reach a trace, a message, a record or a socket", async () => {
    const { owner, sock, base } = await ownedRoom();
    const runId = await ask(sock, `scenario:leak my key is ${SECRET}`);
    await runEnded(sock);
    await sock.next("chat_message", (m) => m.payload.role === "assistant");
    const trace = await (await owner.client.get(`${base}/runs/${runId}/trace`)).text();
    const messages = await (await owner.client.get(`${base}/messages`)).text();
    const board = await (await owner.client.get(`${base}/board`)).text();
    const wire = JSON.stringify(sock.messages);
    expect(wire).toContain("[redacted]");
    for (const [where, text] of Object.entries({ trace, messages, board, wire })) {
      expect(text.includes(SECRET), `${where} leaks the secret`).toBe(false);
      expect(/Bearer sk-/.test(text), `${where} leaks a bearer token`).toBe(false);
    }
    sock.close();
  });
});

describe("a model cut off at its length limit", () => {
  it("ends the run completed with cutOff, and chat_continue resumes without repeating what applied", async () => {
    const { owner, sock, base } = await ownedRoom();
    await ask(sock, "scenario:length storyboard it");
    const done = await runEnded(sock);
    expect(done.payload).toMatchObject({ status: "completed", cutOff: true });
    const cut = await sock.next("chat_message", (m) => m.payload.role === "assistant");
    expect(cut.payload).toMatchObject({ cutOff: true });

    const ack = await send(sock, "chat_continue", {});
    expect(ack.payload.ok).toBe(true);
    const runId = runOf(ack);
    expect((await sock.next("agent_status", (m) => m.payload.runId === runId && m.payload.status === "completed")).payload.cutOff).toBeUndefined();
    const board = await boardOf(owner, base);
    // fa was applied before the cut and is not applied again; fb, cut mid-tag, comes whole from the continuation.
    expect(board.frames.map((f) => f.id)).toEqual(["fa", "fb"]);
    const { trace } = (await (await owner.client.get(`${base}/runs/${runId}/trace`)).json()) as { trace: { commands: { status: string }[] } };
    expect(trace.commands.map((c) => c.status)).toEqual(["duplicate", "applied"]);
    sock.close();
  });

  it("refuses chat_continue when the last answer was not cut off", async () => {
    const { sock } = await ownedRoom();
    await ask(sock, "storyboard it");
    await runEnded(sock);
    expect((await send(sock, "chat_continue", {})).payload).toMatchObject({ ok: false, error: { code: "conflict" } });
    sock.close();
  });
});

describe("a model's habits", () => {
  it("applies tags inside a Markdown code fence and in list items, with single-quoted attributes, and keeps the summary", async () => {
    const { owner, sock, base } = await ownedRoom();
    await ask(sock, "scenario:habits");
    expect((await runEnded(sock)).payload.status).toBe("completed");
    const message = await sock.next("chat_message", (m) => m.payload.role === "assistant");
    const board = await boardOf(owner, base);
    expect(board.frames.map((f) => [f.id, f.title])).toEqual([
      ["h1", "Single quoted"],
      ["h2", "In a list item"],
    ]);
    expect(board.frames[1]!.action).toBe("Mia waves");
    expect(board.format.aspect).toBe("9:16");
    expect(message.payload.text).toContain("**Summary:**");
    expect(message.payload.text).not.toContain("```");
    expect(message.payload.text).not.toContain("<frame");
    sock.close();
  });
});
