// Jobs (CONTRACT 2 and 7): list, read, extended read, cancel, retry, replay
// (the transitions through the one jobs service), and the authenticated
// artifact route. A job is visible to members of its project;
// to anyone else it does not exist (404).
import { Hono } from "hono";
import { z } from "zod";
import { membership, projectsOf, requireRole } from "../access";
import { recordAudit } from "../audit";
import { currentUser, requireUser } from "../auth/session";
import { EntityId } from "../domain/api";
import { type ExtendedJob, JobStatus } from "../domain/jobs";
import type { JobsPage } from "../domain/ops";
import type { AppEnv } from "../env";
import { artifactResponse } from "../http/artifact";
import { conflict, invalid, notFound } from "../http/errors";
import { exportsFull } from "./exports";
import { validate } from "../http/validate";
import { jobsService } from "../jobs/service";
import { getJob, jobDetails, type JobRow, listJobs, toJob } from "../jobs/store";
import { resolveNames } from "../ops/names";
import type { Context } from "hono";

const PAGE = 50;
const JobParam = z.object({ jobId: EntityId });
const ListQuery = z.object({
  project: EntityId.optional(),
  episode: EntityId.optional(),
  status: JobStatus.optional(),
  provider: z.enum(["sketch", "openai", "workers-ai"]).optional(),
  from: z.iso.datetime().optional(),
  to: z.iso.datetime().optional(),
  cursor: z.string().max(200).optional(),
});

const encodeCursor = (row: JobRow) => btoa(`${row.createdAt}|${row.id}`).replace(/=+$/, "");
function decodeCursor(cursor: string): { createdAt: string; id: string } {
  try {
    const [createdAt, id] = atob(cursor).split("|");
    if (createdAt && id) return { createdAt, id };
  } catch {
    // fall through
  }
  throw invalid("cursor is not one this server gave out.");
}

/** The job, if the caller is a member of its project with at least `needed`. */
async function visibleJob(c: Context<AppEnv>, jobId: string, needed: "viewer" | "editor" = "viewer") {
  const row = await getJob(c.var.db, jobId);
  if (!row) throw notFound("That job");
  const m = await membership(c.var.db, row.projectId, currentUser(c).id);
  if (!m) throw notFound("That job");
  if (needed === "editor") await requireRole(c, row.projectId, "editor");
  return row;
}

