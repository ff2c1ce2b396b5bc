// The paid media providers: OpenAI's images API and a Workers AI image
// model. Both need a key or binding and the project owner's consent, which
// the pipeline checks before calling them.
import type { AiBinding } from "../env";
import { MediaError, type MediaProvider, type Rendered, type RenderInput } from "./provider";

function b64ToBytes(b64: string): Uint8Array {
  const bin = atob(b64);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

export class OpenAiImages implements MediaProvider {
  readonly name = "openai" as const;
  constructor(
    private readonly baseUrl: string,
    private readonly apiKey: string,
    readonly model = "gpt-image-1",
  ) {}

  describe(input: RenderInput) {
    return { endpoint: "/images/generations", model: this.model, size: "1536x1024", promptChars: input.prompt.length };
  }

  async render(input: RenderInput, signal: AbortSignal): Promise<Rendered> {
    let res: Response;
    try {
      res = await fetch(`${this.baseUrl.replace(/\/+$/, "")}/images/generations`, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${this.apiKey}` },
        body: JSON.stringify({ model: this.model, prompt: input.prompt, size: "1536x1024", n: 1 }),
        signal,
      });
    } catch {
      throw new MediaError("Could not reach the OpenAI images API.", true);
    }
    if (!res.ok) {
      await res.body?.cancel();
      throw new MediaError(`The OpenAI images API answered ${res.status}.`, res.status === 429 || res.status >= 500, res.status);
    }
    const body = (await res.json()) as { data?: { b64_json?: string }[] };
    const b64 = body.data?.[0]?.b64_json;
    if (!b64) throw new MediaError("The OpenAI images API returned no image.", false, res.status);
    return { bytes: b64ToBytes(b64), mime: "image/png", width: 1536, height: 1024 };
  }
}

export class WorkersAiImages implements MediaProvider {
  readonly name = "workers-ai" as const;
  constructor(
    private readonly ai: AiBinding,
    readonly model = "@cf/black-forest-labs/flux-1-schnell",
  ) {}

  describe(input: RenderInput) {
    return { model: this.model, promptChars: input.prompt.length };
  }

  async render(input: RenderInput): Promise<Rendered> {
    let out: unknown;
    try {
      out = await this.ai.run(this.model, { prompt: input.prompt.slice(0, 2048) });
    } catch (err) {
      const status = Number((err instanceof Error ? err.message : "").match(/\b(4\d\d|5\d\d)\b/)?.[1] ?? 0) || undefined;
      throw new MediaError("Workers AI could not render the image.", status !== 400, status);
    }
    const b64 = (out as { image?: unknown }).image;
    if (typeof b64 !== "string") throw new MediaError("Workers AI returned no image.", false);
    return { bytes: b64ToBytes(b64), mime: "image/jpeg", width: 1024, height: 1024 };
  }
}
