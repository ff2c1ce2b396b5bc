// What a run passes its provider besides the prompt: the take number for
// Regenerate, counted from the chat, and whether the asker owns the project.
import { describe, expect, it } from "vitest";
import type { AgentProvider, AgentRequest } from "../../worker/agent/provider";
import { answersTo, withExtras } from "../../worker/agent/request-extras";
import type { ChatMessage } from "../../worker/domain/chat";
import { boardWith } from "../support/boards";

const author = { id: "u1", name: "Ana" };
const user = (id: string, supersededBy?: string): ChatMessage => ({
  id,
  role: "user",
  text: "a 30-second ad",
  author,
  createdAt: "",
  ...(supersededBy ? { supersededBy } : {}),
});
const answer = (id: string, runId: string, supersededBy?: string): ChatMessage => ({
  id,
  role: "assistant",
  text: "Here's a storyboard",
  author: { id: "agent", name: "Agent" },
  runId,
  createdAt: "",
  ...(supersededBy ? { supersededBy } : {}),
});

describe("the take number a Regenerate asks for", () => {
  it("is the number of answers the message already had, replaced ones included", () => {
    expect(answersTo([user("m1")], "m1")).toBe(0);
    expect(answersTo([user("m1"), answer("a1", "r1", "r2")], "m1")).toBe(1);
    expect(answersTo([user("m1"), answer("a1", "r1", "r2"), answer("a2", "r2", "r3")], "m1")).toBe(2);
  });

  it("counts each run that answered it (a cut-off answer and its continuation are two), and stops at the next message", () => {
    const chat = [user("m0"), answer("a0", "r0"), user("m1"), answer("a1", "r1"), answer("a2", "r1b"), user("m2"), answer("a3", "r9")];
    expect(answersTo(chat, "m1")).toBe(2);
    expect(answersTo(chat, "gone")).toBe(0);
  });
});

describe("a provider told who asks and which take", () => {
  it("adds owner and variant to every request it streams", async () => {
    const seen: AgentRequest[] = [];
    const inner: AgentProvider = {
      name: "fake",
      model: "fake-1",
      async *stream(req) {
        seen.push(req);
        yield "ok";
      },
    };
    const wrapped = withExtras(inner, { owner: true, variant: 2 });
    const req: AgentRequest = { messages: [], latest: "hi", board: boardWith(), signal: new AbortController().signal };
    const out: string[] = [];
    for await (const piece of wrapped.stream(req)) out.push(piece);
    expect(out).toEqual(["ok"]);
    expect(seen[0]).toMatchObject({ latest: "hi", owner: true, variant: 2 });
    expect([wrapped.name, wrapped.model]).toEqual(["fake", "fake-1"]);
  });
});
