// The realtime wire protocol (CONTRACT 3): one discriminated union on `type`
// each way, parsed at both ends. Every frame is {type, payload, timestamp};
// board events also carry seq; client messages may carry an id (≤ 64 chars).
import { z } from "zod";
import { Board } from "./board";
import { Actor, Command } from "./commands";
import { EventBody, type Impact } from "./events";
import { Role, User } from "./api";

export const PROTOCOL_VERSION = 1;
export const MAX_MESSAGE_BYTES = 64 * 1024;
export const MAX_MESSAGES_PER_SECOND = 20;

const MsgId = z.string().min(1).max(64);
const Timestamp = z.string().max(40);

const clientMsg = <T extends string, P extends z.ZodType>(type: T, payload: P) =>
  z.object({ type: z.literal(type), id: MsgId.optional(), payload, timestamp: Timestamp.optional() });

export const ClientMessage = z.discriminatedUnion("type", [
  clientMsg("ping", z.object({}).passthrough()),
  clientMsg("board_command", z.object({ command: z.unknown() })),
  clientMsg("undo_run", z.object({ runId: z.string().min(1).max(64) })),
  clientMsg("rewind", z.object({ toSeq: z.number().int().nonnegative(), dryRun: z.boolean().optional() })),
  clientMsg("chat_send", z.object({ text: z.string().min(1).max(8000) })),
  clientMsg("chat_stop", z.object({ runId: z.string().max(64).optional() })),
  clientMsg("chat_regenerate", z.object({}).passthrough()),
]);
export type ClientMessage = z.infer<typeof ClientMessage>;
export type ClientMessageType = ClientMessage["type"];

/** A board event as it travels: the body plus who made it and under which run. */
export const BoardEvent = z.intersection(EventBody, z.object({ actor: Actor, runId: z.string().optional() }));
export type BoardEvent = z.infer<typeof BoardEvent>;

export const Peer = z.object({ userId: z.string(), name: z.string() });
export type Peer = z.infer<typeof Peer>;

export const ResumedEvent = z.object({ seq: z.number().int().positive(), event: BoardEvent });
export type ResumedEvent = z.infer<typeof ResumedEvent>;

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
  agent: z.object({ status: z.string(), runId: z.string().optional() }),
  peers: z.array(Peer),
});
export type MetadataPayload = z.infer<typeof MetadataPayload>;

const ErrorPayload = z.object({ code: z.string(), message: z.string() });

export const AckPayload = z.union([
  z.object({ id: z.string(), ok: z.literal(true), result: z.unknown().optional() }),
  z.object({ id: z.string(), ok: z.literal(false), error: ErrorPayload }),
]);
export type AckPayload = z.infer<typeof AckPayload>;

const serverMsg = <T extends string, P extends z.ZodType>(type: T, payload: P) =>
  z.object({ type: z.literal(type), payload, timestamp: Timestamp, seq: z.number().int().positive().optional() });

export const ServerMessage = z.discriminatedUnion("type", [
  serverMsg("metadata", MetadataPayload),
  serverMsg("board_event", z.object({ event: BoardEvent })),
  serverMsg("presence", z.object({ peers: z.array(Peer) })),
  serverMsg("ack", AckPayload),
  serverMsg("error", ErrorPayload.extend({ retryable: z.boolean().optional() })),
  serverMsg("warning", z.object({ code: z.string(), message: z.string(), runId: z.string().optional(), jobId: z.string().optional() })),
  serverMsg("pong", z.object({}).passthrough()),
  serverMsg("ping", z.object({}).passthrough()),
  serverMsg("chat_message", z.record(z.string(), z.unknown())),
  serverMsg("partial_result", z.record(z.string(), z.unknown())),
  serverMsg("agent_status", z.record(z.string(), z.unknown())),
  serverMsg("progress", z.record(z.string(), z.unknown())),
  serverMsg("plugin_status", z.record(z.string(), z.unknown())),
  serverMsg("frame", z.record(z.string(), z.unknown())),
]);
export type ServerMessage = z.infer<typeof ServerMessage>;

/** The result of an accepted board_command, undo_run or rewind. */
export interface CommandResult {
  seq: number;
  runId?: string;
}
export interface RewindPreview {
  dryRun: true;
  toSeq: number;
  events: number;
  impact: Impact;
}

export const now = () => new Date().toISOString();

export function envelope(type: string, payload: unknown, seq?: number): string {
  return JSON.stringify(seq === undefined ? { type, payload, timestamp: now() } : { type, payload, timestamp: now(), seq });
}

export { Command };
