// A Room in plain vitest: the real SQL store over node:sqlite (refusing rows
// over 2 MB as production does), fake sockets that record what they get, and
// a scripted agent provider whose chunks a test releases one by one.
import type { AgentProvider } from "../../worker/agent/provider";
import type { Role } from "../../worker/domain/api";
import { type ReviewerMetadataPayload, ReviewServerMessage, type ServerMessage, ServerMessage as ServerMessageSchema } from "../../worker/domain/protocol";
import { type ConnectIdentity, Room, type RoomHooks, type RoomSocket, type SocketSession } from "../../worker/room/room";
import { SqliteRoomStore } from "../../worker/room/sqlite-store";
import { type NodeSql, nodeSql } from "./node-sql";

export class FakeSocket implements RoomSocket {
  received: ServerMessage[] = [];
  /** A review socket's first message, which has the reviewer's own metadata shape. */
  reviewerMetadata: ReviewerMetadataPayload[] = [];
  closedWith: { code: number; reason: string } | null = null;
  private current: SocketSession;
  constructor(session: SocketSession) {
    this.current = session;
  }
  get session() {
    return this.current;
  }
  setSession(s: SocketSession) {
    this.current = structuredClone(s);
  }
  send(message: string) {
    const json: unknown = JSON.parse(message);
    const review = ReviewServerMessage.safeParse(json);
    if (review.success && review.data.type === "metadata" && this.current.role === "reviewer") {
      this.reviewerMetadata.push(review.data.payload);
      return;
    }
    this.received.push(ServerMessageSchema.parse(json));
  }
  /** Records the close but keeps the socket usable: a client may ignore a close frame. */
  close(code: number, reason: string) {
    this.closedWith ??= { code, reason };
  }
  get open() {
    return this.closedWith === null;
  }
  of<T extends ServerMessage["type"]>(type: T): Extract<ServerMessage, { type: T }>[] {
    return this.received.filter((m) => m.type === type) as Extract<ServerMessage, { type: T }>[];
  }
  ack(id: string) {
    return this.of("ack").find((a) => a.payload.id === id)?.payload;
  }
}

const CUT = "\u0000cut-off\u0000";

/** A provider that yields the chunks a test pushes, until the test ends it. */
export class ScriptedProvider implements AgentProvider {
  readonly name = "scripted";
  readonly model = "test";
  private queue: (string | null)[] = [];
  private wake: (() => void) | null = null;
  push(...chunks: string[]) {
    this.queue.push(...chunks);
    this.wake?.();
  }
  end() {
    this.queue.push(null);
    this.wake?.();
  }
  /** Ends the answer as a model at its length limit does. */
  cutOff() {
    this.queue.push(CUT);
    this.wake?.();
  }
  async *stream({ signal, finished }: { signal: AbortSignal; finished?: { reason?: string } }) {
    for (;;) {
      if (signal.aborted) return;
      const next = this.queue.shift();
      if (next === null) return;
      if (next === CUT) {
        if (finished) finished.reason = "length";
        return;
      }
      if (next === undefined) {
        await new Promise<void>((r) => (this.wake = r));
        continue;
      }
      yield next;
    }
  }
}

export interface Harness {
  room: Room;
  store: SqliteRoomStore;
  sql: NodeSql;
  sockets: FakeSocket[];
  provider: ScriptedProvider;
  hooked: { audit: unknown[]; runStatus: [string, string][]; sockets: number[] };
  alarms: number[];
  connect(user?: Partial<ConnectIdentity>, since?: number | null): FakeSocket;
  send(socket: FakeSocket, msg: { type: string; id?: string; payload?: unknown }): void;
  /** A new Room over the same storage, as after a restart; open sockets stay. */
  restart(): Room;
  settle(): Promise<void>;
}

let ids = 0;

export function harness(opts: { now?: () => number } = {}): Harness {
  const sql = nodeSql();
  const store = new SqliteRoomStore(sql.sql, sql.storage as never);
  const sockets: FakeSocket[] = [];
  const provider = new ScriptedProvider();
  const pending: Promise<unknown>[] = [];
  const hooked = { audit: [] as unknown[], runStatus: [] as [string, string][], sockets: [] as number[] };
  const alarms: number[] = [];
  const hooks: RoomHooks = {
    audit: (e) => hooked.audit.push(e),
    runStatus: (id, s) => hooked.runStatus.push([id, s]),
    sockets: (n) => hooked.sockets.push(n),
  };
  const make = () =>
    new Room({
      store,
      episodeId: "ep_1",
      host: { sockets: () => sockets, keepAlive: (p) => void pending.push(p), setAlarm: (at) => void alarms.push(at) },
      hooks,
      agent: { provider: () => provider, redact: (s) => s, budgetTokens: 4000 },
      now: opts.now,
    });
  const h: Harness = {
    room: make(),
    store,
    sql,
    sockets,
    provider,
    hooked,
    alarms,
    connect(user = {}, since = null) {
      const id: ConnectIdentity = {
        userId: "usr_1",
        name: "Ada",
        email: "ada@example.test",
        role: "editor" as Role,
        sessionId: `ses_${++ids}`,
        projectId: "prj_1",
        episodeId: "ep_1",
        ...user,
      };
      const admitted = h.room.admit(id);
      if (!admitted.ok) throw Object.assign(new Error(admitted.message), { status: admitted.status });
      const socket = new FakeSocket(admitted.session);
      sockets.push(socket);
      h.room.opened(socket, id, since);
      return socket;
    },
    send(socket, msg) {
      h.room.message(socket, JSON.stringify({ payload: {}, timestamp: new Date().toISOString(), ...msg }));
    },
    restart() {
      h.room = make();
      return h.room;
    },
    async settle() {
      for (let i = 0; i < 50; i++) await new Promise((r) => setTimeout(r, 0));
    },
  };
  return h;
}
