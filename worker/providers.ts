// Which agent and media providers are configured, and whether they can run.
// Health reports this; the agent and job runtimes use the same answers.
import type { Env } from "./env";

export type ProviderMode = { name: string; ready: boolean; detail: string };

const AGENT_NAMES = ["offline", "openai", "workers-ai"] as const;
const MEDIA_NAMES = ["sketch", "openai", "workers-ai"] as const;

function hasAiBinding(env: Env): boolean {
  return typeof env.AI === "object";
}

export function agentMode(env: Env): ProviderMode {
  const name = env.AGENT_PROVIDER || "offline";
  if (!(AGENT_NAMES as readonly string[]).includes(name)) return { name, ready: false, detail: `unknown agent provider "${name}"` };
  if (name === "offline") return { name, ready: true, detail: "Offline demo agent (no key needed)" };
  if (name === "openai") {
    return env.OPENAI_API_KEY
      ? { name, ready: true, detail: `OpenAI-compatible, model ${env.AGENT_MODEL || "default"}` }
      : { name, ready: false, detail: "OPENAI_API_KEY is not set" };
  }
  return hasAiBinding(env)
    ? { name, ready: true, detail: `Workers AI, model ${env.AGENT_MODEL || "default"}` }
    : { name, ready: false, detail: "the AI binding is not configured" };
}

export function mediaMode(env: Env): ProviderMode {
  const name = env.MEDIA_PROVIDER || "sketch";
  if (!(MEDIA_NAMES as readonly string[]).includes(name)) return { name, ready: false, detail: `unknown media provider "${name}"` };
  if (name === "sketch") return { name, ready: true, detail: "Offline sketch renderer (no key needed)" };
  if (name === "openai") {
    return env.OPENAI_API_KEY ? { name, ready: true, detail: "OpenAI images" } : { name, ready: false, detail: "OPENAI_API_KEY is not set" };
  }
  return hasAiBinding(env) ? { name, ready: true, detail: "Workers AI images" } : { name, ready: false, detail: "the AI binding is not configured" };
}
