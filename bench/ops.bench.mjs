// Operations bench: the metrics snapshot with 100,000 jobs in D1 (p50/p95),
// beside an authenticated read (GET /me) measured in the same run; and the
// metrics stream serving 50 clients at once (events delivered, interval).
import { writeBenchConfig } from "./bench-config.mjs";
import { r1, report, time } from "./lib.mjs";
import { startLocalServer } from "../scripts/local-server.mjs";
import { benchUser } from "./app-api.mjs";

const JOBS = Number(process.env.BENCH_SEED_JOBS ?? 100_000);
const CLIENTS = 50;

const server = await startLocalServer({ port: 8795, state: ".wrangler/bench-ops", build: false, config: writeBenchConfig() });
try {
  const http = server.url;
  const owner = await benchUser(http, "ops", "Ops");
  const { cookie } = owner;
  const project = await owner.project("Ops");
  const seedStart = performance.now();
  for (let from = 0; from < JOBS; from += 10_000) {
    const res = await fetch(`${http}/bench/seed-jobs?project=${project.id}&n=${Math.min(10_000, JOBS - from)}&from=${from}`);
    if (!res.ok) throw new Error(`seed: ${res.status} ${await res.text()}`);
  }
  const seedS = (performance.now() - seedStart) / 1000;

  for (let i = 0; i < 3; i++) await fetch(`${http}/api/v1/metrics`, { headers: { cookie } });
  let snapshot;
  const metrics = await time(30, async () => {
    const res = await fetch(`${http}/api/v1/metrics`, { headers: { cookie } });
    if (!res.ok) throw new Error(`metrics: ${res.status}`);
    snapshot = await res.json();
  });
  const me = await time(30, async () => {
    const res = await fetch(`${http}/api/v1/me`, { headers: { cookie } });
    if (!res.ok) throw new Error(`me: ${res.status}`);
  });
  const total = Object.values(snapshot.jobsByStatus).reduce((a, b) => a + b, 0);
  report("05-operations", "metrics_snapshot_ms", {
    jobs: total,
    seed_s: r1(seedS),
    p50: metrics.p50,
    p95: metrics.p95,
    baseline: "GET /api/v1/me",
    baseline_p50: me.p50,
    ratio_p50: r1(metrics.p50 / me.p50),
  });

  // 50 clients on the stream: each reads 3 events; measure the gaps.
  const gaps = [];
  let events = 0;
  const start = performance.now();
  await Promise.all(
    Array.from({ length: CLIENTS }, async () => {
      const res = await fetch(`${http}/api/v1/metrics/stream`, { headers: { cookie } });
      const reader = res.body.getReader();
      const dec = new TextDecoder();
      let buf = "";
      let last = 0;
      let seen = 0;
      while (seen < 3) {
        const { value, done } = await reader.read();
        if (done) break;
        buf += dec.decode(value, { stream: true });
        let cut;
        while ((cut = buf.indexOf("\n\n")) >= 0) {
          buf = buf.slice(cut + 2);
          const t = performance.now();
          if (last) gaps.push(t - last);
          last = t;
          seen++;
          events++;
        }
      }
      await reader.cancel();
    }),
  );
  gaps.sort((a, b) => a - b);
  report("05-operations", "metrics_stream_50_clients", {
    clients: CLIENTS,
    events,
    wall_s: r1((performance.now() - start) / 1000),
    interval_target_ms: 2000,
    interval_mean_ms: r1(gaps.reduce((a, b) => a + b, 0) / gaps.length),
    interval_max_ms: r1(gaps.at(-1)),
  });
} finally {
  server.stop();
}
