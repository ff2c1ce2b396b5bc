// The episode room's logic, free of Durable Object APIs so it runs in plain
// vitest with fake sockets: who is connected (sessions in each socket's
// attachment), dispatch of every client message (size, rate, schema, role,
// revocation, dedupe, one ack each), presence, agent runs and the job
// runtime's media events. EpisodeRoom adapts it to the hibernation API.
// Audit and metrics are hooks called after the reply is sent, never in the
// message's path.
import { z } from "zod";
import type { Role } from "../domain/api";
import { RoomRole } from "../domain/api";
import type { CommentActor } from "../domain/comments";
import type { JobMedia, Revision } from "../domain/board";
import { NO_MEDIA, shotLabel } from "../domain/board";
import type { RunStatus } from "../domain/chat";
import { nextJobMedia } from "../domain/frame-media";
import type { FrameContext, ReferencePicture } from "../domain/jobs";
import { pictureBasis } from "../domain/picture-basis";
import {
  type AckPayload,
  ClientMessage,
  envelope,
  type JobEventType,
  MAX_MESSAGE_BYTES,
  MAX_MESSAGES_PER_SECOND,
  MAX_MESSAGES_PER_SECOND_PER_USER,
  MAX_SOCKETS_PER_USER,
  type MetadataPayload,
  type Peer,
  PROTOCOL_VERSION,
  REVIEWER_RECEIVES,
  type ReviewerMetadataPayload,
  reviewerMetadataEnvelope,
  type ServerPayload,
  ServerPayloads,
  type ServerType,
} from "../domain/protocol";
import type { AgentProvider, NoteRecord } from "../agent/provider";
import type { Redactor } from "../domain/agent/redact";
import { newId } from "../ids";
import { messageAudit } from "./audit-record";
import { AgentRuns, type ChatStore, type StartRequest, type Trace } from "./agent-runs";
import { type CommentStore, isCommentMessage, RoomComments } from "./room-comments";
import { type ProposalStore, RoomProposals } from "./room-proposals";
import { type Committed, type Outcome, RoomCore, type RoomStore } from "./room-core";
import { capText, utf8Length } from "./storage-limits";

/** Close codes: 1008 policy (a flood of bad messages), 4001 session, membership or link ended. */
export const CLOSE_POLICY = 1008;
export const CLOSE_REVOKED = 4001;
const BAD_MESSAGE_LIMIT = 10;
const BAD_MESSAGE_WINDOW_MS = 10_000;
/** What a job's stored context may spend on the frame's assets. */
export const JOB_ASSETS_BYTES = 384 * 1024;
/**
 * While a run streams or anyone is connected the room keeps an alarm this far
 * ahead: it recovers a run a crash cut short even if nobody reconnects, and
 * re-checks every socket's session and role against the accounts store.
 */
export const RUN_WATCH_MS = 30_000;

/** At most this many open sockets per review link, whoever holds it. */
export const MAX_SOCKETS_PER_LINK = 50;
/** Messages all the reviewers of one link may send together in a minute: a link passed around is one budget. */
export const REVIEW_LINK_MESSAGES_PER_MINUTE = 240;

/** The review link a reviewer's socket came through (CONTRACT 9); absent on members' sockets. */
export const ReviewGrant = z.object({
  linkId: z.string(),
  /** When the link expires, ms since epoch: checked on every message, so expiry needs no push. */
  expiresAt: z.number(),
  canComment: z.boolean(),
});
export type ReviewGrant = z.infer<typeof ReviewGrant>;

/** Who a socket belongs to, verified by the worker before the upgrade. */
export const ConnectIdentity = z.object({
  userId: z.string(),
  name: z.string(),
  /** Empty for a reviewer, who has no account. */
  email: z.string(),
  role: RoomRole,
  sessionId: z.string(),
  projectId: z.string(),
  episodeId: z.string(),
  /** What a reset must be confirmed with. */
  episodeTitle: z.string().max(200).optional(),
  /** Set exactly when role is "reviewer". */
  review: ReviewGrant.optional(),
});
export type ConnectIdentity = z.infer<typeof ConnectIdentity>;

/** What each socket carries in its attachment; it survives hibernation, so revocation does too. */
export const SocketSession = z.object({
  connectionId: z.string(),
  userId: z.string(),
  name: z.string(),
  email: z.string(),
  role: RoomRole,
  sessionId: z.string(),
  episodeTitle: z.string().max(200).optional(),
  review: ReviewGrant.optional(),
  /** Set when the session, membership or link ended: nothing this socket sends applies again. */
  revoked: z.string().optional(),
});
export type SocketSession = z.infer<typeof SocketSession>;

