// The realtime wire protocol (CONTRACT 3): one discriminated union on `type`
// each way, parsed at both ends. Every frame is {type, payload, timestamp};
// board events also carry seq; client messages may carry an id (≤ 64 chars).
import { z } from "zod";
import { Board, Id, LIMITS } from "./board";
import { Actor, Command } from "./commands";
import { EventBody, Impact } from "./events";
import { AgentStatus, ChatMessage, RunStatus } from "./chat";
import { Role, User } from "./api";
import { Comment, CommentText, FrameReview, ReviewNote, Verdict } from "./comments";
import { personText } from "./person-text";
import { DecideResult, MAX_PROPOSAL_CHANGES, Proposal } from "./proposals";

export const PROTOCOL_VERSION = 1;
/** 1 MiB, so that every bound of CONTRACT 4 (a 200,000-char script) can be reached through the socket. */
export const MAX_MESSAGE_BYTES = 1024 * 1024;
export const MAX_MESSAGES_PER_SECOND = 20;
/** Across all of one person's sockets in an episode: ten tabs must not multiply the rate. */
export const MAX_MESSAGES_PER_SECOND_PER_USER = 40;
/** Open sockets one person may hold in one episode; the next upgrade gets 429. */
export const MAX_SOCKETS_PER_USER = 10;

const MsgId = z.string().min(1).max(64);
const Timestamp = z.string().max(40);
const RunId = z.string().min(1).max(64);

// Strict, envelope and payload alike: a key nobody reads is a bad message, so
// it can never reach storage or the audit (issue 21).
const clientMsg = <T extends string, P extends z.ZodType>(type: T, payload: P) =>
  z.strictObject({ type: z.literal(type), id: MsgId.optional(), payload, timestamp: Timestamp.optional() });

export const ClientMessage = z.discriminatedUnion("type", [
  clientMsg("ping", z.strictObject({})),
  clientMsg("board_command", z.strictObject({ command: z.unknown() })),
  clientMsg("undo_run", z.strictObject({ runId: RunId })),
  clientMsg("rewind", z.strictObject({ toSeq: z.number().int().nonnegative(), dryRun: z.boolean().optional() })),
  // `notes: true` applies the open comments of the scoped frames (every frame's when unscoped), CONTRACT 9;
  // the room writes the instruction from them, so the text may then be empty. `mode: "suggest"` lands the
  // run's changes as a proposal instead of on the board (CONTRACT 14).
  clientMsg(
    "chat_send",
    z
      .strictObject({
        text: z.string().overwrite(personText).max(8000),
        scope: z.strictObject({ frameIds: z.array(Id).min(1).max(LIMITS.frames) }).optional(),
        notes: z.boolean().optional(),
        mode: z.literal("suggest").optional(),
      })
      .refine((p) => p.notes === true || p.text.length > 0, { message: "a message needs text", path: ["text"] }),
  ),
  clientMsg("chat_stop", z.strictObject({ runId: RunId.optional() })),
  clientMsg("chat_regenerate", z.strictObject({})),
  clientMsg("chat_edit", z.strictObject({ messageId: z.string().min(1).max(64), text: z.string().overwrite(personText).min(1).max(8000) })),
  clientMsg("chat_continue", z.strictObject({})),
  clientMsg("reset", z.strictObject({ confirm: z.string().max(200) })),
  // Comments and frame reviews (CONTRACT 9): beside the board, never inside it.
  clientMsg("comment_add", z.strictObject({ frameId: Id, text: CommentText, parentId: Id.nullable().optional() })),
  clientMsg("comment_edit", z.strictObject({ id: Id, text: CommentText })),
  clientMsg("comment_resolve", z.strictObject({ id: Id, resolved: z.boolean() })),
  clientMsg("comment_delete", z.strictObject({ id: Id })),
  clientMsg("frame_review", z.strictObject({ frameId: Id, verdict: Verdict, note: ReviewNote.optional() })),
  // Accept some changes of a proposal and reject others (CONTRACT 14); editors and owners only.
  clientMsg(
    "proposal_decide",
    z.strictObject({
      proposalId: Id,
      accept: z.array(Id).max(MAX_PROPOSAL_CHANGES),
      reject: z.array(Id).max(MAX_PROPOSAL_CHANGES),
    }),
  ),
]);
export type ClientMessage = z.infer<typeof ClientMessage>;
export type ClientMessageType = ClientMessage["type"];
/** Each client message type's payload, indexable by a generic type (which Extract<…> is not, in TypeScript). */
export type ClientPayloads = { [M in ClientMessage as M["type"]]: M["payload"] };

