// A circuit breaker per media provider, kept in D1 so every isolate sees the
// same state: closed → open after FAILURE_THRESHOLD failures in a row; open
// refuses calls until OPEN_MS has passed, then lets one probe through
// (half-open); the probe's result closes or re-opens it.
import { and, eq } from "drizzle-orm";
import { providerBreakers } from "../db/schema";
import type { Db } from "../env";

export const FAILURE_THRESHOLD = 5;
export const OPEN_MS = 30_000;

export type BreakerState = "closed" | "open" | "half_open";

export async function breakerState(db: Db, provider: string) {
  return (
    (await db.select().from(providerBreakers).where(eq(providerBreakers.provider, provider)).get()) ?? {
      provider,
      state: "closed" as BreakerState,
      failures: 0,
      openedAt: null,
      nextProbeAt: null,
    }
  );
}

/** Whether a call may go out now; moves open → half_open when the probe time has come. */
export async function allowCall(db: Db, provider: string, now = Date.now()): Promise<boolean> {
  const b = await breakerState(db, provider);
  if (b.state === "closed") return true;
  if (b.state === "open" && b.nextProbeAt !== null && now >= b.nextProbeAt) {
    // Only one isolate wins the probe: the update is conditional on the row still being open.
    const won = await db
      .update(providerBreakers)
      .set({ state: "half_open" })
      .where(and(eq(providerBreakers.provider, provider), eq(providerBreakers.state, "open")))
      .returning();
    return won.length > 0;
  }
  return false;
}

export async function recordOutcome(db: Db, provider: string, ok: boolean, now = Date.now()): Promise<void> {
  const b = await breakerState(db, provider);
  if (ok) {
    await db
      .insert(providerBreakers)
      .values({ provider, state: "closed", failures: 0, openedAt: null, nextProbeAt: null })
      .onConflictDoUpdate({ target: providerBreakers.provider, set: { state: "closed", failures: 0, openedAt: null, nextProbeAt: null } });
    return;
  }
  const failures = b.failures + 1;
  const open = b.state === "half_open" || failures >= FAILURE_THRESHOLD;
  const set = open ? { state: "open", failures, openedAt: now, nextProbeAt: now + OPEN_MS } : { state: b.state, failures };
  await db
    .insert(providerBreakers)
    .values({ provider, ...set })
    .onConflictDoUpdate({ target: providerBreakers.provider, set });
}

export async function resetBreaker(db: Db, provider: string): Promise<void> {
  await db.delete(providerBreakers).where(eq(providerBreakers.provider, provider));
}
