// The Workers AI agent against a stand-in binding: both stream shapes, the
// two ways an answer stopped at its output limit shows (finish_reason, or
// usage that reached max_tokens), and what each kind of binding error becomes.
import { describe, expect, it } from "vitest";
import { ProviderError } from "../../worker/agent/provider";
import { bindingError, bindingErrorStatus, WORKERS_AI_MAX_TOKENS, WorkersAiAgent } from "../../worker/agent/workers-ai-agent";
import { emptyBoard } from "../../worker/domain/board";

function sse(events: unknown[]): ReadableStream<Uint8Array> {
  const enc = new TextEncoder();
  return new ReadableStream({
    start(controller) {
      for (const e of events) controller.enqueue(enc.encode(`data: ${JSON.stringify(e)}\n\n`));
      controller.enqueue(enc.encode("data: [DONE]\n\n"));
      controller.close();
    },
  });
}

async function run(events: unknown[]) {
  const inputs: unknown[] = [];
  const agent = new WorkersAiAgent(
    {
      run: async (_model, input) => {
        inputs.push(input);
        return sse(events);
      },
    },
    "@cf/test/model",
  );
  const finished: { reason?: string } = {};
  let text = "";
  for await (const piece of agent.stream({
    messages: [{ role: "user", content: "hi" }],
    latest: "hi",
    board: emptyBoard("ep1"),
    signal: new AbortController().signal,
    finished,
  })) {
    text += piece;
  }
  return { text, reason: finished.reason, inputs };
}

const chunk = (content: string, finish_reason: string | null = null) => ({ choices: [{ index: 0, delta: { content }, finish_reason }] });

describe("the workers-ai agent's stream", () => {
  it("asks for an explicit max_tokens", async () => {
    const { inputs } = await run([{ response: "ok" }]);
    expect(inputs).toEqual([expect.objectContaining({ stream: true, max_tokens: WORKERS_AI_MAX_TOKENS })]);
  });

  it("reports length from an OpenAI-compatible finish_reason, and reads its deltas", async () => {
    expect(await run([chunk("Hello "), chunk("there"), chunk("", "length")])).toMatchObject({ text: "Hello there", reason: "length" });
  });

  it("reports length from a native event's finish_reason, and model_length as length", async () => {
    expect(await run([{ response: "Hi" }, { response: "", finish_reason: "length" }])).toMatchObject({ text: "Hi", reason: "length" });
    expect(await run([chunk("Hi", "model_length")])).toMatchObject({ reason: "length" });
  });

  it("reports length when usage reaches max_tokens, in either shape, even with no finish_reason", async () => {
    const usage = { prompt_tokens: 10, completion_tokens: WORKERS_AI_MAX_TOKENS, total_tokens: WORKERS_AI_MAX_TOKENS + 10 };
    expect(await run([{ response: "Hi" }, { response: "", usage }])).toMatchObject({ text: "Hi", reason: "length" });
    expect(await run([chunk("Hi"), { choices: [], usage }])).toMatchObject({ text: "Hi", reason: "length" });
  });

  it("does not report length for an answer that stopped on its own", async () => {
    const usage = { prompt_tokens: 10, completion_tokens: 30, total_tokens: 40 };
    expect((await run([{ response: "Hi" }, { response: "", usage }])).reason).toBeUndefined();
    expect((await run([chunk("Hi"), chunk("", "stop")])).reason).toBe("stop");
  });
});

describe("a workers-ai binding error", () => {
  const error = (message: string, fields: Record<string, unknown> = {}) => Object.assign(new Error(message), fields);

  it("finds the status in a field, a stated status, an internal code, or a bare number", () => {
    expect(bindingErrorStatus(error("InferenceUpstreamError", { httpCode: 403 }))).toBe(403);
    expect(bindingErrorStatus(error("5007: InferenceUpstreamError: internal id 7f3a9c, status 500"))).toBe(500);
    expect(bindingErrorStatus(error("401 Unauthorized"))).toBe(401);
    expect(bindingErrorStatus(error('InferenceUpstreamError: {"success":false,"errors":[{"code":10000,"message":"Authentication error"}]}'))).toBe(401);
    expect(bindingErrorStatus(error("3040: Capacity temporarily exceeded, please try again."))).toBe(429);
    expect(bindingErrorStatus(error("InferenceUpstreamError: 3036: daily free allocation used up"))).toBe(429);
    expect(bindingErrorStatus(error("3007: Request timeout"))).toBe(408);
    expect(bindingErrorStatus(error("5016: User has not agreed to Llama3.2 model terms"))).toBe(403);
    expect(bindingErrorStatus(error("upstream answered 503"))).toBe(503);
    expect(bindingErrorStatus(error("1101: Worker threw exception"))).toBe(0);
    expect(bindingErrorStatus("not an error")).toBe(0);
  });

  it("is final with a clear message for 401 and 403, and carries nothing of the binding's text", () => {
    const e = bindingError(error('{"errors":[{"code":10000,"message":"Authentication error"}]} account acct-PLANTED'), "@cf/test/model");
    expect(e).toBeInstanceOf(ProviderError);
    expect(e).toMatchObject({ kind: "auth", retryable: false, status: 401 });
    expect(e.message).toBe("Workers AI refused the account's credentials (401). Check that the account may use Workers AI and the model @cf/test/model.");
    expect(e.message).not.toContain("acct-PLANTED");
    expect(bindingError(error("5016: User has not agreed to Llama3.2 model terms"), "m")).toMatchObject({ kind: "auth", retryable: false, status: 403 });
  });

  it("is final when the daily allocation is used up, since trying again in a moment cannot help", () => {
    const out = bindingError(error("InferenceUpstreamError: 3036: daily free allocation used up"), "m");
    expect(out).toMatchObject({ kind: "rate_limited", retryable: false, status: 429 });
    expect(out.message).toMatch(/daily Workers AI allocation is used up/);
  });

  it("can be retried for 429, 5xx, timeouts and unknown failures, and not for other 4xx", () => {
    expect(bindingError(error("3040: out of capacity"), "m")).toMatchObject({ kind: "rate_limited", retryable: true });
    expect(bindingError(error("status 502"), "m")).toMatchObject({ kind: "server", retryable: true });
    expect(bindingError(error("3007: Request timeout"), "m")).toMatchObject({ kind: "timeout", retryable: true });
    expect(bindingError(error("something broke"), "m")).toMatchObject({ kind: "server", retryable: true, message: "Workers AI could not run the model." });
    expect(bindingError(error("5007: No such model"), "m")).toMatchObject({ kind: "bad_response", retryable: false });
    expect(bindingError(error("3006: Request is too large"), "m")).toMatchObject({ kind: "bad_response", retryable: false, status: 413 });
  });
});
