// Login throttling: failed attempts are counted per account and per client
// over a sliding window; past the limit, login answers 429 with Retry-After
// until the oldest counted failure leaves the window.
import { and, asc, count, eq, gt, lt, min } from "drizzle-orm";
import { loginFailures } from "../db/schema";
import type { Db } from "../env";

export const WINDOW_MS = 15 * 60 * 1000;
export const MAX_PER_ACCOUNT = 5;
export const MAX_PER_CLIENT = 20;

export const accountKey = (email: string) => `acct:${email}`;
export const clientKey = (ip: string) => `ip:${ip}`;

/** Seconds the caller must wait, or 0 when it may try now. */
export async function retryAfterSeconds(db: Db, keys: { key: string; max: number }[], now = Date.now()): Promise<number> {
  let wait = 0;
  for (const { key, max } of keys) {
    const since = now - WINDOW_MS;
    const row = await db
      .select({ n: count(), oldest: min(loginFailures.at) })
      .from(loginFailures)
      .where(and(eq(loginFailures.key, key), gt(loginFailures.at, since)))
      .get();
    if (row && row.n >= max) {
      // The window frees a slot when the (n - max + 1)-th oldest failure expires.
      const nth = await db
        .select({ at: loginFailures.at })
        .from(loginFailures)
        .where(and(eq(loginFailures.key, key), gt(loginFailures.at, since)))
        .orderBy(asc(loginFailures.at))
        .limit(1)
        .offset(row.n - max)
        .get();
      const freeAt = (nth?.at ?? row.oldest ?? now) + WINDOW_MS;
      wait = Math.max(wait, Math.ceil((freeAt - now) / 1000));
    }
  }
  return wait;
}

export async function recordFailure(db: Db, keys: string[], now = Date.now()): Promise<void> {
  await db.insert(loginFailures).values(keys.map((key) => ({ key, at: now })));
  // Keep the table small: failures older than the window no longer count.
  await db.delete(loginFailures).where(lt(loginFailures.at, now - WINDOW_MS));
}

export async function clearFailures(db: Db, key: string): Promise<void> {
  await db.delete(loginFailures).where(eq(loginFailures.key, key));
}
