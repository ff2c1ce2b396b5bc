// Runs one attempt of an export job (CONTRACT 10) on the jobs runtime of
// CONTRACT 7: read_board → compose → store → manifest, each with a timing
// (ms, one decimal) and progress rising as pages or frames are done; success
// only after the file and its manifest are in R2, and only by the attempt
// that still holds the job's token. A cancel is noticed between pages or
// frames, and a canceled attempt's output is deleted, never published.
import { eq, sql } from "drizzle-orm";
import { episodes, projects } from "../db/schema";
import {
  DEFAULT_LAYOUT,
  EXPORT_LIMITS,
  EXPORT_WAIT_SECONDS,
  type ExportFormat,
  type ExportLayout,
  ExportLayout as LayoutSchema,
  MIME,
} from "../domain/exports";
import { type ExportPluginName, ms1 } from "../domain/jobs";
import type { Db, Env } from "../env";
import { type JobsVars, jobsService, stagePaceMs } from "../jobs/service";
import { episodeExports, getJob, guarded, type JobRow, log, setProgress, startHeartbeat } from "../jobs/store";
import { roomFor } from "../rooms";
import { buildCsv } from "./csv";
import { buildPdf } from "./pdf";
import { R2Sink } from "./r2-sink";
import { type ExportSource, type ImageMime, readImage } from "./source";
import { buildZip } from "./zip";

/** Progress when each stage ends; compose moves between read_board's and its own as it goes. */
const PROGRESS_AFTER: Record<ExportPluginName, number> = { read_board: 5, compose: 90, store: 97, manifest: 100 };
/** How often, at most, an attempt writes its progress and asks whether it was canceled. */
const REPORT_EVERY_MS = 250;
const CANCEL_CHECK_EVERY_MS = 1000;

export function exportKeys(row: Pick<JobRow, "projectId" | "episodeId" | "id" | "attempt">, format: ExportFormat) {
  const dir = `${row.projectId}/${row.episodeId}/${row.id}`;
  return { artifact: `${dir}/attempt-${row.attempt}.${format}`, manifest: `${dir}/attempt-${row.attempt}.manifest.json` };
}

class Canceled extends Error {}
class ExportError extends Error {}

async function readSource(env: Env, db: Db, row: JobRow): Promise<ExportSource> {
  const names = await db
    .select({ title: episodes.title, projectName: projects.name })
    .from(episodes)
    .innerJoin(projects, eq(projects.id, episodes.projectId))
    .where(eq(episodes.id, row.episodeId))
    .get();
  if (!names) throw new ExportError("The episode no longer exists.");
  const { seq, board } = await roomFor(env, row.episodeId).snapshot();
  return { projectId: row.projectId, projectName: names.projectName, episodeTitle: names.title, seq, board };
}

