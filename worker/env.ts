// The worker's bindings and vars (wrangler.toml, CONTRACT 8) and the
// per-request variables the middleware sets for handlers.
import type { DrizzleD1Database } from "drizzle-orm/d1";
import type { EpisodeRoom } from "./room/episode-room";
import type * as schema from "./db/schema";
import type { User } from "./domain/api";
import type { JobQueueMessage } from "./queue/messages";

export interface Env {
  DB: D1Database;
  ARTIFACTS: R2Bucket;
  JOBS: Queue<JobQueueMessage>;
  EPISODE_ROOM: DurableObjectNamespace<EpisodeRoom>;
  ASSETS?: Fetcher;
  AGENT_PROVIDER?: string;
  AGENT_MODEL?: string;
  OPENAI_BASE_URL?: string;
  OPENAI_API_KEY?: string;
  MEDIA_PROVIDER?: string;
  ALLOWED_ORIGINS?: string;
  ADMIN_EMAILS?: string;
  /** Prompt budget in tokens for agent runs (default 12,000). */
  AGENT_PROMPT_BUDGET?: string;
  /** Provider timeout in ms, for the first byte and between chunks (default 30,000). */
  AGENT_TIMEOUT_MS?: string;
  /** Delay between the offline agent's chunks in ms (default 12); tests set 1. */
  OFFLINE_AGENT_PACE_MS?: string;
}

export type Db = DrizzleD1Database<typeof schema>;

export interface Vars {
  db: Db;
  requestId: string;
  /** Set by requireUser; absent on public routes. */
  user?: User;
  sessionId?: string;
  /** Set once the request's outcome is on the audit trail, so onError does not record it twice. */
  audited?: boolean;
}

export type AppEnv = { Bindings: Env; Variables: Vars };
