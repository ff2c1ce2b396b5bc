// Big boards bench (issue 9, CONTRACT 11): the latency of a small edit
// (update one frame's title, from board_command sent to its board_event
// back on the same socket) on a board at the contract's bounds (500 frames
// with every field at its maximum, 200 assets, 100 beats, a 200,000-char
// script) against the same edit on an empty board, in the same run on the
// same server. Also: sustained edits/s on both boards (ten people, each
// updating their own frames), and what a tab joining each board waits for:
// the bytes of its metadata and the time from the socket opening to it.
import { percentile, r2, report } from "./lib.mjs";
import { startLocalServer } from "../scripts/local-server.mjs";
import { benchUser, roomSocketUrl } from "./app-api.mjs";

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 100);
const fill = (n, seed) =>
  `${seed} storyboard é 🎬 `
    .repeat(Math.ceil(n / 20) + 2)
    .slice(0, n)
    .replace(/\uD83C$/, "x");

const server = await startLocalServer({ port: 8794, state: ".wrangler/bench-bounds", build: false });
const http = server.url;

function open(url, headers) {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { headers });
    const waiters = [];
    ws.onmessage = (e) => {
      const data = String(e.data);
      for (const w of [...waiters]) if (w.pred(data)) waiters.splice(waiters.indexOf(w), 1) && w.resolve(data);
    };
    ws.onopen = () =>
      resolve({
        send: (m) => ws.send(JSON.stringify({ timestamp: new Date().toISOString(), ...m })),
        when: (pred) => new Promise((r) => waiters.push({ pred, resolve: r })),
        count: (pred, k) =>
          new Promise((r) => {
            let left = k;
            const w = { pred: (d) => pred(d) && --left === 0, resolve: () => r(performance.now()) };
            waiters.push(w);
          }),
        close: () => ws.close(),
      });
    ws.onerror = () => reject(new Error(`cannot open ${url}`));
  });
}

const pace = (ms) => new Promise((r) => setTimeout(r, ms));
let n = 0;

/** Sends a command and waits for its ack; paced under the 20 messages/s limit. */
async function command(sock, cmd) {
  const id = `b${++n}`;
  const ack = sock.when((d) => d.includes('"type":"ack"') && d.includes(`"id":"${id}"`));
  sock.send({ type: "board_command", id, payload: { command: cmd } });
  const text = await Promise.race([ack, pace(30_000).then(() => `timeout waiting for ${id}`)]);
  if (!text.includes('"ok":true')) throw new Error(`refused: ${text.slice(0, 300)}`);
  await pace(55);
}

async function editLatency(sock) {
  const lat = [];
  for (let i = 0; i < ROUNDS; i++) {
    const id = `e${++n}`;
    const back = sock.when((d) => d.includes('"type":"ack"') && d.includes(`"id":"${id}"`));
    const t0 = performance.now();
    sock.send({ type: "board_command", id, payload: { command: { type: "update_frame", id: "f0", patch: { title: `take ${i}` } } } });
    await back;
    lat.push(performance.now() - t0);
    await pace(55);
  }
  lat.sort((a, b) => a - b);
  return { p50: r2(percentile(lat, 50)), p99: r2(percentile(lat, 99)) };
}

