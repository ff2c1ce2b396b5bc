// The SPA's one API client: typed by the shared zod schemas, every response
// parsed, every failure surfaced as an ApiFailure with the contract's code.
import { z } from "zod";
import { BoardSnapshot, Episode, ErrorBody, Health, Member, Project, ProjectWithRole, Role, User } from "../../worker/domain/api";
import { MessagesRes } from "../../worker/domain/chat";
import { HistoryPage } from "../../worker/domain/history";
import { CreateExportRes, type ExportBody, ExportsRes } from "../../worker/domain/exports";
import { ExtendedJob, Job } from "../../worker/domain/jobs";
import { ProjectSettings, type ProjectSettingsBody } from "../../worker/domain/costs";
import { StorageRes, UploadRes } from "../../worker/domain/pictures";
import { type ProviderSettingsBody, ProviderSettingsRes, type ProviderTestBody, ProviderTestRes } from "../../worker/domain/provider-settings";
import {
  type AuditFilters,
  AuditPage,
  JobsPage,
  type JobsFilters,
  Metrics,
  ProvidersRes,
  SavedView,
  SavedViews,
  type SaveViewBody,
  type ViewKind,
} from "../../worker/domain/ops";
import { CreatedReviewLink, type CreateReviewLinkBody, ReviewLinksRes, ReviewPageRes, ReviewSessionRes } from "../../worker/domain/review-links";
import { TraceRes } from "../../worker/domain/trace";

export class ApiFailure extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

/** A body sent as it is (a picture's bytes) with its own Content-Type, instead of as JSON. */
export class RawBody {
  constructor(
    readonly data: Blob,
    readonly type: string,
  ) {}
}

function encode(body: unknown): { headers: Record<string, string>; body?: BodyInit } {
  if (body === undefined) return { headers: { accept: "application/json" } };
  if (body instanceof RawBody) return { headers: { accept: "application/json", "content-type": body.type }, body: body.data };
  return { headers: { accept: "application/json", "content-type": "application/json" }, body: JSON.stringify(body) };
}

async function request<T extends z.ZodType>(schema: T, method: string, path: string, body?: unknown, signal?: AbortSignal): Promise<z.infer<T>> {
  let res: Response;
  try {
    const sent = encode(body);
    res = await fetch(path, { method, credentials: "same-origin", headers: sent.headers, body: sent.body, signal });
  } catch (err) {
    // A request the page itself abandoned is not a network failure to report.
    if (signal?.aborted) throw err;
    throw new ApiFailure(0, "network", "Can't reach Reelroom. Check your connection and try again.");
  }
  if (res.status === 204) return schema.parse(undefined);
  const json: unknown = await res.json().catch(() => null);
  if (!res.ok) {
    const parsed = ErrorBody.safeParse(json);
    if (parsed.success) throw new ApiFailure(res.status, parsed.data.error.code, parsed.data.error.message, parsed.data.error.details);
    throw new ApiFailure(res.status, "internal", `The server answered ${res.status}.`);
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) throw new ApiFailure(res.status, "bad_response", "The server sent something this page does not understand.");
  return parsed.data;
}

const Nothing = z.undefined();
const UserRes = z.object({ user: User });
/** GET /me: the contract's `{user}` and whether the operations console is open to them. */
const MeRes = z.object({ user: User, canOperate: z.boolean() });
const JobRes = z.object({ job: Job });
const enc = encodeURIComponent;

/** The jobs list's query string: its filters ("since" in hours back from now) and a page cursor. */
export function jobsQuery(f: JobsFilters, cursor?: string | null, now = Date.now()): string {
  const q = new URLSearchParams();
  if (f.status) q.set("status", f.status);
  if (f.provider) q.set("provider", f.provider);
  if (f.project) q.set("project", f.project);
  if (f.since) q.set("from", new Date(now - Number(f.since) * 3600_000).toISOString());
  if (cursor) q.set("cursor", cursor);
  return q.toString();
}