/** A board event as it travels: the body plus who made it and under which run. */
export const BoardEvent = z.intersection(EventBody, z.object({ actor: Actor, runId: z.string().optional() }));
export type BoardEvent = z.infer<typeof BoardEvent>;

export const Peer = z.object({ userId: z.string(), name: z.string() });
export type Peer = z.infer<typeof Peer>;

export const ResumedEvent = z.object({ seq: z.number().int().positive(), event: BoardEvent });
export type ResumedEvent = z.infer<typeof ResumedEvent>;

/** The agent as a joining tab sees it: `text` is the prose a run in progress has streamed so far. */
export const AgentState = AgentStatus.extend({ text: z.string().optional() });
export type AgentState = z.infer<typeof AgentState>;

export const MetadataPayload = z.object({
  protocol: z.literal(PROTOCOL_VERSION),
  connectionId: z.string(),
  user: User.pick({ id: true, name: true, email: true }),
  role: Role,
  project: z.string(),
  episode: z.string(),
  seq: z.number().int().nonnegative(),
  board: Board.optional(),
  resumed: z.object({ fromSeq: z.number().int().nonnegative(), events: z.array(ResumedEvent) }).optional(),
  agent: AgentState,
  peers: z.array(Peer),
  /** Every comment of the episode, oldest first (CONTRACT 9). */
  comments: z.array(Comment).optional(),
  /** The latest verdict of each person on each frame. */
  reviews: z.array(FrameReview).optional(),
  /** Proposals being written or waiting for a decision, oldest first (CONTRACT 14). */
  proposals: z.array(Proposal).optional(),
});
export type MetadataPayload = z.infer<typeof MetadataPayload>;

/**
 * What a review socket gets first: the board, comments and reviews, but no
 * email, no chat and no agent prose (the agent's status only, without a run).
 */
export const ReviewerMetadataPayload = MetadataPayload.omit({ role: true, user: true, agent: true, proposals: true }).extend({
  role: z.literal("reviewer"),
  user: z.object({ id: z.string(), name: z.string() }),
  agent: AgentStatus.pick({ status: true }),
  /** Whether this link lets its holder add comments. */
  canComment: z.boolean(),
});
export type ReviewerMetadataPayload = z.infer<typeof ReviewerMetadataPayload>;

export const ErrorBody = z.object({ code: z.string(), message: z.string() });

// ---- ack results, one per client message type ----

/** An accepted board_command, undo_run or rewind: where the board is now and the run the change belongs to. */
export const CommandResult = z.object({ seq: z.number().int().positive(), runId: z.string() });
export type CommandResult = z.infer<typeof CommandResult>;

export const RewindPreview = z.object({ dryRun: z.literal(true), toSeq: z.number().int().nonnegative(), events: z.number().int(), impact: Impact });
export type RewindPreview = z.infer<typeof RewindPreview>;

export const RunStarted = z.object({ runId: z.string() });
/** An accepted comment_add, comment_edit or comment_resolve: the comment as stored. */
export const CommentResult = z.object({ comment: Comment });
/** An accepted comment_delete: the ids removed (the comment and its replies). */
export const CommentDeleted = z.object({ deleted: z.array(z.string()) });
/** An accepted frame_review: the review as recorded. */
export const ReviewResult = z.object({ review: FrameReview });

/** What an ok ack carries for each client message type. */
export const AckResults = {
  board_command: CommandResult,
  undo_run: CommandResult,
  rewind: z.union([CommandResult, RewindPreview]),
  chat_send: RunStarted,
  chat_regenerate: RunStarted,
  chat_edit: RunStarted,
  chat_continue: RunStarted,
  chat_stop: z.undefined(),
  reset: CommandResult,
  comment_add: CommentResult,
  comment_edit: CommentResult,
  comment_resolve: CommentResult,
  comment_delete: CommentDeleted,
  frame_review: ReviewResult,
  proposal_decide: DecideResult,
} satisfies Record<Exclude<ClientMessageType, "ping">, z.ZodType>;
export type AckResult<T extends keyof typeof AckResults> = z.infer<(typeof AckResults)[T]>;

export const AckPayload = z.union([
  z.object({
    id: z.string(),
    ok: z.literal(true),
    // DecideResult first: it also has seq and runId, and CommandResult would match it and drop the rest.
    result: z.union([DecideResult, CommandResult, RewindPreview, RunStarted, CommentResult, CommentDeleted, ReviewResult]).optional(),
  }),
  z.object({ id: z.string(), ok: z.literal(false), error: ErrorBody }),
]);
export type AckPayload = z.infer<typeof AckPayload>;

// ---- server payloads, one schema per type ----

