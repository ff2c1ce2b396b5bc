// What a run tells its provider besides the prompt: whether the person
// asking owns the project, and which take this is (0 for the first answer to
// a message, n for its nth Regenerate). The offline agent uses both; a
// model provider ignores them.
import type { ChatMessage } from "../domain/chat";
import type { AgentProvider, AgentRequest } from "./provider";

/** Who asked for a run: whether they own the project decides what the offline agent tells them. */
export interface Asker {
  id: string;
  name: string;
  owner?: boolean;
}

/** How many answers a message already had: distinct runs answering it, replaced ones included. */
export function answersTo(messages: readonly ChatMessage[], userMessageId: string): number {
  const at = messages.findIndex((m) => m.id === userMessageId);
  if (at < 0) return 0;
  const runs = new Set<string>();
  for (const m of messages.slice(at + 1)) {
    if (m.role === "user" && !m.supersededBy) break;
    if (m.role === "assistant" && m.runId) runs.add(m.runId);
  }
  return runs.size;
}

/** The provider, with `extras` added to every request it streams. */
export function withExtras(provider: AgentProvider, extras: Pick<AgentRequest, "owner" | "variant">): AgentProvider {
  return {
    name: provider.name,
    model: provider.model,
    stream: (req) => provider.stream({ ...req, ...extras }),
  };
}
