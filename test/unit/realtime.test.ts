// The SPA's RealtimeConnection over a fake socket and fake clock: a silent
// socket is noticed within 10 s, edits made while away wait, are counted and
// go out once on return, and a session that ended stays ended.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import {
  type ConnState,
  type NetworkSignal,
  OFFLINE_DETAIL,
  OUTBOX_LIMIT_MS,
  PING_FRAME,
  PING_MS,
  RealtimeConnection,
  SILENCE_MS,
} from "../../web/src/lib/realtime";
import { PONG_FRAME } from "../../worker/domain/heartbeat";

interface Sent {
  type: string;
  id?: string;
  payload: unknown;
}

/** A socket whose far end the test plays; like a dead network, it never answers close(). */
class FakeSocket {
  sent: Sent[] = [];
  raw: string[] = [];
  closedWith: number | undefined;
  /** CONNECTING until the room's first message, as a real socket is until it opens. */
  readyState = 0;
  /** Answer each ping with a pong, as the runtime and the room do. */
  answersPings = true;
  onmessage: ((e: { data: string }) => void) | null = null;
  onclose: ((e: { code: number }) => void) | null = null;
  constructor(readonly url: string) {}
  send(data: string) {
    // A real socket throws InvalidStateError while CONNECTING: nothing goes out.
    if (this.readyState !== 1) throw new Error("InvalidStateError: still connecting");
    this.raw.push(data);
    const msg = JSON.parse(data) as Sent;
    this.sent.push(msg);
    if (msg.type === "ping" && this.answersPings) {
      // A bare ping gets the runtime's constant auto-response; any other ping goes through the room, whose pong is stamped.
      if (data === PING_FRAME) this.onmessage?.({ data: PONG_FRAME });
      else this.receive("pong", {});
    }
  }
  close(code?: number) {
    this.closedWith = code;
  }
  receive(type: string, payload: unknown) {
    this.onmessage?.({ data: JSON.stringify({ type, payload, timestamp: new Date().toISOString() }) });
  }
  welcome() {
    this.readyState = 1;
    this.receive("metadata", {
      protocol: 1,
      connectionId: "conn_1",
      user: { id: "usr_1", name: "Mia", email: "mia@reelroom.test" },
      role: "owner",
      project: "prj_1",
      episode: "ep_1",
      seq: 0,
      agent: { status: "idle" },
      peers: [],
    });
  }
  ack(id: string) {
    this.receive("ack", { id, ok: true, result: { seq: 1, runId: "run_1" } });
  }
  serverCloses(code: number) {
    this.onclose?.({ code });
  }
  ofType(type: string) {
    return this.sent.filter((m) => m.type === type);
  }
}

function fakeNetwork(initiallyOnline = true) {
  let online = initiallyOnline;
  const listeners = new Set<(online: boolean) => void>();
  const signal: NetworkSignal = {
    online: () => online,
    listen(cb) {
      listeners.add(cb);
      return () => listeners.delete(cb);
    },
  };
  const set = (value: boolean) => {
    online = value;
    for (const cb of listeners) cb(value);
  };
  return { signal, set };
}

/** Set by a test: the next metadata's handler asks for a resync, as the studio does on a seq gap. */
let resyncOnNextMetadata = false;

function connected(opts: { online?: boolean } = {}) {
  const sockets: FakeSocket[] = [];
  const WS = class extends FakeSocket {
    constructor(url: string) {
      super(url);
      sockets.push(this);
    }
  };
  const network = fakeNetwork(opts.online ?? true);
  const states: { state: ConnState; at: number }[] = [];
  const waitingSeen: number[] = [];
  const conn = new RealtimeConnection({
    url: (since) => `ws://room.test/realtime?since=${since ?? ""}`,
    currentSeq: () => 0,
    onMessage: (msg) => {
      if (msg.type === "metadata" && resyncOnNextMetadata) {
        resyncOnNextMetadata = false;
        conn.resync();
      }
    },
    onState: (state) => states.push({ state, at: Date.now() }),
    onWaiting: (n) => waitingSeen.push(n),
    WebSocketImpl: WS as unknown as typeof WebSocket,
    network: network.signal,
  });
  conn.start();
  const latest = () => {
    const s = sockets.at(-1);
    if (!s) throw new Error("no socket was opened");
    return s;
  };
  return { conn, sockets, latest, network, states, waitingSeen };
}

