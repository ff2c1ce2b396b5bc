// The chat as the studio holds it: committed messages by id (a message sent
// again under its id, marked superseded, replaces the one held) and the
// draft of the answer being streamed. Pure, so joining mid-run and the
// order of deltas and commits are tested without a socket.
import type { ChatMessage } from "../../../../worker/domain/chat";

export interface Draft {
  runId: string;
  text: string;
}

export function upsertMessage(list: readonly ChatMessage[], m: ChatMessage): ChatMessage[] {
  return list.some((x) => x.id === m.id) ? list.map((x) => (x.id === m.id ? m : x)) : [...list, m];
}

/** Appends a streamed delta; a delta of another run starts that run's draft. */
export function applyDelta(draft: Draft | null, runId: string, delta: string): Draft {
  return draft && draft.runId === runId ? { runId, text: draft.text + delta } : { runId, text: delta };
}

/** The draft after a committed message: an assistant message ends the run's draft. */
export function afterCommit(draft: Draft | null, m: ChatMessage): Draft | null {
  if (m.role !== "assistant") return draft;
  return draft && m.runId && draft.runId !== m.runId ? draft : null;
}
