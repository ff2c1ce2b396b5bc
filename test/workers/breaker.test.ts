// The media providers' circuit breaker, kept in D1 so every isolate shares it.
import { env } from "cloudflare:workers";
import { drizzle } from "drizzle-orm/d1";
import { describe, expect, it } from "vitest";
import * as schema from "../../worker/db/schema";
import { allowCall, breakerState, FAILURE_THRESHOLD, OPEN_MS, recordOutcome, resetBreaker } from "../../worker/media/breaker";

const db = drizzle(env.DB, { schema });

describe("circuit breaker", () => {
  it("opens after repeated failures, refuses calls, then lets one probe through and closes on success", async () => {
    const p = "openai";
    const t = 1_000_000;
    expect(await allowCall(db, p, t)).toBe(true);
    for (let i = 0; i < FAILURE_THRESHOLD - 1; i++) await recordOutcome(db, p, false, t);
    expect((await breakerState(db, p)).state).toBe("closed");
    await recordOutcome(db, p, false, t);
    expect(await breakerState(db, p)).toMatchObject({ state: "open", failures: FAILURE_THRESHOLD, nextProbeAt: t + OPEN_MS });
    expect(await allowCall(db, p, t + OPEN_MS - 1)).toBe(false);
    expect(await allowCall(db, p, t + OPEN_MS)).toBe(true);
    expect((await breakerState(db, p)).state).toBe("half_open");
    // While the probe is out, nobody else gets through.
    expect(await allowCall(db, p, t + OPEN_MS + 1)).toBe(false);
    await recordOutcome(db, p, true, t + OPEN_MS + 2);
    expect(await breakerState(db, p)).toMatchObject({ state: "closed", failures: 0 });
  });

  it("re-opens when the probe fails, and an admin reset closes it", async () => {
    const p = "workers-ai";
    const t = 5_000_000;
    for (let i = 0; i < FAILURE_THRESHOLD; i++) await recordOutcome(db, p, false, t);
    expect(await allowCall(db, p, t + OPEN_MS)).toBe(true);
    await recordOutcome(db, p, false, t + OPEN_MS);
    expect(await breakerState(db, p)).toMatchObject({ state: "open", nextProbeAt: t + 2 * OPEN_MS });
    await resetBreaker(db, p);
    expect(await allowCall(db, p, t + OPEN_MS + 1)).toBe(true);
  });
});
