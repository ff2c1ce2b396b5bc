// The generation pipeline a queue message runs: compose_prompt → render →
// store → manifest. Each stage reports plugin_status and a timing (ms, one
// decimal); progress rises 0 → 100; the frame card moves through its media
// states. Success is recorded only after the artifact and its manifest are
// in R2, and only by the attempt that still holds the job's token: an
// attempt that finishes after a cancel discards its output.
import { drizzle } from "drizzle-orm/d1";
import * as schema from "../db/schema";
import type { JobMedia, Revision } from "../domain/board";
import { sniffImage } from "../domain/image-sniff";
import { type FrameContext, ms1, PAID_PROVIDERS, type PluginName } from "../domain/jobs";
import type { Db, Env } from "../env";
import { sha256Hex } from "../ids";
import { roomFor } from "../rooms";
import { allowCall, recordOutcome } from "../media/breaker";
import { mediaProvider, missingConfiguration } from "../media/providers";
import { MediaError, type Rendered, type RenderInput } from "../media/provider";
import { readReferences } from "../media/references";
import { getJob, guarded, log, recordProviderRequest, setProgress, startHeartbeat } from "./store";
import { jobs as jobsTable, projectConsents, projects } from "../db/schema";
import { and, eq, inArray, sql } from "drizzle-orm";
import { overBudgetReason, pricePerImage, roundUsd } from "../domain/costs";
import type { RunJobMessage } from "../queue/messages";
import { runExport } from "../exports/run";
import { type OwnProvider, resolveProjectProviders } from "../project-providers";
import { withinBudget } from "./budget";
import { type JobsVars, jobsService, stagePaceMs } from "./service";

export type JobMessage = RunJobMessage;

/** A render job's input: its frame as it was when queued (jobs stored before `aspect` render 16:9). */
export type JobInput = FrameContext;

const RETRY_DELAYS_MS = [100, 200, 400];
/**
 * One provider call's limit. The heartbeat keeps a waiting attempt alive in
 * the sweep's eyes, so without a limit a provider that never answers would
 * hold the job "running" until the platform ends the invocation.
 */
export const PROVIDER_CALL_TIMEOUT_MS = 120_000;
const PROGRESS_AFTER: Record<PluginName, number> = { compose_prompt: 15, render: 70, store: 90, manifest: 100 };

export function artifactKeys(projectId: string, episodeId: string, jobId: string, attempt: number, mime: string) {
  const ext = mime === "image/svg+xml" ? "svg" : mime === "image/png" ? "png" : mime === "image/webp" ? "webp" : "jpg";
  const dir = `${projectId}/${episodeId}/${jobId}`;
  return { artifact: `${dir}/attempt-${attempt}.${ext}`, manifest: `${dir}/attempt-${attempt}.manifest.json` };
}

/** The frame's prompt with the prompts of the assets it points at, so a character looks the same in every shot. */
export function composePrompt(input: JobInput): string {
  const f = input.frame;
  const parts = [f.prompt || f.title || "storyboard frame"];
  if (f.camera) parts.push(`Camera: ${f.camera}.`);
  for (const a of input.assets) if (a.prompt) parts.push(`${a.name} (${a.kind}): ${a.prompt}.`);
  if (f.continuity.notes) parts.push(`Continuity: ${f.continuity.notes}.`);
  return parts.join(" ");
}

export async function blockedReason(
  env: Env,
  db: ReturnType<typeof drizzle<typeof schema>>,
  provider: string,
  projectId: string,
  own: OwnProvider | null = null,
): Promise<string | null> {
  const missing = missingConfiguration(env, provider, own);
  if (missing) return missing;
  if (PAID_PROVIDERS.has(provider as never)) {
    const consent = await db.select().from(projectConsents).where(eq(projectConsents.projectId, projectId)).get();
    if (!consent?.paidMedia)
      return `The project owner has not allowed paid image generation with ${provider}. An owner can allow it in the project's settings, then retry.`;
    const project = await db.select({ budgetUsd: projects.budgetUsd }).from(projects).where(eq(projects.id, projectId)).get();
    if (project?.budgetUsd !== null && project?.budgetUsd !== undefined) {
      return overBudgetReason(project.budgetUsd, await projectSpendUsd(db, projectId), pricePerImage(provider));
    }
  }
  return null;
}

/**
 * A project's spend on paid renders, as the budget counts it: the estimated
 * price (worker/domain/costs.ts) of each of its paid jobs that succeeded or
 * is running now, one image per job. Failed, canceled and blocked jobs count
 * nothing, nor do earlier attempts of a retried job. This read gives the
 * reason a person sees; the reservation itself is made when the job starts,
 * in one statement (worker/jobs/budget.ts).
 */