/** The room's view of one WebSocket. */
export interface RoomSocket {
  send(message: string): void;
  close(code: number, reason: string): void;
  readonly session: SocketSession;
  setSession(session: SocketSession): void;
  readonly open: boolean;
}

/** What the room needs from its host (the Durable Object, or a test). */
export interface RoomHost {
  sockets(): RoomSocket[];
  /** Keeps the host alive while a promise runs (an agent run, a job start). */
  keepAlive(p: Promise<unknown>): void;
  /** Asks to be called back through `Room.alarm()` at `at` (ms since epoch), unless an earlier alarm is already set. */
  setAlarm(at: number): void;
}

export interface AuditEntry {
  actor: string;
  action: string;
  verdict: "allowed" | "denied" | "failed";
  requestId: string;
  details: Record<string, unknown>;
}

/** Called after the reply went out, outside the message path; a throwing hook is reported, never fatal. */
export interface RoomHooks {
  audit?(entry: AuditEntry): void;
  runStatus?(runId: string, status: RunStatus): void;
  sockets?(open: number): void;
  error?(what: string, err: unknown): void;
}

export interface RoomDeps {
  store: RoomStore & ChatStore & CommentStore & ProposalStore;
  episodeId: string;
  host: RoomHost;
  hooks?: RoomHooks;
  agent: {
    provider: () => AgentProvider;
    redact: Redactor;
    budgetTokens: number;
    generate?: (frameId: string, userId: string) => Promise<{ ok: true; jobId: string } | { ok: false; message: string }>;
  };
  now?: () => number;
}

export type Admission = { ok: true; session: SocketSession } | { ok: false; status: 429; code: "rate_limited"; message: string };

/** Who issues a person's upload or drawing on the board (the revision's `by` names the person). */
export const UPLOADS_ACTOR = { type: "system", id: "uploads" } as const;

export type AddRevisionOutcome = { ok: true; revision: Revision; seq: number } | { ok: false; code: "not_found" | "rejected"; reason: string };

/** The notes one "apply the notes" run is given, in characters of their text. */
const MAX_NOTES_CHARS = 16_000;

export class Room {
  private coreInstance: RoomCore | undefined;
  /** The board's frames as sockets last heard of them: comments follow their frame (room-comments.ts). */
  private framesSeen: ReadonlySet<string> = new Set();
  private readonly agent: AgentRuns;
  private readonly comments: RoomComments;
  private readonly proposals: RoomProposals;
  private readonly hooks: RoomHooks;
  private readonly now: () => number;
  // Rate counters live in memory: losing them when the room hibernates only
  // forgets an idle socket's history, which is harmless.
  private readonly perSocket = new Map<string, number[]>();
  private readonly perUser = new Map<string, number[]>();
  private readonly bad = new Map<string, number[]>();
  private readonly perLink = new Map<string, number[]>();

  constructor(private readonly deps: RoomDeps) {
    this.hooks = deps.hooks ?? {};
    this.now = deps.now ?? Date.now;
    this.comments = new RoomComments({
      store: deps.store,
      frameIds: () => this.frameIds(),
      shownRevision: (id) => this.core.board.frames.find((f) => f.id === id)?.media.shown ?? null,
      now: this.now,
    });
    // Before the agent: a run a restart cut short ends its proposal as it is recovered.
    this.proposals = new RoomProposals({
      store: deps.store,
      core: () => this.core,
      broadcast: (type, payload, seq) => this.broadcast(type, payload, seq),
      now: this.now,
    });
    this.agent = new AgentRuns({
      core: () => this.core,
      chat: deps.store,
      broadcast: (type, payload, seq) => this.broadcast(type, payload, seq),
      provider: deps.agent.provider,
      redact: deps.agent.redact,
      budgetTokens: deps.agent.budgetTokens,
      generate: deps.agent.generate,
      resolveNote: (commentId, runId, inScope) => {
        const out = this.comments.resolveByAgent(commentId, runId, inScope);
        if (!out.ok) return { ok: false, reason: out.message };
        if (out.broadcast.type === "comment") this.broadcast("comment", out.broadcast.payload);
        return { ok: true };
      },
      propose: (runId, command) => this.proposals.collect(runId, command),
      suggesting: (runId) => this.proposals.drafting(runId),
      keepAlive: (p) => deps.host.keepAlive(p),
      observe: (runId, status) => {
        this.proposals.runEnded(runId, status);
        this.hook("runStatus", () => this.hooks.runStatus?.(runId, status));
      },
      now: this.now,
    });
    // Nothing runs in a freshly loaded room, so a run still marked as running
    // was cut short by a restart. Whatever happens there, the room must load.
    try {
      this.agent.recoverInterrupted();
    } catch (err) {
      this.hooks.error?.("recover runs", err);
    }
  }