/** The audit list's query string, for the JSON page or an export. */
export function auditQuery(f: AuditFilters, extra: { cursor?: number | null; format?: "csv" | "jsonl" } = {}): string {
  const q = new URLSearchParams();
  if (f.project) q.set("project", f.project);
  if (f.action) q.set("action", f.action);
  if (f.actor) q.set("actor", f.actor);
  if (extra.cursor) q.set("cursor", String(extra.cursor));
  if (extra.format) q.set("format", extra.format);
  return q.toString();
}

export const api = {
  me: () => request(MeRes, "GET", "/api/v1/me"),
  session: () => request(z.object({ user: User.nullable() }), "GET", "/api/v1/auth/session"),
  signup: (body: { email: string; password: string; name: string }) => request(UserRes, "POST", "/api/v1/auth/signup", body),
  login: (body: { email: string; password: string }) => request(UserRes, "POST", "/api/v1/auth/login", body),
  logout: () => request(Nothing, "POST", "/api/v1/auth/logout"),
  projects: () => request(z.object({ projects: z.array(ProjectWithRole) }), "GET", "/api/v1/projects"),
  createProject: (name: string) => request(z.object({ project: Project, role: Role }), "POST", "/api/v1/projects", { name }),
  /** `agent`: whether the project's chat is answered by the offline demo agent or a model. */
  project: (id: string) =>
    request(
      z.object({ project: Project, role: Role, members: z.array(Member), agent: z.enum(["offline", "model"]) }),
      "GET",
      `/api/v1/projects/${encodeURIComponent(id)}`,
    ),
  addMember: (projectId: string, email: string, role: Role) =>
    request(z.object({ member: Member }), "POST", `/api/v1/projects/${encodeURIComponent(projectId)}/members`, { email, role }),
  removeMember: (projectId: string, userId: string) =>
    request(Nothing, "DELETE", `/api/v1/projects/${encodeURIComponent(projectId)}/members/${encodeURIComponent(userId)}`),
  episodes: (projectId: string) => request(z.object({ episodes: z.array(Episode) }), "GET", `/api/v1/projects/${encodeURIComponent(projectId)}/episodes`),
  createEpisode: (projectId: string, title: string) =>
    request(z.object({ episode: Episode }), "POST", `/api/v1/projects/${encodeURIComponent(projectId)}/episodes`, { title }),
  episode: (projectId: string, episodeId: string) =>
    request(z.object({ episode: Episode, role: Role }), "GET", `/api/v1/projects/${encodeURIComponent(projectId)}/episodes/${encodeURIComponent(episodeId)}`),
  board: (projectId: string, episodeId: string) =>
    request(BoardSnapshot, "GET", `/api/v1/projects/${encodeURIComponent(projectId)}/episodes/${encodeURIComponent(episodeId)}/board`),
  health: () => request(Health, "GET", "/api/health"),
  generate: (projectId: string, episodeId: string, frameId: string, body: { provider?: string; idempotencyKey?: string } = {}) =>
    request(
      z.object({ job: Job }),
      "POST",
      `/api/v1/projects/${encodeURIComponent(projectId)}/episodes/${encodeURIComponent(episodeId)}/frames/${encodeURIComponent(frameId)}/generate`,
      body,
    ),
  jobs: (projectId: string, episodeId: string) =>
    request(
      z.object({ jobs: z.array(Job), nextCursor: z.string().nullable() }),
      "GET",
      `/api/v1/jobs?project=${encodeURIComponent(projectId)}&episode=${encodeURIComponent(episodeId)}`,
    ),
  /**
   * Uploads a picture to a frame (editors; CONTRACT 12): the file's bytes as
   * the body with its own type. 201 `{revision}`; the board gets it through
   * the room's add_revision event. 413 too_large, 415 unsupported_media.
   */
  upload: (projectId: string, episodeId: string, frameId: string, file: Blob, name?: string) =>
    request(
      UploadRes,
      "POST",
      // The file's name goes along: one whose extension disagrees with its bytes is refused too.
      `/api/v1/projects/${enc(projectId)}/episodes/${enc(episodeId)}/frames/${enc(frameId)}/uploads${name ? `?name=${enc(name.slice(0, 255))}` : ""}`,
      new RawBody(file, file.type || "application/octet-stream"),
    ),
  /** How much of its picture storage a project uses (its uploads and drawings). */
  storage: (projectId: string) => request(StorageRes, "GET", `/api/v1/projects/${enc(projectId)}/storage`),
  /** The project's settings: paid-media consent, budget, spend and the default media provider. */
  consent: (projectId: string) => request(ProjectSettings, "GET", `/api/v1/projects/${encodeURIComponent(projectId)}/consent`),
  /** Owner only: the consent, the budget (null removes it), or both. */
  setProjectSettings: (projectId: string, body: ProjectSettingsBody) =>
    request(ProjectSettings, "POST", `/api/v1/projects/${encodeURIComponent(projectId)}/consent`, body),
  setConsent: (projectId: string, paidMedia: boolean) =>
    request(ProjectSettings, "POST", `/api/v1/projects/${encodeURIComponent(projectId)}/consent`, { paidMedia }),
  /** Owner only: the project's own agent and image providers (CONTRACT 14); keys come back as set and their last four characters. */
  providerSettings: (projectId: string) => request(ProviderSettingsRes, "GET", `/api/v1/projects/${enc(projectId)}/settings/providers`),
  saveProviderSettings: (projectId: string, body: ProviderSettingsBody) =>
    request(ProviderSettingsRes, "PUT", `/api/v1/projects/${enc(projectId)}/settings/providers`, body),
  /** One small call to the provider (the draft sent, else the stored one), reported in words. */
  testProvider: (projectId: string, body: ProviderTestBody) =>
    request(ProviderTestRes, "POST", `/api/v1/projects/${enc(projectId)}/settings/providers/test`, body),
  cancelJob: (jobId: string) => request(JobRes, "POST", `/api/v1/jobs/${enc(jobId)}/cancel`),
  retryJob: (jobId: string) => request(JobRes, "POST", `/api/v1/jobs/${enc(jobId)}/retry`),
  /** A new job with a finished job's inputs; editors only (the worker checks). */
  replayJob: (jobId: string) => request(JobRes, "POST", `/api/v1/jobs/${enc(jobId)}/replay`),
  /** The episode's exports, newest first, each with a download URL once ready. */
  exports: (projectId: string, episodeId: string, signal?: AbortSignal) =>
    request(ExportsRes, "GET", `/api/v1/projects/${enc(projectId)}/episodes/${enc(episodeId)}/exports`, undefined, signal),
  /** Starts an export (editors only; the worker checks): a PDF (1, 3 or 6 panels a page), the shot list as CSV, or the images as a ZIP. */
  createExport: (projectId: string, episodeId: string, body: ExportBody) =>
    request(CreateExportRes, "POST", `/api/v1/projects/${enc(projectId)}/episodes/${enc(episodeId)}/exports`, body),
  /** The chat of an episode, oldest first. */
  /** The board's history, newest step first, a page at a time (`before` = the seq to read below). */
  history: (projectId: string, episodeId: string, opts: { before?: number; limit?: number; signal?: AbortSignal } = {}) => {
    const q = new URLSearchParams();
    if (opts.before !== undefined) q.set("before", String(opts.before));
    if (opts.limit !== undefined) q.set("limit", String(opts.limit));
    const qs = q.size ? `?${q}` : "";
    return request(HistoryPage, "GET", `/api/v1/projects/${enc(projectId)}/episodes/${enc(episodeId)}/history${qs}`, undefined, opts.signal);
  },
  messages: (projectId: string, episodeId: string) => request(MessagesRes, "GET", `/api/v1/projects/${enc(projectId)}/episodes/${enc(episodeId)}/messages`),
  /** One agent run's trace: prompt, raw answer, commands and timings. */
  trace: (projectId: string, episodeId: string, runId: string) =>
    request(TraceRes, "GET", `/api/v1/projects/${enc(projectId)}/episodes/${enc(episodeId)}/runs/${enc(runId)}/trace`),

  // ---- review links (CONTRACT 9) ----
  /** An episode's review links, newest first, without their tokens; editors only. */
  reviewLinks: (projectId: string, episodeId: string) =>
    request(ReviewLinksRes, "GET", `/api/v1/projects/${enc(projectId)}/episodes/${enc(episodeId)}/review-links`),
  /** A new link; its `url` carries the token and is shown this once. */
  createReviewLink: (projectId: string, episodeId: string, body: CreateReviewLinkBody = {}) =>
    request(CreatedReviewLink, "POST", `/api/v1/projects/${enc(projectId)}/episodes/${enc(episodeId)}/review-links`, body),
  revokeReviewLink: (projectId: string, episodeId: string, linkId: string) =>
    request(Nothing, "DELETE", `/api/v1/projects/${enc(projectId)}/episodes/${enc(episodeId)}/review-links/${enc(linkId)}`),
  /** Trades a review link's token for this browser's reviewer cookie; the token travels in this body only (CONTRACT 9). */
  reviewSession: (token: string) => request(ReviewSessionRes, "POST", "/api/v1/review/session", { token }),
  /** The review page's opening state, for a browser holding the link's reviewer cookie (no session needed). */
  review: (linkId: string) => request(ReviewPageRes, "GET", `/api/v1/review/l/${enc(linkId)}`),

  // ---- the operations console ----
  metrics: () => request(Metrics, "GET", "/api/v1/metrics"),
  /** Jobs across the caller's projects, newest first, each with its project, episode, shot and author by name. */
  jobsPage: (filters: JobsFilters, cursor?: string | null) => request(JobsPage, "GET", `/api/v1/jobs?${jobsQuery(filters, cursor)}`),
  jobExtended: (jobId: string) => request(ExtendedJob, "GET", `/api/v1/jobs/${enc(jobId)}/extended`),
  audit: (filters: AuditFilters, cursor?: number | null) => request(AuditPage, "GET", `/api/v1/audit?${auditQuery(filters, { cursor })}`),
  /** Where the browser downloads the audit trail as CSV or JSON Lines (a link, not a fetch). */
  auditExportUrl: (filters: AuditFilters, format: "csv" | "jsonl") => `/api/v1/audit?${auditQuery(filters, { format })}`,
  providers: () => request(ProvidersRes, "GET", "/api/v1/providers"),
  resetProvider: (name: string) => request(z.object({ name: z.string(), state: z.string() }), "POST", `/api/v1/providers/${enc(name)}/reset`),
  views: (kind: ViewKind) => request(SavedViews, "GET", `/api/v1/ops/views?kind=${kind}`),
  /** Saves a named filter; an existing name of the same kind is updated. */
  saveView: (body: SaveViewBody) => request(z.object({ view: SavedView }), "POST", "/api/v1/ops/views", body),
  deleteView: (viewId: string) => request(Nothing, "DELETE", `/api/v1/ops/views/${enc(viewId)}`),
};

/** A message fit to show a person, whatever was thrown. */
export function describeError(err: unknown): string {
  if (err instanceof ApiFailure) return err.message;
  return "Something went wrong. Try again.";
}

/** Field-level messages from a 400's zod issues, keyed by field name. */
export function fieldErrors(err: unknown): Record<string, string> {
  if (!(err instanceof ApiFailure) || err.code !== "invalid_request" || !Array.isArray(err.details)) return {};
  const out: Record<string, string> = {};
  for (const issue of err.details as { path?: unknown; message?: unknown }[]) {
    if (typeof issue.path === "string" && typeof issue.message === "string" && !out[issue.path]) out[issue.path] = issue.message;
  }
  return out;
}
