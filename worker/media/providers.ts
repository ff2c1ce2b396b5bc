// Picks the media provider for a job, and says what configuration it lacks:
// the project's own image provider when it set one (CONTRACT 14) and the job
// names it, else the deployment's.
import type { Env } from "../env";
import type { OwnProvider } from "../project-providers";
import { OpenAiImages, WorkersAiImages } from "./paid";
import { MediaError, type MediaProvider } from "./provider";
import { SketchProvider } from "./sketch";

const ai = (env: Env) => env.AI;

/** A human-readable reason the provider cannot run here, or null. Never a secret value. */
export function missingConfiguration(env: Env, provider: string, own: OwnProvider | null = null): string | null {
  if (provider === "sketch") return null;
  if (provider === "openai" && own?.kind === "openai") return null;
  if (provider === "openai") return env.OPENAI_API_KEY ? null : "The openai image provider needs OPENAI_API_KEY, which is not configured on this server.";
  if (provider === "workers-ai") return ai(env) ? null : "The workers-ai image provider needs the AI binding, which is not configured on this server.";
  return `Unknown media provider "${provider}".`;
}

export function mediaProvider(env: Env, provider: string, own: OwnProvider | null = null): MediaProvider {
  if (provider === "sketch") return new SketchProvider();
  if (provider === "openai" && own?.kind === "openai") return new OpenAiImages(own.baseUrl, own.key, own.model);
  if (provider === "openai" && env.OPENAI_API_KEY) return new OpenAiImages(env.OPENAI_BASE_URL || "https://api.openai.com/v1", env.OPENAI_API_KEY);
  const binding = ai(env);
  if (provider === "workers-ai" && binding)
    return own?.kind === "workers-ai" && own.model ? new WorkersAiImages(binding, own.model) : new WorkersAiImages(binding);
  throw new MediaError(missingConfiguration(env, provider) ?? "No media provider.", false);
}
