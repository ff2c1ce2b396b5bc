// The SPA's realtime connection to an episode room: a small state machine
// (IDLE → CONNECTING → CONNECTED → DISCONNECTED → RECONNECTING … → CLOSED)
// over a browser WebSocket, with backoff 1, 2, 4, 8, 16 s, a heartbeat that
// notices a silent socket, resume from the last seq, and an outbox: messages
// wait while the room is out of reach and go out once, under their original
// ids, when it is back (the room dedupes ids, so nothing applies twice).
import { z } from "zod";
import { PING_FRAME, PONG_FRAME } from "../../../worker/domain/heartbeat";
import {
  AckPayload,
  type AckResult,
  AckResults,
  type ClientMessageType,
  type ClientPayloads,
  MAX_MESSAGE_BYTES,
  ServerMessage,
} from "../../../worker/domain/protocol";

type AckType = keyof typeof AckResults;
/** An ack whose result has the shape its message type promises. */
export type TypedAck<T extends AckType> = { id: string; ok: true; result: AckResult<T> } | { id: string; ok: false; error: { code: string; message: string } };

export type ConnState = "IDLE" | "CONNECTING" | "CONNECTED" | "DISCONNECTED" | "RECONNECTING" | "CLOSED";

export const BACKOFF_MS = [1000, 2000, 4000, 8000, 16000] as const;
/** How often a live socket pings; the runtime answers each with the constant pong. */
export const PING_MS = 3_000;
/**
 * A ping unanswered for this long means the socket is dead. Chromium does not
 * fire close on an open socket when the network goes away, so silence is the
 * only sign. The clock starts at a ping, not at the last message, so a
 * background tab whose pings the browser slows to one a minute is not taken
 * for dead between them; a loss shows within PING_MS + SILENCE_MS ≤ 10 s.
 */
export const SILENCE_MS = 6_500;
/** How long a sent message may go unanswered on a socket that is still talking. */
export const ACK_TIMEOUT_MS = 30_000;
/** Always the same bytes, answered by the room's auto-response without waking it (worker/domain/heartbeat.ts). */
export { PING_FRAME };
/**
 * The longest a message waits in the outbox. The room remembers ids for 10
 * minutes; a resend after that could apply twice, so the message fails instead.
 */
export const OUTBOX_LIMIT_MS = 10 * 60_000;

export const OFFLINE_DETAIL = "This device is offline. Changes wait here and go out when it is back.";
const GAVE_UP_DETAIL = "Could not reach the room after several tries.";

/** Close codes after which retrying cannot help. */
const FINAL_CLOSE: Record<number, string> = {
  4001: "Your session ended or you were removed from this project. Sign in again to continue.",
  1008: "The connection was closed for sending malformed messages.",
};
/** Of those, the ones where a retry by hand can still succeed. */
const RETRYABLE_BY_HAND = new Set([1008]);

/** The delay before reconnect attempt `attempt` (0-based), or null when it is time to stop. */
export function backoff(attempt: number): number | null {
  return BACKOFF_MS[attempt] ?? null;
}

/** The browser's view of the network: `navigator.onLine` and the online/offline events. */
export interface NetworkSignal {
  online(): boolean;
  /** Calls back on every change; returns the unsubscribe. */
  listen(onChange: (online: boolean) => void): () => void;
}

function browserNetwork(): NetworkSignal | undefined {
  if (typeof window === "undefined" || typeof navigator === "undefined") return undefined;
  return {
    online: () => navigator.onLine,
    listen(onChange) {
      const on = () => onChange(true);
      const off = () => onChange(false);
      window.addEventListener("online", on);
      window.addEventListener("offline", off);
      return () => {
        window.removeEventListener("online", on);
        window.removeEventListener("offline", off);
      };
    },
  };
}

/** Everything a badge needs to tell the truth about the connection. */
export interface ConnectionStatus {
  state: ConnState;
  detail?: string;
  /** Messages queued or sent but not yet acknowledged. */
  waiting: number;
  /** The browser says the device has no network. */
  offline: boolean;
  /** False after a close that a retry by hand cannot fix (the session ended). */
  retryable: boolean;
  /** When the room was last heard from (epoch ms), once it ever was. */
  lastConnectedAt?: number;
}

/** One message in the outbox; `sent` is true once it went out on the current socket. */
export interface OutboxEntry {
  id: string;
  type: ClientMessageType;
  sent: boolean;
}

/** Every ack looks the same to the connection, whichever protocol view (member or reviewer) it parses. */
const AckMessage = z.object({ type: z.literal("ack"), payload: AckPayload });