  /**
   * The board and its log, loaded on first use: a wake for a ping, a close
   * or a revocation never pays for reading a big board, and a board that
   * cannot be read does not stop revocation from working.
   */
  get core(): RoomCore {
    if (!this.coreInstance) {
      this.coreInstance = new RoomCore(this.deps.store, this.deps.episodeId, this.now);
      this.framesSeen = this.frameIds();
    }
    return this.coreInstance;
  }

  // ---- connecting ----------------------------------------------------------

  /** Decides whether a verified person may open one more socket here (CONTRACT 3: at most 10 each). */
  admit(id: ConnectIdentity): Admission {
    // Every socket the host still holds counts, closing or revoked too: a
    // client that ignores close frames must not open ten more each time.
    const held = this.deps.host.sockets();
    const open = held.filter((s) => s.session.userId === id.userId).length;
    if (open >= MAX_SOCKETS_PER_USER) {
      return {
        ok: false,
        status: 429,
        code: "rate_limited",
        message: `At most ${MAX_SOCKETS_PER_USER} open connections per person in an episode; close a tab and try again.`,
      };
    }
    // A review link may be passed around; each name gets its own id, so the link itself is capped too.
    const linkId = id.review?.linkId;
    if (linkId && held.filter((s) => s.session.review?.linkId === linkId).length >= MAX_SOCKETS_PER_LINK) {
      return { ok: false, status: 429, code: "rate_limited", message: `At most ${MAX_SOCKETS_PER_LINK} open connections per review link.` };
    }
    const session: SocketSession = {
      connectionId: newId("conn"),
      userId: id.userId,
      name: id.name,
      email: id.email,
      role: id.role,
      sessionId: id.sessionId,
      ...(id.episodeTitle ? { episodeTitle: id.episodeTitle } : {}),
      ...(id.review && id.role === "reviewer" ? { review: id.review } : {}),
    };
    return { ok: true, session };
  }

  /** A socket the host accepted: it gets metadata (board or the missed events), everyone gets presence. */
  opened(socket: RoomSocket, id: ConnectIdentity, since: number | null): void {
    const resumed = since === null ? null : this.core.resume(since);
    const role = socket.session.role;
    const common = {
      protocol: PROTOCOL_VERSION,
      connectionId: socket.session.connectionId,
      project: id.projectId,
      episode: id.episodeId,
      seq: this.core.seq,
      ...(resumed && since !== null ? { resumed: { fromSeq: since, events: resumed } } : { board: this.core.board }),
      peers: this.peers(),
      ...this.comments.snapshot(),
    } as const;
    if (role === "reviewer") {
      // No email, no run id and no prose: a reviewer sees the board and its notes, not the team's chat.
      const metadata: ReviewerMetadataPayload = {
        ...common,
        role,
        user: { id: id.userId, name: id.name },
        agent: { status: this.agent.status().status },
        canComment: socket.session.review?.canComment ?? false,
      };
      try {
        socket.send(reviewerMetadataEnvelope(metadata));
      } catch {
        // closing; its close handler follows
      }
    } else {
      const metadata: MetadataPayload = {
        ...common,
        role,
        user: { id: id.userId, name: id.name, email: id.email },
        agent: this.agent.status(),
        proposals: this.proposals.snapshot(),
      };
      this.sendTo(socket, "metadata", metadata);
    }
    // The alarm re-checks every socket's access against the accounts store while anyone is here.
    this.deps.host.setAlarm(this.now() + RUN_WATCH_MS);
    this.broadcastPresence();
    this.countSockets();
  }

  closed(socket: RoomSocket): void {
    const id = socket.session.connectionId;
    this.perSocket.delete(id);
    this.bad.delete(id);
    this.broadcastPresence(socket);
    this.countSockets(socket);
  }

  // ---- messages ------------------------------------------------------------

