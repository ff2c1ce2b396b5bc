// What a client message leaves on the audit trail (CONTRACT 11, issue 21):
// per message type, the payload fields it may record (an allowlist, as data),
// and of the ack only its outcome. Words people wrote (chat, comments, review
// notes, a reset's typed title) are never among them, and every value kept
// is a short scalar, so a row's size does not depend on what a client sent.
import type { AckPayload, ClientMessage } from "../domain/protocol";
import { capDetails } from "../audit-limits";

type Audited = Exclude<ClientMessage["type"], "ping" | "board_command">;

/** The audit action of each audited message type; a board_command is on the board's own log. */
export const AUDIT_ACTIONS: Readonly<Record<Audited, string>> = {
  undo_run: "board.undo",
  rewind: "board.rewind",
  reset: "board.reset",
  chat_edit: "agent.run.start",
  chat_continue: "agent.run.start",
  chat_send: "agent.run.start",
  chat_regenerate: "agent.run.start",
  chat_stop: "agent.run.stop",
  proposal_decide: "agent.proposal.decide",
  comment_add: "comment.add",
  comment_edit: "comment.edit",
  comment_resolve: "comment.resolve",
  comment_delete: "comment.delete",
  frame_review: "frame.review",
};

/** The payload fields each audited type records; anything else in a payload is never written. */
export const AUDIT_PAYLOAD_FIELDS: Readonly<Record<Audited, readonly string[]>> = {
  undo_run: ["runId"],
  rewind: ["toSeq"],
  reset: [],
  chat_send: ["notes", "mode"],
  chat_edit: ["messageId"],
  chat_continue: [],
  chat_regenerate: [],
  chat_stop: ["runId"],
  proposal_decide: ["proposalId"],
  comment_add: ["frameId", "parentId"],
  comment_edit: ["id"],
  comment_resolve: ["id", "resolved"],
  comment_delete: ["id"],
  frame_review: ["frameId", "verdict"],
};

/** The longest string value kept: ids and codes fit, prose does not. */
const MAX_VALUE_CHARS = 64;

const scalar = (v: unknown): v is string | number | boolean | null =>
  v === null || typeof v === "number" || typeof v === "boolean" || (typeof v === "string" && v.length <= MAX_VALUE_CHARS);

function pick(from: unknown, fields: readonly string[]): Record<string, unknown> {
  if (typeof from !== "object" || from === null) return {};
  const src = from as Record<string, unknown>;
  return Object.fromEntries(fields.flatMap((k) => (scalar(src[k]) ? [[k, src[k]]] : [])));
}

/** What an ok ack adds: where the board went and the run, the comment's id, how many were deleted. */
function outcome(ack: AckPayload): Record<string, unknown> {
  if (!ack.ok) return { error: ack.error.code.slice(0, MAX_VALUE_CHARS) };
  const r = ack.result as Record<string, unknown> | undefined;
  if (!r) return {};
  const comment = r.comment as { id?: unknown } | undefined;
  return {
    ...pick(r, ["seq", "runId"]),
    ...(comment && scalar(comment.id) ? { commentId: comment.id } : {}),
    ...(Array.isArray(r.deleted) ? { deleted: r.deleted.length } : {}),
  };
}

/** The audit action and details of one answered message, or null for a type not audited. */
export function messageAudit(msg: ClientMessage, ack: AckPayload): { action: string; details: Record<string, unknown> } | null {
  if (msg.type === "ping" || msg.type === "board_command") return null;
  const details = { ...pick(msg.payload, AUDIT_PAYLOAD_FIELDS[msg.type]), ...outcome(ack) };
  return { action: AUDIT_ACTIONS[msg.type], details: capDetails(details) ?? {} };
}
