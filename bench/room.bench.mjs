// Episode room bench: from a board_command sent on one socket to every socket
// in the room holding its board_event, p50/p99 ms with 1, 10 and 50 sockets,
// and how many commands per second one room sustains. Each figure sits beside
// a bare fan-out room (no parsing, validation or storage) sent messages of the
// room's board_event size, measured in the same run on the same server, with
// the ratio. The throughput figure also runs the old echo baseline (tiny
// messages) and a fan-out room that appends each message to its SQLite first,
// which is why the echo looked slower than the room (docs/performance.md).
import { writeBenchConfig } from "./bench-config.mjs";
import { percentile, r1, r2, report } from "./lib.mjs";
import { startLocalServer } from "../scripts/local-server.mjs";
import { benchUser, roomSocketUrl } from "./app-api.mjs";

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 50);

const server = await startLocalServer({ port: 8791, state: ".wrangler/bench-room", build: false, config: writeBenchConfig() });
const http = server.url;
const wsBase = http.replace("http", "ws");

function open(url, headers) {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { headers });
    const listeners = new Set();
    ws.onmessage = (e) => {
      const data = String(e.data);
      for (const l of listeners) l(data);
    };
    ws.onopen = () => resolve({ ws, listeners, send: (m) => ws.send(m), close: () => ws.close() });
    ws.onerror = () => reject(new Error(`cannot open ${url}`));
  });
}

/** Resolves with the time the first message matching `pred` arrives on `sock`. */
function when(sock, pred) {
  return new Promise((resolve) => {
    const l = (data) => {
      if (pred(data)) {
        sock.listeners.delete(l);
        resolve(performance.now());
      }
    };
    sock.listeners.add(l);
  });
}

/** Adds frame f1 through `sock` (the one frame the rounds update) and waits for the ack. */
async function seedFrame(sock, id) {
  const acked = when(sock, (d) => d.includes('"type":"ack"'));
  sock.send(
    JSON.stringify({ type: "board_command", id, payload: { command: { type: "add_frame", frame: { id: "f1" } } }, timestamp: new Date().toISOString() }),
  );
  await acked;
}

async function fanOut(_sockets, sendOne) {
  const lat = [];
  for (let i = 0; i < ROUNDS; i++) {
    const { start, arrivals } = await sendOne(i);
    for (const t of await Promise.all(arrivals)) lat.push(t - start);
  }
  lat.sort((a, b) => a - b);
  return { p50: r2(percentile(lat, 50)), p99: r2(percentile(lat, 99)), samples: lat.length };
}