export async function projectSpendUsd(db: Db, projectId: string): Promise<number> {
  const rows = await db
    .select({ provider: jobsTable.provider, n: sql<number>`count(*)` })
    .from(jobsTable)
    .where(and(eq(jobsTable.projectId, projectId), inArray(jobsTable.status, ["success", "running"]), inArray(jobsTable.provider, [...PAID_PROVIDERS])))
    .groupBy(jobsTable.provider)
    .all();
  return roundUsd(rows.reduce((sum, r) => sum + Number(r.n) * pricePerImage(r.provider), 0));
}

/**
 * Runs one attempt. Stale or duplicate messages change nothing. A message
 * for an attempt that is already running is a duplicate (a re-send that
 * crossed a slow delivery): it is dropped, and the attempt is left to its
 * heartbeat and the sweep, unless it has already gone silent, in which case
 * it is failed here, on the sweep's guards, rather than a minute later.
 */
export async function processJob(env: Env & JobsVars, msg: JobMessage): Promise<"done" | "stale"> {
  const db = drizzle(env.DB, { schema });
  const jobsSvc = jobsService(env, db);
  const found = await getJob(db, msg.jobId);
  if (!found || found.attempt !== msg.attempt || found.attemptToken !== msg.token) return "stale";
  if (found.status === "running") {
    if (!jobsSvc.isStranded(found)) return "stale";
    return (await jobsSvc.failSilent(found)) ? "done" : "stale";
  }
  if (found.status !== "pending") return "stale";
  const row = found;
  // An export runs the same lifecycle with its own stages, and touches no frame card.
  if (row.kind === "export") return runExport(env, db, row, msg.token, jobsSvc.config.runningSilenceMs);
  const room = roomFor(env, row.episodeId);
  const input = row.input as unknown as JobInput;
  const frameId = row.frameId;
  const media = (m: JobMedia, revision?: Revision) => room.applyFrameMedia(frameId, m, revision).catch(() => false);
  const say = (type: "progress" | "plugin_status" | "frame" | "warning", payload: Record<string, unknown>) =>
    room.jobEvent(type, { jobId: row.id, ...payload }).catch(() => undefined);

  // The project's own image provider, its key opened (CONTRACT 14); null: the deployment's.
  const own = (await resolveProjectProviders(env, db, row.projectId)).image;
  const reason = await blockedReason(env, db, row.provider, row.projectId, own);
  if (reason) {
    if (await guarded(db, row.id, "block", { token: msg.token, set: { blockedReason: reason } })) {
      await log(db, row.id, row.attempt, "warn", `Blocked: ${reason}`);
      await media({ state: "blocked", jobId: row.id, reason });
      await say("warning", { code: "job_blocked", message: reason });
    }
    return "done";
  }
  // A paid job reserves its price in the statement that starts it (worker/jobs/budget.ts).
  const paid = PAID_PROVIDERS.has(row.provider as never);
  if (!(await guarded(db, row.id, "start", { token: msg.token, ...(paid ? { when: withinBudget(row.projectId, row.provider) } : {}) }))) {
    const now = paid ? await getJob(db, row.id) : null;
    if (now?.status !== "pending" || now.attemptToken !== msg.token) return "stale";
    // Still this pending attempt, so the budget refused it: jobs started beside it took the rest.
    const over =
      (await blockedReason(env, db, row.provider, row.projectId)) ??
      "This render would go over the project's budget. An owner can raise the budget in the project's settings, then retry.";
    if (await guarded(db, row.id, "block", { token: msg.token, set: { blockedReason: over } })) {
      await log(db, row.id, row.attempt, "warn", `Blocked: ${over}`);
      await media({ state: "blocked", jobId: row.id, reason: over });
      await say("warning", { code: "job_blocked", message: over });
    }
    return "done";
  }

  const timings: Record<string, number> = {};
  const warnings: string[] = [];
  // Still this attempt's job: a job failed as silent and retried is running again, but under a newer token.
  const still = async () => {
    const now = await getJob(db, row.id);
    return now?.status === "running" && now.attemptToken === msg.token;
  };
  const pace = stagePaceMs(env);

  async function stage<T>(name: PluginName, fn: () => Promise<T>): Promise<T> {
    await say("plugin_status", { plugin: name, status: "started" });
    const t0 = performance.now();
    try {
      const out = await fn();
      timings[name] = ms1(performance.now() - t0);
      await say("plugin_status", { plugin: name, status: "completed", timing_ms: timings[name] });
      await setProgress(db, row.id, msg.token, PROGRESS_AFTER[name], timings, warnings);
      await say("progress", { frameId, progress: PROGRESS_AFTER[name] });
      await log(db, row.id, row.attempt, "info", `${name} completed in ${timings[name]} ms.`);
      if (pace > 0) await new Promise((r) => setTimeout(r, pace));
      return out;
    } catch (err) {
      timings[name] = ms1(performance.now() - t0);
      await say("plugin_status", { plugin: name, status: "failed", timing_ms: timings[name] });
      throw err;
    }
  }

  const heartbeat = startHeartbeat(db, row.id, msg.token, jobsSvc.config.runningSilenceMs);

  let written: string[] = [];
  try {
    await log(db, row.id, row.attempt, "info", `Attempt ${row.attempt} started.`);
    await media({ state: "running", jobId: row.id });
    await say("progress", { frameId, progress: 0 });
    const prompt = await stage("compose_prompt", async () => composePrompt(input));
    const provider = mediaProvider(env, row.provider, own);
    const renderInput: RenderInput = { prompt, frame: input.frame, shot: input.shot, assets: input.assets, aspect: input.aspect };
    const rendered = await stage("render", async (): Promise<Rendered> => {
      // The assets' reference pictures, for a provider that takes them (CONTRACT 12); the sketch never reads them.
      if (provider.acceptsReferences && input.references?.length) {
        const refs = await readReferences(env.ARTIFACTS, row.projectId, input.references);
        if (refs.images.length) renderInput.references = refs.images;
        for (const why of refs.skipped) {
          warnings.push(why);
          await log(db, row.id, row.attempt, "warn", why);
        }
      }
      for (let attempt = 0; ; attempt++) {
        const t0 = performance.now();
        if (!(await allowCall(db, provider.name))) {
          await recordProviderRequest(db, {
            jobId: row.id,
            attempt: row.attempt,
            provider: provider.name,
            model: provider.model,
            try: attempt + 1,
            outcome: "short_circuited",
            durationMs: 0,
            httpStatus: null,
            request: provider.describe(renderInput),
            error: "circuit breaker open",
          });
          throw new MediaError(`The ${provider.name} provider is failing; calls are paused for a moment.`, true);
        }
        const signal = AbortSignal.timeout(PROVIDER_CALL_TIMEOUT_MS);
        try {
          const out = await provider.render(renderInput, signal);
          await recordProviderRequest(db, {
            jobId: row.id,
            attempt: row.attempt,
            provider: provider.name,
            model: provider.model,
            try: attempt + 1,
            outcome: "ok",
            durationMs: ms1(performance.now() - t0),
            httpStatus: 200,
            request: provider.describe(renderInput),
            error: null,
          });
          await recordOutcome(db, provider.name, true);
          return out;
        } catch (err) {
          const e = signal.aborted
            ? new MediaError(`The ${provider.name} provider did not answer within ${PROVIDER_CALL_TIMEOUT_MS / 1000} s.`, true)
            : err instanceof MediaError
              ? err
              : new MediaError("The provider call failed.", true);
          await recordProviderRequest(db, {
            jobId: row.id,
            attempt: row.attempt,
            provider: provider.name,
            model: provider.model,
            try: attempt + 1,
            outcome: "error",
            durationMs: ms1(performance.now() - t0),
            httpStatus: e.httpStatus ?? null,
            request: provider.describe(renderInput),
            error: e.message,
          });
          await recordOutcome(db, provider.name, false);
          const delay = RETRY_DELAYS_MS[attempt];
          if (!e.retryable || delay === undefined) throw e;
          warnings.push(`${provider.name} call ${attempt + 1} failed (${e.message}); retrying in ${delay} ms.`);
          await log(db, row.id, row.attempt, "warn", warnings.at(-1)!);
          await new Promise((r) => setTimeout(r, delay));
        }
      }
    });
    if (!(await still())) throw new Canceled();
    const picture = checkedRender(provider.name, rendered);
    const keys = artifactKeys(row.projectId, row.episodeId, row.id, row.attempt, picture.mime);
    const checksum = await stage("store", async () => {
      await env.ARTIFACTS.put(keys.artifact, picture.bytes, { httpMetadata: { contentType: picture.mime } });
      written = [keys.artifact];
      const digest = await crypto.subtle.digest("SHA-256", picture.bytes as BufferSource);
      return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, "0")).join("");
    });
    await stage("manifest", async () => {
      const manifest = {
        job: row.id,
        attempt: row.attempt,
        projectId: row.projectId,
        episodeId: row.episodeId,
        frame: input.frame,
        shot: input.shot,
        assets: input.assets,
        provider: provider.name,
        model: provider.model,
        promptHash: await sha256Hex(prompt),
        artifact: {
          key: keys.artifact,
          mime: picture.mime,
          size: picture.bytes.byteLength,
          width: picture.width,
          height: picture.height,
          sha256: checksum,
        },
        timings,
        createdAt: new Date().toISOString(),
      };
      await env.ARTIFACTS.put(keys.manifest, JSON.stringify(manifest, null, 2), { httpMetadata: { contentType: "application/json" } });
      written.push(keys.manifest);
    });
    // Success only once both objects are really there.
    const [a, m] = await Promise.all([env.ARTIFACTS.head(keys.artifact), env.ARTIFACTS.head(keys.manifest)]);
    if (!a || !m) throw new MediaError("The artifact or its manifest is missing from storage after writing.", true);
    const done = await guarded(db, row.id, "succeed", {
      token: msg.token,
      set: { artifactKey: keys.artifact, manifestKey: keys.manifest, progress: 100, pluginTimings: timings, warnings },
    });
    if (!done) throw new Canceled();
    await log(db, row.id, row.attempt, "info", "Succeeded: artifact and manifest stored.");
    const url = `/api/v1/artifacts/${keys.artifact}`;
    await media(
      { state: "ready", jobId: row.id },
      {
        id: `rv_${row.id}_${row.attempt}`,
        kind: "render",
        url,
        mime: picture.mime as Revision["mime"],
        width: picture.width,
        height: picture.height,
        by: await madeBy(db, row.createdBy),
        at: new Date().toISOString(),
        jobId: row.id,
        provider: provider.name,
        basis: input.basis ?? "",
        ...(picture.alt ? { alt: picture.alt.slice(0, 2000) } : {}),
      },
    );
    await say("frame", { frameId, preview: { url, mime: picture.mime } });
    return "done";
  } catch (err) {
    if (err instanceof Canceled || !(await still())) {
      // Canceled, or failed as silent by the sweep, while running: whatever
      // this attempt wrote is not published.
      await Promise.all(written.map((k) => env.ARTIFACTS.delete(k)));
      const now = await getJob(db, row.id);
      const why = now?.status === "canceled" ? "the job was canceled" : "this attempt was failed for going silent";
      await log(db, row.id, row.attempt, "warn", `The attempt finished after ${why}; its output was discarded.`);
      return "done";
    }
    const message = err instanceof MediaError ? err.message : "The generation failed unexpectedly.";
    if (!(err instanceof MediaError)) console.error(JSON.stringify({ at: "pipeline", jobId: row.id, error: String(err) }));
    await Promise.all(written.map((k) => env.ARTIFACTS.delete(k)));
    if (await guarded(db, row.id, "fail", { token: msg.token, set: { error: message, pluginTimings: timings, warnings } })) {
      await log(db, row.id, row.attempt, "error", `Failed: ${message}`);
      await media({ state: "failed", jobId: row.id, reason: message });
      await say("warning", { code: "job_failed", message });
    }
    return "done";
  } finally {
    await heartbeat.stop();
  }
}

class Canceled extends Error {}

/**
 * A raster render is what its bytes say it is (CONTRACT 12): its type and
 * size are read from the image's own header, not taken from the provider's
 * word, so the file is stored and served with the type it really has. Bytes
 * that are not a PNG, JPEG or WebP fail the job. The sketch's SVG is ours.
 */
function checkedRender(provider: string, out: Rendered): Rendered {
  if (out.mime === "image/svg+xml") return out;
  const found = sniffImage(out.bytes);
  if (!found.ok || found.width === 0 || found.height === 0)
    throw new MediaError(`The ${provider} provider returned a file that is not a PNG, JPEG or WebP image.`, false);
  return { ...out, mime: found.mime, width: found.width, height: found.height };
}

/** Who a render is credited to: the person who asked for it, by name. */
async function madeBy(db: Db, userId: string): Promise<Revision["by"]> {
  const user = await db.query.users.findFirst({ where: eq(schema.users.id, userId), columns: { name: true } }).catch(() => undefined);
  return { type: "user", id: userId, name: (user?.name ?? "A former member").slice(0, 80) };
}
