// The SPA's realtime connection to an episode room: a small state machine
// (IDLE → CONNECTING → CONNECTED → DISCONNECTED → RECONNECTING … → CLOSED)
// over a browser WebSocket, with backoff 1, 2, 4, 8, 16 s, a heartbeat,
// resume from the last seq, and resend of unacknowledged messages under
// their original ids (the room dedupes them, so nothing applies twice).
import { type AckPayload, type AckResult, AckResults, type ClientMessage, type ClientMessageType, ServerMessage } from "../../../worker/domain/protocol";

type AckType = keyof typeof AckResults;
/** An ack whose result has the shape its message type promises. */
export type TypedAck<T extends AckType> = { id: string; ok: true; result: AckResult<T> } | { id: string; ok: false; error: { code: string; message: string } };

export type ConnState = "IDLE" | "CONNECTING" | "CONNECTED" | "DISCONNECTED" | "RECONNECTING" | "CLOSED";

export const BACKOFF_MS = [1000, 2000, 4000, 8000, 16000] as const;
const HEARTBEAT_MS = 15_000;
const HEARTBEAT_TIMEOUT_MS = 10_000;
const ACK_TIMEOUT_MS = 30_000;

/** Close codes after which retrying cannot help. */
const FINAL_CLOSE: Record<number, string> = {
  4001: "Your session ended or you were removed from this project. Sign in again to continue.",
  1008: "The connection was closed for sending malformed messages.",
};

/** The delay before reconnect attempt `attempt` (0-based), or null when it is time to stop. */
export function backoff(attempt: number): number | null {
  return BACKOFF_MS[attempt] ?? null;
}

export interface RealtimeOptions {
  /** The upgrade URL, given the last seq this client holds (null on first connect). */
  url: (since: number | null) => string;
  /** The seq of the board the client holds now, for resume. */
  currentSeq: () => number | null;
  onMessage: (msg: ServerMessage) => void;
  onState: (state: ConnState, detail?: string) => void;
  WebSocketImpl?: typeof WebSocket;
}

interface Pending {
  type: ClientMessageType;
  payload: unknown;
  resolve: (ack: AckPayload) => void;
  timer: ReturnType<typeof setTimeout>;
}

let counter = 0;
const newMsgId = () => `${Date.now().toString(36)}-${(++counter).toString(36)}-${Math.random().toString(36).slice(2, 8)}`;

export class RealtimeConnection {
  private ws: WebSocket | undefined;
  private state: ConnState = "IDLE";
  private attempt = 0;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private heartbeat: ReturnType<typeof setInterval> | undefined;
  private lastHeard = 0;
  private readonly pending = new Map<string, Pending>();
  private readonly WS: typeof WebSocket;

  constructor(private readonly opts: RealtimeOptions) {
    this.WS = opts.WebSocketImpl ?? WebSocket;
  }

  get current(): ConnState {
    return this.state;
  }

  private setState(state: ConnState, detail?: string) {
    this.state = state;
    this.opts.onState(state, detail);
  }

  start(): void {
    if (this.state !== "IDLE" && this.state !== "CLOSED") return;
    this.attempt = 0;
    this.open("CONNECTING");
  }

  /** The person's "Reconnect" after CLOSED, or the browser coming back online. */
  reconnectNow(): void {
    clearTimeout(this.retryTimer);
    if (this.state === "CONNECTED" || this.state === "CONNECTING" || this.state === "RECONNECTING") return;
    this.attempt = 0;
    this.open("RECONNECTING");
  }

  /** Forces a fresh connection, e.g. after a gap in seq: resumes from what the client holds. */
  resync(): void {
    this.ws?.close(4000, "resync");
  }

  close(): void {
    clearTimeout(this.retryTimer);
    clearInterval(this.heartbeat);
    const ws = this.ws;
    this.ws = undefined;
    ws?.close(1000, "closed by client");
    for (const [id, p] of this.pending) {
      clearTimeout(p.timer);
      p.resolve({ id, ok: false, error: { code: "closed", message: "The connection was closed." } });
    }
    this.pending.clear();
    this.setState("CLOSED");
  }

