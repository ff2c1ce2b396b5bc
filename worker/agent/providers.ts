// Picks the agent provider: the project's own (CONTRACT 14), else the
// deployment's configuration (CONTRACT 6). Refusals are in words a director
// can act on, never configuration names.
import type { Env } from "../env";
import type { OwnProvider } from "../project-providers";
import { OfflineAgent } from "./offline-agent";
import { OpenAiAgent } from "./openai-agent";
import { type AgentProvider, ProviderError } from "./provider";
import { DEFAULT_WORKERS_AI_MODEL, WorkersAiAgent } from "./workers-ai-agent";

const CONNECT = "A project owner can connect a model in the project's settings.";

const offline = (env: Env) => new OfflineAgent(env.OFFLINE_AGENT_PACE_MS ? Number(env.OFFLINE_AGENT_PACE_MS) : undefined);

function openAi(env: Env, baseUrl: string, key: string, model: string): AgentProvider {
  const timeout = Number(env.AGENT_TIMEOUT_MS) || 30_000;
  return new OpenAiAgent(baseUrl, key, model, { firstByteMs: timeout, idleMs: timeout });
}

function workersAi(env: Env, model: string | null): AgentProvider {
  if (!env.AI) throw new ProviderError("not_configured", `The agent is set to use Workers AI, which this server does not have. ${CONNECT}`, false);
  return new WorkersAiAgent(env.AI, model || DEFAULT_WORKERS_AI_MODEL);
}

/** The deployment's agent, from its variables. */
export function agentProvider(env: Env): AgentProvider {
  const name = env.AGENT_PROVIDER || "offline";
  if (name === "offline") return offline(env);
  if (name === "openai") {
    if (!env.OPENAI_API_KEY) throw new ProviderError("not_configured", `The server's agent needs an API key it does not have. ${CONNECT}`, false);
    return openAi(env, env.OPENAI_BASE_URL || "https://api.openai.com/v1", env.OPENAI_API_KEY, env.AGENT_MODEL || "gpt-4o-mini");
  }
  if (name === "workers-ai") return workersAi(env, env.AGENT_MODEL || null);
  throw new ProviderError("not_configured", `The server's agent is set to a provider it does not know. ${CONNECT}`, false);
}

/** The project's own agent when it set one (its key already opened), else the deployment's. */
export function agentProviderFor(env: Env, own: OwnProvider | null): AgentProvider {
  if (!own) return agentProvider(env);
  if (own.kind === "offline") return offline(env);
  if (own.kind === "workers-ai") return workersAi(env, own.model);
  return openAi(env, own.baseUrl, own.key, own.model);
}

/** Every configured secret value, for redaction. */
export function secretValues(env: Env): string[] {
  return [env.OPENAI_API_KEY].filter((s): s is string => !!s);
}