export interface RealtimeOptions<M extends { type: string } = ServerMessage> {
  /** The upgrade URL, given the last seq this client holds (null on first connect). */
  url: (since: number | null) => string;
  /** The seq of the board the client holds now, for resume. */
  currentSeq: () => number | null;
  onMessage: (msg: M) => void;
  /**
   * The messages this socket may get, parsed before anything is trusted: a
   * member's ServerMessage by default, a reviewer's ReviewServerMessage on
   * the review page.
   */
  schema?: z.ZodType<M>;
  onState: (state: ConnState, detail?: string) => void;
  /** Called whenever the number of waiting messages changes. */
  onWaiting?: (waiting: number) => void;
  /** Called on any change of state, detail, waiting count or network. */
  onStatus?: (status: ConnectionStatus) => void;
  WebSocketImpl?: typeof WebSocket;
  /** Defaults to the browser's; tests pass their own. */
  network?: NetworkSignal;
}

interface Pending {
  type: ClientMessageType;
  payload: unknown;
  resolve: (ack: AckPayload) => void;
  /** The socket it last went out on: a message is sent at most once per socket. */
  sentOn: WebSocket | undefined;
  /** Runs only while the message is out on a live socket, so time offline never counts. */
  ackTimer: ReturnType<typeof setTimeout> | undefined;
  /** Wall-clock time it first went out: a timer can sleep with the machine, the clock cannot. */
  firstSentAt?: number;
  expiry: ReturnType<typeof setTimeout>;
}

let counter = 0;
const newMsgId = () => `${Date.now().toString(36)}-${(++counter).toString(36)}-${Math.random().toString(36).slice(2, 8)}`;

export class RealtimeConnection<M extends { type: string } = ServerMessage> {
  private ws: WebSocket | undefined;
  private state: ConnState = "IDLE";
  private detail: string | undefined;
  private attempt = 0;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private pingTimer: ReturnType<typeof setInterval> | undefined;
  private silenceTimer: ReturnType<typeof setTimeout> | undefined;
  private offline = false;
  private final = false;
  private closedByClient = false;
  private lastHeard: number | undefined;
  private unlisten: (() => void) | undefined;
  private readonly pending = new Map<string, Pending>();
  private readonly WS: typeof WebSocket;
  private readonly network: NetworkSignal | undefined;
  private readonly schema: z.ZodType<M>;

  constructor(private readonly opts: RealtimeOptions<M>) {
    // Without a schema of its own the connection speaks the members' protocol, whose type is M's default.
    this.schema = opts.schema ?? (ServerMessage as unknown as z.ZodType<M>);
    this.WS = opts.WebSocketImpl ?? WebSocket;
    this.network = opts.network ?? browserNetwork();
  }

  get current(): ConnState {
    return this.state;
  }

  /** Messages queued or sent but not yet acknowledged. */
  waiting(): number {
    return this.pending.size;
  }

  /** What is waiting, oldest first: a chat box can show its message as "sending". */
  outbox(): OutboxEntry[] {
    return [...this.pending].map(([id, p]) => ({ id, type: p.type, sent: p.sentOn !== undefined && p.sentOn === this.ws }));
  }

  status(): ConnectionStatus {
    return {
      state: this.state,
      ...(this.detail ? { detail: this.detail } : {}),
      waiting: this.pending.size,
      offline: this.offline,
      retryable: !this.final,
      ...(this.lastHeard !== undefined ? { lastConnectedAt: this.lastHeard } : {}),
    };
  }

  private setState(state: ConnState, detail?: string) {
    this.state = state;
    this.detail = detail;
    this.opts.onState(state, detail);
    this.opts.onStatus?.(this.status());
  }

  private waitingChanged() {
    this.opts.onWaiting?.(this.pending.size);
    this.opts.onStatus?.(this.status());
  }

  start(): void {
    if (this.state !== "IDLE" && this.state !== "CLOSED") return;
    this.closedByClient = false;
    this.final = false;
    if (this.network && !this.unlisten) {
      this.offline = !this.network.online();
      this.unlisten = this.network.listen((online) => this.onNetwork(online));
    }
    this.attempt = 0;
    this.open("CONNECTING");
  }

  /** The person's "Reconnect now", or the browser coming back online. */
  reconnectNow(): void {
    if (this.closedByClient) return;
    clearTimeout(this.retryTimer);
    if (this.ws && (this.state === "CONNECTED" || this.state === "CONNECTING" || this.state === "RECONNECTING")) return;
    this.attempt = 0;
    this.final = false;
    this.open("RECONNECTING");
  }

  /** Forces a fresh connection, e.g. after a gap in seq: resumes from what the client holds. */
  resync(): void {
    const ws = this.ws;
    if (!ws) return;
    this.detach();
    ws.close(4000, "resync");
    this.open("RECONNECTING");
  }

