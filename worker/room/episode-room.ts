// EpisodeRoom: one Durable Object per episode. A thin shell: it accepts the
// WebSockets the worker has already authenticated (hibernation API, identity
// in each socket's attachment), checks every message on its own (size, rate,
// schema, role), and hands board work to RoomCore over SQLite.
import { DurableObject } from "cloudflare:workers";
import { z } from "zod";
import { Role, type BoardSnapshot } from "../domain/api";
import { type Asset, type Frame, type FrameMedia, shotLabel } from "../domain/board";
import {
  type AckPayload,
  ClientMessage,
  envelope,
  MAX_MESSAGE_BYTES,
  MAX_MESSAGES_PER_SECOND,
  type MetadataPayload,
  type Peer,
  PROTOCOL_VERSION,
} from "../domain/protocol";
import type { Env } from "../env";
import { newId } from "../ids";
import { agentProvider, secretValues } from "../agent/providers";
import { DEFAULT_BUDGET_TOKENS } from "../domain/agent/prompt";
import { makeRedactor } from "../domain/agent/redact";
import { AgentRuns, type ChatMessage, type Trace } from "./agent-runs";
import { startGeneration } from "../jobs/generate";
import { drizzle } from "drizzle-orm/d1";
import * as schema from "../db/schema";
import { type Committed, type Outcome, RoomCore } from "./room-core";
import { SqliteRoomStore } from "./sqlite-store";

export interface RoomIdentity {
  episodeId: string;
  projectId: string;
}

/** Who a socket belongs to, verified by the worker before the upgrade. */
export const ConnectIdentity = z.object({
  userId: z.string(),
  name: z.string(),
  email: z.string(),
  role: Role,
  sessionId: z.string(),
  projectId: z.string(),
  episodeId: z.string(),
});
export type ConnectIdentity = z.infer<typeof ConnectIdentity>;
export const IDENTITY_HEADER = "X-Reelroom-Identity";

interface Attachment {
  connectionId: string;
  userId: string;
  name: string;
  email: string;
  role: Role;
  sessionId: string;
}

/** Close codes: 1008 policy (flood of bad messages), 4001 session or membership ended. */
export const CLOSE_POLICY = 1008;
export const CLOSE_REVOKED = 4001;
const BAD_MESSAGE_LIMIT = 10;
const BAD_MESSAGE_WINDOW_MS = 10_000;

export class EpisodeRoom extends DurableObject<Env> {
  private readonly store: SqliteRoomStore;
  private coreInstance: RoomCore | undefined;
  // Per-socket counters live in memory: losing them when the room hibernates
  // only forgets an idle socket's history, which is harmless.
  private readonly recent = new Map<string, number[]>();
  private readonly bad = new Map<string, number[]>();

