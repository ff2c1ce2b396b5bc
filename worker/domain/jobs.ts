// Media jobs (CONTRACT 7): the lifecycle as a pure state machine with
// guarded transitions, and the shapes the API and the SPA share.
import { z } from "zod";
import type { Aspect, Asset, Frame } from "./board";

export const JobStatus = z.enum(["pending", "running", "success", "failure", "blocked", "canceled"]);
export type JobStatus = z.infer<typeof JobStatus>;

export const JobAction = z.enum(["start", "succeed", "fail", "block", "cancel", "retry"]);
export type JobAction = z.infer<typeof JobAction>;

/**
 * Every allowed (status, action) pair and where it leads. Anything absent is
 * refused. Cancel is final: nothing leaves `canceled`, and a running attempt
 * that finishes after a cancel finds no `succeed` from there.
 */
const TRANSITIONS: Record<JobStatus, Partial<Record<JobAction, JobStatus>>> = {
  pending: { start: "running", block: "blocked", cancel: "canceled" },
  running: { succeed: "success", fail: "failure", block: "blocked", cancel: "canceled" },
  success: {},
  failure: { retry: "pending" },
  blocked: { retry: "pending", cancel: "canceled" },
  canceled: {},
};

export function transition(status: JobStatus, action: JobAction): JobStatus | null {
  return TRANSITIONS[status][action] ?? null;
}

export const TERMINAL: ReadonlySet<JobStatus> = new Set(["success", "failure", "blocked", "canceled"]);

export const MediaProviderName = z.enum(["sketch", "openai", "workers-ai"]);
export type MediaProviderName = z.infer<typeof MediaProviderName>;
/** Providers that cost money per call: the project owner must consent first. */
export const PAID_PROVIDERS: ReadonlySet<MediaProviderName> = new Set(["openai", "workers-ai"]);

export const PLUGINS = ["compose_prompt", "render", "store", "manifest"] as const;
/** An export's stages (CONTRACT 10): read the board from its room, build the file page by page or frame by frame, store it, write its manifest. */
export const EXPORT_PLUGINS = ["read_board", "compose", "store", "manifest"] as const;
export type PluginName = (typeof PLUGINS)[number];
export type ExportPluginName = (typeof EXPORT_PLUGINS)[number];

/**
 * What a job makes: one frame's media (`render`) or a file of the whole
 * episode (`export`, CONTRACT 10). An export touches no frame: its `frameId`
 * is the empty string, and its `provider` is `sketch`, the offline painter it
 * draws frames without images with (docs/decisions.md, "Exports are jobs").
 */
export const JobKind = z.enum(["render", "export"]);
export type JobKind = z.infer<typeof JobKind>;
export const NO_FRAME = "";

export const GenerateBody = z.object({
  provider: MediaProviderName.optional(),
  idempotencyKey: z.string().min(1).max(100).optional(),
});

export const Job = z.object({
  id: z.string(),
  projectId: z.string(),
  episodeId: z.string(),
  frameId: z.string(),
  kind: JobKind.default("render"),
  /** An export's format and panels per page; null on a render. */
  export: z
    .object({ format: z.enum(["pdf", "csv", "zip"]), layout: z.number().int().nullable() })
    .nullable()
    .default(null),
  provider: MediaProviderName,
  status: JobStatus,
  attempt: z.number().int().positive(),
  progress: z.number().int().min(0).max(100),
  blockedReason: z.string().nullable(),
  error: z.string().nullable(),
  artifactUrl: z.string().nullable(),
  parentJobId: z.string().nullable(),
  deadLettered: z.boolean(),
  createdBy: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Job = z.infer<typeof Job>;

export const JobLog = z.object({ at: z.string(), attempt: z.number(), level: z.enum(["info", "warn", "error"]), message: z.string() });
export type JobLog = z.infer<typeof JobLog>;

export const ProviderRequest = z.object({
  at: z.string(),
  attempt: z.number(),
  provider: z.string(),
  model: z.string(),
  try: z.number(),
  outcome: z.enum(["ok", "error", "short_circuited"]),
  durationMs: z.number(),
  httpStatus: z.number().nullable(),
  request: z.record(z.string(), z.unknown()),
  error: z.string().nullable(),
});
export type ProviderRequest = z.infer<typeof ProviderRequest>;

export const ExtendedJob = z.object({
  job: Job,
  progress: z.number(),
  plugin_timings: z.record(z.string(), z.number()),
  warnings: z.array(z.string()),
  logs: z.array(JobLog),
  provider_requests: z.array(ProviderRequest),
  manifest: z.record(z.string(), z.unknown()).nullable(),
  attempts: z.array(
    z.object({ attempt: z.number(), status: z.string(), startedAt: z.string().nullable(), finishedAt: z.string().nullable(), error: z.string().nullable() }),
  ),
});
export type ExtendedJob = z.infer<typeof ExtendedJob>;

/** Timings are reported in ms with one decimal. */
export const ms1 = (ms: number) => Math.round(ms * 10) / 10;

/** A reference picture of one of the frame's assets, sent to providers that take reference images (CONTRACT 12). */
export interface ReferencePicture {
  assetId: string;
  name: string;
  url: string;
  mime: string;
}

/**
 * What a render job snapshots of its frame when it is made, and renders
 * from: the frame (without its pictures), its shot label, its assets, the
 * aspect ratio, the picture basis it will carry, and its assets' reference
 * pictures. Jobs stored before a field existed lack it.
 */
export interface FrameContext {
  frame: Frame;
  shot: string;
  assets: Asset[];
  aspect?: Aspect;
  basis?: string;
  references?: ReferencePicture[];
}
