// Accounts: signup, login (throttled), logout, me (CONTRACT 2).
import { eq } from "drizzle-orm";
import { Hono } from "hono";
import { countAnonymousDenial, denialTarget, recordAudit } from "../audit";
import { DUMMY_HASH, hashPassword, verifyPassword } from "../auth/password";
import { canOperate } from "../ops/access";
import { clearSessionCookie, currentUser, lookupSession, requireUser, revokeSession, sessionToken, startSession, toUser } from "../auth/session";
import { knownDevice, rememberDevice } from "../auth/known-device";
import { loginLimits, reserveAttempt, settleAttempt } from "../auth/throttle";
import { users } from "../db/schema";
import { closeSessionSockets } from "../room-sockets";
import { LoginBody, SignupBody } from "../domain/api";
import type { AppEnv } from "../env";
import { ApiError, conflict, unauthenticated } from "../http/errors";
import { validate } from "../http/validate";
import { newId } from "../ids";

export const authRoutes = new Hono<AppEnv>()
  .post("/signup", validate("json", SignupBody), async (c) => {
    const { email, password, name } = c.req.valid("json");
    const existing = await c.var.db.select({ id: users.id }).from(users).where(eq(users.email, email)).get();
    if (existing) {
      // Counted, not one row each: signup needs no account, so a flood must not grow the trail.
      await countAnonymousDenial(c, { action: "auth.signup", target: denialTarget(c), code: "conflict", message: "Email already taken." });
      throw conflict("An account with that email already exists. Sign in instead.");
    }
    const id = newId("usr");
    const row = await c.var.db
      .insert(users)
      .values({ id, email, name, passwordHash: await hashPassword(password) })
      .returning()
      .get();
    await startSession(c, id);
    await rememberDevice(c, row);
    await recordAudit(c, { action: "auth.signup", target: `user:${id}`, verdict: "allowed", actor: id });
    return c.json({ user: toUser(c.env, row) }, 201);
  })
  .post("/login", validate("json", LoginBody), async (c) => {
    const { email, password } = c.req.valid("json");
    const ip = c.req.header("cf-connecting-ip") ?? "local";
    const row = await c.var.db.select().from(users).where(eq(users.email, email)).get();
    // A browser that signed in to this account before is throttled on its own (known-device.ts).
    const device = row ? await knownDevice(c, row) : null;
    // The attempt is counted before the password is checked (see throttle.ts).
    const reservation = await reserveAttempt(c.var.db, loginLimits(email, ip, device));
    if (!reservation.ok) {
      // Counted, not one row each: a locked account under a flood would
      // otherwise add a row per guess. The failures that locked it have rows.
      await countAnonymousDenial(c, { action: "auth.login", target: denialTarget(c), code: "rate_limited", message: "Throttled: too many sign-in attempts." });
      throw new ApiError(429, "rate_limited", `Too many failed sign-ins. Try again in ${reservation.retryAfter} s.`, undefined, {
        "Retry-After": String(reservation.retryAfter),
      });
    }
    // Verify against a dummy hash when there is no such account, so timing
    // does not tell which emails have accounts.
    const ok = await verifyPassword(password, row?.passwordHash ?? DUMMY_HASH);
    if (!row || !ok) {
      await settleAttempt(c.var.db, reservation.attempt, false);
      await recordAudit(c, { action: "auth.login", target: `email:${email}`, verdict: "failed" });
      throw unauthenticated("Wrong email or password.");
    }
    await settleAttempt(c.var.db, reservation.attempt, true);
    await startSession(c, row.id);
    await rememberDevice(c, row);
    await recordAudit(c, { action: "auth.login", target: `user:${row.id}`, verdict: "allowed", actor: row.id });
    return c.json({ user: toUser(c.env, row) });
  })
  // The SPA's boot probe: "is anyone signed in here?" is a question, not a
  // failure, so it answers 200 with null rather than /me's 401.
  .get("/session", async (c) => {
    const found = await lookupSession(c.var.db, c.env, sessionToken(c));
    c.header("Cache-Control", "no-store");
    return c.json({ user: found?.user ?? null });
  })
  .post("/logout", requireUser, async (c) => {
    const sessionId = c.var.sessionId!;
    await revokeSession(c.var.db, sessionId);
    await closeSessionSockets(c.var.db, c.env, sessionId);
    clearSessionCookie(c);
    await recordAudit(c, { action: "auth.logout", target: `session:${sessionId}`, verdict: "allowed" });
    return c.body(null, 204);
  });

// `canOperate` (beyond the contract's `{user}`) says whether the operations
// console is open to this person, so the SPA shows the way in only to them.
export const meRoutes = new Hono<AppEnv>().get("/", requireUser, async (c) => {
  const user = currentUser(c);
  c.header("Cache-Control", "no-store");
  return c.json({ user, canOperate: await canOperate(c.var.db, user) });
});
