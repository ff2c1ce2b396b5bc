// A stand-in for the Workers AI binding in the "workers-ai" test project: an
// auxiliary worker whose entrypoint has the binding's run(model, inputs,
// options). Text models answer in Workers AI's streaming format (SSE lines
// `data: {"response":"..."}`, a last event with `usage`, then `data: [DONE]`;
// newer models use the OpenAI-compatible `choices[0].delta` shape instead),
// image models with a base64 JPEG in an `image` field, as the real
// flux-1-schnell does. A prompt containing `scenario:<name>` picks the
// behaviour, and the agent's Continue prompt gets the rest of a cut-off
// answer; every call is logged for the tests.
import { WorkerEntrypoint } from "cloudflare:workers";

// A 1x1 JPEG, so the stored artifact starts with the JPEG signature.
const JPEG_1X1 =
  "/9j/2wBDABALDA4MChAODQ4SERATGCgaGBYWGDEjJR0oOjM9PDkzODdASFxOQERXRTc4UG1RV19iZ2hnPk1xeXBkeFxlZ2P/2wBDARESEhgVGC8aGi9jQjhCY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2P/wAARCAABAAEDASIAAhEBAxEB/8QAFQABAQAAAAAAAAAAAAAAAAAAAAP/xAAUEAEAAAAAAAAAAAAAAAAAAAAA/8QAFAEBAAAAAAAAAAAAAAAAAAAABf/EABQRAQAAAAAAAAAAAAAAAAAAAAD/2gAMAwEAAhEDEQA/AKABiz//2Q==";

const calls = [];

/** What Workers AI uses when a request names no max_tokens. */
const DEFAULT_MAX_TOKENS = 256;

/** The native shape: one `response` per event, `usage` on the last one. */
function sse(pieces, usage = { prompt_tokens: 900, completion_tokens: 30, total_tokens: 930 }) {
  return stream([...pieces.map((p) => ({ response: p, p: "abcdef" })), { response: "", usage }]);
}

/** The OpenAI-compatible shape, ending with the given finish_reason. */
function chatSse(pieces, finishReason) {
  const chunk = (content, finish_reason) => ({ object: "chat.completion.chunk", choices: [{ index: 0, delta: { content }, finish_reason }] });
  return stream([...pieces.map((p) => chunk(p, null)), chunk("", finishReason)]);
}

function stream(events) {
  const enc = new TextEncoder();
  const lines = [...events.map((e) => `data: ${JSON.stringify(e)}\n\n`), "data: [DONE]\n\n"];
  return new ReadableStream({
    start(controller) {
      for (const line of lines) controller.enqueue(enc.encode(line));
      controller.close();
    },
  });
}

function lastUserText(inputs) {
  const messages = Array.isArray(inputs?.messages) ? inputs.messages : [];
  const user = messages.filter((m) => m.role === "user").at(-1);
  return typeof user?.content === "string" ? user.content : "";
}

export class FakeAi extends WorkerEntrypoint {
  async run(model, inputs, options) {
    const text = inputs?.prompt ?? lastUserText(inputs);
    const scenario = text.startsWith("Continue your previous answer") ? "continue" : (/scenario:(\w+)/.exec(text)?.[1] ?? "ok");
    calls.push({ model, scenario, stream: inputs?.stream === true, hasSignal: !!options?.signal, maxTokens: inputs?.max_tokens });
    if (scenario === "error") {
      // What the binding throws for an upstream failure; its text carries an
      // internal detail the app must not show.
      throw new Error("5007: InferenceUpstreamError: internal id 7f3a9c, status 500");
    }
    if (scenario === "auth") {
      // The account's credentials refused: the binding passes on the Cloudflare
      // API's answer (code 10000, as in workers-sdk#4522); the account detail
      // planted after it must reach nobody.
      throw new Error('InferenceUpstreamError: {"success":false,"errors":[{"code":10000,"message":"Authentication error"}]} account acct-PLANTED-0f9e8d7c');
    }
    if (typeof inputs?.prompt === "string") return { image: JPEG_1X1 };
    const maxTokens = inputs?.max_tokens ?? DEFAULT_MAX_TOKENS;
    if (scenario === "length") {
      // A newer model at its output limit, after one whole tag and inside another.
      return chatSse(['Starting. <frame op="add" id="wa" title="Barista at dawn"/> Next: ', '<frame op="add" id="wb" ti'], "length");
    }
    if (scenario === "usage") {
      // A native stream that says nothing but its usage: every token it was allowed.
      return sse(['Starting. <frame op="add" id="wa" title="Barista at dawn"/> Next: ', '<frame op="add" id="wb" ti'], {
        prompt_tokens: 900,
        completion_tokens: maxTokens,
        total_tokens: 900 + maxTokens,
      });
    }
    if (scenario === "continue") {
      // The rest of a cut-off answer, repeating the tag it had already written.
      return sse(['<frame op="add" id="wa" title="Barista at dawn"/> ', '<frame op="add" id="wb" title="Steam rises"/>', " Done: two shots."]);
    }
    // The tag arrives split across events, as tokens do.
    return sse(["Here is the opening shot. ", '<frame op="add" id="wa" ti', 'tle="Barista at dawn"/>', " Done: one shot added."]);
  }

  async calls() {
    return calls;
  }

  async reset() {
    calls.length = 0;
  }
}

export default {
  fetch() {
    return new Response("fake Workers AI", { status: 404 });
  },
};
