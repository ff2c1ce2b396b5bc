// The paid media providers: OpenAI's images API and a Workers AI image
// model. Both need a key or binding and the project owner's consent, which
// the pipeline checks before calling them.
import { MediaError, type MediaProvider, type Rendered, type RenderInput } from "./provider";

function b64ToBytes(b64: string): Uint8Array {
  const bin = atob(b64);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

const EXT: Record<string, string> = { "image/png": "png", "image/jpeg": "jpg", "image/webp": "webp" };

/**
 * OpenAI's images API. With reference pictures (CONTRACT 12) it calls the
 * edits endpoint, the references as `image[]` parts in the order the prompt
 * names them; without, the usual generations call.
 */
export class OpenAiImages implements MediaProvider {
  readonly name = "openai" as const;
  readonly acceptsReferences = true;
  constructor(
    private readonly baseUrl: string,
    private readonly apiKey: string,
    readonly model = "gpt-image-1",
  ) {}

  /** What the provider request record keeps: which references went (asset, name, type, size), never their bytes. */
  describe(input: RenderInput) {
    const refs = input.references ?? [];
    return {
      endpoint: refs.length ? "/images/edits" : "/images/generations",
      model: this.model,
      size: "1536x1024",
      promptChars: this.prompt(input).length,
      ...(refs.length ? { references: refs.map((r) => ({ assetId: r.assetId, name: r.name.slice(0, 80), mime: r.mime, size: r.bytes.byteLength })) } : {}),
    };
  }

  /** The prompt, and with references which image shows whom, so the model keeps each one's look. */
  private prompt(input: RenderInput): string {
    const refs = input.references ?? [];
    if (!refs.length) return input.prompt;
    const list = refs.map((r, i) => `image ${i + 1} is ${r.name.slice(0, 200)}`).join("; ");
    return `${input.prompt} Keep each one looking as in its reference picture: ${list}.`;
  }

  async render(input: RenderInput, signal: AbortSignal): Promise<Rendered> {
    const refs = input.references ?? [];
    const base = this.baseUrl.replace(/\/+$/, "");
    let res: Response;
    try {
      if (refs.length) {
        const form = new FormData();
        form.append("model", this.model);
        form.append("prompt", this.prompt(input));
        form.append("size", "1536x1024");
        form.append("n", "1");
        for (const r of refs) form.append("image[]", new Blob([r.bytes as Uint8Array<ArrayBuffer>], { type: r.mime }), `${r.assetId}.${EXT[r.mime] ?? "png"}`);
        res = await fetch(`${base}/images/edits`, { method: "POST", headers: { authorization: `Bearer ${this.apiKey}` }, body: form, signal });
      } else {
        res = await fetch(`${base}/images/generations`, {
          method: "POST",
          headers: { "content-type": "application/json", authorization: `Bearer ${this.apiKey}` },
          body: JSON.stringify({ model: this.model, prompt: input.prompt, size: "1536x1024", n: 1 }),
          signal,
        });
      }
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

export interface AiBinding {
  run(model: string, input: unknown): Promise<unknown>;
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
