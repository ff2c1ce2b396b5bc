// A per-client request limit for endpoints anyone may call without signing
// in (the review page and its socket): a fixed window counter in D1, bumped
// and read in one upsert, so parallel requests count each other and every
// isolate sees the same count. Refusals answer CONTRACT 2's 429 with
// Retry-After.
import { lt, sql } from "drizzle-orm";
import type { Context } from "hono";
import { clientKey } from "../auth/throttle";
import { rateCounters } from "../db/schema";
import type { AppEnv, Db } from "../env";
import { ApiError } from "./errors";

export interface RateLimit {
  /** What is being limited, e.g. "review"; the client's address is added to it. */
  name: string;
  max: number;
  windowMs: number;
}

/** Review pages and review sockets, together, per client address. */
export const REVIEW_RATE: RateLimit = { name: "review", max: 60, windowMs: 60_000 };

/** Counts one request; ok until the window's count passes `max`, then how long until the next window. */
export async function hitRate(db: Db, limit: RateLimit, client: string, now = Date.now()): Promise<{ ok: true } | { ok: false; retryAfter: number }> {
  const window = Math.floor(now / limit.windowMs);
  const key = `${limit.name}:${client}`;
  const [row] = await db
    .insert(rateCounters)
    .values({ key, window, count: 1 })
    .onConflictDoUpdate({ target: [rateCounters.key, rateCounters.window], set: { count: sql`${rateCounters.count} + 1` } })
    .returning({ count: rateCounters.count });
  // Keep the table small: a window that has passed never counts again. Only
  // the first request of a window pays for the cleanup.
  if (row?.count === 1) await db.delete(rateCounters).where(lt(rateCounters.window, window - 1));
  if ((row?.count ?? 0) <= limit.max) return { ok: true };
  return { ok: false, retryAfter: Math.max(1, Math.ceil(((window + 1) * limit.windowMs - now) / 1000)) };
}

/** The request's client address as the edge saw it ("local" when run without one). */
export function clientAddress(c: Context<AppEnv>): string {
  return clientKey(c.req.header("cf-connecting-ip") ?? "local");
}

/** Throws the contract's 429 when this client is over the limit. */
export async function enforceRate(c: Context<AppEnv>, limit: RateLimit): Promise<void> {
  const out = await hitRate(c.var.db, limit, clientAddress(c));
  if (!out.ok) {
    throw new ApiError(429, "rate_limited", `Too many requests. Try again in ${out.retryAfter} s.`, undefined, { "Retry-After": String(out.retryAfter) });
  }
}
