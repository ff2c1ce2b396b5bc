// Server-side sessions: a random token in an HttpOnly cookie, its SHA-256 in
// D1. Every request looks the session up, so logout and revocation take
// effect at once.
import { and, eq, gt, isNull } from "drizzle-orm";
import type { Context } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import { createMiddleware } from "hono/factory";
import { sessions, users } from "../db/schema";
import type { User } from "../domain/api";
import type { AppEnv, Db, Env } from "../env";
import { unauthenticated } from "../http/errors";
import { newId, randomToken, sha256Hex } from "../ids";

export const SESSION_COOKIE = "rr_session";
const SESSION_TTL_MS = 30 * 24 * 3600 * 1000;

export function isAdminEmail(env: Pick<Env, "ADMIN_EMAILS">, email: string): boolean {
  return (env.ADMIN_EMAILS ?? "")
    .split(",")
    .map((e) => e.trim().toLowerCase())
    .filter(Boolean)
    .includes(email.toLowerCase());
}

export function toUser(env: Env, row: { id: string; email: string; name: string; createdAt: string }): User {
  return { id: row.id, email: row.email, name: row.name, createdAt: row.createdAt, isAdmin: isAdminEmail(env, row.email) };
}

/** Local development runs over plain http; everywhere else the cookie is Secure. */
export function isLocalhost(url: string): boolean {
  const host = new URL(url).hostname;
  return host === "localhost" || host === "127.0.0.1" || host === "[::1]";
}

export async function startSession(c: Context<AppEnv>, userId: string): Promise<void> {
  const token = randomToken();
  await c.var.db.insert(sessions).values({
    id: newId("ses"),
    tokenHash: await sha256Hex(token),
    userId,
    expiresAt: new Date(Date.now() + SESSION_TTL_MS).toISOString(),
  });
  setCookie(c, SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: "Lax",
    secure: !isLocalhost(c.req.url),
    path: "/",
    maxAge: SESSION_TTL_MS / 1000,
  });
}

export function clearSessionCookie(c: Context<AppEnv>): void {
  deleteCookie(c, SESSION_COOKIE, { path: "/", secure: !isLocalhost(c.req.url) });
}

/** Resolves a cookie token to its live session and user, or null. */
export async function lookupSession(db: Db, env: Env, token: string | undefined): Promise<{ sessionId: string; user: User } | null> {
  if (!token || token.length > 128) return null;
  const row = await db
    .select({ sessionId: sessions.id, id: users.id, email: users.email, name: users.name, createdAt: users.createdAt })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(and(eq(sessions.tokenHash, await sha256Hex(token)), isNull(sessions.revokedAt), gt(sessions.expiresAt, new Date().toISOString())))
    .get();
  return row ? { sessionId: row.sessionId, user: toUser(env, row) } : null;
}

export function sessionToken(c: Context<AppEnv>): string | undefined {
  return getCookie(c, SESSION_COOKIE);
}

/** Rejects the request with 401 unless it carries a live session. */
export const requireUser = createMiddleware<AppEnv>(async (c, next) => {
  const found = await lookupSession(c.var.db, c.env, sessionToken(c));
  if (!found) throw unauthenticated();
  c.set("user", found.user);
  c.set("sessionId", found.sessionId);
  await next();
});

export async function revokeSession(db: Db, sessionId: string): Promise<void> {
  await db.update(sessions).set({ revokedAt: new Date().toISOString() }).where(eq(sessions.id, sessionId));
}

/** The signed-in user; only call behind requireUser. */
export function currentUser(c: Context<AppEnv>): User {
  const user = c.var.user;
  if (!user) throw unauthenticated();
  return user;
}
