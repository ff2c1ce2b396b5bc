// The worker's bindings and vars (wrangler.toml, CONTRACT 8) and the
// per-request variables the middleware sets for handlers.
import type { DrizzleD1Database } from "drizzle-orm/d1";
import type * as schema from "./db/schema";
import type { User } from "./domain/api";
import type { JobQueueMessage } from "./queue/messages";

/**
 * The bindings and vars, generated from wrangler.toml by `wrangler types`
 * (worker/worker-configuration.d.ts, checked in `npm test`), with what it
 * cannot know: the queue's message type, that tests and benches run without
 * the SPA's assets, and the secrets, which never appear in wrangler.toml.
 */
export interface Env extends Omit<CloudflareBindings, "JOBS" | "EXPORTS" | "ASSETS" | "AI"> {
  JOBS: Queue<JobQueueMessage>;
  /** Exports' own queue: its consumer takes one message at a time (wrangler.toml). */
  EXPORTS: Queue<JobQueueMessage>;
  ASSETS?: Fetcher;
  /** Workers AI: bound in wrangler.toml, but absent under `wrangler dev --local` and in tests that do not fake it. */
  AI?: AiBinding;
  /** Secret: `.dev.vars` locally, `wrangler secret put OPENAI_API_KEY` remotely; only the openai providers need it. */
  OPENAI_API_KEY?: string;
  /**
   * Secret: `wrangler secret put KEYSTORE_KEY` (32 characters or more); seals
   * the keys projects store for their own providers (worker/keystore.ts).
   * Unset, only a server on a loopback address stores keys, with a public local default.
   */
  KEYSTORE_KEY?: string;
}

/** What Reelroom calls on the Workers AI binding: one method, so a test can stand in for it. */
export interface AiBinding {
  run(model: string, input: unknown, options?: unknown): Promise<unknown>;
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
