// Exports bench: a 30-frame board exported end to end through the local
// queue (create → success, read from the job), as a storyboard PDF (3 a
// page) and as a ZIP of every frame's image, with each file's size. The
// baselines, measured in the same run on the same board: the CSV shot list
// (the same job runtime with almost no work in compose) and one frame's
// sketch render (the media job the exports share their runtime with).
import { writeBenchConfig } from "./bench-config.mjs";
import { r1, report } from "./lib.mjs";
import { startLocalServer } from "../scripts/local-server.mjs";
import { benchUser } from "./app-api.mjs";

const FRAMES = Number(process.env.BENCH_EXPORT_FRAMES ?? 30);
const RUNS = Number(process.env.BENCH_EXPORT_RUNS ?? 3);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const CAMERAS = ["WS", "CU, push in", "MS low angle", "OTS", "ECU", "high angle WS, pan left"];

const server = await startLocalServer({ port: 8798, state: ".wrangler/bench-exports", build: false, config: writeBenchConfig() });
try {
  const http = server.url;
  const owner = await benchUser(http, "exports");
  const { cookie, post, get } = owner;
  const project = await owner.project("Bench");
  const episode = await owner.episode(project.id, "Exports");
  const base = `/api/v1/projects/${project.id}/episodes/${episode.id}`;

  const room = await owner.room(project.id, episode.id);
  const command = room.command;
  await command("a-mia", { type: "upsert_asset", asset: { id: "mia", kind: "character", name: "Mia", description: "A street cook.", prompt: "green apron" } });
  await command("a-leo", { type: "upsert_asset", asset: { id: "leo", kind: "character", name: "Leo", description: "Her brother.", prompt: "grey coat" } });
  await command("a-mkt", { type: "upsert_asset", asset: { id: "mkt", kind: "location", name: "EXT. NIGHT MARKET - NIGHT", description: "", prompt: "" } });
  for (let i = 0; i < FRAMES; i++) {
    // The room allows 20 messages a second per socket.
    if (i % 15 === 14) await new Promise((r) => setTimeout(r, 1000));
    await command(`f${i}`, {
      type: "add_frame",
      frame: {
        id: `f${i}`,
        title: `Beat ${i + 1}`,
        camera: CAMERAS[i % CAMERAS.length],
        durationSec: 2 + (i % 4) * 0.5,
        action: "Mia lifts the lid off a steaming pot while Leo runs in from the rain.",
        dialogue: i % 2 ? "MIA: You're late again.\nLEO: Traffic." : "",
        sound: "rain on canvas",
        continuity: { assetIds: ["mia", "leo", "mkt"], notes: "" },
      },
    });
  }
  room.close();

  /** Polls the job until it is terminal; returns ms from create to terminal and the job. */
  async function endToEnd(create) {
    const t0 = performance.now();
    const { job } = await create();
    for (;;) {
      const now = (await get(`/api/v1/jobs/${job.id}`)).job;
      if (["success", "failure", "blocked", "canceled"].includes(now.status)) {
        if (now.status !== "success") throw new Error(`${job.id} ended ${now.status}: ${now.error ?? now.blockedReason}`);
        return { ms: performance.now() - t0, job: now };
      }
      if (performance.now() - t0 > 120_000) throw new Error(`${job.id} did not finish`);
      await new Promise((r) => setTimeout(r, 20));
    }
  }
  const exportOnce = (body) => endToEnd(() => post(`${base}/exports`, body));
  const sizeOf = async (job) => (await fetch(`${http}${job.artifactUrl}`, { headers: { cookie } })).arrayBuffer().then((b) => b.byteLength);

  // A warm-up of each kind, so the first-run compile of the paths is not in the figures.
  await exportOnce({ format: "csv" });
  await exportOnce({ format: "pdf", layout: 3 });
  await exportOnce({ format: "zip" });
  await endToEnd(() => post(`${base}/frames/f0/generate`, {}));

  const runs = { csv: [], pdf: [], zip: [], render: [] };
  const last = {};
  for (let i = 0; i < RUNS; i++) {
    for (const [key, body] of [
      ["csv", { format: "csv" }],
      ["pdf", { format: "pdf", layout: 3 }],
      ["zip", { format: "zip" }],
    ]) {
      const out = await exportOnce(body);
      runs[key].push(out.ms);
      last[key] = out.job;
    }
    runs.render.push((await endToEnd(() => post(`${base}/frames/f${i + 1}/generate`, {}))).ms);
  }
  const ms = Object.fromEntries(Object.entries(runs).map(([k, v]) => [k, median(v)]));
  const sizes = { pdf: await sizeOf(last.pdf), zip: await sizeOf(last.zip), csv: await sizeOf(last.csv) };
  const ext = await get(`/api/v1/jobs/${last.pdf.id}/extended`);
  // The work inside each job (its stages' timings), apart from the queue's delivery wait, which dominates end to end locally.
  const work = {};
  for (const key of ["csv", "pdf", "zip"]) {
    const t = (await get(`/api/v1/jobs/${last[key].id}/extended`)).plugin_timings;
    work[key] = Object.values(t).reduce((a, b) => a + b, 0);
  }
  report("08-deliverables", "export_end_to_end", {
    frames: FRAMES,
    runs: RUNS,
    pdf_ms: r1(ms.pdf),
    zip_ms: r1(ms.zip),
    csv_ms: r1(ms.csv),
    one_frame_render_ms: r1(ms.render),
    pdf_vs_csv: r1(ms.pdf / ms.csv),
    zip_vs_csv: r1(ms.zip / ms.csv),
    pdf_vs_one_render: r1(ms.pdf / ms.render),
    pdf_bytes: sizes.pdf,
    zip_bytes: sizes.zip,
    csv_bytes: sizes.csv,
    pdf_pages: ext.manifest?.pages ?? null,
  });
  report("08-deliverables", "export_work_in_job", {
    pdf_ms: r1(work.pdf),
    zip_ms: r1(work.zip),
    csv_ms: r1(work.csv),
    pdf_vs_csv: r1(work.pdf / Math.max(work.csv, 0.1)),
    zip_vs_csv: r1(work.zip / Math.max(work.csv, 0.1)),
  });
  report("08-deliverables", "pdf_stage_ms", ext.plugin_timings);
} finally {
  server.stop();
}