  /**
   * Sends a message that needs an ack; resolves with it (kept and resent
   * across reconnects), its result checked against that message type's schema.
   */
  request<T extends AckType>(type: T, payload: Extract<ClientMessage, { type: T }>["payload"]): Promise<TypedAck<T>> {
    const id = newMsgId();
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        resolve({ id, ok: false, error: { code: "timeout", message: "No answer from the room. Check the connection and try again." } });
      }, ACK_TIMEOUT_MS);
      const settle = (ack: AckPayload) => {
        if (!ack.ok) return resolve(ack);
        const result = AckResults[type].safeParse(ack.result);
        resolve(
          result.success
            ? { id, ok: true, result: result.data as AckResult<T> }
            : { id, ok: false, error: { code: "bad_message", message: "The room answered in an unexpected shape." } },
        );
      };
      this.pending.set(id, { type, payload, resolve: settle, timer });
      if (this.state === "CONNECTED") this.transmit(id, type, payload);
    });
  }

  private transmit(id: string | undefined, type: string, payload: unknown) {
    try {
      this.ws?.send(JSON.stringify({ type, ...(id ? { id } : {}), payload, timestamp: new Date().toISOString() }));
    } catch {
      // the close handler takes over
    }
  }

  private open(state: "CONNECTING" | "RECONNECTING") {
    this.setState(state);
    const seq = this.opts.currentSeq();
    let ws: WebSocket;
    try {
      ws = new this.WS(this.opts.url(seq));
    } catch {
      this.scheduleRetry();
      return;
    }
    this.ws = ws;
    ws.onmessage = (e) => this.onMessage(ws, e);
    ws.onclose = (e) => this.onClose(ws, e.code);
  }

  private onMessage(ws: WebSocket, e: MessageEvent) {
    if (ws !== this.ws) return;
    this.lastHeard = Date.now();
    let msg: ServerMessage;
    try {
      msg = ServerMessage.parse(JSON.parse(String(e.data)));
    } catch {
      return; // a message this client cannot read is ignored, never trusted
    }
    if (msg.type === "metadata") {
      this.attempt = 0;
      this.setState("CONNECTED");
      this.startHeartbeat();
      this.opts.onMessage(msg);
      // Resend whatever was not acknowledged, under the same ids.
      for (const [id, p] of this.pending) this.transmit(id, p.type, p.payload);
      return;
    }
    if (msg.type === "ack") {
      const p = this.pending.get(msg.payload.id);
      if (p) {
        clearTimeout(p.timer);
        this.pending.delete(msg.payload.id);
        p.resolve(msg.payload);
      }
      return;
    }
    if (msg.type === "pong") return;
    this.opts.onMessage(msg);
  }

  private startHeartbeat() {
    clearInterval(this.heartbeat);
    this.heartbeat = setInterval(() => {
      if (this.state !== "CONNECTED") return;
      if (Date.now() - this.lastHeard > HEARTBEAT_MS + HEARTBEAT_TIMEOUT_MS) {
        // Silent for too long: the connection is dead even if the browser has not noticed.
        this.ws?.close(4000, "heartbeat timeout");
        return;
      }
      this.transmit(undefined, "ping", {});
    }, HEARTBEAT_MS);
  }

  private onClose(ws: WebSocket, code: number) {
    if (ws !== this.ws) return;
    this.ws = undefined;
    clearInterval(this.heartbeat);
    const final = FINAL_CLOSE[code];
    if (final) {
      this.setState("CLOSED", final);
      return;
    }
    this.setState("DISCONNECTED");
    if (code === 4000) {
      // A resync this client asked for: reconnect at once, resuming from its seq.
      this.open("RECONNECTING");
      return;
    }
    this.scheduleRetry();
  }

  private scheduleRetry() {
    const delay = backoff(this.attempt);
    if (delay === null) {
      this.setState("CLOSED", "Could not reach the room after several tries.");
      return;
    }
    this.attempt++;
    clearTimeout(this.retryTimer);
    this.retryTimer = setTimeout(() => this.open("RECONNECTING"), delay);
  }
}