export async function runExport(env: Env & JobsVars, db: Db, row: JobRow, token: string, silenceMs: number): Promise<"done" | "stale"> {
  const format = row.exportFormat;
  if (!format) return "stale";
  // At most EXPORT_LIMITS.running of an episode's exports run at once: counted in the statement that starts this one.
  const when = sql`${episodeExports(row.episodeId, ["running"])} < ${EXPORT_LIMITS.running}`;
  if (!(await guarded(db, row.id, "start", { token, when }))) {
    const now = await getJob(db, row.id);
    // Still this pending attempt: the running places were taken, so it waits its turn.
    if (now?.status !== "pending" || now.attemptToken !== token) return "stale";
    await jobsService(env, db).requeue(now, EXPORT_WAIT_SECONDS);
    return "done";
  }
  const layout: ExportLayout = LayoutSchema.safeParse(row.exportLayout).data ?? DEFAULT_LAYOUT;
  const timings: Record<string, number> = {};
  const warnings: string[] = [];
  const pace = stagePaceMs(env);
  const keys = exportKeys(row, format);
  const written: string[] = [];
  let sink: R2Sink | null = null;

  const still = async () => {
    const now = await getJob(db, row.id);
    return now?.status === "running" && now.attemptToken === token;
  };
  let reportedAt = 0;
  let checkedAt = Date.now();
  /** Progress inside compose, from read_board's mark to compose's, at most every REPORT_EVERY_MS; a cancel stops the work here. */
  const composing = async (done: number, total: number) => {
    const now = Date.now();
    if (now - checkedAt >= CANCEL_CHECK_EVERY_MS) {
      checkedAt = now;
      if (!(await still())) throw new Canceled();
    }
    if (now - reportedAt < REPORT_EVERY_MS && done < total) return;
    reportedAt = now;
    const from = PROGRESS_AFTER.read_board;
    const pct = Math.floor(from + ((PROGRESS_AFTER.compose - from) * done) / Math.max(1, total));
    await setProgress(db, row.id, token, Math.min(PROGRESS_AFTER.compose - 1, pct), timings, warnings);
  };

  async function stage<T>(name: ExportPluginName, fn: () => Promise<T>): Promise<T> {
    const t0 = performance.now();
    const out = await fn().finally(() => {
      timings[name] = ms1(performance.now() - t0);
    });
    await setProgress(db, row.id, token, PROGRESS_AFTER[name], timings, warnings);
    await log(db, row.id, row.attempt, "info", `${name} completed in ${timings[name]} ms.`);
    if (pace > 0) await new Promise((r) => setTimeout(r, pace));
    return out;
  }

  const heartbeat = startHeartbeat(db, row.id, token, silenceMs);
  try {
    await log(db, row.id, row.attempt, "info", `Attempt ${row.attempt} started.`);
    const src = await stage("read_board", () => readSource(env, db, row));
    const images = (only?: ReadonlySet<ImageMime>) => (frame: Parameters<typeof readImage>[2]) => readImage(env.ARTIFACTS, row.projectId, frame, only);
    const facts: Record<string, unknown> = { frames: src.board.frames.length };

    const built = await stage("compose", async (): Promise<Uint8Array | null> => {
      if (format === "csv") {
        const text = buildCsv(src.board);
        await composing(1, 1);
        return new TextEncoder().encode(text);
      }
      if (format === "pdf") {
        const pdf = await buildPdf(src, layout, { image: images(new Set(["image/png", "image/jpeg"])), progress: composing });
        Object.assign(facts, { layout, pages: pdf.pages, images: pdf.images, sketches: pdf.sketches });
        warnings.push(...pdf.warnings);
        return pdf.bytes;
      }
      // The ZIP streams into R2 while it is built; store only completes it.
      sink = new R2Sink(env.ARTIFACTS, keys.artifact, MIME.zip);
      const zip = await buildZip(src, sink, { image: images(), progress: composing });
      facts.entries = zip.entries;
      return null;
    });
    if (!(await still())) throw new Canceled();

    const stored = await stage("store", async () => {
      written.push(keys.artifact);
      if (sink) return sink.finish();
      const bytes = built!;
      await env.ARTIFACTS.put(keys.artifact, bytes, { httpMetadata: { contentType: MIME[format] } });
      const digest = await crypto.subtle.digest("SHA-256", bytes as BufferSource);
      return { size: bytes.byteLength, sha256: [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, "0")).join("") };
    });

    await stage("manifest", async () => {
      const manifest = {
        job: row.id,
        attempt: row.attempt,
        kind: "export",
        projectId: row.projectId,
        episodeId: row.episodeId,
        format,
        seq: src.seq,
        ...facts,
        artifact: { key: keys.artifact, mime: MIME[format], size: stored.size, sha256: stored.sha256 },
        warnings,
        timings,
        createdAt: new Date().toISOString(),
      };
      await env.ARTIFACTS.put(keys.manifest, JSON.stringify(manifest, null, 2), { httpMetadata: { contentType: "application/json" } });
      written.push(keys.manifest);
    });

    // Success only once both objects are really there.
    const [a, m] = await Promise.all([env.ARTIFACTS.head(keys.artifact), env.ARTIFACTS.head(keys.manifest)]);
    if (!a || !m) throw new ExportError("The export or its manifest is missing from storage after writing.");
    const done = await guarded(db, row.id, "succeed", {
      token,
      set: { artifactKey: keys.artifact, artifactBytes: stored.size, manifestKey: keys.manifest, progress: 100, pluginTimings: timings, warnings },
    });
    if (!done) throw new Canceled();
    // From here the job is a success pointing at these files: a failing log write must not delete them.
    written.length = 0;
    try {
      for (const w of warnings) await log(db, row.id, row.attempt, "warn", w);
      await log(db, row.id, row.attempt, "info", `Succeeded: ${format.toUpperCase()} (${stored.size} bytes) and manifest stored.`);
    } catch (err) {
      console.error(JSON.stringify({ at: "export", jobId: row.id, error: `log after success failed: ${String(err)}` }));
    }
    return "done";
  } catch (err) {
    const s = sink as R2Sink | null;
    await s?.abort();
    await Promise.all(written.map((k) => env.ARTIFACTS.delete(k)));
    if (err instanceof Canceled || !(await still())) {
      const now = await getJob(db, row.id);
      const why = now?.status === "canceled" ? "the job was canceled" : "this attempt was failed for going silent";
      await log(db, row.id, row.attempt, "warn", `The attempt stopped after ${why}; its output was discarded.`);
      return "done";
    }
    const message = err instanceof ExportError ? err.message : "The export failed unexpectedly.";
    if (!(err instanceof ExportError)) console.error(JSON.stringify({ at: "export", jobId: row.id, error: String(err), stack: (err as Error)?.stack }));
    if (await guarded(db, row.id, "fail", { token, set: { error: message, pluginTimings: timings, warnings } })) {
      await log(db, row.id, row.attempt, "error", `Failed: ${message}`);
    }
    return "done";
  } finally {
    await heartbeat.stop();
  }
}