export const ServerPayloads = {
  metadata: MetadataPayload,
  board_event: z.object({ event: BoardEvent }),
  presence: z.object({ peers: z.array(Peer) }),
  ack: AckPayload,
  error: ErrorBody.extend({ retryable: z.boolean().optional() }),
  warning: z.object({ code: z.string(), message: z.string(), runId: z.string().optional(), jobId: z.string().optional() }),
  pong: z.object({}),
  ping: z.object({}),
  chat_message: ChatMessage,
  partial_result: z.union([
    z.object({ runId: z.string(), delta: z.string() }),
    z.object({ jobId: z.string(), stage: z.string(), data: z.record(z.string(), z.unknown()) }),
  ]),
  agent_status: AgentStatus.required({ runId: true }).omit({ status: true }).extend({ status: RunStatus }),
  progress: z.object({ jobId: z.string(), frameId: z.string(), progress: z.number().min(0).max(100) }),
  plugin_status: z.object({
    jobId: z.string(),
    plugin: z.string(),
    status: z.enum(["started", "running", "completed", "failed", "skipped"]),
    timing_ms: z.number().optional(),
  }),
  frame: z.object({ jobId: z.string(), frameId: z.string(), preview: z.object({ url: z.string(), mime: z.string() }) }),
  /**
   * A comment added, edited, resolved or reopened (the comment as it is now),
   * or deleted (`deleted: true`, the comment as it was; its replies go with it).
   */
  comment: z.object({ comment: Comment, deleted: z.boolean().optional() }),
  frame_review: FrameReview,
  /** A proposal as it stands: growing while its run writes it, shrinking as changes are decided; "decided" means it is gone. */
  proposal: z.object({ proposal: Proposal }),
} as const;
export type ServerType = keyof typeof ServerPayloads;
export type ServerPayload<T extends ServerType> = z.infer<(typeof ServerPayloads)[T]>;
/** The job runtime's events for every tab of an episode. */
export type JobEventType = "progress" | "plugin_status" | "frame" | "warning";

const serverMsg = <T extends ServerType>(type: T) =>
  z.object({ type: z.literal(type), payload: ServerPayloads[type], timestamp: Timestamp, seq: z.number().int().positive().optional() });

export const ServerMessage = z.discriminatedUnion("type", [
  serverMsg("metadata"),
  serverMsg("board_event"),
  serverMsg("presence"),
  serverMsg("ack"),
  serverMsg("error"),
  serverMsg("warning"),
  serverMsg("pong"),
  serverMsg("ping"),
  serverMsg("chat_message"),
  serverMsg("partial_result"),
  serverMsg("agent_status"),
  serverMsg("progress"),
  serverMsg("plugin_status"),
  serverMsg("frame"),
  serverMsg("comment"),
  serverMsg("frame_review"),
  serverMsg("proposal"),
]);
export type ServerMessage = z.infer<typeof ServerMessage>;

/**
 * What a review socket may receive (CONTRACT 3): never chat, agent prose or
 * status, plugin stages, warnings (they can carry job logs) or traces. The
 * room drops every other type on the way to a reviewer.
 */
export const REVIEWER_RECEIVES = new Set<ServerType>([
  "metadata",
  "board_event",
  "comment",
  "frame_review",
  "presence",
  "frame",
  "progress",
  "ack",
  "error",
  "pong",
  "ping",
]);

/** The messages of a review socket, parsed by the review page (its metadata is the reviewer's). */
export const ReviewServerMessage = z.discriminatedUnion("type", [
  z.object({ type: z.literal("metadata"), payload: ReviewerMetadataPayload, timestamp: Timestamp }),
  serverMsg("board_event"),
  serverMsg("comment"),
  serverMsg("frame_review"),
  serverMsg("presence"),
  serverMsg("frame"),
  serverMsg("progress"),
  serverMsg("ack"),
  serverMsg("error"),
  serverMsg("pong"),
  serverMsg("ping"),
]);
export type ReviewServerMessage = z.infer<typeof ReviewServerMessage>;

/** The reviewer's first message, typed like envelope() but with the reviewer's own metadata. */
export function reviewerMetadataEnvelope(payload: ReviewerMetadataPayload): string {
  return JSON.stringify({ type: "metadata", payload, timestamp: now() });
}

export const now = () => new Date().toISOString();

/** One frame on the wire, typed by message type so a payload cannot drift from its schema. */
export function envelope<T extends ServerType>(type: T, payload: ServerPayload<T>, seq?: number): string {
  return JSON.stringify(seq === undefined ? { type, payload, timestamp: now() } : { type, payload, timestamp: now(), seq });
}

export { Command };
