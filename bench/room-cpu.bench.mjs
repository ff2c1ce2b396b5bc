// The room's own CPU per command, outside workerd, so it can be profiled:
// the real Room and SQL store (node:sqlite) with 50 sockets on a 200-frame
// board, running the peers bench's mixed edit stream. Measured twice in the
// same run: with the socket wrapper EpisodeRoom uses (the session parsed
// once and kept), and with the wrapper as it was (the attachment
// deserialized and validated on every read, several reads per socket per
// broadcast), which is the baseline. `node --cpu-prof bench/room-cpu.bench.mjs`
// shows where the rest goes.
import { importBundled, report } from "./lib.mjs";

const m = await importBundled(
  "room-cpu",
  `
      export { harness } from "./test/support/fake-room.ts";
      export { HibernatedSocket } from "./worker/room/hibernated-socket.ts";
      export { SocketSession } from "./worker/room/room.ts";
      export { EditStream, initialFrames, toCommand } from "./bench/peers/workload.ts";
    `,
);

const SOCKETS = 50;
const COMMANDS = Number(process.env.BENCH_COMMANDS ?? 3000);

/** A stand-in for workerd's hibernatable WebSocket: the attachment is copied in and out, sends go nowhere. */
function webSocket(session) {
  let stored = structuredClone(session);
  return {
    readyState: 1,
    deserializeAttachment: () => structuredClone(stored),
    serializeAttachment: (v) => {
      stored = structuredClone(v);
    },
    send() {},
    close() {},
  };
}

/** The wrapper before this change: every read of `session` deserializes and validates the attachment. */
class ParsedPerRead extends m.HibernatedSocket {
  get session() {
    return m.SocketSession.parse(this.ws.deserializeAttachment());
  }
  setSession(s) {
    this.ws.serializeAttachment(s);
  }
}

function msPerCommand(Wrapper) {
  let t = 0;
  const h = m.harness({ now: () => (t += 100) });
  const sockets = [];
  for (let i = 0; i < SOCKETS; i++) {
    const fake = h.connect({ userId: `usr_${i}`, name: `Person ${i}`, sessionId: `ses_${i}` });
    const wrapped = new Wrapper(webSocket(fake.session));
    h.sockets[h.sockets.indexOf(fake)] = wrapped;
    sockets.push(wrapped);
  }
  const frames = m.initialFrames(200);
  let n = 0;
  for (const frame of frames) {
    h.send(sockets[0], { type: "board_command", id: `s${++n}`, payload: { command: m.toCommand({ op: "add", after: null, frame }) } });
  }
  const stream = new m.EditStream(frames.map((f) => f.id).reverse());
  const start = performance.now();
  for (let i = 0; i < COMMANDS; i++) {
    h.send(sockets[i % SOCKETS], { type: "board_command", id: `e${i}`, payload: { command: m.toCommand(stream.next()) } });
  }
  const ms = (performance.now() - start) / COMMANDS;
  if (h.room.core.seq < 200 + COMMANDS) throw new Error(`only ${h.room.core.seq} of ${200 + COMMANDS} commands applied`);
  return ms;
}

msPerCommand(m.HibernatedSocket); // warm up
const before = msPerCommand(ParsedPerRead);
const after = msPerCommand(m.HibernatedSocket);
const r3 = (x) => Math.round(x * 1000) / 1000;
report("10-performance-against-peers", "room_cpu_ms_per_command_50_sockets", {
  commands: COMMANDS,
  kept_session: r3(after),
  parsed_per_read: r3(before),
  speedup: Math.round((before / after) * 100) / 100,
});
