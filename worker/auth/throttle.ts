// Login throttling. Each sign-in first reserves an attempt: one D1 batch
// (which D1 runs as a single transaction) inserts the attempt's rows and
// reads back how many attempts each key already has in the window. Only an
// attempt that fits under every limit goes on to check the password, so a
// burst of parallel guesses checks at most `max` passwords: counting after
// the ~30 ms hash, as a check-then-act throttle does, lets the whole burst
// through before the first failure is on record.
//
//   const r = await reserveAttempt(db, loginLimits(email, ip));
//   if (!r.ok) → 429 with Retry-After: r.retryAfter
//   ... check the password ...
//   await settleAttempt(db, r.attempt, success);
//
// An attempt in flight counts like a failure. A reservation whose request
// dies before it settles keeps counting until it leaves the window, which
// errs on the side of refusing.
import { and, desc, eq, gt, inArray, isNotNull, lt, ne, count } from "drizzle-orm";
import { loginAttempts } from "../db/schema";
import type { Db } from "../env";
import { newId } from "../ids";

export const WINDOW_MS = 15 * 60 * 1000;
/** Failures one client (or one known device) may have on one account. */
export const MAX_PER_ACCOUNT = 5;
/** Failures an account may have from unknown devices, all clients together: a ceiling on guessing from many addresses. */
export const MAX_PER_ACCOUNT_ANY_CLIENT = 25;
export const MAX_PER_CLIENT = 20;

export const accountKey = (email: string) => `acct:${email}`;
/** IPv6 clients are keyed by their /64: one host holds a whole /64 and could otherwise rotate addresses. */
export const clientKey = (ip: string) => `ip:${ip.includes(":") ? ip.split(":").slice(0, 4).join(":") : ip}`;

export interface Limit {
  key: string;
  max: number;
  /** Whether a successful sign-in wipes this key's earlier failures. True for
   *  the account (its owner got in); false for the client, so one success
   *  from an address does not hide that address spraying other accounts. */
  clearedBySuccess: boolean;
}

/** An admitted attempt, to be settled once the password has been checked. */
export interface Attempt {
  id: string;
  startedAt: number;
  clearOnSuccess: string[];
}

export type Reservation = { ok: true; attempt: Attempt } | { ok: false; retryAfter: number };

/**
 * The limits of one sign-in. From an unknown device: five failures per
 * account and client, so guessing from one address locks that address out
 * of the account, not the account for everyone; a ceiling per account over
 * all clients; and the client's own limit across accounts. From a device
 * that signed in to this account before (auth/known-device.ts): five
 * failures for that device alone, so an attack on the account from
 * elsewhere never locks it out.
 */
export function loginLimits(email: string, ip: string, device: string | null = null): Limit[] {
  if (device) return [{ key: `${accountKey(email)}|dev:${device}`, max: MAX_PER_ACCOUNT, clearedBySuccess: true }];
  return [
    { key: `${accountKey(email)}|${clientKey(ip)}`, max: MAX_PER_ACCOUNT, clearedBySuccess: true },
    { key: accountKey(email), max: MAX_PER_ACCOUNT_ANY_CLIENT, clearedBySuccess: true },
    { key: clientKey(ip), max: MAX_PER_CLIENT, clearedBySuccess: false },
  ];
}

/**
 * Counts this attempt against every limit, atomically with reading what is
 * already counted. Admitted: the caller may check the password. Refused: the
 * attempt is not counted, and `retryAfter` says in how many seconds a slot
 * frees on the fullest key.
 */
export async function reserveAttempt(db: Db, limits: Limit[], now = Date.now()): Promise<Reservation> {
  const id = newId("att");
  const since = now - WINDOW_MS;
  const inWindow = (key: string) => and(eq(loginAttempts.key, key), gt(loginAttempts.at, since));
  const [, ...reads] = await db.batch([
    db.insert(loginAttempts).values(limits.map(({ key }) => ({ attempt: id, key, at: now }))),
    ...limits.map(({ key }) => db.select({ n: count() }).from(loginAttempts).where(inWindow(key))),
    // The max-th newest earlier attempt: when it leaves the window, fewer
    // than `max` remain and a new attempt fits.
    ...limits.map(({ key, max }) =>
      db
        .select({ at: loginAttempts.at })
        .from(loginAttempts)
        .where(and(inWindow(key), ne(loginAttempts.attempt, id)))
        .orderBy(desc(loginAttempts.at), desc(loginAttempts.id))
        .limit(1)
        .offset(max - 1),
    ),
  ]);
  const counts = reads.slice(0, limits.length) as { n: number }[][];
  const blockers = reads.slice(limits.length) as { at: number }[][];

  let freeAt = 0;
  limits.forEach(({ max }, i) => {
    if ((counts[i]![0]?.n ?? 0) > max) freeAt = Math.max(freeAt, (blockers[i]![0]?.at ?? now) + WINDOW_MS);
  });
  if (freeAt === 0) {
    return { ok: true, attempt: { id, startedAt: now, clearOnSuccess: limits.filter((l) => l.clearedBySuccess).map((l) => l.key) } };
  }
  // A refused attempt checks nothing, so it must not count: otherwise a
  // flood of refusals would keep the account locked forever.
  await db.delete(loginAttempts).where(eq(loginAttempts.attempt, id));
  return { ok: false, retryAfter: Math.max(1, Math.ceil((freeAt - now) / 1000)) };
}

/**
 * Records how an admitted attempt ended. A failure stays counted for the
 * window. A success is not counted, and clears the failures recorded before
 * it started on the keys it may clear; attempts that started after it (a
 * guesser racing the owner) keep counting.
 */
export async function settleAttempt(db: Db, attempt: Attempt, success: boolean, now = Date.now()): Promise<void> {
  if (!success) {
    await db.batch([
      db.update(loginAttempts).set({ failedAt: now }).where(eq(loginAttempts.attempt, attempt.id)),
      // Keep the table small: attempts older than the window no longer count.
      db.delete(loginAttempts).where(lt(loginAttempts.at, now - WINDOW_MS)),
    ]);
    return;
  }
  const ownRows = db.delete(loginAttempts).where(eq(loginAttempts.attempt, attempt.id));
  if (attempt.clearOnSuccess.length === 0) {
    await ownRows;
    return;
  }
  await db.batch([
    ownRows,
    db
      .delete(loginAttempts)
      .where(and(inArray(loginAttempts.key, attempt.clearOnSuccess), isNotNull(loginAttempts.failedAt), lt(loginAttempts.failedAt, attempt.startedAt))),
  ]);
}
