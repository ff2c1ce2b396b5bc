// Uploads bench (CONTRACT 12): a 2 MB JPEG uploaded to a frame, timed from
// the request's start until the 10th socket in the room holds its
// add_revision board event (the picture has reached everyone), p50 over
// ~20 rounds. Beside it, in the same run and the same workerd, a plain R2 put
// of the same bytes through a bench-only route (the request carried, read
// and stored, nothing else): the ratio is what the checks, the quota row,
// the room and the broadcast cost on top of storing the file.
import { writeBenchConfig } from "./bench-config.mjs";
import { importBundled, percentile, report } from "./lib.mjs";
import { startLocalServer } from "../scripts/local-server.mjs";

const ROUNDS = Number(process.env.BENCH_UPLOAD_ROUNDS ?? 21);
const SOCKETS = 10;
const BYTES = 2 * 1024 * 1024;
const r1 = (x) => Math.round(x * 10) / 10;
const r2 = (x) => Math.round(x * 100) / 100;

const { jpeg, padTo } = await importBundled("images", 'export { jpeg, padTo } from "./test/support/images.ts";');
// A 2 MB JPEG: a real header (1920 × 1080, progressive) and incompressible data after it.
const file = padTo(jpeg(1920, 1080, { progressive: true }), BYTES);
const header = jpeg(1920, 1080, { progressive: true }).length;
for (let at = header; at < BYTES; at += 65536) crypto.getRandomValues(file.subarray(at, Math.min(at + 65536, BYTES)));

const server = await startLocalServer({
  port: Number(process.env.BENCH_UPLOADS_PORT ?? 8799),
  state: ".wrangler/bench-uploads",
  build: false,
  config: writeBenchConfig(),
});
try {
  const http = server.url;
  const headers = { "content-type": "application/json", origin: http };
  const signup = await fetch(`${http}/api/v1/auth/signup`, {
    method: "POST",
    headers,
    body: JSON.stringify({ email: `uploads-${Date.now()}@reelroom.test`, password: "bench password 123", name: "Bench" }),
  });
  const cookie = signup.headers.get("set-cookie").split(";")[0];
  const auth = { ...headers, cookie };
  const post = async (path, body) => (await fetch(`${http}${path}`, { method: "POST", headers: auth, body: JSON.stringify(body) })).json();
  const { project } = await post("/api/v1/projects", { name: "Bench" });
  const { episode } = await post(`/api/v1/projects/${project.id}/episodes`, { title: "Uploads" });
  const base = `/api/v1/projects/${project.id}/episodes/${episode.id}`;

  // Ten sockets of one person: the most one person may hold in an episode.
  const roomUrl = `${http.replace("http", "ws")}/api/v1/realtime?project=${project.id}&episode=${episode.id}`;
  const sockets = await Promise.all(
    Array.from(
      { length: SOCKETS },
      () =>
        new Promise((resolve, reject) => {
          const ws = new WebSocket(roomUrl, { headers: { cookie, origin: http } });
          const listeners = new Set();
          ws.onmessage = (e) => {
            const data = String(e.data);
            for (const l of listeners) l(data);
          };
          ws.onopen = () => resolve({ ws, listeners });
          ws.onerror = () => reject(new Error("cannot open the room"));
        }),
    ),
  );
  const when = (sock, pred) =>
    new Promise((resolve) => {
      const l = (data) => {
        if (pred(data)) {
          sock.listeners.delete(l);
          resolve(performance.now());
        }
      };
      sock.listeners.add(l);
    });
  const seeded = when(sockets[0], (d) => d.includes('"type":"ack"'));
  sockets[0].ws.send(
    JSON.stringify({
      type: "board_command",
      id: "seed",
      payload: { command: { type: "add_frame", frame: { id: "f1" } } },
      timestamp: new Date().toISOString(),
    }),
  );
  await seeded;
  await new Promise((r) => setTimeout(r, 300));
  let seq = 1;

  const upload = async () => {
    // seq is the envelope's last field, so `"seq":N}` matches N and not N0.
    const want = `"seq":${++seq}}`;
    const arrivals = sockets.map((s) => when(s, (d) => d.includes('"kind":"add_revision"') && d.includes(want)));
    const start = performance.now();
    const res = await fetch(`${http}${base}/frames/f1/uploads`, {
      method: "POST",
      headers: { origin: http, cookie, "content-type": "image/jpeg" },
      body: file,
    });
    if (res.status !== 201) throw new Error(`upload answered ${res.status}: ${await res.text()}`);
    await res.arrayBuffer();
    const answered = performance.now();
    const last = Math.max(...(await Promise.all(arrivals)));
    return { ms: last - start, answered: answered - start };
  };
  const plain = async (i) => {
    const start = performance.now();
    const res = await fetch(`${http}/bench/r2-put?key=${i}`, { method: "POST", headers: { "content-type": "image/jpeg" }, body: file });
    if (res.status !== 201) throw new Error(`the plain put answered ${res.status}`);
    await res.arrayBuffer();
    return performance.now() - start;
  };

  // Warm-up: the first run compiles the paths.
  for (let i = 0; i < 3; i++) {
    await upload();
    await plain(`warm-${i}`);
  }
  // Interleaved, so drift in the machine's load falls on both alike.
  const ups = [];
  const answers = [];
  const puts = [];
  for (let i = 0; i < ROUNDS; i++) {
    const u = await upload();
    ups.push(u.ms);
    answers.push(u.answered);
    puts.push(await plain(i));
  }
  for (const xs of [ups, answers, puts]) xs.sort((a, b) => a - b);
  report("11-pictures", "upload_2mb_to_10_sockets_ms", {
    rounds: ROUNDS,
    sockets: SOCKETS,
    bytes: BYTES,
    p50: r1(percentile(ups, 50)),
    p95: r1(percentile(ups, 95)),
    answered_p50: r1(percentile(answers, 50)),
    r2_put_p50: r1(percentile(puts, 50)),
    r2_put_p95: r1(percentile(puts, 95)),
    ratio_p50: r2(percentile(ups, 50) / percentile(puts, 50)),
  });
  for (const s of sockets) s.ws.close();
} finally {
  server.stop();
}
