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
