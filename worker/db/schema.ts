// D1 tables, as drizzle-orm schema. drizzle-kit generates migrations/ from
// this file (npm run db:generate); wrangler and the test pool apply them.
import { sql } from "drizzle-orm";
import { index, integer, primaryKey, real, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";

const createdAt = () => text("created_at").notNull().default(sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`);

export const users = sqliteTable(
  "users",
  {
    id: text("id").primaryKey(),
    email: text("email").notNull(),
    name: text("name").notNull(),
    passwordHash: text("password_hash").notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("users_email_unique").on(t.email)],
);

// The cookie carries a random token; only its SHA-256 is stored, so a leaked
// table cannot be replayed as sessions.
export const sessions = sqliteTable(
  "sessions",
  {
    id: text("id").primaryKey(),
    tokenHash: text("token_hash").notNull(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id),
    createdAt: createdAt(),
    expiresAt: text("expires_at").notNull(),
    revokedAt: text("revoked_at"),
  },
  (t) => [uniqueIndex("sessions_token_hash_unique").on(t.tokenHash), index("sessions_user_idx").on(t.userId)],
);

export const projects = sqliteTable("projects", {
  id: text("id").primaryKey(),
  name: text("name").notNull(),
  createdBy: text("created_by")
    .notNull()
    .references(() => users.id),
  createdAt: createdAt(),
  // The owner's budget for paid renders, in US dollars; null means no budget.
  // A paid job whose estimated cost would take the project's spend beyond it
  // is blocked (worker/domain/costs.ts, worker/jobs/pipeline.ts).
  budgetUsd: real("budget_usd"),
});

export const members = sqliteTable(
  "members",
  {
    projectId: text("project_id")
      .notNull()
      .references(() => projects.id),
    userId: text("user_id")
      .notNull()
      .references(() => users.id),
    role: text("role", { enum: ["owner", "editor", "viewer"] }).notNull(),
    addedAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.projectId, t.userId] }), index("members_user_idx").on(t.userId)],
);

export const episodes = sqliteTable(
  "episodes",
  {
    id: text("id").primaryKey(),
    projectId: text("project_id")
      .notNull()
      .references(() => projects.id),
    title: text("title").notNull(),
    createdBy: text("created_by")
      .notNull()
      .references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [index("episodes_project_idx").on(t.projectId, t.createdAt)],
);

// Append-only: the worker only ever inserts here, with one exception. Denials
// of anonymous requests are counted, not written one row each (an
// unauthenticated flood would otherwise fill D1): one row per minute and kind
// of denial, named by `bucket`, whose details.count grows (worker/audit.ts).
// Every other row has a null bucket and is never changed.
export const audit = sqliteTable(
  "audit",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    at: createdAt(),
    actor: text("actor").notNull(),
    action: text("action").notNull(),
    target: text("target").notNull(),
    projectId: text("project_id"),
    verdict: text("verdict", { enum: ["allowed", "denied", "failed"] }).notNull(),
    requestId: text("request_id").notNull(),
    details: text("details", { mode: "json" }).$type<Record<string, unknown>>(),
    bucket: text("bucket"),
  },
  (t) => [
    uniqueIndex("audit_bucket_unique").on(t.bucket),
    index("audit_project_idx").on(t.projectId, t.id),
    index("audit_action_idx").on(t.action, t.id),
    index("audit_actor_idx").on(t.actor, t.id),
  ],
);

// Login throttling: one row per sign-in attempt and throttle key (account,
// client), written before the password is checked so that parallel attempts
// count each other. `failedAt` is null while the check is in flight and set
// when it fails; a success deletes its own rows (worker/auth/throttle.ts).
export const loginAttempts = sqliteTable(
  "login_attempts",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    attempt: text("attempt").notNull(),
    key: text("key").notNull(),
    at: integer("at").notNull(),
    failedAt: integer("failed_at"),
  },
  (t) => [index("login_attempts_key_at_idx").on(t.key, t.at), index("login_attempts_attempt_idx").on(t.attempt)],
);

// Which session opened a socket in which episode's room, so logout and
// member removal can close exactly those sockets (CONTRACT 3, close 4001).
export const roomSessions = sqliteTable(
  "room_sessions",
  {
    sessionId: text("session_id").notNull(),
    episodeId: text("episode_id").notNull(),
    projectId: text("project_id").notNull(),
    userId: text("user_id").notNull(),
    at: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.sessionId, t.episodeId] }), index("room_sessions_member_idx").on(t.projectId, t.userId)],
);

// ---- media jobs (CONTRACT 7) ----

export const jobs = sqliteTable(
  "jobs",
  {
    id: text("id").primaryKey(),
    projectId: text("project_id").notNull(),
    episodeId: text("episode_id").notNull(),
    // Empty for an export, which touches no frame (worker/domain/jobs.ts, JobKind).
    frameId: text("frame_id").notNull(),
    // "render" (one frame's media) or "export" (a file of the episode, CONTRACT 10);
    // rows from before exports existed are renders.
    kind: text("kind", { enum: ["render", "export"] })
      .notNull()
      .default("render"),
    // An export's format ("pdf", "csv", "zip") and panels per page; null on renders.
    exportFormat: text("export_format", { enum: ["pdf", "csv", "zip"] }),
    exportLayout: integer("export_layout"),
    provider: text("provider").notNull(),
    status: text("status").notNull(),
    attempt: integer("attempt").notNull().default(1),
    // A fresh random token per attempt: only the holder of the current one may
    // move the job forward, so a stale or redelivered attempt cannot.
    attemptToken: text("attempt_token").notNull(),
    progress: integer("progress").notNull().default(0),
    idempotencyKey: text("idempotency_key"),
    blockedReason: text("blocked_reason"),
    error: text("error"),
    input: text("input", { mode: "json" }).$type<Record<string, unknown>>().notNull(),
    pluginTimings: text("plugin_timings", { mode: "json" }).$type<Record<string, number>>().notNull(),
    warnings: text("warnings", { mode: "json" }).$type<string[]>().notNull(),
    artifactKey: text("artifact_key"),
    // The artifact's size in bytes, set with artifact_key by exports so their list shows it without asking R2.
    artifactBytes: integer("artifact_bytes"),
    manifestKey: text("manifest_key"),
    parentJobId: text("parent_job_id"),
    deadLettered: integer("dead_lettered", { mode: "boolean" }).notNull().default(false),
    // Set when the job reaches success or failure: metrics read these through an index.
    finishedAt: text("finished_at"),
    latencyMs: integer("latency_ms"),
    createdBy: text("created_by").notNull(),
    createdAt: createdAt(),
    updatedAt: text("updated_at").notNull(),
  },
  (t) => [
    index("jobs_project_idx").on(t.projectId, t.createdAt),
    index("jobs_episode_idx").on(t.episodeId, t.createdAt),
    // An episode's exports, newest first, without reading its renders.
    index("jobs_episode_kind_idx").on(t.episodeId, t.kind, t.createdAt),
    index("jobs_status_idx").on(t.status, t.createdAt),
    // The sweep looks for pending and running jobs by how long they have been silent.
    index("jobs_status_updated_idx").on(t.status, t.updatedAt),
    uniqueIndex("jobs_idempotency_unique").on(t.projectId, t.idempotencyKey),
    // Covering indexes for the metrics: counts and latency by (project, status),
    // and the last hour by (project, finished_at); the unscoped pair serves admins.
    index("jobs_finished_idx").on(t.finishedAt, t.status, t.latencyMs),
    index("jobs_latency_idx").on(t.status, t.latencyMs),
    index("jobs_project_status_idx").on(t.projectId, t.status, t.latencyMs),
    index("jobs_project_finished_idx").on(t.projectId, t.finishedAt, t.status, t.latencyMs),
  ],
);

export const jobAttempts = sqliteTable(
  "job_attempts",
  {
    jobId: text("job_id").notNull(),
    attempt: integer("attempt").notNull(),
    status: text("status").notNull(),
    startedAt: text("started_at"),
    finishedAt: text("finished_at"),
    error: text("error"),
  },
  (t) => [primaryKey({ columns: [t.jobId, t.attempt] })],
);

export const jobLogs = sqliteTable(
  "job_logs",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    jobId: text("job_id").notNull(),
    attempt: integer("attempt").notNull(),
    at: createdAt(),
    level: text("level").notNull(),
    message: text("message").notNull(),
  },
  (t) => [index("job_logs_job_idx").on(t.jobId, t.id)],
);

export const providerRequests = sqliteTable(
  "provider_requests",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    jobId: text("job_id").notNull(),
    attempt: integer("attempt").notNull(),
    at: createdAt(),
    provider: text("provider").notNull(),
    model: text("model").notNull(),
    try: integer("try").notNull(),
    outcome: text("outcome").notNull(),
    durationMs: real("duration_ms").notNull(),
    httpStatus: integer("http_status"),
    request: text("request", { mode: "json" }).$type<Record<string, unknown>>().notNull(),
    error: text("error"),
  },
  (t) => [index("provider_requests_job_idx").on(t.jobId, t.id)],
);

// Circuit breakers, one row per media provider, shared by every isolate.
export const providerBreakers = sqliteTable("provider_breakers", {
  provider: text("provider").primaryKey(),
  state: text("state").notNull(),
  failures: integer("failures").notNull().default(0),
  openedAt: integer("opened_at"),
  nextProbeAt: integer("next_probe_at"),
});

// A project owner's consent to paid media providers.
export const projectConsents = sqliteTable("project_consents", {
  projectId: text("project_id").primaryKey(),
  paidMedia: integer("paid_media", { mode: "boolean" }).notNull().default(false),
  grantedBy: text("granted_by").notNull(),
  grantedAt: createdAt(),
});

// ---- operations ----

// One row per agent run, written by the room, for the operations metrics.
export const agentRuns = sqliteTable(
  "agent_runs",
  {
    id: text("id").primaryKey(),
    projectId: text("project_id").notNull(),
    episodeId: text("episode_id").notNull(),
    status: text("status").notNull(),
    startedAt: text("started_at").notNull(),
    endedAt: text("ended_at"),
  },
  (t) => [
    index("agent_runs_project_idx").on(t.projectId, t.status),
    index("agent_runs_status_idx").on(t.status),
    // "Started in the last hour", per project and (for admins) overall.
    index("agent_runs_project_started_idx").on(t.projectId, t.startedAt),
    index("agent_runs_started_idx").on(t.startedAt),
  ],
);

// Open sockets per room, written by the room on connect and close.
export const roomStats = sqliteTable(
  "room_stats",
  {
    episodeId: text("episode_id").primaryKey(),
    projectId: text("project_id").notNull(),
    openSockets: integer("open_sockets").notNull(),
    updatedAt: text("updated_at").notNull(),
  },
  (t) => [index("room_stats_project_idx").on(t.projectId)],
);

// A person's saved filters for the operations console's jobs and audit lists.
// `filters` is validated against the kind's schema on the way in and out
// (worker/domain/ops.ts); names are unique per person and kind, so saving
// under an existing name replaces that view's filters.
export const savedViews = sqliteTable(
  "saved_views",
  {
    id: text("id").primaryKey(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id),
    kind: text("kind", { enum: ["jobs", "audit"] }).notNull(),
    name: text("name").notNull(),
    filters: text("filters", { mode: "json" }).$type<Record<string, unknown>>().notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("saved_views_user_kind_name_unique").on(t.userId, t.kind, t.name)],
);

// ---- review links (CONTRACT 9) ----

// A review link lets someone without an account watch one episode live,
// comment and approve frames. The token (256 random bits) is shown once; only
// its SHA-256 is stored, so a leaked table cannot be replayed as links.
// Revoking sets revoked_at; rows are kept for the audit trail and the list.
export const reviewLinks = sqliteTable(
  "review_links",
  {
    id: text("id").primaryKey(),
    projectId: text("project_id")
      .notNull()
      .references(() => projects.id),
    episodeId: text("episode_id")
      .notNull()
      .references(() => episodes.id),
    tokenHash: text("token_hash").notNull(),
    canComment: integer("can_comment", { mode: "boolean" }).notNull().default(true),
    expiresAt: text("expires_at").notNull(),
    createdBy: text("created_by")
      .notNull()
      .references(() => users.id),
    createdAt: createdAt(),
    revokedAt: text("revoked_at"),
    revokedBy: text("revoked_by"),
  },
  (t) => [uniqueIndex("review_links_token_hash_unique").on(t.tokenHash), index("review_links_episode_idx").on(t.episodeId, t.createdAt)],
);

/**
 * The people reviewing through a link, one row per browser (CONTRACT 9): the
 * server issues each its id and a secret kept in an HttpOnly cookie, and
 * keeps only the secret's hash. `name` is the name they last gave.
 */
export const reviewers = sqliteTable(
  "reviewers",
  {
    id: text("id").primaryKey(),
    linkId: text("link_id")
      .notNull()
      .references(() => reviewLinks.id),
    secretHash: text("secret_hash").notNull(),
    name: text("name").notNull().default(""),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("reviewers_secret_hash_unique").on(t.secretHash), index("reviewers_link_idx").on(t.linkId)],
);

// Fixed-window request counters for endpoints anyone may call (the review
// page and its socket): one row per key and window, bumped in one upsert, so
// parallel requests count each other (worker/http/rate.ts).
export const rateCounters = sqliteTable(
  "rate_counters",
  {
    key: text("key").notNull(),
    window: integer("window").notNull(),
    count: integer("count").notNull(),
  },
  (t) => [primaryKey({ columns: [t.key, t.window] }), index("rate_counters_window_idx").on(t.window)],
);

// ---- pictures (CONTRACT 12) ----

// Every file a person stored for a project's pictures: an upload, a drawing's
// PNG or a drawing's strokes, one row per R2 key, with its size. The project's
// quota is the sum of `bytes` (index-only through picture_files_project_idx);
// a row is written before its file, in the same statement that checks the
// quota (worker/routes/pictures.ts), so two uploads at once cannot both pass
// it. Renders and exports are not counted: the quota is for what people supply.
export const pictureFiles = sqliteTable(
  "picture_files",
  {
    key: text("key").primaryKey(),
    projectId: text("project_id").notNull(),
    episodeId: text("episode_id").notNull(),
    frameId: text("frame_id").notNull(),
    revisionId: text("revision_id").notNull(),
    kind: text("kind", { enum: ["upload", "drawing", "strokes"] }).notNull(),
    mime: text("mime").notNull(),
    bytes: integer("bytes").notNull(),
    createdBy: text("created_by").notNull(),
    createdAt: createdAt(),
  },
  (t) => [index("picture_files_project_idx").on(t.projectId, t.bytes)],
);

// ---- providers per project (CONTRACT 14) ----

// A project's own agent or image provider, one row per slot; no row means the
// deployment's variables decide. The key is sealed (worker/keystore.ts), bound
// to its project and slot; only its last four characters are kept in clear,
// for the settings to show. `key_source` says which secret sealed it: the
// KEYSTORE_KEY secret, or the public local default a loopback server may use.
export const projectProviders = sqliteTable(
  "project_providers",
  {
    projectId: text("project_id")
      .notNull()
      .references(() => projects.id),
    slot: text("slot", { enum: ["agent", "image"] }).notNull(),
    kind: text("kind", { enum: ["offline", "workers-ai", "openai"] }).notNull(),
    baseUrl: text("base_url"),
    model: text("model"),
    keySealed: text("key_sealed"),
    keyLast4: text("key_last4"),
    keySource: text("key_source", { enum: ["secret", "local"] }),
    updatedBy: text("updated_by")
      .notNull()
      .references(() => users.id),
    updatedAt: text("updated_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.projectId, t.slot] })],
);
