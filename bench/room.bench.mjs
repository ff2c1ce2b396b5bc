// Episode room bench: from a board_command sent on one socket to every socket
// in the room holding its board_event, p50/p99 ms with 1, 10 and 50 sockets,
// and how many commands per second one room sustains. Each figure sits beside
// a bare echo room (no parsing, validation or storage) measured in the same
// run on the same server, with the ratio.
import { writeBenchConfig } from "./bench-config.mjs";
import { percentile, report } from "./lib.mjs";
import { startLocalServer } from "../scripts/local-server.mjs";

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 100);
const r1 = (x) => Math.round(x * 10) / 10;
const r2 = (x) => Math.round(x * 100) / 100;

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
  const headers = { "content-type": "application/json", origin };
  const signup = await fetch(`${http}/api/v1/auth/signup`, {
    method: "POST",
    headers,
    body: JSON.stringify({ email: `bench-${Date.now()}@reelroom.test`, password: "bench password 123", name: "Bench" }),
  });
  const cookie = signup.headers.get("set-cookie").split(";")[0];
  const auth = { ...headers, cookie };
  const project = (await (await fetch(`${http}/api/v1/projects`, { method: "POST", headers: auth, body: JSON.stringify({ name: "Bench" }) })).json()).project;

  // A person may hold 10 sockets in an episode and send 40 messages a second
  // (CONTRACT 3), so 50 sockets are 50 people, each an editor of the project.
  const people = [cookie];
  for (let i = 1; i < 50; i++) {
    const email = `bench-${Date.now()}-${i}@reelroom.test`;
    const res = await fetch(`${http}/api/v1/auth/signup`, {
      method: "POST",
      headers,
      body: JSON.stringify({ email, password: "bench password 123", name: `Bench ${i}` }),
    });
    people.push(res.headers.get("set-cookie").split(";")[0]);
    await fetch(`${http}/api/v1/projects/${project.id}/members`, { method: "POST", headers: auth, body: JSON.stringify({ email, role: "editor" }) });
  }
  const socketOf = (roomUrl, k) => open(roomUrl, { cookie: people[k % people.length], origin });

  for (const n of [1, 10, 50]) {
    const episode = (
      await (
        await fetch(`${http}/api/v1/projects/${project.id}/episodes`, { method: "POST", headers: auth, body: JSON.stringify({ title: `Bench ${n}` }) })
      ).json()
    ).episode;
    const roomUrl = `${wsBase}/api/v1/realtime?project=${project.id}&episode=${episode.id}`;
    const room = await Promise.all(Array.from({ length: n }, (_, k) => socketOf(roomUrl, k)));
    const echo = await Promise.all(Array.from({ length: n }, () => open(`${wsBase}/bench/echo?room=fan-${n}`, {})));
    await new Promise((r) => setTimeout(r, 300)); // let metadata and presence settle

    // Seed one frame to update, so every round is the same small command.
    const seedAck = when(room[0], (d) => d.includes('"type":"ack"'));
    room[0].send(
      JSON.stringify({
        type: "board_command",
        id: "seed",
        payload: { command: { type: "add_frame", frame: { id: "f1" } } },
        timestamp: new Date().toISOString(),
      }),
    );
    await seedAck;
    let seq = 1;
    // Rounds are paced under the room's 20 messages/s/socket limit.
    const pace = () => new Promise((r) => setTimeout(r, 55));
    const roomFig = await fanOut(room, async (i) => {
      await pace();
      // seq is the envelope's last field, so `"seq":N}` matches N and not N0.
      const want = `"seq":${++seq}}`;
      const arrivals = room.map((s) => when(s, (d) => d.includes('"type":"board_event"') && d.includes(want)));
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
    const echoFig = await fanOut(echo, async (i) => {
      await pace();
      const msg = `all:${n}-${i}`;
      const arrivals = echo.map((s) => when(s, (d) => d === msg));
      const start = performance.now();
      echo[0].send(msg);
      return { start, arrivals };
    });
    report("02-episode-room", `command_to_all_sockets_ms_${n}`, {
      sockets: n,
      p50: roomFig.p50,
      p99: roomFig.p99,
      echo_p50: echoFig.p50,
      echo_p99: echoFig.p99,
      ratio_p50: r1(roomFig.p50 / echoFig.p50),
      samples: roomFig.samples,
    });
    for (const s of [...room, ...echo]) s.close();
  }

  // Sustained commands per second: 50 sockets each send a burst of 20
  // commands (the per-socket limit), all into one room, until all 50 sockets
  // hold every command's board_event; the echo room relays to all 50 too.
  const SOCKETS = 50;
  const PER = 20;
  const episode = (
    await (
      await fetch(`${http}/api/v1/projects/${project.id}/episodes`, { method: "POST", headers: auth, body: JSON.stringify({ title: "Throughput" }) })
    ).json()
  ).episode;
  const roomUrl = `${wsBase}/api/v1/realtime?project=${project.id}&episode=${episode.id}`;
  const writers = await Promise.all(Array.from({ length: SOCKETS }, (_, k) => socketOf(roomUrl, k)));
  const echoes = await Promise.all(Array.from({ length: SOCKETS }, () => open(`${wsBase}/bench/echo?room=tput`, {})));
  await new Promise((r) => setTimeout(r, 500));
  const seeded = when(writers[0], (d) => d.includes('"type":"ack"'));
  writers[0].send(
    JSON.stringify({
      type: "board_command",
      id: "seed-t",
      payload: { command: { type: "add_frame", frame: { id: "f1" } } },
      timestamp: new Date().toISOString(),
    }),
  );
  await seeded;
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
  const echoRate = await burst(
    echoes,
    (k, j) => `all:${k}-${j}`,
    (d) => d.startsWith("all:"),
  );
  report("02-episode-room", "commands_per_second", {
    sockets: SOCKETS,
    commands: SOCKETS * PER,
    room: Math.round(roomRate),
    echo: Math.round(echoRate),
    ratio: r2(roomRate / echoRate),
  });
  for (const s of [...writers, ...echoes]) s.close();
} finally {
  server.stop();
}
