// Exports (CONTRACT 10): the request body, what a stored export job says about
// itself, and the episode's list of exports, shared by the worker's routes and
// the SPA's client so the two parse the same shapes.
import { z } from "zod";
import { Job, JobStatus } from "./jobs";

export const ExportFormat = z.enum(["pdf", "csv", "zip"]);
export type ExportFormat = z.infer<typeof ExportFormat>;

/** Panels per PDF page. */
export const ExportLayout = z.union([z.literal(1), z.literal(3), z.literal(6)]);
export type ExportLayout = z.infer<typeof ExportLayout>;
export const DEFAULT_LAYOUT: ExportLayout = 3;

export const ExportBody = z.strictObject({
  format: ExportFormat,
  layout: ExportLayout.optional(),
});
export type ExportBody = z.infer<typeof ExportBody>;

/**
 * Per episode, at most this many exports run at once and this many more
 * wait; past that a request is refused (429). Each running PDF or ZIP holds
 * its board and one image at a time, so two bound an episode's share of a
 * consumer's memory (docs/decisions.md, "Exports").
 */
export const EXPORT_LIMITS = { running: 2, waiting: 10 } as const;
/** Seconds a waiting export's message is delayed before it asks again for one of the running places. */
export const EXPORT_WAIT_SECONDS = 3;
export const exportsFullMessage = () =>
  `This episode already has ${EXPORT_LIMITS.running} exports running and ${EXPORT_LIMITS.waiting} more waiting, the most it may have. Try again when one of them has finished.`;

export const MIME: Record<ExportFormat, string> = {
  pdf: "application/pdf",
  csv: "text/csv; charset=utf-8",
  zip: "application/zip",
};

/** One export as the episode's list shows it: the job, and where to download the file once it is ready. */
export const ExportItem = z.object({
  id: z.string(),
  format: ExportFormat,
  /** Panels per page; null for the formats that have no pages. */
  layout: ExportLayout.nullable(),
  status: JobStatus,
  progress: z.number().int().min(0).max(100),
  attempt: z.number().int().positive(),
  error: z.string().nullable(),
  /** `/api/v1/artifacts/…`, members only; null until the export succeeded. */
  downloadUrl: z.string().nullable(),
  /** Bytes of the file, when it is ready. */
  size: z.number().int().nonnegative().nullable(),
  createdBy: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type ExportItem = z.infer<typeof ExportItem>;

export const ExportsRes = z.object({ exports: z.array(ExportItem) });
export type ExportsRes = z.infer<typeof ExportsRes>;

export const CreateExportRes = z.object({ job: Job });
export type CreateExportRes = z.infer<typeof CreateExportRes>;

/** Whether the list still has work under way, so a page knows to keep polling. */
export const inFlight = (items: readonly Pick<ExportItem, "status">[]) => items.some((e) => e.status === "pending" || e.status === "running");

/** The file name a download is saved under: the episode's title made safe, the job's short id, the format. */
export function exportFileName(title: string, jobId: string, format: ExportFormat): string {
  const base =
    title
      .normalize("NFKD")
      .replace(/[^\w\s-]/g, "")
      .trim()
      .replace(/\s+/g, "-")
      .slice(0, 60)
      .toLowerCase() || "episode";
  return `${base}-${jobId.slice(-6)}.${format}`;
}

/** "PDF, 3 a page", "Shot list (CSV)", "Images (ZIP)": how a list names an export. */
export function exportLabel(e: Pick<ExportItem, "format" | "layout">): string {
  if (e.format === "pdf") return `PDF, ${e.layout ?? DEFAULT_LAYOUT} a page`;
  return e.format === "csv" ? "Shot list (CSV)" : "Images (ZIP)";
}

export const EXPORT_STATUS_LABEL: Record<ExportItem["status"], string> = {
  pending: "Queued",
  running: "Exporting",
  success: "Ready",
  failure: "Failed",
  blocked: "Blocked",
  canceled: "Canceled",
};

/** 950 B, 12 KB, 3.4 MB: a file's size the way a download link says it. */
export function formatBytes(n: number): string {
  if (n < 1000) return `${n} B`;
  if (n < 1_000_000) return `${Math.round(n / 1000)} KB`;
  return `${(n / 1_000_000).toFixed(n < 10_000_000 ? 1 : 0)} MB`;
}

/** An export just created, as the list shows it until the next read. */
export function pendingItem(job: Job): ExportItem | null {
  if (job.kind !== "export" || !job.export) return null;
  return {
    id: job.id,
    format: job.export.format,
    layout: job.export.format === "pdf" ? (ExportLayout.safeParse(job.export.layout).data ?? DEFAULT_LAYOUT) : null,
    status: job.status,
    progress: job.progress,
    attempt: job.attempt,
    error: job.error,
    downloadUrl: null,
    size: null,
    createdBy: job.createdBy,
    createdAt: job.createdAt,
    updatedAt: job.updatedAt,
  };
}