  private readonly agent: AgentRuns;
  private readonly db: ReturnType<typeof drizzle<typeof schema>>;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    this.store = new SqliteRoomStore(ctx.storage.sql, ctx.storage);
    this.db = drizzle(env.DB, { schema });
    this.agent = new AgentRuns({
      core: () => this.core,
      chat: this.store,
      broadcast: (type, payload, seq) => this.broadcast(envelope(type, payload, seq)),
      provider: () => agentProvider(env),
      redact: makeRedactor(secretValues(env)),
      budgetTokens: Number(env.AGENT_PROMPT_BUDGET) || DEFAULT_BUDGET_TOKENS,
      keepAlive: (p) => ctx.waitUntil(p),
      observe: (runId, status) => this.recordRun(runId, status),
      generate: async (frameId, userId) => {
        const projectId = this.store.getMeta("projectId");
        if (!projectId) return { ok: false, message: "the room does not know its project" };
        const out = await startGeneration(env, { projectId, episodeId: this.core.board.episodeId, frameId, createdBy: userId }, this);
        return out.ok ? { ok: true, jobId: out.job.id } : { ok: false, message: out.message };
      },
    });
    // Nothing runs in a freshly loaded room, so any run still marked as
    // running was cut short by a restart.
    this.agent.recoverInterrupted();
  }

  private get core(): RoomCore {
    if (!this.coreInstance) {
      const episodeId = this.store.getMeta("episodeId");
      if (!episodeId) throw new Error("EpisodeRoom used before init");
      this.coreInstance = new RoomCore(this.store, episodeId);
    }
    return this.coreInstance;
  }

  // ---- RPC from the worker -------------------------------------------------

  /** Called once when the episode is created; calling it again changes nothing. */
  async init(identity: RoomIdentity): Promise<BoardSnapshot> {
    this.store.setMetaOnce("episodeId", identity.episodeId);
    this.store.setMetaOnce("projectId", identity.projectId);
    return this.snapshot();
  }

  async snapshot(): Promise<BoardSnapshot> {
    return { seq: this.core.seq, board: this.core.board };
  }

  // ---- operations records (D1), written off the hot path ----

  private background(what: string, p: Promise<unknown>): void {
    this.ctx.waitUntil(p.catch((err) => console.error(JSON.stringify({ at: "room", what, error: String(err) }))));
  }

  private recordRun(runId: string, status: string): void {
    const projectId = this.store.getMeta("projectId");
    const episodeId = this.store.getMeta("episodeId");
    if (!projectId || !episodeId) return;
    const now = new Date().toISOString();
    const ended = ["completed", "stopped", "failed"].includes(status);
    this.background(
      "agent_runs",
      this.db
        .insert(schema.agentRuns)
        .values({ id: runId, projectId, episodeId, status, startedAt: now, endedAt: ended ? now : null })
        .onConflictDoUpdate({ target: schema.agentRuns.id, set: { status, ...(ended ? { endedAt: now } : {}) } }),
    );
  }

  private recordSockets(): void {
    const projectId = this.store.getMeta("projectId");
    const episodeId = this.store.getMeta("episodeId");
    if (!projectId || !episodeId) return;
    const open = this.ctx.getWebSockets().filter((ws) => ws.readyState === WebSocket.OPEN).length;
    const updatedAt = new Date().toISOString();
    this.background(
      "room_stats",
      this.db
        .insert(schema.roomStats)
        .values({ episodeId, projectId, openSockets: open, updatedAt })
        .onConflictDoUpdate({ target: schema.roomStats.episodeId, set: { openSockets: open, updatedAt } }),
    );
  }

  /** Audit rows for what people do in the room (undo, rewind, agent runs). */
  private audit(att: Attachment, action: string, msgId: string, verdict: "allowed" | "denied" | "failed", details: Record<string, unknown>): void {
    const projectId = this.store.getMeta("projectId");
    const episodeId = this.store.getMeta("episodeId");
    this.background(
      "audit",
      this.db.insert(schema.audit).values({ actor: att.userId, action, target: `episode:${episodeId}`, projectId, verdict, requestId: `ws:${msgId}`.slice(0, 100), details }),
    );
  }

  // ---- media jobs ----

  /** What a job renders: the frame as it is now, its shot label and its assets. */
  async frameContext(frameId: string): Promise<{ frame: Frame; shot: string; assets: Asset[] } | null> {
    const board = this.core.board;
    const i = board.frames.findIndex((f) => f.id === frameId);
    if (i < 0) return null;
    const frame = board.frames[i]!;
    return { frame, shot: shotLabel(frame, i), assets: board.assets.filter((a) => frame.continuity.assetIds.includes(a.id)) };
  }

  /**
   * The job runtime's set_frame_media, through the one mutation path. A job
   * may only move a card it owns (a newer job queued on the frame wins), and
   * a canceled card stays canceled for that job. False when nothing changed.
   */
  async applyFrameMedia(frameId: string, media: FrameMedia): Promise<boolean> {
    const current = this.core.board.frames.find((f) => f.id === frameId)?.media;
    if (!current) return false;
    if (media.state !== "queued" && current.jobId && current.jobId !== media.jobId) return false;
    if (current.state === "canceled" && current.jobId === media.jobId && media.state !== "canceled") return false;
    const out = this.core.execute({ type: "set_frame_media", id: frameId, media }, { type: "system", id: "jobs" });
    if (!out.ok) return false;
    this.broadcast(envelope("board_event", { event: out.value.event }, out.value.seq));
    return true;
  }

  /** Job progress, stage status, previews and warnings for every tab of the episode. */
  async jobEvent(type: "progress" | "plugin_status" | "frame" | "warning", payload: Record<string, unknown>): Promise<void> {
    this.broadcast(envelope(type, payload));
  }

  /** The chat, oldest first. */
  async messages(): Promise<ChatMessage[]> {
    return this.store.messages();
  }

  /** One agent run's trace, or null. */
  async runTrace(runId: string): Promise<Trace | null> {
    return this.agent.trace(runId);
  }

  /** Health probe: proves a room can be reached and can read its storage. */
  async ping(): Promise<{ ok: true; tables: number }> {
    const tables = this.ctx.storage.sql.exec<{ n: number }>("SELECT count(*) AS n FROM sqlite_master WHERE type = 'table'").one().n;
    return { ok: true, tables };
  }

  /** Closes every socket of one session (logout, revocation). */
  async closeSession(sessionId: string): Promise<number> {
    return this.closeTagged(`s:${sessionId}`, "session ended");
  }

  /** Closes every socket of one user (removed from the project). */
  async closeUser(userId: string): Promise<number> {
    return this.closeTagged(`u:${userId}`, "no longer a member");
  }

  /** A member's role changed: later messages are checked against the new role. */
  async setRole(userId: string, role: Role): Promise<number> {
    const sockets = this.ctx.getWebSockets(`u:${userId}`);
    for (const ws of sockets) ws.serializeAttachment({ ...this.attachment(ws), role });
    return sockets.length;
  }

  private closeTagged(tag: string, reason: string): number {
    const sockets = this.ctx.getWebSockets(tag);
    for (const ws of sockets) {
      try {
        ws.close(CLOSE_REVOKED, reason);
      } catch {
        // already closing
      }
    }
    if (sockets.length) this.broadcastPresence();
    return sockets.length;
  }

  // ---- WebSocket upgrade ---------------------------------------------------

  override async fetch(request: Request): Promise<Response> {
    const raw = request.headers.get(IDENTITY_HEADER);
    const identity = raw ? ConnectIdentity.safeParse(JSON.parse(raw)) : undefined;
    if (!identity?.success || request.headers.get("Upgrade")?.toLowerCase() !== "websocket") {
      return new Response("EpisodeRoom accepts only upgrades forwarded by the worker", { status: 400 });
    }
    const id = identity.data;
    const { 0: client, 1: server } = new WebSocketPair();
    const attachment: Attachment = {
      connectionId: newId("conn"),
      userId: id.userId,
      name: id.name,
      email: id.email,
      role: id.role,
      sessionId: id.sessionId,
    };
    this.ctx.acceptWebSocket(server, [`u:${id.userId}`, `s:${id.sessionId}`]);
    server.serializeAttachment(attachment);

    const sinceParam = new URL(request.url).searchParams.get("since");
    const resumed = sinceParam === null ? null : this.core.resume(Number(sinceParam));
    const metadata: MetadataPayload = {
      protocol: PROTOCOL_VERSION,
      connectionId: attachment.connectionId,
      user: { id: id.userId, name: id.name, email: id.email },
      role: id.role,
      project: id.projectId,
      episode: id.episodeId,
      seq: this.core.seq,
      ...(resumed ? { resumed: { fromSeq: Number(sinceParam), events: resumed } } : { board: this.core.board }),
      agent: this.agent.status(),
      peers: this.peers(),
    };
    server.send(envelope("metadata", metadata));
    this.broadcastPresence();
    this.recordSockets();
    return new Response(null, { status: 101, webSocket: client });
  }

  // ---- Hibernation handlers ------------------------------------------------

  override async webSocketMessage(ws: WebSocket, message: string | ArrayBuffer): Promise<void> {
    const att = this.attachment(ws);
    const text = typeof message === "string" ? message : new TextDecoder().decode(message);
    // Strings over the byte limit cannot be under it in characters either way round; check bytes.
    if (text.length > MAX_MESSAGE_BYTES || new TextEncoder().encode(text).byteLength > MAX_MESSAGE_BYTES) {
      return this.badMessage(ws, att, `Messages are limited to ${MAX_MESSAGE_BYTES / 1024} KiB.`);
    }
    if (this.overRate(att.connectionId)) {
      ws.send(envelope("error", { code: "rate_limited", message: `More than ${MAX_MESSAGES_PER_SECOND} messages a second; slow down.`, retryable: true }));
      return;
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      return this.badMessage(ws, att, "Messages must be JSON.");
    }
    const parsed = ClientMessage.safeParse(json);
    if (!parsed.success) {
      const type = typeof json === "object" && json !== null && "type" in json ? String((json as { type: unknown }).type).slice(0, 40) : "";
      const known = ClientMessage.options.some((o) => o.shape.type.value === type);
      return this.badMessage(ws, att, known ? `Malformed ${type} message.` : `Unknown message type "${type}".`);
    }
    const msg = parsed.data;
    if (msg.type === "ping") {
      ws.send(envelope("pong", {}));
      return;
    }
    if (!msg.id) return this.badMessage(ws, att, `A ${msg.type} message needs an id.`);
    const msgId = msg.id;
    // Roles are checked per message, not only at connect: a demotion applies at once.
    if (att.role === "viewer") {
      this.audit(att, "access.denied", msgId, "denied", { message: msg.type, reason: "viewer" });
      ws.send(envelope("ack", { id: msgId, ok: false, error: { code: "forbidden", message: "Viewers cannot change this episode." } }));
      return;
    }
    const actor = { type: "user" as const, id: att.userId };
    const { ack, replayed } = this.core.once<AckPayload>(att.userId, msgId, () => {
      switch (msg.type) {
        case "board_command": {
          const runId = newId("edit", 12);
          return this.ackFor(msgId, this.core.execute(msg.payload.command, actor, runId), runId);
        }
        case "undo_run": {
          const runId = newId("undo", 12);
          return this.ackFor(msgId, this.core.undoRun(msg.payload.runId, actor, runId), runId);
        }
        case "rewind": {
          const runId = newId("rwnd", 12);
          const out = this.core.rewind(msg.payload.toSeq, msg.payload.dryRun ?? false, actor, runId);
          if (out.ok && "dryRun" in out.value) return { id: msgId, ok: true, result: out.value };
          return this.ackFor(msgId, out as Outcome<Committed>, runId);
        }
        case "chat_send":
        case "chat_regenerate": {
          const out = this.agent.start(msg.type === "chat_send" ? msg.payload.text : "", { id: att.userId, name: att.name }, { regenerate: msg.type === "chat_regenerate" });
          return out.ok ? { id: msgId, ok: true, result: { runId: out.runId } } : { id: msgId, ok: false, error: { code: out.code, message: out.message } };
        }
        case "chat_stop": {
          const out = this.agent.stop(msg.payload.runId);
          return out.ok ? { id: msgId, ok: true } : { id: msgId, ok: false, error: { code: out.code, message: out.message } };
        }
      }
    });
    ws.send(envelope("ack", ack));
    const AUDITED: Partial<Record<string, string>> = { undo_run: "board.undo", rewind: "board.rewind", chat_send: "agent.run.start", chat_regenerate: "agent.run.start", chat_stop: "agent.run.stop" };
    const action = AUDITED[msg.type];
    const dryRun = msg.type === "rewind" && msg.payload.dryRun;
    if (action && !replayed && !dryRun) {
      // The person's chat text stays out of the audit trail; the run id is enough to find it.
      const payload = msg.type === "chat_send" ? {} : (msg.payload as Record<string, unknown>);
      this.audit(att, action, msgId, ack.ok ? "allowed" : "failed", { ...payload, ...(ack.ok ? { result: ack.result } : { error: ack.error.code }) });
    }
  }

  override async webSocketClose(ws: WebSocket, code: number, reason: string): Promise<void> {
    const att = this.attachment(ws);
    this.recent.delete(att.connectionId);
    this.bad.delete(att.connectionId);
    try {
      ws.close(code === 1005 || code === 1006 ? 1000 : code, reason);
    } catch {
      // the runtime already completed the close
    }
    this.broadcastPresence(ws);
    this.recordSockets();
  }

  override async webSocketError(ws: WebSocket): Promise<void> {
    this.broadcastPresence(ws);
  }

  // ---- helpers ---------------------------------------------------------------

  /** Turns a core outcome into the ack, broadcasting the event it committed. */
  private ackFor(msgId: string, out: Outcome<Committed>, runId: string): AckPayload {
    if (!out.ok) return { id: msgId, ok: false, error: { code: out.code, message: out.reason } };
    this.broadcast(envelope("board_event", { event: out.value.event }, out.value.seq));
    return { id: msgId, ok: true, result: { seq: out.value.seq, runId } };
  }

  private attachment(ws: WebSocket): Attachment {
    return ws.deserializeAttachment() as Attachment;
  }

  private broadcast(message: string, except?: WebSocket): void {
    for (const ws of this.ctx.getWebSockets()) {
      if (ws === except) continue;
      try {
        ws.send(message);
      } catch {
        // a socket that is closing gets its close handler; nothing to do here
      }
    }
  }

  private peers(except?: WebSocket): Peer[] {
    const byUser = new Map<string, Peer>();
    for (const ws of this.ctx.getWebSockets()) {
      if (ws === except || ws.readyState !== WebSocket.OPEN) continue;
      const att = this.attachment(ws);
      byUser.set(att.userId, { userId: att.userId, name: att.name });
    }
    return [...byUser.values()];
  }

  private broadcastPresence(except?: WebSocket): void {
    this.broadcast(envelope("presence", { peers: this.peers(except) }), except);
  }

  private overRate(connectionId: string): boolean {
    const now = Date.now();
    const times = (this.recent.get(connectionId) ?? []).filter((t) => now - t < 1000);
    times.push(now);
    this.recent.set(connectionId, times);
    return times.length > MAX_MESSAGES_PER_SECOND;
  }

  /** Answers a bad message with `error` and keeps the socket, unless they come as a flood. */
  private badMessage(ws: WebSocket, att: Attachment, message: string): void {
    const now = Date.now();
    const times = (this.bad.get(att.connectionId) ?? []).filter((t) => now - t < BAD_MESSAGE_WINDOW_MS);
    times.push(now);
    this.bad.set(att.connectionId, times);
    if (times.length > BAD_MESSAGE_LIMIT) {
      ws.close(CLOSE_POLICY, "too many bad messages");
      return;
    }
    ws.send(envelope("error", { code: "bad_message", message }));
  }
}
