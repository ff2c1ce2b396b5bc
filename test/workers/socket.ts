// A test WebSocket client for the realtime route: connects through the
// worker like a browser would (cookie, Origin, Upgrade) and lets a test wait
// for the next message of a given type.
import { exports } from "cloudflare:workers";
import type { z } from "zod";
import {
  type ReviewServerMessage,
  ReviewServerMessage as ReviewServerMessageSchema,
  type ServerMessage,
  ServerMessage as ServerMessageSchema,
} from "../../worker/domain/protocol";
import { newMember, ORIGIN, ownedEpisode, type Person } from "./helpers";

export interface TestSocket<M extends { type: string } = ServerMessage> {
  ws: WebSocket;
  messages: M[];
  closed: Promise<{ code: number; reason: string }>;
  next<T extends M["type"]>(type: T, match?: (m: Extract<M, { type: T }>) => boolean): Promise<Extract<M, { type: T }>>;
  send(msg: unknown): void;
  sendRaw(text: string): void;
  close(): void;
}
export type ReviewSocket = TestSocket<ReviewServerMessage>;

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
  return attach(res, ServerMessageSchema);
}

/** A new person's new episode (see ownedEpisode), with a socket on its room. */
export async function ownedRoom(label = "owner") {
  const episode = await ownedEpisode(label);
  return { ...episode, sock: await connect(episode.owner, episode.projectId, episode.episodeId) };
}

/** A new member of the project (see newMember), connected to the episode's room. */
export async function memberSocket(owner: Person, projectId: string, episodeId: string, role: "owner" | "editor" | "viewer", label?: string) {
  const member = await newMember(owner, projectId, role, label);
  return { member, sock: await connect(member, projectId, episodeId) };
}

/** A browser on a review link: the reviewer cookie the server issued it for that link (CONTRACT 9). */
export interface ReviewBrowser {
  linkId: string;
  cookie: string;
}

/** Trades a link's token for a reviewer cookie, as the review page does on load; the raw answer too. */
export async function tradeToken(token: string, opts: { ip?: string; cookie?: string } = {}): Promise<Response> {
  const headers: Record<string, string> = { "content-type": "application/json", origin: ORIGIN, "cf-connecting-ip": opts.ip ?? uniqueIp() };
  if (opts.cookie) headers.cookie = opts.cookie;
  return exports.default.fetch(new Request(`${ORIGIN}/api/v1/review/session`, { method: "POST", headers, body: JSON.stringify({ token }) }));
}

/** A new browser that opened the link: throws "join failed: <status>" when the token opens nothing. */
export async function joinReview(token: string, opts: { ip?: string } = {}): Promise<ReviewBrowser> {
  const res = await tradeToken(token, opts);
  if (res.status !== 200) throw new Error(`join failed: ${res.status} ${await res.text()}`);
  const { linkId } = (await res.json()) as { linkId: string };
  const cookie = (res.headers.get("set-cookie") ?? "").split(";")[0]!;
  return { linkId, cookie };
}

/** A review socket: no session, the browser's reviewer cookie, the link's id and a display name (CONTRACT 3). */
export async function connectReview(from: string | ReviewBrowser, name: string, opts: { ip?: string } = {}): Promise<ReviewSocket> {
  const browser = typeof from === "string" ? await joinReview(from) : from;
  const q = new URLSearchParams({ review: browser.linkId, name });
  const res = await exports.default.fetch(
    new Request(`${ORIGIN}/api/v1/realtime?${q}`, {
      headers: { upgrade: "websocket", origin: ORIGIN, cookie: browser.cookie, "cf-connecting-ip": opts.ip ?? uniqueIp() },
    }),
  );
  return attach(res, ReviewServerMessageSchema);
}

let ipCounter = 0;
/** A client address of its own, so one test's requests never meet another's rate limit. */
export const uniqueIp = () => `10.${Math.floor(Math.random() * 250)}.${Math.floor(++ipCounter / 250) % 250}.${ipCounter % 250}`;

async function attach<M extends { type: string }>(res: Response, schema: z.ZodType<M>): Promise<TestSocket<M>> {
  if (res.status !== 101 || !res.webSocket) throw new Error(`upgrade failed: ${res.status} ${await res.text()}`);
  const ws = res.webSocket;
  ws.accept();
  type ServerMessage = M;
  const messages: ServerMessage[] = [];
  const waiters: { type: string; match?: (m: never) => boolean; resolve: (m: ServerMessage) => void }[] = [];
  let resolveClosed!: (v: { code: number; reason: string }) => void;
  const closed = new Promise<{ code: number; reason: string }>((r) => (resolveClosed = r));
  // Each message satisfies at most one next(); others of other types stay available.
  const consumed = new Set<number>();
  ws.addEventListener("message", (e) => {
    const msg = schema.parse(JSON.parse(e.data as string));
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

/** Sends a message of `type` and resolves with its ack. */
export async function send(sock: TestSocket, type: string, payload: object, id = msgId()) {
  sock.send({ type, id, payload });
  return sock.next("ack", (m) => m.payload.id === id);
}

/** Sends a board_command and resolves with its ack. */
export const command = (sock: TestSocket, cmd: unknown, id = msgId()) => send(sock, "board_command", { command: cmd }, id);

/** The run an ack says a chat message started. */
export const runOf = (ack: { payload: unknown }) => (ack.payload as { result: { runId: string } }).result.runId;

/** Sends a chat message to the agent and resolves with the run it started. */
export const ask = async (sock: TestSocket, text: string) => runOf(await send(sock, "chat_send", { text }));

/** The agent_status that ends a run, completed, stopped or failed: `runId`'s, or the next run's to end when none is named. */
export const runEnded = (sock: TestSocket, runId?: string) =>
  sock.next("agent_status", (m) => (runId === undefined || m.payload.runId === runId) && ["completed", "stopped", "failed"].includes(String(m.payload.status)));