  /** Every client message, checked on its own: revocation, size, rate, schema, role, then dedupe and dispatch. */
  message(socket: RoomSocket, raw: string | ArrayBuffer): void {
    const session = socket.session;
    // Checked first and against the attachment: a client that ignores the
    // close frame of a revoked session still never gets anything applied.
    if (session.revoked) {
      socket.close(CLOSE_REVOKED, session.revoked);
      return;
    }
    // A review link carries its expiry in the attachment: a socket outliving its link is closed on its next message.
    if (session.review && session.review.expiresAt <= this.now()) {
      this.revoke((s) => s.connectionId === session.connectionId, "review link expired");
      return;
    }
    // A socket the room closed (a flood of bad messages) is done, even if its client keeps sending.
    if (!socket.open) return;
    // A binary frame's size is known before decoding it; never decode what will be refused.
    if (typeof raw !== "string" && raw.byteLength > MAX_MESSAGE_BYTES) {
      this.badMessage(socket, `Messages are limited to ${MAX_MESSAGE_BYTES / 1024} KiB.`);
      return;
    }
    const text = typeof raw === "string" ? raw : new TextDecoder().decode(raw);
    // A string over the limit in UTF-16 units is over it in bytes too; only shorter ones need encoding.
    if (text.length > MAX_MESSAGE_BYTES || new TextEncoder().encode(text).byteLength > MAX_MESSAGE_BYTES) {
      this.badMessage(socket, `Messages are limited to ${MAX_MESSAGE_BYTES / 1024} KiB.`);
      return;
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
    // CONTRACT 3: a refused message still gets its one ack when it carries an id a client can wait on.
    const refusedId = idOf(json);
    if (this.overRate(session)) {
      const message = `More than ${MAX_MESSAGES_PER_SECOND} messages a second; slow down.`;
      if (refusedId) this.sendTo(socket, "ack", { id: refusedId, ok: false, error: { code: "rate_limited", message } });
      else this.sendTo(socket, "error", { code: "rate_limited", message, retryable: true });
      return;
    }
    if (this.overLinkRate(session)) {
      const message = `The people on this review link sent more than ${REVIEW_LINK_MESSAGES_PER_MINUTE} messages in a minute; wait a moment.`;
      if (refusedId) this.sendTo(socket, "ack", { id: refusedId, ok: false, error: { code: "rate_limited", message } });
      else this.sendTo(socket, "error", { code: "rate_limited", message, retryable: true });
      return;
    }
    if (json === undefined) {
      this.badMessage(socket, "Messages must be JSON.");
      return;
    }
    const parsed = ClientMessage.safeParse(json);
    if (!parsed.success) {
      const type = typeof json === "object" && json !== null && "type" in json ? String((json as { type: unknown }).type).slice(0, 40) : "";
      const known = ClientMessage.options.some((o) => o.shape.type.value === type);
      this.badMessage(socket, known ? `Malformed ${type} message.` : `Unknown message type "${type}".`, refusedId);
      return;
    }
    const msg = parsed.data;
    if (msg.type === "ping") {
      this.sendTo(socket, "pong", {});
      return;
    }
    if (!msg.id) {
      this.badMessage(socket, `A ${msg.type} message needs an id.`);
      return;
    }
    const msgId = msg.id;
    // Roles are checked per message, not only at connect: a demotion applies at once. Comments have
    // rules of their own (domain/comments.ts); a reviewer may send nothing but comment_add and frame_review.
    const allowed = session.role === "reviewer" ? msg.type === "comment_add" || msg.type === "frame_review" : isCommentMessage(msg) || canWrite(session.role);
    if (!allowed) {
      const why = session.role === "reviewer" ? "Reviewers can only comment on frames and review them." : "Viewers cannot change this episode.";
      this.sendTo(socket, "ack", { id: msgId, ok: false, error: { code: "forbidden", message: why } });
      this.hook("audit", () =>
        this.hooks.audit?.({
          actor: session.userId,
          action: "access.denied",
          verdict: "denied",
          requestId: `ws:${session.connectionId}:${msgId}`,
          details: { message: msg.type, reason: session.role },
        }),
      );
      return;
    }
    // Reviewer ids are namespaced (rvw_…), so their dedupe keys never meet a member's.
    const { ack, replayed } = this.core.once<AckPayload>(session.userId, msgId, () => this.dispatch(msg, session, msgId));
    this.sendTo(socket, "ack", ack);
    // Only the fields its type allows, within a fixed size: never the words people wrote (audit-record.ts).
    const record = messageAudit(msg, ack);
    const dryRun = msg.type === "rewind" && msg.payload.dryRun;
    if (record && !replayed && !dryRun) {
      this.hook("audit", () =>
        this.hooks.audit?.({
          actor: session.userId,
          action: record.action,
          verdict: ack.ok ? "allowed" : "failed",
          requestId: `ws:${session.connectionId}:${msgId}`,
          details: record.details,
        }),
      );
    }
  }

  private dispatch(msg: Exclude<ClientMessage, { type: "ping" }>, session: SocketSession, msgId: string): AckPayload {
    const actor = { type: "user" as const, id: session.userId };
    const refused = (code: string, message: string): AckPayload => ({ id: msgId, ok: false, error: { code, message } });
    if (isCommentMessage(msg)) {
      const commenter: CommentActor = {
        author: { type: session.role === "reviewer" ? "reviewer" : "user", id: session.userId, name: session.name },
        role: session.role,
      };
      const out = this.comments.handle(msg, commenter, session.role !== "reviewer" || (session.review?.canComment ?? false));
      if (!out.ok) return refused(out.code, out.message);
      if (out.broadcast.type === "comment") this.broadcast("comment", out.broadcast.payload);
      else this.broadcast("frame_review", out.broadcast.payload);
      return { id: msgId, ok: true, result: out.result };
    }
    switch (msg.type) {
      case "board_command": {
        const runId = newId("edit", 12);
        return this.committed(msgId, this.core.execute(msg.payload.command, actor, runId), runId);
      }
      case "undo_run": {
        const runId = newId("undo", 12);
        return this.committed(msgId, this.core.undoRun(msg.payload.runId, actor, runId), runId);
      }
      case "rewind": {
        const runId = newId("rwnd", 12);
        const out = this.core.rewind(msg.payload.toSeq, msg.payload.dryRun ?? false, actor, runId);
        if (out.ok && "dryRun" in out.value) return { id: msgId, ok: true, result: out.value };
        return this.committed(msgId, out as Outcome<Committed>, runId);
      }
      case "chat_send":
      case "chat_regenerate":
      case "chat_edit":
      case "chat_continue": {
        let notes: { scope: string[]; notes: NoteRecord[] } | undefined;
        if (msg.type === "chat_send" && msg.payload.notes) {
          const built = this.notesToApply(msg.payload.scope?.frameIds);
          if (!built.ok) return refused(built.code, built.message);
          notes = built;
        }
        const request: StartRequest =
          notes !== undefined && msg.type === "chat_send"
            ? { kind: "send", text: msg.payload.text, scope: notes.scope, notes: notes.notes }
            : msg.type === "chat_send"
              ? { kind: "send", text: msg.payload.text, scope: msg.payload.scope?.frameIds }
              : msg.type === "chat_edit"
                ? { kind: "edit", messageId: msg.payload.messageId, text: msg.payload.text }
                : { kind: msg.type === "chat_regenerate" ? "regenerate" : "continue" };
        const out = this.agent.start(request, { id: session.userId, name: session.name, owner: session.role === "owner" });
        if (!out.ok) return refused(out.code, out.message);
        if (msg.type === "chat_send" && msg.payload.mode === "suggest") this.proposals.open(out.runId, { id: session.userId, name: session.name });
        this.deps.host.setAlarm(this.now() + RUN_WATCH_MS);
        return { id: msgId, ok: true, result: { runId: out.runId } };
      }
      case "reset": {
        // The owner's call, confirmed by typing the episode's title: a whole board is a lot to empty by accident.
        if (session.role !== "owner") return refused("forbidden", "Only the project's owner can reset an episode.");
        if (msg.payload.confirm.trim() !== (session.episodeTitle ?? "").trim() || !session.episodeTitle) {
          return refused("invalid_request", "Type the episode's title exactly to confirm the reset.");
        }
        if (this.agent.running) return refused("busy", "Stop the agent before resetting the episode.");
        const runId = newId("rset", 12);
        return this.committed(msgId, this.core.reset(actor, runId), runId);
      }
      case "chat_stop": {
        const out = this.agent.stop(msg.payload.runId);
        return out.ok ? { id: msgId, ok: true } : refused(out.code, out.message);
      }
      case "proposal_decide": {
        const out = this.proposals.decide(msg.payload, actor);
        return out.ok ? { id: msgId, ok: true, result: out.result } : refused(out.code, out.message);
      }
    }
  }

  /**
   * "Apply the notes" (CONTRACT 9, 14): the open comments of the chosen frames
   * (every frame with open comments when none is chosen) go to the run as
   * records, with its scope; the run may resolve only them.
   */
  private notesToApply(frameIds?: string[]): { ok: true; scope: string[]; notes: NoteRecord[] } | { ok: false; code: string; message: string } {
    const frames = this.core.board.frames;
    if (frameIds?.some((id) => !frames.some((f) => f.id === id)))
      return { ok: false, code: "invalid_request", message: "One of the chosen shots is no longer on the board." };
    const open = this.comments.openNotes(
      frames.map((f) => f.id),
      frameIds,
    );
    if (!open.length) {
      const where = frameIds ? "the chosen shots" : "this episode";
      return { ok: false, code: "invalid_request", message: `There are no open notes on ${where} to apply.` };
    }
    // One run takes as many notes as fit a bounded prompt; the rest stay open for the next.
    const notes: NoteRecord[] = [];
    let size = 0;
    for (const c of open) {
      const text = c.text.replace(/\s+/g, " ").trim();
      if (notes.length && size + text.length > MAX_NOTES_CHARS) break;
      notes.push({ commentId: c.id, frameId: c.frameId, text });
      size += text.length + 1;
    }
    const scope = frameIds ? [...new Set(frameIds)] : [...new Set(notes.map((n) => n.frameId))];
    return { ok: true, scope, notes };
  }

  /** Turns a core outcome into the ack, broadcasting the event it committed. */
  private committed(msgId: string, out: Outcome<Committed>, runId: string): AckPayload {
    if (!out.ok) return { id: msgId, ok: false, error: { code: out.code, message: out.reason } };
    this.broadcast("board_event", { event: out.value.event }, out.value.seq);
    return { id: msgId, ok: true, result: { seq: out.value.seq, runId } };
  }

  // ---- revocation and roles (RPC from the worker) --------------------------

  /** Marks and closes every socket of one session (logout, revocation). */
  closeSession(sessionId: string): number {
    return this.revoke((s) => s.sessionId === sessionId, "session ended");
  }

  /** Marks and closes every socket of one person (removed from the project). */
  closeUser(userId: string): number {
    return this.revoke((s) => s.userId === userId, "no longer a member");
  }

  /** Marks and closes every socket that came through one review link (revoked by an editor). */
  closeLink(linkId: string): number {
    return this.revoke((s) => s.review?.linkId === linkId, "review link revoked");
  }

  /** A member's role changed: later messages are checked against the new role. */
  setRole(userId: string, role: Role): number {
    if (!canWrite(role) && this.agent.runningFor === userId) this.agent.stop();
    let n = 0;
    for (const socket of this.deps.host.sockets()) {
      if (socket.session.userId !== userId || socket.session.role === "reviewer") continue;
      socket.setSession({ ...socket.session, role });
      n++;
    }
    return n;
  }

  /** The sessions behind the sockets this room holds, for the host to check against the accounts store. */
  heldSessions(): { sessionIds: string[]; userIds: string[] } {
    const held = this.deps.host
      .sockets()
      .map((s) => s.session)
      .filter((s) => !s.revoked && s.role !== "reviewer");
    return { sessionIds: [...new Set(held.map((s) => s.sessionId))], userIds: [...new Set(held.map((s) => s.userId))] };
  }

  /** The review links behind the reviewers' sockets, for the host to check against the accounts store. */
  heldLinks(): string[] {
    const ids = this.deps.host
      .sockets()
      .map((s) => s.session)
      .flatMap((s) => (!s.revoked && s.review ? [s.review.linkId] : []));
    return [...new Set(ids)];
  }

  /** Revokes the reviewers' sockets whose link is no longer live (revoked, expired or gone). */
  applyLinks(live: Set<string>): number {
    const now = this.now();
    return this.revoke((s) => s.review !== undefined && (!live.has(s.review.linkId) || s.review.expiresAt <= now), "review link ended");
  }

  /**
   * Applies what the accounts store says now: sockets of a session no longer
   * live or a person no longer a member are revoked, roles follow the
   * membership. The safety net under the pushes from the worker.
   */
  applyAccess(now: { liveSessions: Set<string>; roles: Map<string, Role> }): number {
    // Reviewers hold no session and no membership; their links are checked by applyLinks.
    const member = (s: SocketSession) => s.role !== "reviewer";
    let changed = this.revoke((s) => member(s) && !now.liveSessions.has(s.sessionId), "session ended");
    changed += this.revoke((s) => member(s) && !now.roles.has(s.userId), "no longer a member");
    for (const [userId, role] of now.roles) {
      if (this.deps.host.sockets().some((s) => s.session.userId === userId && !s.session.revoked && s.session.role !== role))
        changed += this.setRole(userId, role);
    }
    return changed;
  }

  private revoke(match: (s: SocketSession) => boolean, reason: string): number {
    let n = 0;
    for (const socket of this.deps.host.sockets()) {
      if (socket.session.revoked || !match(socket.session)) continue;
      // A run the person started stops with their access: it must not go on writing in their name.
      if (this.agent.runningFor === socket.session.userId) this.agent.stop();
      // The flag first: it is what later messages are checked against.
      socket.setSession({ ...socket.session, revoked: reason });
      try {
        socket.close(CLOSE_REVOKED, reason);
      } catch {
        // already closing
      }
      n++;
    }
    if (n) this.broadcastPresence();
    return n;
  }

  // ---- the job runtime (RPC from the queue consumer) -----------------------

  /**
   * What a job renders: the frame as it is now, its shot label, its assets and
   * the episode's aspect. The job stores this in D1, so the assets share a
   * fixed budget: a frame may name all 200 assets of a full board, whose text
   * alone would pass D1's 2 MB row limit (CONTRACT 11).
   */
  frameContext(frameId: string): FrameContext | null {
    const board = this.core.board;
    const i = board.frames.findIndex((f) => f.id === frameId);
    if (i < 0) return null;
    const frame = board.frames[i]!;
    const assets = board.assets.filter((a) => frame.continuity.assetIds.includes(a.id));
    const each = Math.floor(JOB_ASSETS_BYTES / Math.max(1, assets.length));
    const fitted = assets.map((a) =>
      utf8Length(JSON.stringify(a)) <= each
        ? a
        : {
            ...a,
            name: capText(a.name, each / 8, "name").text,
            description: capText(a.description, each / 4, "description").text,
            prompt: capText(a.prompt, each / 2, "prompt").text,
          },
    );
    // The asset's chosen reference pictures, for providers that take them (CONTRACT 12).
    const references: ReferencePicture[] = assets.flatMap((a) => {
      const ref = a.reference;
      const rev = ref ? board.frames.find((f) => f.id === ref.frameId)?.media.revisions.find((r) => r.id === ref.revisionId) : undefined;
      return rev ? [{ assetId: a.id, name: a.name, url: rev.url, mime: rev.mime }] : [];
    });
    // The job keeps the frame's words, not its pictures.
    return {
      frame: { ...frame, media: NO_MEDIA },
      shot: shotLabel(frame, i),
      assets: fitted,
      aspect: board.format.aspect,
      basis: pictureBasis(board, frame),
      references,
    };
  }

  /**
   * The job runtime's set_frame_media through the one mutation path, by the
   * rule of nextJobMedia; a render that succeeded brings its revision. False
   * when nothing changed.
   */
  applyFrameMedia(frameId: string, media: JobMedia, revision?: Revision): boolean {
    const current = this.core.board.frames.find((f) => f.id === frameId)?.media;
    if (!current) return false;
    const next = nextJobMedia(current, media);
    if (!next) return false;
    const command = { type: "set_frame_media", id: frameId, media: next, ...(revision ? { revision } : {}) };
    const out = this.core.execute(command, { type: "system", id: "jobs" });
    if (!out.ok) return false;
    this.broadcast("board_event", { event: out.value.event }, out.value.seq);
    return true;
  }

  // ---- pictures people supply (RPC from the upload route) ------------------

  /** Whether the board has this frame now (the upload route asks while the file is still arriving). */
  hasFrame(frameId: string): boolean {
    return this.core.board.frames.some((f) => f.id === frameId);
  }

  /** One revision of one frame as the board holds it, or null. */
  revision(frameId: string, revisionId: string): Revision | null {
    return this.core.board.frames.find((f) => f.id === frameId)?.media.revisions.find((r) => r.id === revisionId) ?? null;
  }

  /**
   * An upload or a drawing (CONTRACT 12), once its file is stored: the
   * room fills in `basis` from the board as it is now, and issues
   * add_revision through the one mutation path as the system actor
   * "uploads" (the revision's `by` names the person), then broadcasts it.
   */
  addRevision(frameId: string, revision: Omit<Revision, "basis">): AddRevisionOutcome {
    const board = this.core.board;
    const frame = board.frames.find((f) => f.id === frameId);
    if (!frame) return { ok: false, code: "not_found", reason: `There is no frame "${frameId}" in this episode any more.` };
    const full: Revision = { ...revision, basis: pictureBasis(board, frame) };
    const out = this.core.execute({ type: "add_revision", frameId, revision: full }, UPLOADS_ACTOR);
    if (!out.ok) return { ok: false, code: "rejected", reason: out.reason };
    this.broadcast("board_event", { event: out.value.event }, out.value.seq);
    return { ok: true, revision: full, seq: out.value.seq };
  }

  /** Job progress, stage status, previews and warnings for every tab; an RPC payload is checked against its schema first. */
  jobEvent(type: JobEventType, payload: unknown): boolean {
    const parsed = ServerPayloads[type].safeParse(payload);
    if (!parsed.success) {
      this.hooks.error?.(`jobEvent ${type}`, parsed.error.issues[0]?.message);
      return false;
    }
    this.broadcast(type, parsed.data as ServerPayload<typeof type>);
    return true;
  }

  // ---- reads ---------------------------------------------------------------

  trace(runId: string): Trace | null {
    return this.agent.trace(runId);
  }

  /**
   * Called back by the host's alarm (after it re-checked access): keeps
   * watching while a run streams or anyone is connected.
   */
  alarm(): void {
    if (this.agent.running || this.deps.host.sockets().length > 0) this.deps.host.setAlarm(this.now() + RUN_WATCH_MS);
  }

  // ---- sending -------------------------------------------------------------

  private sendTo<T extends ServerType>(socket: RoomSocket, type: T, payload: ServerPayload<T>, seq?: number): void {
    try {
      socket.send(envelope(type, payload, seq));
    } catch {
      // a socket that is closing gets its close handler; nothing to do here
    }
  }

  /** To every live socket; a revoked one gets nothing more, and a reviewer only what REVIEWER_RECEIVES lists. */
  broadcast<T extends ServerType>(type: T, payload: ServerPayload<T>, seq?: number, except?: RoomSocket): void {
    const message = envelope(type, payload, seq);
    const toReviewers = REVIEWER_RECEIVES.has(type);
    for (const socket of this.deps.host.sockets()) {
      if (socket === except || socket.session.revoked) continue;
      if (socket.session.role === "reviewer" && !toReviewers) continue;
      try {
        socket.send(message);
      } catch {
        // closing; its close handler follows
      }
    }
    if (type === "board_event") this.followFrames();
  }

  private frameIds(): ReadonlySet<string> {
    return new Set(this.core.board.frames.map((f) => f.id));
  }

  /** After a board event: the comments of frames it removed leave every socket, those of frames it brought back return. */
  private followFrames(): void {
    const before = this.framesSeen;
    this.framesSeen = this.frameIds();
    for (const payload of this.comments.followFrames(before, this.framesSeen)) this.broadcast("comment", payload);
  }

  private sessions(except?: RoomSocket): SocketSession[] {
    return this.deps.host
      .sockets()
      .filter((s) => s !== except && s.open)
      .map((s) => s.session);
  }

  private peers(except?: RoomSocket): Peer[] {
    const byUser = new Map<string, Peer>();
    for (const s of this.sessions(except)) if (!s.revoked) byUser.set(s.userId, { userId: s.userId, name: s.name });
    return [...byUser.values()];
  }

  private broadcastPresence(except?: RoomSocket): void {
    this.broadcast("presence", { peers: this.peers(except) }, undefined, except);
  }

  private countSockets(except?: RoomSocket): void {
    const open = this.sessions(except).length;
    this.hook("sockets", () => this.hooks.sockets?.(open));
  }

  private hook(what: string, fn: () => void): void {
    try {
      fn();
    } catch (err) {
      this.hooks.error?.(what, err);
    }
  }

  /** Per socket and per person: ten tabs must not multiply the rate. */
  private overRate(session: SocketSession): boolean {
    const now = this.now();
    const bump = (map: Map<string, number[]>, key: string) => {
      const times = (map.get(key) ?? []).filter((t) => now - t < 1000);
      times.push(now);
      map.set(key, times);
      return times.length;
    };
    const socketCount = bump(this.perSocket, session.connectionId);
    const userCount = bump(this.perUser, session.userId);
    return socketCount > MAX_MESSAGES_PER_SECOND || userCount > MAX_MESSAGES_PER_SECOND_PER_USER;
  }

  /** All the sockets of one review link together, over a minute. */
  private overLinkRate(session: SocketSession): boolean {
    const linkId = session.review?.linkId;
    if (!linkId) return false;
    const now = this.now();
    const times = (this.perLink.get(linkId) ?? []).filter((t) => now - t < 60_000);
    if (times.length >= REVIEW_LINK_MESSAGES_PER_MINUTE) return true;
    times.push(now);
    this.perLink.set(linkId, times);
    return false;
  }

  /** Answers a bad message with `error` and keeps the socket, unless they come as a flood. */
  private badMessage(socket: RoomSocket, message: string, id?: string): void {
    const now = this.now();
    const key = socket.session.connectionId;
    const times = (this.bad.get(key) ?? []).filter((t) => now - t < BAD_MESSAGE_WINDOW_MS);
    times.push(now);
    this.bad.set(key, times);
    if (times.length > BAD_MESSAGE_LIMIT) {
      socket.close(CLOSE_POLICY, "too many bad messages");
      return;
    }
    this.sendTo(socket, "error", { code: "bad_message", message });
    if (id) this.sendTo(socket, "ack", { id, ok: false, error: { code: "bad_message", message } });
  }
}

function canWrite(role: RoomRole): boolean {
  return role === "editor" || role === "owner";
}

/** The id a client message carries, if it is one the contract allows (a string of at most 64 characters). */
function idOf(json: unknown): string | undefined {
  const id = typeof json === "object" && json !== null ? (json as { id?: unknown }).id : undefined;
  return typeof id === "string" && id.length > 0 && id.length <= 64 ? id : undefined;
}
