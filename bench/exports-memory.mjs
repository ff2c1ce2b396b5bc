// Exports at the contract's size, run by hand (`npx node bench/exports-memory.mjs`;
// not part of `npm run bench`, it takes minutes): a 500-frame board
// exported as a PDF (1 panel a page, the most pages) and as a ZIP inside
// workerd under `wrangler dev --local`, each alone, with its time and the
// workerd process's resident memory sampled every 20 ms while it runs.
//
// What this measures is the whole workerd process (every isolate, the
// runtime, SQLite and R2 emulation), not one isolate's heap: workerd has no
// way to read an isolate's peak heap from outside. The figure is the peak
// RSS during the export minus the RSS just before it started.
import { readFileSync, readdirSync } from "node:fs";
import { writeBenchConfig } from "./bench-config.mjs";
import { r1, report } from "./lib.mjs";
import { startLocalServer } from "../scripts/local-server.mjs";
import { benchUser } from "./app-api.mjs";

const FRAMES = Number(process.env.BENCH_EXPORT_FRAMES ?? 500);
const PORT = Number(process.env.BENCH_PORT ?? 8795);
const CAMERAS = ["WS", "CU, push in", "MS low angle", "OTS", "ECU", "high angle WS, pan left"];

/** The workerd processes under the server's process group. */
function workerdPids(groupId) {
  const pids = [];
  for (const d of readdirSync("/proc")) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const stat = readFileSync(`/proc/${d}/stat`, "utf8");
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      const comm = stat.slice(stat.indexOf("(") + 1, stat.lastIndexOf(")"));
      if (Number(fields[2]) === groupId && comm.startsWith("workerd")) pids.push(Number(d));
    } catch {
      // gone
    }
  }
  return pids;
}
const rssKiB = (pids) =>
  pids.reduce((sum, pid) => {
    try {
      return sum + Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1] ?? 0);
    } catch {
      return sum;
    }
  }, 0);

const server = await startLocalServer({ port: PORT, state: ".wrangler/bench-exports-memory", build: false, config: writeBenchConfig() });
try {
  const pids = workerdPids(server.child.pid);
  if (pids.length === 0) throw new Error("no workerd process found in the server's process group");
  const http = server.url;
  const owner = await benchUser(http, "exports-memory");
  const { cookie, post, get } = owner;
  const project = await owner.project("Bench");
  const episode = await owner.episode(project.id, "Exports at the bound");
  const base = `/api/v1/projects/${project.id}/episodes/${episode.id}`;
  const room = await owner.room(project.id, episode.id);
  await room.command("a-mia", {
    type: "upsert_asset",
    asset: { id: "mia", kind: "character", name: "Mia", description: "A street cook.", prompt: "green apron" },
  });
  for (let i = 0; i < FRAMES; i++) {
    // The room allows 20 messages a second per socket.
    if (i % 15 === 14) await new Promise((r) => setTimeout(r, 1000));
    await room.command(`f${i}`, {
      type: "add_frame",
      frame: {
        id: `f${i}`,
        title: `Beat ${i + 1}`,
        camera: CAMERAS[i % CAMERAS.length],
        durationSec: 2 + (i % 4) * 0.5,
        action: "Mia lifts the lid off a steaming pot while Leo runs in from the rain, shaking water from his coat.",
        dialogue: i % 2 ? "MIA: You're late again.\nLEO: Traffic." : "",
        sound: "rain on canvas",
        continuity: { assetIds: ["mia"], notes: "" },
      },
    });
  }
  room.close();

  async function measured(body) {
    const before = rssKiB(pids);
    let peak = before;
    const sampler = setInterval(() => {
      peak = Math.max(peak, rssKiB(pids));
    }, 20);
    const t0 = performance.now();
    try {
      const { job } = await post(`${base}/exports`, body);
      for (;;) {
        const now = (await get(`/api/v1/jobs/${job.id}`)).job;
        if (now.status === "success") {
          const ext = await get(`/api/v1/jobs/${job.id}/extended`);
          const bytes = (await (await fetch(`${http}${now.artifactUrl}`, { headers: { cookie } })).arrayBuffer()).byteLength;
          const work = Object.values(ext.plugin_timings).reduce((a, b) => a + b, 0);
          return { ms: performance.now() - t0, work, bytes, before, peak: Math.max(peak, rssKiB(pids)), manifest: ext.manifest };
        }
        if (["failure", "blocked", "canceled"].includes(now.status)) throw new Error(`${job.id} ended ${now.status}: ${now.error ?? now.blockedReason}`);
        if (performance.now() - t0 > 600_000) throw new Error(`${job.id} did not finish`);
        await new Promise((r) => setTimeout(r, 100));
      }
    } finally {
      clearInterval(sampler);
    }
  }

  for (const [name, body] of [
    ["pdf", { format: "pdf", layout: 1 }],
    ["zip", { format: "zip" }],
  ]) {
    const out = await measured(body);
    report("08-deliverables", `export_${name}_${FRAMES}_frames`, {
      end_to_end_ms: r1(out.ms),
      work_in_job_ms: r1(out.work),
      bytes: out.bytes,
      pages_or_entries: out.manifest?.pages ?? out.manifest?.entries?.length ?? null,
      workerd_rss_before_mib: r1(out.before / 1024),
      workerd_rss_peak_mib: r1(out.peak / 1024),
      workerd_rss_rise_mib: r1((out.peak - out.before) / 1024),
    });
  }
} finally {
  server.stop();
}