const addFrame = { command: { type: "add_frame", frame: { id: "f1" } } };

beforeEach(() => {
  vi.useFakeTimers();
  vi.setSystemTime(new Date("2030-01-01T00:00:00Z"));
});
afterEach(() => {
  vi.useRealTimers();
});

describe("RealtimeConnection heartbeat", () => {
  it("stays live for a minute while the room answers its pings", () => {
    const { conn, latest, sockets } = connected();
    latest().welcome();
    vi.advanceTimersByTime(60_000);
    expect(conn.current).toBe("CONNECTED");
    expect(sockets).toHaveLength(1);
    expect(latest().ofType("ping").length).toBeGreaterThanOrEqual(10);
  });

  it("pings with one constant frame, so the room can answer without waking", () => {
    const { latest } = connected();
    latest().welcome();
    vi.advanceTimersByTime(30_000);
    const pings = latest().raw.filter((r) => r.includes('"ping"'));
    expect(pings.length).toBeGreaterThan(1);
    expect(new Set(pings)).toEqual(new Set([PING_FRAME]));
  });

  it("notices a socket gone silent and is reconnecting within 10 s, without waiting for a close event", () => {
    const { conn, latest, sockets, states } = connected();
    const first = latest();
    first.welcome();
    const lostAt = Date.now();
    first.answersPings = false;

    vi.advanceTimersByTime(10_000);

    // The next ping starts the silence clock: the loss shows within one ping and one silence.
    const live = states.findIndex((s) => s.state === "CONNECTED");
    const leftLive = states.slice(live + 1).find((s) => s.state !== "CONNECTED");
    expect(leftLive && leftLive.at - lostAt).toBeLessThanOrEqual(PING_MS + SILENCE_MS);
    expect(PING_MS + SILENCE_MS).toBeLessThanOrEqual(10_000);
    // Both the pause between tries and the try itself read "Reconnecting…" on the badge.
    expect(leftLive?.state).toMatch(/^(DISCONNECTED|RECONNECTING)$/);
    expect(first.closedWith).toBe(4000);
    vi.advanceTimersByTime(2_000);
    expect(sockets).toHaveLength(2);
    expect(conn.current).toBe("RECONNECTING");
  });

  it("abandons a connect that hangs with neither metadata nor close, and tries again", () => {
    const { sockets } = connected();
    vi.advanceTimersByTime(SILENCE_MS + 1_000);
    expect(sockets[0]?.closedWith).toBe(4000);
    expect(sockets).toHaveLength(2);
  });
});

