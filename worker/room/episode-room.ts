// EpisodeRoom: one Durable Object per episode, a thin adapter. It accepts the
// WebSockets the worker has already authenticated (hibernation API, the
// session in each socket's attachment) and hands every handler and RPC to
// Room; operations records reach D1 through Room's hooks, off the hot path.
import { DurableObject } from "cloudflare:workers";
import { drizzle } from "drizzle-orm/d1";
import { mayStartRun, ProjectAgent } from "../agent/project-agent";
import * as schema from "../db/schema";
import type { BoardSnapshot, Role } from "../domain/api";
import { DEFAULT_BUDGET_TOKENS } from "../domain/agent/prompt";
import type { JobMedia, Revision } from "../domain/board";
import type { ChatMessage } from "../domain/chat";
import type { JobEventType } from "../domain/protocol";
import type { Env } from "../env";
import { jobsService } from "../jobs/service";
import type { Trace } from "./agent-runs";
import { recheckRoom } from "./access-check";
import { HibernatedSocket } from "./hibernated-socket";
import { type RawHistoryPage, readHistory } from "./history-reader";
import { PING_FRAME, PONG_FRAME } from "../domain/heartbeat";
import { operationsRecords } from "./operations-records";
import { type AddRevisionOutcome, ConnectIdentity, Room } from "./room";
import { SqliteRoomStore } from "./sqlite-store";

export { CLOSE_POLICY, CLOSE_REVOKED, ConnectIdentity } from "./room";
export const IDENTITY_HEADER = "X-Reelroom-Identity";

export interface RoomIdentity {
  episodeId: string;
  projectId: string;
}

