// The chat context's store: committed messages, the streamed draft, the
// agent's status and whether this tab's own message is on its way.
import { createSignal } from "solid-js";
import type { AgentStatus, ChatMessage } from "../../../../worker/domain/chat";
import type { ServerMessage } from "../../../../worker/domain/protocol";
import { api } from "../../api";
import { afterCommit, applyDelta, type Draft, upsertMessage } from "../model/chat-log";

export function createChat(projectId: string, episodeId: string) {
  const [messages, setMessages] = createSignal<ChatMessage[]>([]);
  const [draft, setDraft] = createSignal<Draft | null>(null);
  const [agent, setAgent] = createSignal<AgentStatus>({ status: "idle" });
  // The text this tab sent and the room has not acknowledged yet: shown greyed, "Sending…".
  const [sending, setSending] = createSignal<string | null>(null);

  const load = async () => {
    try {
      // Merged by id: a message that arrived on the socket while this read was under way stays.
      const fetched = (await api.messages(projectId, episodeId)).messages;
      setMessages((live) => live.filter((m) => !fetched.some((f) => f.id === m.id)).reduce(upsertMessage, fetched));
    } catch {
      // the connection state already tells the person; the next metadata retries
    }
  };

  return {
    messages,
    draft,
    agent,
    sending,
    setSending,
    busy: () => ["pending", "streaming", "stopping"].includes(agent().status),
    onMetadata(a: AgentStatus & { text?: string }) {
      const { text, ...status } = a;
      setAgent(status);
      // A tab that joins mid-run shows the answer whole: the prose so far, then the deltas that follow.
      setDraft(status.status === "idle" || !status.runId ? null : { runId: status.runId, text: text ?? "" });
      void load();
    },
    onMessage(msg: ServerMessage) {
      if (msg.type === "chat_message") {
        setMessages((l) => upsertMessage(l, msg.payload));
        // The committed message is the one this tab was sending: it is no longer "Sending…", ack or not yet.
        if (msg.payload.role === "user" && msg.payload.text === sending()) setSending(null);
        setDraft((d) => afterCommit(d, msg.payload));
      } else if (msg.type === "partial_result" && "delta" in msg.payload) {
        const p = msg.payload;
        setDraft((d) => applyDelta(d, p.runId, p.delta));
      } else if (msg.type === "agent_status") setAgent(msg.payload);
    },
  };
}
export type ChatStore = ReturnType<typeof createChat>;