  close(): void {
    this.closedByClient = true;
    this.unlisten?.();
    this.unlisten = undefined;
    clearTimeout(this.retryTimer);
    const ws = this.ws;
    this.detach();
    ws?.close(1000, "closed by client");
    const pending = [...this.pending];
    for (const [, p] of pending) clearTimeout(p.expiry);
    this.pending.clear();
    for (const [id, p] of pending) p.resolve({ id, ok: false, error: { code: "closed", message: "The connection was closed." } });
    this.setState("CLOSED");
    if (pending.length) this.waitingChanged();
  }

  /**
   * Sends a message that needs an ack; resolves with it, its result checked
   * against that message type's schema. While the room is out of reach the
   * message waits and goes out on reconnect; it fails after OUTBOX_LIMIT_MS.
   */
  request<T extends AckType>(type: T, payload: ClientPayloads[T]): Promise<TypedAck<T>> {
    const id = newMsgId();
    return new Promise((resolve) => {
      const settle = (ack: AckPayload) => {
        if (!ack.ok) return resolve(ack);
        const result = AckResults[type].safeParse(ack.result);
        resolve(
          result.success
            ? { id, ok: true, result: result.data as AckResult<T> }
            : { id, ok: false, error: { code: "bad_message", message: "The room answered in an unexpected shape." } },
        );
      };
      if (this.closedByClient) {
        settle({ id, ok: false, error: { code: "closed", message: "The connection was closed." } });
        return;
      }
      // The room answers an oversized message with an error that names no id, so waiting for its
      // ack would only time out; say at once what is wrong and send nothing.
      const bytes = messageBytes(type, id, payload);
      if (bytes > MAX_MESSAGE_BYTES) {
        const mib = (n: number) => (n / (1024 * 1024)).toFixed(1);
        settle({
          id,
          ok: false,
          error: {
            code: "too_large",
            message: `This change is ${mib(bytes)} MiB; the room takes at most ${mib(MAX_MESSAGE_BYTES)} MiB in one message. Split it and try again.`,
          },
        });
        return;
      }
      const expiry = setTimeout(
        () => this.fail(id, { code: "timeout", message: "Not sent: the room could not be reached for 10 minutes. Check the connection and try again." }),
        OUTBOX_LIMIT_MS,
      );
      const entry: Pending = { type, payload, resolve: settle, sentOn: undefined, ackTimer: undefined, expiry };
      this.pending.set(id, entry);
      this.waitingChanged();
      if (this.state === "CONNECTED") this.sendPending(id, entry);
    });
  }

  private sendPending(id: string, p: Pending) {
    const ws = this.ws;
    if (ws?.readyState !== 1) return;
    // The room forgets ids after 10 minutes: a message that went out that long ago may have
    // applied already, and sending it again could apply it twice. It fails, saying so.
    if (p.firstSentAt !== undefined && Date.now() - p.firstSentAt > OUTBOX_LIMIT_MS - 60_000) {
      this.fail(id, { code: "timeout", message: "No answer from the room for 10 minutes: this change may or may not have applied. Check the board." });
      return;
    }
    p.firstSentAt ??= Date.now();
    p.sentOn = ws;
    clearTimeout(p.ackTimer);
    p.ackTimer = setTimeout(() => this.fail(id, { code: "timeout", message: "No answer from the room. Check the connection and try again." }), ACK_TIMEOUT_MS);
    this.transmit(id, p.type, p.payload);
  }

  private fail(id: string, error: { code: string; message: string }) {
    const p = this.pending.get(id);
    if (!p) return;
    this.settle(id, p);
    p.resolve({ id, ok: false, error });
  }

  /** Takes a message out of the outbox, its timers with it. */
  private settle(id: string, p: Pending) {
    clearTimeout(p.ackTimer);
    clearTimeout(p.expiry);
    this.pending.delete(id);
    this.waitingChanged();
  }

  private transmit(id: string, type: string, payload: unknown) {
    try {
      this.ws?.send(wire(type, id, payload));
    } catch {
      // the close handler or the silence timer takes over
    }
  }

  private onNetwork(online: boolean) {
    if (this.closedByClient) return;
    this.offline = !online;
    if (online) {
      // Back online: try at once rather than wait out the backoff; a session that ended stays ended.
      if (!this.final) this.reconnectNow();
      else this.opts.onStatus?.(this.status());
      return;
    }
    if (this.state === "CLOSED") {
      this.opts.onStatus?.(this.status());
      return;
    }
    // The browser knows before any heartbeat could: drop the socket now, and stop retrying until it is back.
    const ws = this.ws;
    this.detach();
    ws?.close(4000, "offline");
    clearTimeout(this.retryTimer);
    this.setState("DISCONNECTED", OFFLINE_DETAIL);
  }

