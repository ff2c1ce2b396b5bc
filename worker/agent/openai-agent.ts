// AGENT_PROVIDER=openai: any OpenAI-compatible streaming /chat/completions.
// Retries (with backoff) only before the first token: once text has reached
// people, a retry would repeat it. Every failure becomes a ProviderError
// that says whether retrying can help; no error carries the key.
import { type AgentProvider, type AgentRequest, ProviderError, sleep } from "./provider";
import { sseData } from "./sse";

const FIRST_BYTE_TIMEOUT_MS = 30_000;
const IDLE_TIMEOUT_MS = 30_000;
const RETRY_DELAYS_MS = [500, 1500];

function statusError(status: number): ProviderError {
  if (status === 401 || status === 403) return new ProviderError("auth", `The provider refused the API key (${status}). Check OPENAI_API_KEY.`, false, status);
  if (status === 429) return new ProviderError("rate_limited", "The provider is rate limiting requests (429). Try again in a moment.", true, status);
  if (status >= 500) return new ProviderError("server", `The provider had an error (${status}). Try again.`, true, status);
  return new ProviderError("bad_response", `The provider answered ${status}.`, false, status);
}

/** Races a promise against a timeout that aborts the request. */
async function within<T>(ms: number, what: string, controller: AbortController, p: Promise<T>): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    return await Promise.race([
      p,
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => {
          const err = new ProviderError("timeout", `The provider did not answer within ${ms / 1000} s (${what}).`, true);
          controller.abort(err);
          reject(err);
        }, ms);
      }),
    ]);
  } finally {
    if (timer !== undefined) clearTimeout(timer);
  }
}

export class OpenAiAgent implements AgentProvider {
  readonly name = "openai";

  constructor(
    private readonly baseUrl: string,
    private readonly apiKey: string,
    readonly model: string,
    private readonly timeouts = { firstByteMs: FIRST_BYTE_TIMEOUT_MS, idleMs: IDLE_TIMEOUT_MS },
  ) {}

  async *stream(req: AgentRequest): AsyncIterable<string> {
    let sentAny = false;
    for (let attempt = 0; ; attempt++) {
      try {
        for await (const piece of this.once(req)) {
          sentAny = true;
          yield piece;
        }
        return;
      } catch (err) {
        if (req.signal.aborted) throw req.signal.reason ?? err;
        const e = err instanceof ProviderError ? err : new ProviderError("network", "The connection to the provider failed.", true);
        const delay = RETRY_DELAYS_MS[attempt];
        if (sentAny || !e.retryable || delay === undefined) throw e;
        await sleep(delay, req.signal);
      }
    }
  }

  private async *once(req: AgentRequest): AsyncIterable<string> {
    // One controller per attempt, tied to the run's: Stop aborts the upstream request.
    const controller = new AbortController();
    const onAbort = () => controller.abort(req.signal.reason);
    req.signal.addEventListener("abort", onAbort, { once: true });
    try {
      const res = await within(
        this.timeouts.firstByteMs,
        "first byte",
        controller,
        fetch(`${this.baseUrl.replace(/\/+$/, "")}/chat/completions`, {
          method: "POST",
          headers: { "content-type": "application/json", authorization: `Bearer ${this.apiKey}`, accept: "text/event-stream" },
          body: JSON.stringify({ model: this.model, messages: req.messages, stream: true }),
          signal: controller.signal,
        }),
      );
      if (!res.ok || !res.body) {
        await res.body?.cancel();
        throw statusError(res.status);
      }
      const events = sseData(res.body)[Symbol.asyncIterator]();
      for (;;) {
        const next = await within(this.timeouts.idleMs, "stream stalled", controller, events.next());
        if (next.done) throw new ProviderError("network", "The provider closed the stream before finishing.", true);
        if (next.value === "[DONE]") return;
        let choice: { delta?: { content?: unknown }; finish_reason?: unknown } | undefined;
        try {
          choice = (JSON.parse(next.value) as { choices?: { delta?: { content?: unknown }; finish_reason?: unknown }[] }).choices?.[0];
        } catch {
          throw new ProviderError("bad_response", "The provider sent a stream event that is not JSON.", false);
        }
        const delta = choice?.delta?.content;
        if (typeof delta === "string" && delta) yield delta;
        // "length": the model hit its output limit; the run ends cut off and can be continued.
        if (typeof choice?.finish_reason === "string" && req.finished) req.finished.reason = choice.finish_reason;
      }
    } catch (err) {
      if (req.signal.aborted) throw req.signal.reason ?? err;
      if (err instanceof ProviderError) throw err;
      throw new ProviderError("network", "The connection to the provider failed.", true);
    } finally {
      req.signal.removeEventListener("abort", onAbort);
    }
  }
}
