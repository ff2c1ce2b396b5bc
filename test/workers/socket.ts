// A test WebSocket client for the realtime route: connects through the
// worker like a browser would (cookie, Origin, Upgrade) and lets a test wait
// for the next message of a given type.
import { exports } from "cloudflare:workers";
import { type ServerMessage, ServerMessage as ServerMessageSchema } from "../../worker/domain/protocol";
import { ORIGIN, type Person } from "./helpers";

export interface TestSocket {
  ws: WebSocket;
  messages: ServerMessage[];
  closed: Promise<{ code: number; reason: string }>;
  next<T extends ServerMessage["type"]>(type: T, match?: (m: Extract<ServerMessage, { type: T }>) => boolean): Promise<Extract<ServerMessage, { type: T }>>;
  send(msg: unknown): void;
  sendRaw(text: string): void;
  close(): void;
}

export async function upgrade(person: Person | null, query: string, opts: { origin?: string | null; websocket?: boolean } = {}): Promise<Response> {
  const headers: Record<string, string> = {};
  if (opts.websocket !== false) headers.upgrade = "websocket";
  const origin = opts.origin === undefined ? ORIGIN : opts.origin;
  if (origin !== null) headers.origin = origin;
  if (person?.client.cookie) headers.cookie = person.client.cookie;
  return exports.default.fetch(new Request(`${ORIGIN}/api/v1/realtime?${query}`, { headers }));
}

export async function connect(person: Person, projectId: string, episodeId: string, since?: number): Promise<TestSocket> {
  const res = await upgrade(person, `project=${projectId}&episode=${episodeId}${since === undefined ? "" : `&since=${since}`}`);
  if (res.status !== 101 || !res.webSocket) throw new Error(`upgrade failed: ${res.status} ${await res.text()}`);
  const ws = res.webSocket;
  ws.accept();
  const messages: ServerMessage[] = [];
  const waiters: { type: string; match?: (m: never) => boolean; resolve: (m: ServerMessage) => void }[] = [];
  let resolveClosed!: (v: { code: number; reason: string }) => void;
  const closed = new Promise<{ code: number; reason: string }>((r) => (resolveClosed = r));
  // Each message satisfies at most one next(); others of other types stay available.
  const consumed = new Set<number>();
  ws.addEventListener("message", (e) => {
    const msg = ServerMessageSchema.parse(JSON.parse(e.data as string));
    messages.push(msg);
    for (const w of [...waiters]) {
      if (w.type === msg.type && (!w.match || w.match(msg as never))) {
        waiters.splice(waiters.indexOf(w), 1);
        consumed.add(messages.length - 1);
        w.resolve(msg);
        break;
      }
    }
  });
  ws.addEventListener("close", (e) => resolveClosed({ code: e.code, reason: e.reason }));
  return {
    ws,
    messages,
    closed,
    next(type, match) {
      // Messages already received and not yet consumed count first.
      for (let i = 0; i < messages.length; i++) {
        const m = messages[i]!;
        if (!consumed.has(i) && m.type === type && (!match || match(m as never))) {
          consumed.add(i);
          return Promise.resolve(m as never);
        }
      }
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`timed out waiting for ${type}`)), 5000);
        waiters.push({
          type,
          match: match as never,
          resolve: (m) => {
            clearTimeout(timer);
            resolve(m as never);
          },
        });
      });
    },
    send: (msg) => ws.send(JSON.stringify({ timestamp: new Date().toISOString(), payload: {}, ...(msg as object) })),
    sendRaw: (text) => ws.send(text),
    close: () => ws.close(1000, "done"),
  };
}

let n = 0;
export const msgId = () => `m${++n}-${Math.random().toString(36).slice(2, 8)}`;

/** Sends a board_command and resolves with its ack. */
export async function command(sock: TestSocket, cmd: unknown, id = msgId()) {
  sock.send({ type: "board_command", id, payload: { command: cmd } });
  return sock.next("ack", (m) => m.payload.id === id);
}
