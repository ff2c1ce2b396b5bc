// Exports of an episode (CONTRACT 2 and 10): editors start one (a job of kind
// "export" on the jobs runtime), members list them newest first with a
// download URL once ready. The file itself is served by the artifact route,
// to members of the project only.
import { Hono } from "hono";
import { z } from "zod";
import { requireEpisode, requireRole } from "../access";
import { recordAudit } from "../audit";
import { currentUser, requireUser } from "../auth/session";
import { EntityId } from "../domain/api";
import { type CreateExportRes, DEFAULT_LAYOUT, ExportBody, type ExportItem, ExportLayout, type ExportsRes, exportsFullMessage } from "../domain/exports";
import type { AppEnv } from "../env";
import { ApiError } from "../http/errors";
import { validate } from "../http/validate";
import { jobsService } from "../jobs/service";
import { type JobRow, listJobs } from "../jobs/store";

const EpisodeParam = z.object({ projectId: EntityId, episodeId: EntityId });
/** The newest exports an episode lists; older ones stay reachable as jobs. */
export const EXPORTS_LISTED = 50;

/** Seconds a refused export is told to wait: about as long as a small export takes. */
const FULL_RETRY_AFTER_S = 10;
/** 429: the episode already has as many exports running and waiting as it may (EXPORT_LIMITS). */
export const exportsFull = () => new ApiError(429, "rate_limited", exportsFullMessage(), undefined, { "Retry-After": String(FULL_RETRY_AFTER_S) });

export function toExportItem(row: JobRow): ExportItem | null {
  if (row.kind !== "export" || !row.exportFormat) return null;
  const ready = row.status === "success" && row.artifactKey;
  return {
    id: row.id,
    format: row.exportFormat,
    layout: row.exportFormat === "pdf" ? (ExportLayout.safeParse(row.exportLayout).data ?? DEFAULT_LAYOUT) : null,
    status: row.status as ExportItem["status"],
    progress: row.progress,
    attempt: row.attempt,
    error: row.error ?? row.blockedReason,
    downloadUrl: ready ? `/api/v1/artifacts/${row.artifactKey}` : null,
    size: ready ? row.artifactBytes : null,
    createdBy: row.createdBy,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

export const exportRoutes = new Hono<AppEnv>()
  .use(requireUser)
  .post("/", validate("param", EpisodeParam), validate("json", ExportBody), async (c) => {
    const { projectId, episodeId } = c.req.valid("param");
    const { format, layout } = c.req.valid("json");
    await requireRole(c, projectId, "editor");
    await requireEpisode(c.var.db, projectId, episodeId);
    const job = await jobsService(c.env, c.var.db).createExport({
      projectId,
      episodeId,
      format,
      layout: layout ?? DEFAULT_LAYOUT,
      createdBy: currentUser(c).id,
    });
    if (!job) throw exportsFull();
    await recordAudit(c, {
      action: "export.create",
      target: `job:${job.id}`,
      projectId,
      verdict: "allowed",
      details: { episodeId, format, layout: job.export?.layout ?? null },
    });
    const body: CreateExportRes = { job };
    return c.json(body, 202);
  })
  .get("/", validate("param", EpisodeParam), async (c) => {
    const { projectId, episodeId } = c.req.valid("param");
    await requireRole(c, projectId, "viewer");
    await requireEpisode(c.var.db, projectId, episodeId);
    const rows = await listJobs(c.var.db, { scope: { projectId }, episodeId, kind: "export", limit: EXPORTS_LISTED });
    const body: ExportsRes = { exports: rows.map(toExportItem).filter((e): e is ExportItem => e !== null) };
    return c.json(body);
  });
