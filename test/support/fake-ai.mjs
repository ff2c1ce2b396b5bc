// A stand-in for the Workers AI binding in the "workers-ai" test project: an
// auxiliary worker whose entrypoint has the binding's run(model, inputs,
// options). Text models answer in Workers AI's streaming format (SSE lines
// `data: {"response":"..."}`, then `data: [DONE]`), image models with a
// base64 JPEG in an `image` field, as the real flux-1-schnell does. A prompt containing
// `scenario:<name>` picks the behaviour; every call is logged for the tests.
import { WorkerEntrypoint } from "cloudflare:workers";

// A 1x1 JPEG, so the stored artifact starts with the JPEG signature.
const JPEG_1X1 =
  "/9j/2wBDABALDA4MChAODQ4SERATGCgaGBYWGDEjJR0oOjM9PDkzODdASFxOQERXRTc4UG1RV19iZ2hnPk1xeXBkeFxlZ2P/2wBDARESEhgVGC8aGi9jQjhCY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2P/wAARCAABAAEDASIAAhEBAxEB/8QAFQABAQAAAAAAAAAAAAAAAAAAAAP/xAAUEAEAAAAAAAAAAAAAAAAAAAAA/8QAFAEBAAAAAAAAAAAAAAAAAAAABf/EABQRAQAAAAAAAAAAAAAAAAAAAAD/2gAMAwEAAhEDEQA/AKABiz//2Q==";

const calls = [];

function sse(pieces) {
  const enc = new TextEncoder();
  const lines = [...pieces.map((p) => `data: ${JSON.stringify({ response: p, p: "abcdef" })}\n\n`), "data: [DONE]\n\n"];
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
    const scenario = /scenario:(\w+)/.exec(text)?.[1] ?? "ok";
    calls.push({ model, scenario, stream: inputs?.stream === true, hasSignal: !!options?.signal });
    if (scenario === "error") {
      // What the binding throws for an upstream failure; its text carries an
      // internal detail the app must not show.
      throw new Error("5007: InferenceUpstreamError: internal id 7f3a9c, status 500");
    }
    if (typeof inputs?.prompt === "string") return { image: JPEG_1X1 };
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
