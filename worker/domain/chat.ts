// Chat shapes shared by the room and the SPA: a committed message and an
// agent run's status (CONTRACT 3 chat_message, agent_status).
import { z } from "zod";

export const ChatMessage = z.object({
  id: z.string(),
  role: z.enum(["user", "assistant"]),
  text: z.string(),
  author: z.object({ id: z.string(), name: z.string() }),
  runId: z.string().optional(),
  truncated: z.boolean().optional(),
  /** The model stopped at its length limit; `chat_continue` picks up from there. */
  cutOff: z.boolean().optional(),
  /** The frames a scoped message was about (CONTRACT 6). */
  scope: z.object({ frameIds: z.array(z.string()) }).optional(),
  /** Replaced by an edit or a regenerate: kept, and hidden. The id of what replaced it. */
  supersededBy: z.string().optional(),
  createdAt: z.string(),
});
export type ChatMessage = z.infer<typeof ChatMessage>;

export const RunStatus = z.enum(["pending", "streaming", "stopping", "stopped", "completed", "failed"]);
export type RunStatus = z.infer<typeof RunStatus>;

export const AgentStatus = z.object({
  runId: z.string().optional(),
  status: z.union([RunStatus, z.literal("idle")]),
  reason: z.string().optional(),
  retryable: z.boolean().optional(),
  cutOff: z.boolean().optional(),
});
export type AgentStatus = z.infer<typeof AgentStatus>;

/** GET …/episodes/:episodeId/messages: the episode's chat, oldest first. */
export const MessagesRes = z.object({ messages: z.array(ChatMessage) });
export type MessagesRes = z.infer<typeof MessagesRes>;