export class EpisodeRoom extends DurableObject<Env> {
  private readonly store: SqliteRoomStore;
  private roomInstance: Room | undefined;
  // One wrapper per WebSocket, so Room can compare sockets by identity.
  private readonly wrappers = new WeakMap<WebSocket, HibernatedSocket>();
  // The project's own agent, or the deployment's (CONTRACT 14).
  private readonly agent: ProjectAgent;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    this.store = new SqliteRoomStore(ctx.storage.sql, ctx.storage);
    this.agent = new ProjectAgent(env, drizzle(env.DB, { schema }));
    // Heartbeats are answered by the runtime, so a tab's ping every few seconds never wakes the room.
    ctx.setWebSocketAutoResponse(new WebSocketRequestResponsePair(PING_FRAME, PONG_FRAME));
    // Loading the room recovers a run a restart cut short, even when no one reconnects (the alarm wakes it).
    if (this.store.getMeta("episodeId")) void this.room;
  }

  private get room(): Room {
    if (this.roomInstance) return this.roomInstance;
    const episodeId = this.store.getMeta("episodeId");
    if (!episodeId) throw new Error("EpisodeRoom used before init");
    const env = this.env;
    this.roomInstance = new Room({
      store: this.store,
      episodeId,
      host: {
        sockets: () => this.ctx.getWebSockets().map((ws) => this.wrap(ws)),
        keepAlive: (p) => this.ctx.waitUntil(p),
        setAlarm: (at) => void this.armAlarm(at),
      },
      hooks: operationsRecords(
        drizzle(env.DB, { schema }),
        () => this.ids(),
        (p) => this.ctx.waitUntil(p),
      ),
      agent: {
        provider: () => this.agent.provider(),
        redact: this.agent.redact,
        budgetTokens: Number(env.AGENT_PROMPT_BUDGET) || DEFAULT_BUDGET_TOKENS,
        generate: async (frameId, userId) => {
          const projectId = this.store.getMeta("projectId");
          if (!projectId) return { ok: false, message: "the room does not know its project" };
          // The room passes itself: a Durable Object must not call its own stub.
          const out = await jobsService(env).create({ projectId, episodeId, frameId, createdBy: userId }, this);
          return out.ok ? { ok: true, jobId: out.job.id } : { ok: false, message: out.message };
        },
      },
    });
    return this.roomInstance;
  }

  private ids(): { projectId: string; episodeId: string } | null {
    const projectId = this.store.getMeta("projectId");
    const episodeId = this.store.getMeta("episodeId");
    return projectId && episodeId ? { projectId, episodeId } : null;
  }

  private wrap(ws: WebSocket): HibernatedSocket {
    let w = this.wrappers.get(ws);
    if (!w) this.wrappers.set(ws, (w = new HibernatedSocket(ws)));
    return w;
  }

  // ---- RPC from the worker and the queue consumer ----

  /** Called once when the episode is created; calling it again changes nothing. */
  async init(identity: RoomIdentity): Promise<BoardSnapshot> {
    this.store.setMetaOnce("episodeId", identity.episodeId);
    this.store.setMetaOnce("projectId", identity.projectId);
    return this.snapshot();
  }
  async snapshot(): Promise<BoardSnapshot> {
    return { seq: this.room.core.seq, board: this.room.core.board };
  }
  async frameContext(frameId: string) {
    return this.room.frameContext(frameId);
  }
  async applyFrameMedia(frameId: string, media: JobMedia, revision?: Revision): Promise<boolean> {
    return this.room.applyFrameMedia(frameId, media, revision);
  }
  async hasFrame(frameId: string): Promise<boolean> {
    return this.room.hasFrame(frameId);
  }
  async revision(frameId: string, revisionId: string): Promise<Revision | null> {
    return this.room.revision(frameId, revisionId);
  }
  /** An upload or a drawing, its file already stored; the room fills in its basis (CONTRACT 12). */
  async addRevision(frameId: string, revision: Omit<Revision, "basis">): Promise<AddRevisionOutcome> {
    return this.room.addRevision(frameId, revision);
  }
  async jobEvent(type: JobEventType, payload: Record<string, unknown>): Promise<void> {
    this.room.jobEvent(type, payload);
  }
  async messages(): Promise<ChatMessage[]> {
    return this.store.messages();
  }
  /** One page of the board's history, newest first; the route names the people in it. */
  async history(before: number | undefined, limit: number): Promise<RawHistoryPage> {
    const core = this.room.core;
    const store = this.store;
    return readHistory(
      {
        seq: core.seq,
        boardAt: (seq) => core.boardAt(seq),
        events: (from, to) => store.events(from, to),
        eventBytes: (from, to) => store.eventBytes(from, to),
        runSeqs: (runId) => store.runSeqs(runId),
        undoLinks: () => store.undoLinks(),
      },
      before,
      limit,
    );
  }
  async runTrace(runId: string): Promise<Trace | null> {
    return this.room.trace(runId);
  }
  async closeSession(sessionId: string): Promise<number> {
    return this.room.closeSession(sessionId);
  }
  async closeUser(userId: string): Promise<number> {
    return this.room.closeUser(userId);
  }
  async setRole(userId: string, role: Role): Promise<number> {
    return this.room.setRole(userId, role);
  }
  /** A review link was revoked: its sockets close with 4001 and nothing they send applies again. */
  async closeLink(linkId: string): Promise<number> {
    return this.room.closeLink(linkId);
  }
  /** Health probe: proves a room can be reached and can read its storage. */
  async ping(): Promise<{ ok: true; tables: number }> {
    const tables = this.ctx.storage.sql.exec<{ n: number }>("SELECT count(*) AS n FROM sqlite_master WHERE type = 'table'").one().n;
    return { ok: true, tables };
  }
  /** The largest value the room stores, in bytes (the bounds test reads it). */
  async largestStoredValue(): Promise<{ table: string; bytes: number }> {
    return this.store.largestValueBytes();
  }

  // ---- WebSocket upgrade and hibernation handlers ----

  override async fetch(request: Request): Promise<Response> {
    const raw = request.headers.get(IDENTITY_HEADER);
    const identity = raw ? ConnectIdentity.safeParse(JSON.parse(raw)) : undefined;
    if (!identity?.success || request.headers.get("Upgrade")?.toLowerCase() !== "websocket") {
      return new Response("EpisodeRoom accepts only upgrades forwarded by the worker", { status: 400 });
    }
    const admission = this.room.admit(identity.data);
    if (!admission.ok) {
      const body = JSON.stringify({ error: { code: admission.code, message: admission.message } });
      return new Response(body, { status: admission.status, headers: { "content-type": "application/json", "retry-after": "5" } });
    }
    const { 0: client, 1: server } = new WebSocketPair();
    this.ctx.acceptWebSocket(server);
    this.wrap(server).setSession(admission.session);
    const since = new URL(request.url).searchParams.get("since");
    this.room.opened(this.wrap(server), identity.data, since === null ? null : Number(since));
    return new Response(null, { status: 101, webSocket: client });
  }

  override async webSocketMessage(ws: WebSocket, message: string | ArrayBuffer): Promise<void> {
    // A run uses the project's provider settings as they are now: an owner's change applies to the next run.
    const projectId = this.store.getMeta("projectId");
    // Held as one step: no other message of this room overtakes this one while the settings are read.
    if (projectId && mayStartRun(message, this.wrap(ws).session.role)) await this.ctx.blockConcurrencyWhile(() => this.agent.refresh(projectId));
    this.room.message(this.wrap(ws), message);
  }

  override async webSocketClose(ws: WebSocket, code: number, reason: string): Promise<void> {
    try {
      ws.close(code === 1005 || code === 1006 ? 1000 : code, reason);
    } catch {
      // the runtime already completed the close
    }
    this.room.closed(this.wrap(ws));
  }

  override async webSocketError(ws: WebSocket): Promise<void> {
    this.room.closed(this.wrap(ws));
  }

  override async alarm(): Promise<void> {
    const projectId = this.store.getMeta("projectId");
    if (projectId) await recheckRoom(this.room, drizzle(this.env.DB, { schema }), projectId);
    this.room.alarm();
  }

  /** An earlier alarm wins: many opens in a row must not keep pushing the check into the future. */
  private async armAlarm(at: number): Promise<void> {
    const current = await this.ctx.storage.getAlarm();
    if (current === null || current > at || current < Date.now()) await this.ctx.storage.setAlarm(at);
  }
}
