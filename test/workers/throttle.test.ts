// The login throttle's bookkeeping, driven directly with a chosen clock:
// which attempts count, what a success clears, and when a refused caller
// may try again. The HTTP-level bursts are in auth.test.ts.
import { env } from "cloudflare:workers";
import { drizzle } from "drizzle-orm/d1";
import { describe, expect, it } from "vitest";
import { reserveAttempt, settleAttempt, WINDOW_MS, type Limit, type Reservation } from "../../worker/auth/throttle";
import * as schema from "../../worker/db/schema";

const db = drizzle(env.DB, { schema });
let n = 0;
const fresh = (label: string) => `test:${label}:${Date.now().toString(36)}:${++n}`;
const T0 = 1_900_000_000_000;

function admitted(r: Reservation) {
  if (!r.ok) throw new Error(`expected the attempt to be admitted, it was refused for ${r.retryAfter} s`);
  return r.attempt;
}

describe("login throttle", () => {
  it("admits exactly `max` of a parallel burst on one key and refuses the rest", async () => {
    const limits: Limit[] = [{ key: fresh("acct"), max: 5, clearedBySuccess: true }];
    const results = await Promise.all(Array.from({ length: 30 }, () => reserveAttempt(db, limits, T0)));
    expect(results.filter((r) => r.ok)).toHaveLength(5);
  });

  it("tells a refused caller to wait until the oldest counted attempt leaves the window", async () => {
    const limits: Limit[] = [{ key: fresh("acct"), max: 3, clearedBySuccess: true }];
    for (let i = 0; i < 3; i++) {
      const at = T0 + i * 60_000;
      await settleAttempt(db, admitted(await reserveAttempt(db, limits, at)), false, at + 30);
    }
    const refused = await reserveAttempt(db, limits, T0 + 5 * 60_000);
    expect(refused).toEqual({ ok: false, retryAfter: (WINDOW_MS - 5 * 60_000) / 1000 });
    // Once the first failure has left the window, one try is free again.
    expect((await reserveAttempt(db, limits, T0 + WINDOW_MS + 1)).ok).toBe(true);
  });

  it("does not count a refused attempt, so refusals do not extend the lockout", async () => {
    const limits: Limit[] = [{ key: fresh("acct"), max: 2, clearedBySuccess: true }];
    for (let i = 0; i < 2; i++) await settleAttempt(db, admitted(await reserveAttempt(db, limits, T0)), false, T0 + 1);
    for (let i = 0; i < 10; i++) expect((await reserveAttempt(db, limits, T0 + 1000 + i)).ok).toBe(false);
    expect((await reserveAttempt(db, limits, T0 + WINDOW_MS + 1)).ok).toBe(true);
  });

  it("counts an attempt still in flight, so a slow check cannot be overtaken", async () => {
    const limits: Limit[] = [{ key: fresh("acct"), max: 2, clearedBySuccess: true }];
    admitted(await reserveAttempt(db, limits, T0));
    admitted(await reserveAttempt(db, limits, T0 + 1));
    expect((await reserveAttempt(db, limits, T0 + 2)).ok).toBe(false);
  });

  it("on success clears the failures recorded before it started, not attempts that started after it", async () => {
    const account = fresh("acct");
    const limits: Limit[] = [{ key: account, max: 3, clearedBySuccess: true }];
    const early = admitted(await reserveAttempt(db, limits, T0));
    await settleAttempt(db, early, false, T0 + 10);
    const right = admitted(await reserveAttempt(db, limits, T0 + 20));
    const later = admitted(await reserveAttempt(db, limits, T0 + 30));
    await settleAttempt(db, later, false, T0 + 40);
    await settleAttempt(db, right, true, T0 + 50);
    // Only `later` still counts: two more tries fit under the limit of three, the next does not.
    admitted(await reserveAttempt(db, limits, T0 + 60));
    admitted(await reserveAttempt(db, limits, T0 + 70));
    expect((await reserveAttempt(db, limits, T0 + 80)).ok).toBe(false);
  });

  it("keeps a client's failures when one of its sign-ins succeeds", async () => {
    const client: Limit = { key: fresh("ip"), max: 2, clearedBySuccess: false };
    const failed = admitted(await reserveAttempt(db, [{ key: fresh("acct"), max: 5, clearedBySuccess: true }, client], T0));
    await settleAttempt(db, failed, false, T0 + 10);
    const ok = admitted(await reserveAttempt(db, [{ key: fresh("acct"), max: 5, clearedBySuccess: true }, client], T0 + 20));
    await settleAttempt(db, ok, true, T0 + 30);
    admitted(await reserveAttempt(db, [{ key: fresh("acct"), max: 5, clearedBySuccess: true }, client], T0 + 40));
    expect((await reserveAttempt(db, [{ key: fresh("acct"), max: 5, clearedBySuccess: true }, client], T0 + 50)).ok).toBe(false);
  });
});
