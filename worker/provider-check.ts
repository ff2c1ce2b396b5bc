// "Test connection" (CONTRACT 14): one small call to the provider a project
// chose, reported in words. The server's own answer is never echoed (an
// error body may quote the key back), redirects are not followed (the key
// would travel to a host nobody entered), and the call gives up in 10 s.
import type { ProviderTestRes } from "./domain/provider-settings";
import type { Env } from "./env";
import type { OwnProvider } from "./project-providers";
import { DEFAULT_WORKERS_AI_MODEL } from "./agent/workers-ai-agent";

export const CHECK_TIMEOUT_MS = 10_000;

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

/** What an HTTP status from an OpenAI-compatible server means, in words. */
export function statusWords(status: number, model: string): string {
  if (status === 401 || status === 403) return `The server refused the key (${status}).`;
  if (status === 404) return `The server doesn't know the model "${model}", or this is not an OpenAI-compatible base URL (404).`;
  if (status === 429) return "The server is limiting requests for this key (429); try again in a moment.";
  if (status >= 300 && status < 400) return `The server answered with a redirect (${status}); give the base URL it redirects to.`;
  if (status >= 500) return `The server had a problem answering (${status}); try again in a moment.`;
  return `The server did not accept the request (${status}).`;
}

export async function checkProvider(env: Env, slot: "agent" | "image", own: OwnProvider): Promise<ProviderTestRes> {
  if (own.kind === "offline")
    return { ok: true, message: slot === "agent" ? "The offline agent needs no connection." : "The offline sketches need no connection." };
  if (own.kind === "workers-ai") {
    if (!env.AI) return { ok: false, message: "Workers AI isn't available on this server." };
    if (slot === "image") return { ok: true, message: "Workers AI is available on this server." };
    const model = own.model || DEFAULT_WORKERS_AI_MODEL;
    const started = Date.now();
    try {
      await env.AI.run(model, { messages: [{ role: "user", content: "Reply with the word ready." }], max_tokens: 5 });
      return { ok: true, message: `Connected: ${model} answered in ${seconds(Date.now() - started)}.` };
    } catch {
      return { ok: false, message: `Workers AI did not answer with ${model}.` };
    }
  }
  const origin = new URL(own.baseUrl).origin;
  const started = Date.now();
  let res: Response;
  try {
    const init: RequestInit = {
      headers: { authorization: `Bearer ${own.key}`, "content-type": "application/json" },
      redirect: "manual",
      signal: AbortSignal.timeout(CHECK_TIMEOUT_MS),
    };
    // The agent's check asks the model for one word; the image check only lists models, which costs nothing.
    res =
      slot === "agent"
        ? await fetch(`${own.baseUrl}/chat/completions`, {
            ...init,
            method: "POST",
            body: JSON.stringify({ model: own.model, messages: [{ role: "user", content: "Reply with the word ready." }], max_tokens: 5, stream: false }),
          })
        : await fetch(`${own.baseUrl}/models`, { ...init, method: "GET" });
  } catch (err) {
    if (err instanceof Error && (err.name === "TimeoutError" || err.name === "AbortError")) {
      return { ok: false, message: `${origin} didn't answer within ${seconds(CHECK_TIMEOUT_MS)}.` };
    }
    return { ok: false, message: `Couldn't reach ${origin}.` };
  }
  await res.body?.cancel();
  if (!res.ok) return { ok: false, message: statusWords(res.status, own.model) };
  const took = seconds(Date.now() - started);
  return { ok: true, message: slot === "agent" ? `Connected: ${own.model} answered in ${took}.` : `Connected: the server accepted the key in ${took}.` };
}