describe("RealtimeConnection outbox", () => {
  it("shows the browser going offline at once, and stops trying until it is back", () => {
    const { conn, latest, network, sockets } = connected();
    latest().welcome();
    network.set(false);
    expect(conn.status()).toMatchObject({ state: "DISCONNECTED", offline: true, detail: OFFLINE_DETAIL });
    vi.advanceTimersByTime(120_000);
    expect(sockets).toHaveLength(1);
    network.set(true);
    expect(conn.current).toBe("RECONNECTING");
    expect(sockets).toHaveLength(2);
  });

  it("keeps an edit made while offline, counts it, and sends it exactly once after reconnecting", async () => {
    const { conn, latest, network, waitingSeen } = connected();
    latest().welcome();
    network.set(false);

    const answer = conn.request("board_command", addFrame);
    expect(conn.waiting()).toBe(1);
    expect(waitingSeen.at(-1)).toBe(1);
    expect(conn.outbox()).toMatchObject([{ type: "board_command", sent: false }]);

    // Time offline does not run the ack timer down.
    vi.advanceTimersByTime(5 * 60_000);
    expect(conn.waiting()).toBe(1);

    network.set(true);
    const second = latest();
    expect(second.ofType("board_command")).toHaveLength(0); // not before the room said hello
    second.welcome();
    expect(second.ofType("board_command")).toHaveLength(1);
    expect(conn.outbox()).toMatchObject([{ type: "board_command", sent: true }]);

    const id = second.ofType("board_command")[0]?.id;
    expect(id).toBeTruthy();
    second.ack(id as string);
    await expect(answer).resolves.toMatchObject({ ok: true, result: { seq: 1, runId: "run_1" } });
    expect(conn.waiting()).toBe(0);
    expect(waitingSeen.at(-1)).toBe(0);
  });

  it("refuses at once, and sends nothing, a message over the room's 1 MiB (the room would answer without naming it)", async () => {
    const { conn, latest } = connected();
    latest().welcome();
    // 600,000 × "é" is 1.2 MB (1.1 MiB) in UTF-8 though only 600,000 UTF-16 units.
    const ack = await conn.request("board_command", { command: { type: "set_script", text: "é".repeat(600_000) } });
    expect(ack).toMatchObject({ ok: false, error: { code: "too_large" } });
    expect(!ack.ok && ack.error.message).toMatch(/1\.1 MiB; the room takes at most 1\.0 MiB/);
    expect(latest().ofType("board_command")).toHaveLength(0);
    // Just under the limit still goes out.
    void conn.request("board_command", { command: { type: "set_script", text: "é".repeat(500_000) } });
    expect(latest().ofType("board_command")).toHaveLength(1);
  });

  it("sends an edit made while live at once, and only once", () => {
    const { conn, latest } = connected();
    latest().welcome();
    void conn.request("board_command", addFrame);
    vi.advanceTimersByTime(10_000);
    expect(latest().ofType("board_command")).toHaveLength(1);
  });

  it("resends an edit lost with a silent socket under its original id on the next socket", () => {
    const { conn, latest } = connected();
    const first = latest();
    first.welcome();
    void conn.request("board_command", addFrame);
    const id = first.ofType("board_command")[0]?.id;
    first.answersPings = false;

    vi.advanceTimersByTime(PING_MS + SILENCE_MS + 1_000);
    const second = latest();
    expect(second).not.toBe(first);
    second.welcome();
    expect(second.ofType("board_command").map((m) => m.id)).toEqual([id]);
    expect(conn.waiting()).toBe(1);
  });

  it("keeps the outbox for the new socket when metadata asks for a resync, and sends it there once", () => {
    const { conn, latest } = connected();
    const first = latest();
    first.welcome();
    first.answersPings = false;
    vi.advanceTimersByTime(PING_MS + SILENCE_MS + 1_000);
    const second = latest();
    void conn.request("board_command", addFrame);
    // The metadata's handler finds a gap and asks for a fresh socket before the outbox is flushed.
    resyncOnNextMetadata = true;
    second.welcome();
    const third = latest();
    expect(third).not.toBe(second);
    expect(second.ofType("board_command")).toEqual([]);
    third.welcome();
    expect(third.ofType("board_command")).toHaveLength(1);
  });

  it("fails an edit that waited 10 minutes with a message that says so", async () => {
    const { conn, latest, network } = connected();
    latest().welcome();
    network.set(false);
    const answer = conn.request("board_command", addFrame);
    vi.advanceTimersByTime(OUTBOX_LIMIT_MS);
    const ack = await answer;
    expect(ack.ok).toBe(false);
    expect(!ack.ok && ack.error.message).toMatch(/10 minutes/);
    expect(conn.waiting()).toBe(0);
  });
});

describe("RealtimeConnection close codes", () => {
  it("treats a 4001 close as final: no retry, not even when the network comes back", () => {
    const { conn, latest, sockets, network } = connected();
    latest().welcome();
    latest().serverCloses(4001);
    expect(conn.status()).toMatchObject({ state: "CLOSED", retryable: false });
    expect(conn.status().detail).toMatch(/Sign in again/);
    network.set(false);
    network.set(true);
    vi.advanceTimersByTime(120_000);
    expect(sockets).toHaveLength(1);
  });

  it("retries an ordinary drop with backoff", () => {
    const { conn, latest, sockets } = connected();
    latest().welcome();
    latest().serverCloses(1006);
    expect(conn.current).toBe("DISCONNECTED");
    vi.advanceTimersByTime(1_000);
    expect(conn.current).toBe("RECONNECTING");
    expect(sockets).toHaveLength(2);
  });
});