export const jobRoutes = new Hono<AppEnv>()
  .use(requireUser)
  .get("/", validate("query", ListQuery), async (c) => {
    const q = c.req.valid("query");
    const user = currentUser(c);
    if (q.project) await requireRole(c, q.project, "viewer");
    const rows = await listJobs(c.var.db, {
      scope: q.project ? { projectId: q.project } : { projects: await projectsOf(c.var.db, user.id) },
      episodeId: q.episode,
      status: q.status,
      provider: q.provider,
      from: q.from,
      to: q.to,
      cursor: q.cursor ? decodeCursor(q.cursor) : undefined,
      limit: PAGE + 1,
    });
    const page = rows.slice(0, PAGE);
    const names = await resolveNames(c.var.db, { jobs: page.map((r) => r.id) });
    const body: JobsPage = {
      jobs: page.map((r) => ({
        ...toJob(r),
        names: names.job(r.id) ?? { projectName: null, episodeTitle: null, shot: null, frameTitle: null, createdByName: null },
      })),
      nextCursor: rows.length > PAGE ? encodeCursor(page.at(-1)!) : null,
    };
    return c.json(body);
  })
  .get("/:jobId", validate("param", JobParam), async (c) => {
    const row = await visibleJob(c, c.req.valid("param").jobId);
    return c.json({ job: toJob(row) });
  })
  .get("/:jobId/extended", validate("param", JobParam), async (c) => {
    const row = await visibleJob(c, c.req.valid("param").jobId);
    const { logs, requests, attempts } = await jobDetails(c.var.db, row.id);
    let manifest: Record<string, unknown> | null = null;
    if (row.manifestKey) {
      const obj = await c.env.ARTIFACTS.get(row.manifestKey);
      if (obj) manifest = (await obj.json()) as Record<string, unknown>;
    }
    const body: ExtendedJob = {
      job: toJob(row),
      progress: row.progress,
      plugin_timings: row.pluginTimings,
      warnings: row.warnings,
      logs: logs.map((l) => ({ at: l.at, attempt: l.attempt, level: l.level as "info" | "warn" | "error", message: l.message })),
      provider_requests: requests.map((r) => ({
        at: r.at,
        attempt: r.attempt,
        provider: r.provider,
        model: r.model,
        try: r.try,
        outcome: r.outcome as "ok" | "error" | "short_circuited",
        durationMs: r.durationMs,
        httpStatus: r.httpStatus,
        request: r.request,
        error: r.error,
      })),
      manifest,
      attempts: attempts.map((a) => ({ attempt: a.attempt, status: a.status, startedAt: a.startedAt, finishedAt: a.finishedAt, error: a.error })),
    };
    return c.json(body);
  })
  .post("/:jobId/cancel", validate("param", JobParam), async (c) => {
    const row = await visibleJob(c, c.req.valid("param").jobId, "editor");
    const out = await jobsService(c.env, c.var.db).cancel(row.id);
    if (!out.ok) throw conflict(`A ${out.row?.status ?? row.status} job cannot be canceled.`);
    await recordAudit(c, { action: "job.cancel", target: `job:${row.id}`, projectId: row.projectId, verdict: "allowed" });
    return c.json({ job: toJob(out.row) });
  })
  .post("/:jobId/replay", validate("param", JobParam), async (c) => {
    const row = await visibleJob(c, c.req.valid("param").jobId, "editor");
    const out = await jobsService(c.env, c.var.db).replay(row.id, currentUser(c).id);
    if (!out.ok && out.full) throw exportsFull();
    if (!out.ok) throw conflict(`A ${out.row?.status ?? row.status} job has not finished; replay runs finished jobs.`);
    await recordAudit(c, { action: "job.replay", target: `job:${out.row.id}`, projectId: row.projectId, verdict: "allowed", details: { replayOf: row.id } });
    return c.json({ job: toJob(out.row) }, 202);
  })
  .post("/:jobId/retry", validate("param", JobParam), async (c) => {
    const row = await visibleJob(c, c.req.valid("param").jobId, "editor");
    const out = await jobsService(c.env, c.var.db).retry(row.id);
    if (!out.ok) throw conflict(retryRefusal(out.row ?? row));
    await recordAudit(c, { action: "job.retry", target: `job:${row.id}`, projectId: row.projectId, verdict: "allowed", details: { attempt: out.row.attempt } });
    return c.json({ job: toJob(out.row) });
  });

/** Why a retry was refused, in words a person can act on. */
function retryRefusal(row: JobRow): string {
  if (row.status === "canceled") return "A canceled job cannot be retried: cancel is final.";
  if (row.status === "pending") return "This job is queued and has not been waiting long enough to count as lost; it can be retried once it has.";
  if (row.status === "running") return "This job's attempt is running and still reporting; it can be retried if it stops.";
  return `A ${row.status} job cannot be retried.`;
}

// Artifact keys are <projectId>/<episodeId>/<jobId>/<file>, built by the
// pipeline from validated ids, or <projectId>/<episodeId>/pictures/<revisionId>.<ext>,
// built by the upload route; anything else (a drawing's strokes included,
// which have a route of their own) is refused before R2 is asked.
const ID = "[A-Za-z0-9_-]{10,36}";
const ArtifactKey = z
  .string()
  .regex(new RegExp(`^prj_${ID}/ep_${ID}/(?:job_${ID}/attempt-\\d+\\.(?:svg|png|jpg|webp|pdf|csv|zip|manifest\\.json)|pictures/rv_${ID}\\.(?:png|jpg|webp))$`));

export const artifactRoutes = new Hono<AppEnv>().use(requireUser).get("/*", async (c) => {
  let key: string;
  try {
    key = decodeURIComponent(c.req.path.replace(/^\/api\/v1\/artifacts\//, ""));
  } catch {
    throw notFound("That artifact");
  }
  if (!ArtifactKey.safeParse(key).success) throw notFound("That artifact");
  const projectId = key.split("/")[0]!;
  if (!(await membership(c.var.db, projectId, currentUser(c).id))) throw notFound("That artifact");
  const obj = await c.env.ARTIFACTS.get(key);
  if (!obj) throw notFound("That artifact");
  return artifactResponse(obj, key);
});
