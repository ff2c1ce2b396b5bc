// The operations console's wire shapes (CONTRACT 2 /metrics, /audit,
// /providers, /jobs and the saved views), shared by the worker's routes and
// the SPA's client, and the pure wording that turns ids into names.
import { z } from "zod";
import { EntityId } from "./api";
import { Job, JobStatus, MediaProviderName } from "./jobs";
import { ExportFormat } from "./exports";

export const Metrics = z.object({
  at: z.string(),
  jobsByStatus: z.record(z.string(), z.number()),
  latencyMs: z.object({ mean: z.number().nullable(), p95: z.number().nullable(), samples: z.number() }),
  successRate: z.number().nullable(),
  activeWorkers: z.number(),
  /** Agent runs in scope: running now (pending, streaming or stopping), started in the last hour, and ever. */
  agentRuns: z.object({ active: z.number(), lastHour: z.number(), total: z.number() }),
  openSockets: z.number(),
  errorRate: z.number().nullable(),
  series: z.array(z.object({ minute: z.string(), succeeded: z.number(), failed: z.number(), meanLatencyMs: z.number().nullable() })),
});
export type Metrics = z.infer<typeof Metrics>;

/**
 * What a job is about, in words: null where the thing is gone or was never
 * recorded (a job made before its input carried a shot label).
 */
export const JobNames = z.object({
  projectName: z.string().nullable(),
  episodeTitle: z.string().nullable(),
  shot: z.string().nullable(),
  frameTitle: z.string().nullable(),
  createdByName: z.string().nullable(),
  /** An export's file format: such a job renders no shot, and is named by its kind and episode. Absent on renders. */
  exportFormat: ExportFormat.nullable().optional(),
});
export type JobNames = z.infer<typeof JobNames>;

/** A job as the jobs list sends it: the contract's fields and their names. */
export const NamedJob = Job.extend({ names: JobNames });
export type NamedJob = z.infer<typeof NamedJob>;
export const JobsPage = z.object({ jobs: z.array(NamedJob), nextCursor: z.string().nullable() });
export type JobsPage = z.infer<typeof JobsPage>;

export const AuditEntry = z.object({
  id: z.number(),
  at: z.string(),
  actor: z.string(),
  action: z.string(),
  target: z.string(),
  verdict: z.string(),
  requestId: z.string(),
  details: z.record(z.string(), z.unknown()).nullable(),
  /** The actor's display name; null for "anonymous" and for accounts that are gone. */
  actorName: z.string().nullable(),
  /** The target in words ("Night shift · Pilot · Shot 3 — The ritual", a person's name), or null when it has no name. */
  targetLabel: z.string().nullable(),
  /** Set when the target is a job, so the console can offer to replay it. */
  targetJobId: z.string().nullable(),
});
export type AuditEntry = z.infer<typeof AuditEntry>;
export const AuditPage = z.object({ entries: z.array(AuditEntry), nextCursor: z.number().nullable() });
export type AuditPage = z.infer<typeof AuditPage>;

export const ProviderBreaker = z.object({
  name: MediaProviderName,
  // "closed", "open" or "half_open" (worker/media/breaker.ts).
  state: z.string(),
  consecutiveFailures: z.number(),
  recentFailures: z.number(),
  openedAt: z.string().nullable(),
  nextProbeAt: z.string().nullable(),
});
export type ProviderBreaker = z.infer<typeof ProviderBreaker>;
export const ProvidersRes = z.object({ providers: z.array(ProviderBreaker) });

// ---- saved views ----

/** "Created in the last N hours" choices of the jobs list. */
export const SinceHours = z.enum(["1", "24", "168"]);
export type SinceHours = z.infer<typeof SinceHours>;

export const JobsFilters = z.strictObject({
  project: EntityId.optional(),
  status: JobStatus.optional(),
  provider: MediaProviderName.optional(),
  since: SinceHours.optional(),
});
export type JobsFilters = z.infer<typeof JobsFilters>;

export const AuditFilters = z.strictObject({
  project: EntityId.optional(),
  action: z.string().trim().max(60).optional(),
  actor: z.string().trim().max(60).optional(),
});
export type AuditFilters = z.infer<typeof AuditFilters>;

const ViewName = z.string().trim().min(1, "Give the view a name.").max(80, "A view's name can be at most 80 characters.");

export const SaveViewBody = z.discriminatedUnion("kind", [
  z.strictObject({ kind: z.literal("jobs"), name: ViewName, filters: JobsFilters }),
  z.strictObject({ kind: z.literal("audit"), name: ViewName, filters: AuditFilters }),
]);
export type SaveViewBody = z.infer<typeof SaveViewBody>;

export const ViewKind = z.enum(["jobs", "audit"]);
export type ViewKind = z.infer<typeof ViewKind>;

export const SavedView = z.discriminatedUnion("kind", [
  z.object({ id: z.string(), kind: z.literal("jobs"), name: z.string(), filters: JobsFilters, createdAt: z.string() }),
  z.object({ id: z.string(), kind: z.literal("audit"), name: z.string(), filters: AuditFilters, createdAt: z.string() }),
]);
export type SavedView = z.infer<typeof SavedView>;
export const SavedViews = z.object({ views: z.array(SavedView) });

/** How many views one person may keep of each kind. */
export const MAX_VIEWS_PER_KIND = 50;

// ---- wording ----

/** "Shot 3 — The ritual", "Shot 3", "The ritual", or a plain fallback. */
export function shotName(names: Pick<JobNames, "shot" | "frameTitle">): string {
  const title = names.frameTitle?.trim();
  if (names.shot) return title ? `Shot ${names.shot} — ${title}` : `Shot ${names.shot}`;
  return title || "an unnamed shot";
}

const EXPORT_WORDS: Record<ExportFormat, string> = { pdf: "PDF export", csv: "CSV export", zip: "ZIP export" };

/**
 * "Night shift · Pilot · Shot 3 — The ritual": where a job's image goes, as a
 * person would say it; an export is "Night shift · PDF export of Pilot".
 */
export function jobLabel(names: JobNames): string {
  const parts = names.exportFormat
    ? [names.projectName, `${EXPORT_WORDS[names.exportFormat]} of ${names.episodeTitle ?? "an episode"}`]
    : [names.projectName, names.episodeTitle, shotName(names)];
  return parts.filter((p): p is string => !!p).join(" · ");
}

/** A reviewer on the audit trail: the name they gave, and whose link they came through, made when. */
export function reviewerName(r: { name: string; linkBy: string | null; linkCreatedAt: string }): string {
  const link = `${r.linkBy ? `${r.linkBy}'s link` : "a link"} of ${r.linkCreatedAt.slice(0, 10)}`;
  return r.name.trim() ? `${r.name.trim()}, a reviewer via ${link}` : `A reviewer who gave no name, via ${link}`;
}

/** "1 running · 5 in the last hour · 12 in all" for the agent runs tile. */
export function agentRunsSummary(runs: Metrics["agentRuns"]): string {
  return `${runs.active} running · ${runs.lastHour} in the last hour · ${runs.total} in all`;
}