  private open(state: "CONNECTING" | "RECONNECTING") {
    clearTimeout(this.retryTimer);
    if (this.offline) {
      this.setState("DISCONNECTED", OFFLINE_DETAIL);
      return;
    }
    this.setState(state);
    let ws: WebSocket;
    try {
      ws = new this.WS(this.opts.url(this.opts.currentSeq()));
    } catch {
      this.scheduleRetry();
      return;
    }
    this.ws = ws;
    ws.onmessage = (e) => this.onMessage(ws, e);
    ws.onclose = (e) => this.onClose(ws, e.code);
    // A connect that hangs (no metadata, no close) is as dead as a silent socket.
    this.listenForSilence(ws);
  }

  private listenForSilence(ws: WebSocket) {
    clearTimeout(this.silenceTimer);
    this.silenceTimer = setTimeout(() => this.onSilence(ws), SILENCE_MS);
  }

  private onMessage(ws: WebSocket, e: MessageEvent) {
    if (ws !== this.ws) return;
    this.lastHeard = Date.now();
    // The socket is alive: the next ping starts the silence clock again.
    clearTimeout(this.silenceTimer);
    this.silenceTimer = undefined;
    // The runtime's constant pong has no timestamp, so the schema would refuse it: hearing it is all it is for.
    if (e.data === PONG_FRAME) return;
    let json: unknown;
    try {
      json = JSON.parse(String(e.data));
    } catch {
      return;
    }
    const parsed = this.schema.safeParse(json);
    // A message this client cannot read is ignored, never trusted.
    if (!parsed.success) return;
    const msg = parsed.data;
    if (msg.type === "metadata") {
      this.attempt = 0;
      this.setState("CONNECTED");
      this.startPing();
      this.opts.onMessage(msg);
      // The handler may have asked for a resync (a gap): the outbox waits for that new socket's metadata.
      if (ws !== this.ws) return;
      // The outbox goes out once on this socket, under the same ids.
      for (const [id, p] of [...this.pending]) if (p.sentOn !== ws) this.sendPending(id, p);
      return;
    }
    if (msg.type === "ack") {
      const ack = AckMessage.safeParse(json);
      const p = ack.success ? this.pending.get(ack.data.payload.id) : undefined;
      if (ack.success && p) {
        this.settle(ack.data.payload.id, p);
        p.resolve(ack.data.payload);
      }
      return;
    }
    if (msg.type === "pong") return;
    this.opts.onMessage(msg);
  }

  private startPing() {
    clearInterval(this.pingTimer);
    this.pingTimer = setInterval(() => {
      const ws = this.ws;
      if (!ws) return;
      // Only a ping can be unanswered: silence is counted from the first ping not yet answered
      // (armed before sending, so an answer however fast clears it).
      if (this.silenceTimer === undefined) this.listenForSilence(ws);
      try {
        ws.send(PING_FRAME);
      } catch {
        // a socket that cannot send is left to the silence timer
      }
    }, PING_MS);
  }

  /** Forgets the current socket: its late events are ignored, and what was out on it waits again. */
  private detach() {
    const ws = this.ws;
    this.ws = undefined;
    if (ws) {
      ws.onmessage = null;
      ws.onclose = null;
    }
    clearInterval(this.pingTimer);
    clearTimeout(this.silenceTimer);
    for (const p of this.pending.values()) {
      clearTimeout(p.ackTimer);
      p.ackTimer = undefined;
    }
  }

  private onSilence(ws: WebSocket) {
    if (ws !== this.ws) return;
    this.detach();
    try {
      ws.close(4000, "heartbeat timeout");
    } catch {
      // already closing: it is forgotten either way
    }
    this.scheduleRetry();
  }

  private onClose(ws: WebSocket, code: number) {
    if (ws !== this.ws) return;
    this.detach();
    const final = FINAL_CLOSE[code];
    if (final) {
      this.final = !RETRYABLE_BY_HAND.has(code);
      this.setState("CLOSED", final);
      return;
    }
    this.scheduleRetry();
  }

  private scheduleRetry() {
    clearTimeout(this.retryTimer);
    if (this.offline) {
      this.setState("DISCONNECTED", OFFLINE_DETAIL);
      return;
    }
    const delay = backoff(this.attempt);
    if (delay === null) {
      this.setState("CLOSED", GAVE_UP_DETAIL);
      return;
    }
    this.attempt++;
    this.setState("DISCONNECTED");
    this.retryTimer = setTimeout(() => this.open("RECONNECTING"), delay);
  }
}

/** A client message as it goes on the wire (CONTRACT 3's envelope). */
function wire(type: string, id: string, payload: unknown): string {
  return JSON.stringify({ type, id, payload, timestamp: new Date().toISOString() });
}

const encoder = new TextEncoder();

/** The message's size in UTF-8 bytes; a short one is counted without encoding it (a UTF-16 unit is at most 3 bytes). */
function messageBytes(type: string, id: string, payload: unknown): number {
  const text = wire(type, id, payload);
  return text.length * 3 <= MAX_MESSAGE_BYTES ? text.length : encoder.encode(text).byteLength;
}
