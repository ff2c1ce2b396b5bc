// Picks the agent provider from configuration (CONTRACT 6).
import type { Env } from "../env";
import { OfflineAgent } from "./offline-agent";
import { OpenAiAgent } from "./openai-agent";
import { type AgentProvider, ProviderError } from "./provider";
import { DEFAULT_WORKERS_AI_MODEL, WorkersAiAgent } from "./workers-ai-agent";

export function agentProvider(env: Env): AgentProvider {
  const name = env.AGENT_PROVIDER || "offline";
  if (name === "offline") return new OfflineAgent(env.OFFLINE_AGENT_PACE_MS ? Number(env.OFFLINE_AGENT_PACE_MS) : undefined);
  if (name === "openai") {
    if (!env.OPENAI_API_KEY) throw new ProviderError("not_configured", "AGENT_PROVIDER is openai but OPENAI_API_KEY is not set.", false);
    const timeout = Number(env.AGENT_TIMEOUT_MS) || 30_000;
    return new OpenAiAgent(env.OPENAI_BASE_URL || "https://api.openai.com/v1", env.OPENAI_API_KEY, env.AGENT_MODEL || "gpt-4o-mini", {
      firstByteMs: timeout,
      idleMs: timeout,
    });
  }
  if (name === "workers-ai") {
    const ai = env.AI;
    if (!ai) throw new ProviderError("not_configured", "AGENT_PROVIDER is workers-ai but the AI binding is not configured.", false);
    return new WorkersAiAgent(ai, env.AGENT_MODEL || DEFAULT_WORKERS_AI_MODEL);
  }
  throw new ProviderError("not_configured", `Unknown AGENT_PROVIDER "${name}".`, false);
}

/** Every configured secret value, for redaction. */
export function secretValues(env: Env): string[] {
  return [env.OPENAI_API_KEY].filter((s): s is string => !!s);
}
