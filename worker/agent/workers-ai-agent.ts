// AGENT_PROVIDER=workers-ai: a text model through the AI binding, streamed.
import { type AgentProvider, type AgentRequest, ProviderError } from "./provider";
import { sseData } from "./sse";

export interface AiBinding {
  run(model: string, input: unknown, options?: unknown): Promise<unknown>;
}

export const DEFAULT_WORKERS_AI_MODEL = "@cf/meta/llama-3.3-70b-instruct-fp8-fast";

export class WorkersAiAgent implements AgentProvider {
  readonly name = "workers-ai";

  constructor(
    private readonly ai: AiBinding,
    readonly model: string,
  ) {}

  async *stream(req: AgentRequest): AsyncIterable<string> {
    let out: unknown;
    try {
      out = await this.ai.run(this.model, { messages: req.messages, stream: true }, { signal: req.signal });
    } catch (err) {
      if (req.signal.aborted) throw req.signal.reason ?? err;
      const message = err instanceof Error ? err.message : "";
      const status = Number(message.match(/\b(4\d\d|5\d\d)\b/)?.[1] ?? 0);
      throw new ProviderError(status === 429 ? "rate_limited" : "server", "Workers AI could not run the model.", status !== 400, status || undefined);
    }
    if (!(out instanceof ReadableStream)) throw new ProviderError("bad_response", "Workers AI did not return a stream.", false);
    for await (const data of sseData(out as ReadableStream<Uint8Array>)) {
      if (req.signal.aborted) throw req.signal.reason;
      if (data === "[DONE]") return;
      let piece: unknown;
      try {
        piece = (JSON.parse(data) as { response?: unknown }).response;
      } catch {
        throw new ProviderError("bad_response", "Workers AI sent a stream event that is not JSON.", false);
      }
      if (typeof piece === "string" && piece) yield piece;
    }
  }
}