try {
  const origin = http;
  const owner = await benchUser(http, "bench");
  const project = await owner.project("Bench");

  // A person may hold 10 sockets in an episode and send 40 messages a second
  // (CONTRACT 3), so 50 sockets are 50 people, each an editor of the project.
  const people = [owner.cookie, ...(await owner.editors(project.id, "bench", 49)).map((p) => p.cookie)];
  const socketOf = (roomUrl, k) => open(roomUrl, { cookie: people[k % people.length], origin });

  let roomEventBytes = 0;
  for (const n of [1, 10, 50]) {
    const episode = await owner.episode(project.id, `Bench ${n}`);
    const roomUrl = roomSocketUrl(http, project.id, episode.id);
    const room = await Promise.all(Array.from({ length: n }, (_, k) => socketOf(roomUrl, k)));
    const bareUrl = `${wsBase}/bench/fanout?room=fan-${n}-${Date.now()}`;
    const bare = await Promise.all(Array.from({ length: n }, () => open(bareUrl, {})));
    await new Promise((r) => setTimeout(r, 300)); // let metadata and presence settle

    // Seed one frame to update, so every round is the same small command.
    await seedFrame(room[0], "seed");
    let seq = 1;
    let size = 0;
    // Rounds are paced under the room's 20 messages/s/socket limit.
    const pace = () => new Promise((r) => setTimeout(r, 55));
    const roomFig = await fanOut(room, async (i) => {
      await pace();
      // seq is the envelope's last field, so `"seq":N}` matches N and not N0.
      const want = `"seq":${++seq}}`;
      const arrivals = room.map((s) =>
        when(s, (d) => {
          const hit = d.includes('"type":"board_event"') && d.includes(want);
          if (hit) size = Buffer.byteLength(d);
          return hit;
        }),
      );
      const start = performance.now();
      room[0].send(
        JSON.stringify({
          type: "board_command",
          id: `c${n}-${i}`,
          payload: { command: { type: "update_frame", id: "f1", patch: { title: `t${i}` } } },
          timestamp: new Date().toISOString(),
        }),
      );
      return { start, arrivals };
    });
    const bareFig = await fanOut(bare, async (i) => {
      await pace();
      // A message of the room's board_event size, unique per round.
      const msg = `${i}:`.padEnd(size, "x");
      const arrivals = bare.map((s) => when(s, (d) => d === msg));
      const start = performance.now();
      bare[0].send(msg);
      return { start, arrivals };
    });
    report("02-episode-room", `command_to_all_sockets_ms_${n}`, {
      sockets: n,
      p50: roomFig.p50,
      p99: roomFig.p99,
      bare_p50: bareFig.p50,
      bare_p99: bareFig.p99,
      bytes: size,
      ratio_p50: r1(roomFig.p50 / bareFig.p50),
      samples: roomFig.samples,
    });
    for (const s of [...room, ...bare]) s.close();
    roomEventBytes = size;
  }

  // Sustained commands per second: 50 sockets each send a burst of 20
  // commands (the per-socket limit), all into one room, until all 50 sockets
  // hold every command's board_event.
  const SOCKETS = 50;
  const PER = 20;
  const episode = await owner.episode(project.id, "Throughput");
  const roomUrl = roomSocketUrl(http, project.id, episode.id);
  const writers = await Promise.all(Array.from({ length: SOCKETS }, (_, k) => socketOf(roomUrl, k)));
  await new Promise((r) => setTimeout(r, 500));
  await seedFrame(writers[0], "seed-t");
  await new Promise((r) => setTimeout(r, 1100)); // a fresh rate window for writer 0

  // Done when every socket holds every command's broadcast.
  async function burst(socks, make, isReply) {
    let left = socks.length * PER * socks.length;
    const done = new Promise((resolve) => {
      for (const s of socks) {
        s.listeners.add((d) => {
          if (isReply(d) && --left === 0) resolve(performance.now());
        });
      }
    });
    const start = performance.now();
    socks.forEach((s, k) => {
      for (let j = 0; j < PER; j++) s.send(make(k, j));
    });
    const end = await done;
    return (socks.length * PER) / ((end - start) / 1000);
  }
  const roomRate = await burst(
    writers,
    (k, j) =>
      JSON.stringify({
        type: "board_command",
        id: `t${k}-${j}`,
        payload: { command: { type: "update_frame", id: "f1", patch: { title: `t${k}-${j}` } } },
        timestamp: new Date().toISOString(),
      }),
    (d) => d.includes('"type":"board_event"'),
  );
  for (const s of writers) s.close();
  // The same burst through three baselines, each in a room of its own: the old
  // echo (tiny messages), the bare fan-out and the durable fan-out (messages of
  // the room's board_event size).
  const rates = {};
  for (const [name, path, make] of [
    ["echo", "echo?room=tput", (k, j) => `all:${k}-${j}`],
    ["bare", "fanout?room=tput", (k, j) => `all:${k}-${j}:`.padEnd(roomEventBytes, "x")],
    ["durable", "fanout?room=durable-tput", (k, j) => `all:${k}-${j}:`.padEnd(roomEventBytes, "x")],
  ]) {
    const socks = await Promise.all(Array.from({ length: SOCKETS }, () => open(`${wsBase}/bench/${path}`, {})));
    await new Promise((r) => setTimeout(r, 300));
    rates[name] = await burst(socks, make, (d) => d.startsWith("all:"));
    for (const s of socks) s.close();
  }
  report("02-episode-room", "commands_per_second", {
    sockets: SOCKETS,
    commands: SOCKETS * PER,
    room: Math.round(roomRate),
    echo: Math.round(rates.echo),
    bare: Math.round(rates.bare),
    durable: Math.round(rates.durable),
    room_vs_bare: r2(roomRate / rates.bare),
    room_vs_durable: r2(roomRate / rates.durable),
    durable_vs_bare: r2(rates.durable / rates.bare),
  });
} finally {
  server.stop();
}
