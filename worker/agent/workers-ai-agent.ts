// AGENT_PROVIDER=workers-ai: a text model through the AI binding, streamed.
// The stream comes in one of two shapes: the native `{"response": "..."}`
// events (usage on the last one), or, from newer models, OpenAI-compatible
// `{"choices": [{"delta": {"content": "..."}, "finish_reason": ...}]}`. Either
// way an answer stopped at its output limit is reported as "length", so the
// run ends cut off and can be continued. A binding error becomes a
// ProviderError that says whether retrying can help and never carries the
// binding's own text.
import type { AiBinding } from "../env";
import { type AgentProvider, type AgentRequest, ProviderError } from "./provider";
import { sseData } from "./sse";

export const DEFAULT_WORKERS_AI_MODEL = "@cf/meta/llama-3.3-70b-instruct-fp8-fast";

/**
 * The most the model may write in one answer, sent as `max_tokens` on every
 * request. Without it Workers AI applies the model's own default, far shorter
 * than a storyboard answer. 4096 fits beside the prompt budget
 * (DEFAULT_BUDGET_TOKENS, 12,000) in the default model's 24,000-token context
 * window; an answer that uses all of it ends cut off, and Continue picks up.
 */
export const WORKERS_AI_MAX_TOKENS = 4096;

/**
 * Workers AI's internal error codes (developers.cloudflare.com/workers-ai/platform/errors/)
 * and the HTTP status each stands for; the binding's errors carry the code, not the status.
 */
const INTERNAL_CODE_STATUS: Record<number, number> = {
  5007: 400, // no such model
  5004: 400, // invalid data
  3039: 400, // finetune missing required files
  3003: 400, // incomplete request
  5018: 403, // account not allowed for private model
  5016: 403, // model agreement not accepted
  3023: 403, // account blocked
  3041: 403, // account not allowed for private model
  5019: 405, // deprecated SDK version
  5005: 405, // LoRA unsupported
  3042: 404, // invalid model id
  3006: 413, // request too large
  3007: 408, // timeout
  3008: 408, // aborted
  3036: 429, // daily free allocation used up
  3040: 429, // out of capacity
  // The Cloudflare API's "Authentication error", which the binding passes on
  // when the account's credentials are refused (workers-sdk#4522).
  10000: 401,
};

/** Workers AI's internal code for "daily free allocation used up". */
const DAILY_ALLOCATION_USED = /\b3036\b/;

const isHttpError = (n: unknown): n is number => typeof n === "number" && Number.isInteger(n) && n >= 400 && n <= 599;

/**
 * The HTTP status a binding error stands for, or 0 when it names none: a
 * status on the error (`httpCode`, `status`), one its message states
 * ("status 500", "HTTP 503", "401 Unauthorized"), a known internal code
 * ("3040: ...", `"code":10000`), or a bare 4xx/5xx number in the message.
 */
export function bindingErrorStatus(err: unknown): number {
  const fields = err && typeof err === "object" ? (err as { httpCode?: unknown; status?: unknown }) : {};
  if (isHttpError(fields.httpCode)) return fields.httpCode;
  if (isHttpError(fields.status)) return fields.status;
  const message = err instanceof Error ? err.message : typeof err === "string" ? err : "";
  const stated =
    message.match(/\b(?:status|http(?:Code)?)\W{0,3}([45]\d\d)\b/i) ?? message.match(/\b([45]\d\d) (?:Unauthorized|Forbidden|Too Many Requests)\b/i);
  if (stated) return Number(stated[1]);
  for (const m of message.matchAll(/\b(\d{4,5})\s*:|"code"\s*:\s*(\d{4,5})\b/g)) {
    const status = INTERNAL_CODE_STATUS[Number(m[1] ?? m[2])];
    if (status) return status;
  }
  return Number(message.match(/\b([45]\d\d)\b/)?.[1] ?? 0);
}

/** A binding error as the run reports it: 401/403 and other 4xx are final; 408, 429, 5xx and unknown failures can be retried. */
export function bindingError(err: unknown, model: string): ProviderError {
  const status = bindingErrorStatus(err);
  // A 429 that will not pass in a moment: the free allocation renews once a day.
  if (status === 429 && DAILY_ALLOCATION_USED.test(err instanceof Error ? err.message : String(err))) {
    return new ProviderError(
      "rate_limited",
      "The account's daily Workers AI allocation is used up (429). It renews each day; a paid plan lifts it.",
      false,
      status,
    );
  }
  if (status === 401 || status === 403) {
    return new ProviderError(
      "auth",
      `Workers AI refused the account's credentials (${status}). Check that the account may use Workers AI and the model ${model}.`,
      false,
      status,
    );
  }
  if (status === 408) return new ProviderError("timeout", "Workers AI did not answer in time (408). Try again.", true, status);
  if (status === 429)
    return new ProviderError("rate_limited", "Workers AI is rate limiting requests or out of capacity (429). Try again in a moment.", true, status);
  if (status >= 500) return new ProviderError("server", `Workers AI could not run the model. It had an error (${status}); try again.`, true, status);
  if (status >= 400) return new ProviderError("bad_response", `Workers AI could not run the model. It refused the request (${status}).`, false, status);
  return new ProviderError("server", "Workers AI could not run the model.", true);
}

/** One stream event, in either shape. */
interface StreamEvent {
  response?: unknown;
  finish_reason?: unknown;
  choices?: { delta?: { content?: unknown }; finish_reason?: unknown }[];
  usage?: { completion_tokens?: unknown };
}

export class WorkersAiAgent implements AgentProvider {
  readonly name = "workers-ai";

  constructor(
    private readonly ai: AiBinding,
    readonly model: string,
  ) {}

  async *stream(req: AgentRequest): AsyncIterable<string> {
    let out: unknown;
    try {
      out = await this.ai.run(this.model, { messages: req.messages, stream: true, max_tokens: WORKERS_AI_MAX_TOKENS }, { signal: req.signal });
    } catch (err) {
      if (req.signal.aborted) throw req.signal.reason ?? err;
      throw bindingError(err, this.model);
    }
    if (!(out instanceof ReadableStream)) throw new ProviderError("bad_response", "Workers AI did not return a stream.", false);
    let reason: string | undefined;
    let completionTokens = 0;
    const finish = () => {
      // "length" (or "model_length"): the model hit its output limit. A stream that says no
      // reason but used every token it was allowed was stopped by that limit too.
      if (reason === "model_length" || completionTokens >= WORKERS_AI_MAX_TOKENS) reason = "length";
      if (reason && req.finished) req.finished.reason = reason;
    };
    for await (const data of sseData(out as ReadableStream<Uint8Array>)) {
      if (req.signal.aborted) throw req.signal.reason;
      if (data === "[DONE]") break;
      let event: StreamEvent;
      try {
        event = JSON.parse(data) as StreamEvent;
      } catch {
        throw new ProviderError("bad_response", "Workers AI sent a stream event that is not JSON.", false);
      }
      if (!event || typeof event !== "object") continue;
      const choice = Array.isArray(event.choices) ? event.choices[0] : undefined;
      const piece = typeof event.response === "string" ? event.response : choice?.delta?.content;
      if (typeof piece === "string" && piece) yield piece;
      const said = choice?.finish_reason ?? event.finish_reason;
      if (typeof said === "string" && said) reason = said;
      const tokens = event.usage?.completion_tokens;
      if (typeof tokens === "number") completionTokens = tokens;
    }
    finish();
  }
}
