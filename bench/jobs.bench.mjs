// Media jobs bench: 100 sketch jobs through the local queue. Prints jobs per
// second, time from create to terminal (p50/p99), and each plugin's share of
// the pipeline's time; beside the same output work done inline (render +
// two R2 writes, no queue, lifecycle, logs or events), measured in the same run.
import { writeBenchConfig } from "./bench-config.mjs";
import { percentile, r1, report } from "./lib.mjs";
import { startLocalServer } from "../scripts/local-server.mjs";
import { benchUser } from "./app-api.mjs";

const JOBS = Number(process.env.BENCH_JOBS ?? 100);
const FRAMES = 10;

const server = await startLocalServer({ port: 8793, state: ".wrangler/bench-jobs", build: false, config: writeBenchConfig() });
try {
  const http = server.url;
  const owner = await benchUser(http, "jobs");
  const project = await owner.project("Bench");
  const episode = await owner.episode(project.id, "Jobs");

  const terminalAt = new Map();
  const room = await owner.room(project.id, episode.id, (msg) => {
    // Ten jobs share each frame, and a card follows only its newest job, so
    // completion is read from each job's own events: its preview, or a warning.
    if ((msg.type === "frame" || msg.type === "warning") && msg.payload.jobId && !terminalAt.has(msg.payload.jobId))
      terminalAt.set(msg.payload.jobId, performance.now());
  });
  for (let i = 0; i < FRAMES; i++) {
    await room.command(`f${i}`, { type: "add_frame", frame: { id: `f${i}`, title: `Frame ${i}`, prompt: "a neon sign in the rain", camera: "CU" } });
  }

  const createdAt = new Map();
  const t0 = performance.now();
  const ids = await Promise.all(
    Array.from({ length: JOBS }, async (_, i) => {
      const { job } = await owner.post(`/api/v1/projects/${project.id}/episodes/${episode.id}/frames/f${i % FRAMES}/generate`, {});
      createdAt.set(job.id, performance.now());
      return job.id;
    }),
  );
  const deadline = Date.now() + 180_000;
  while (ids.some((id) => !terminalAt.has(id))) {
    if (Date.now() > deadline) throw new Error(`${ids.filter((id) => !terminalAt.has(id)).length} jobs did not finish`);
    await new Promise((r) => setTimeout(r, 50));
  }
  const wall = (Math.max(...terminalAt.values()) - t0) / 1000;
  const lat = ids.map((id) => terminalAt.get(id) - createdAt.get(id)).sort((a, b) => a - b);
  room.close();

  const statuses = {};
  const plugins = {};
  for (const id of ids) {
    const ext = await owner.get(`/api/v1/jobs/${id}/extended`);
    statuses[ext.job.status] = (statuses[ext.job.status] ?? 0) + 1;
    for (const [k, v] of Object.entries(ext.plugin_timings)) plugins[k] = (plugins[k] ?? 0) + v;
  }
  const total = Object.values(plugins).reduce((a, b) => a + b, 0) || 1;
  const inline = await (await fetch(`${http}/bench/inline-render?n=${JOBS}`)).json();
  const perJob = (wall * 1000) / JOBS;
  const inlinePerJob = inline.ms / JOBS;
  report("04-media-jobs", "sketch_jobs_through_queue", {
    jobs: JOBS,
    succeeded: statuses.success ?? 0,
    jobs_per_second: r1(JOBS / wall),
    create_to_terminal_p50_ms: r1(percentile(lat, 50)),
    create_to_terminal_p99_ms: r1(percentile(lat, 99)),
    ms_per_job: r1(perJob),
    inline_ms_per_job: r1(inlinePerJob),
    ratio: r1(perJob / Math.max(inlinePerJob, 0.1)),
  });
  report("04-media-jobs", "plugin_share_percent", Object.fromEntries(Object.entries(plugins).map(([k, v]) => [k, r1((v / total) * 100)])));
} finally {
  server.stop();
}