try {
  const owner = await benchUser(http, "bounds");
  const { cookie } = owner;
  const project = await owner.project("Bounds");
  const episode = (title) => owner.episode(project.id, title);
  const socket = async (ep, as = cookie) => open(roomSocketUrl(http, project.id, ep.id), { cookie: as, origin: http });
  // Ten more editors for the throughput figure: a person may send 40 messages a second (CONTRACT 3).
  const writers = (await owner.editors(project.id, "writer", 10)).map((w) => w.cookie);

  const smallEp = await episode("Empty");
  const small = await socket(smallEp);
  await command(small, { type: "add_frame", frame: { id: "f0", title: "only frame" } });

  const bigEp = await episode("Bounds");
  const big = await socket(bigEp);
  // Seeded by the ten writers at once, each within its own rate limit.
  const seeders = await Promise.all(writers.map((w) => socket(bigEp, w)));
  const each = (count, make) =>
    Promise.all(
      seeders.map(async (s, k) => {
        for (let i = k; i < count; i += seeders.length) await command(s, make(i));
      }),
    );
  const t0 = performance.now();
  await each(200, (i) => ({
    type: "upsert_asset",
    asset: { id: `a${i}`, kind: "character", name: fill(2000, `n${i}`), description: fill(2000, `d${i}`), prompt: fill(4000, `p${i}`) },
  }));
  await command(big, {
    type: "set_plan",
    beats: Array.from({ length: 100 }, (_, i) => ({ id: `b${i}`, title: fill(2000, `bt${i}`), summary: fill(2000, `bs${i}`) })),
  });
  await each(500, (i) => {
    const t = (s) => fill(2000, `${s}${i}`);
    return {
      type: "add_frame",
      frame: {
        id: `f${i}`,
        shot: fill(40, `s${i}`),
        beatId: `b${i % 100}`,
        title: t("t"),
        action: t("a"),
        prompt: fill(4000, `p${i}`),
        camera: t("c"),
        durationSec: 600,
        dialogue: t("d"),
        sound: t("so"),
        continuity: { assetIds: [`a${i % 200}`], notes: t("n") },
      },
    };
  });
  for (const s of seeders) s.close();
  await command(big, { type: "set_script", text: fill(200_000, "INT. CAFE") });
  const seedSeconds = r2((performance.now() - t0) / 1000);

  // Warm both rooms the same way, then measure alternately so drift hits both.
  const empty = await editLatency(small);
  const bounds = await editLatency(big);
  const boardRes = await fetch(`${http}/api/v1/projects/${project.id}/episodes/${bigEp.id}/board`, { headers: owner.headers });
  const boardBytes = (await boardRes.arrayBuffer()).byteLength;
  report("06-production-room", "edit_latency_bounds_vs_empty_ms", {
    board_bytes: boardBytes,
    seed_s: seedSeconds,
    bounds_p50: bounds.p50,
    bounds_p99: bounds.p99,
    empty_p50: empty.p50,
    empty_p99: empty.p99,
    ratio_p50: r2(bounds.p50 / empty.p50),
    ratio_p99: r2(bounds.p99 / empty.p99),
    samples: ROUNDS,
  });

  /** Ten writers, each sending 20 title updates of the first frame at once; done when every writer holds all 200 events. */
  async function editsPerSecond(ep) {
    await pace(1100);
    const socks = await Promise.all(writers.map((w) => socket(ep, w)));
    await pace(300);
    const all = socks.map((s) => s.count((d) => d.startsWith('{"type":"board_event"'), 200));
    const t0 = performance.now();
    socks.forEach((s, k) => {
      for (let j = 0; j < 20; j++)
        s.send({ type: "board_command", id: `w${++n}`, payload: { command: { type: "update_frame", id: "f0", patch: { title: `w${k} ${j}` } } } });
    });
    const end = Math.max(...(await Promise.race([Promise.all(all), pace(60_000).then(() => Promise.reject(new Error("edits/s burst timed out")))])));
    for (const s of socks) s.close();
    return 200 / ((end - t0) / 1000);
  }
  const emptyRate = await editsPerSecond(smallEp);
  const boundsRate = await editsPerSecond(bigEp);
  report("10-performance-against-peers", "edits_per_second_bounds_vs_empty", {
    writers: 10,
    edits: 200,
    bounds: Math.round(boundsRate),
    empty: Math.round(emptyRate),
    ratio: r2(boundsRate / emptyRate),
  });

  /** What a tab joining the board waits for: its metadata's bytes, and the time from the socket opening to it. */
  async function join(ep) {
    const times = [];
    let bytes = 0;
    for (let i = 0; i < 5; i++) {
      const t0 = performance.now();
      const s = await socket(ep);
      const first = await s.when(() => true);
      times.push(performance.now() - t0);
      bytes = Buffer.byteLength(first);
      s.close();
      await pace(200);
    }
    times.sort((a, b) => a - b);
    return { bytes, ms: r2(times[2]) };
  }
  const joinEmpty = await join(smallEp);
  const joinBounds = await join(bigEp);
  report("10-performance-against-peers", "metadata_bounds_vs_empty", {
    bounds_frames: 500,
    bounds_bytes: joinBounds.bytes,
    bounds_ms_p50: joinBounds.ms,
    empty_bytes: joinEmpty.bytes,
    empty_ms_p50: joinEmpty.ms,
    bytes_ratio: r2(joinBounds.bytes / joinEmpty.bytes),
    ms_ratio: r2(joinBounds.ms / joinEmpty.ms),
  });
  small.close();
  big.close();
} finally {
  server.stop();
}
