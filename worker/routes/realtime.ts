// GET /api/v1/realtime: every pre-upgrade check of CONTRACT 3, answered as
// plain HTTP with the contract's error body, then the upgrade is forwarded to
// the episode's room with the verified identity. The room is reachable only
// through here, and the request it gets is built anew, so no client header
// can pose as an identity.
import { Hono } from "hono";
import { getCookie } from "hono/cookie";
import { z } from "zod";
import { membership, requireEpisode } from "../access";
import { lookupSession, sessionToken } from "../auth/session";
import { roomSessions } from "../db/schema";
import { EntityId } from "../domain/api";
import type { AppEnv, Db, Env } from "../env";
import { accessNow } from "../room/access-check";
import { ApiError, forbidden, invalid, unauthenticated } from "../http/errors";
import { isAllowedOrigin } from "../http/origin";
import { type ConnectIdentity, IDENTITY_HEADER } from "../room/episode-room";
import { ReviewerName } from "../domain/comments";
import { enforceRate, REVIEW_RATE } from "../http/rate";
import { liveLinkIds, nameReviewer, reviewerCookie, reviewerOn } from "../review-links";
import { roomFor } from "../rooms";
import { noSuchLink } from "./review";

const Query = z.object({
  project: EntityId,
  episode: EntityId,
  since: z.coerce.number().int().nonnegative().optional(),
});

/**
 * A review socket: the link's id, the name the reviewer gives, and the
 * reviewer's cookie for that link (never a token, never a client-chosen id).
 */
const ReviewQuery = z.strictObject({
  review: EntityId,
  name: ReviewerName,
  since: z.coerce.number().int().nonnegative().optional(),
});

async function recheckAccess(db: Db, env: Env, id: ConnectIdentity): Promise<void> {
  try {
    const now = await accessNow(db, id.projectId, [id.sessionId], [id.userId]);
    const room = roomFor(env, id.episodeId);
    if (!now.liveSessions.has(id.sessionId)) await room.closeSession(id.sessionId);
    const role = now.roles.get(id.userId);
    if (!role) await room.closeUser(id.userId);
    else if (role !== id.role) await room.setRole(id.userId, role);
  } catch (err) {
    // The room's own alarm re-checks within a minute.
    console.error(JSON.stringify({ at: "realtime", what: "recheck access", error: String(err) }));
  }
}

/** Forwards a verified upgrade to the episode's room, with the identity in a header no client can set. */
async function forward(env: Env, identity: ConnectIdentity, since: number | undefined): Promise<Response> {
  const url = new URL("https://room.internal/connect");
  if (since !== undefined) url.searchParams.set("since", String(since));
  return roomFor(env, identity.episodeId).fetch(new Request(url, { headers: { Upgrade: "websocket", [IDENTITY_HEADER]: JSON.stringify(identity) } }));
}

/** Once a reviewer's socket exists, checks its link again: a revocation that raced the upgrade found no socket to close. */
async function recheckLink(db: Db, env: Env, episodeId: string, linkId: string): Promise<void> {
  try {
    if (!(await liveLinkIds(db, [linkId])).has(linkId)) await roomFor(env, episodeId).closeLink(linkId);
  } catch (err) {
    console.error(JSON.stringify({ at: "realtime", what: "recheck review link", error: String(err) }));
  }
}

export const realtimeRoutes = new Hono<AppEnv>().get("/", async (c) => {
  // A review link needs no session (CONTRACT 3, review sockets): its own checks, then the same room.
  if (c.req.query("review") !== undefined) {
    await enforceRate(c, REVIEW_RATE);
    const query = ReviewQuery.safeParse(c.req.query());
    if (!query.success)
      throw invalid("review must be a review link's id, name a display name of at most 80 characters; since a non-negative integer.", query.error.issues);
    if (!isAllowedOrigin(c.req.header("origin"), c.env, c.req.url)) throw forbidden("Cross-origin connection refused.");
    const { review, name, since } = query.data;
    const found = await reviewerOn(c.var.db, review, getCookie(c, reviewerCookie(review)));
    if (!found) throw noSuchLink();
    if (c.req.header("upgrade")?.toLowerCase() !== "websocket") {
      throw new ApiError(426, "upgrade_required", "This endpoint speaks WebSocket only.");
    }
    const { reviewer, link } = found;
    await nameReviewer(c.var.db, reviewer.id, name);
    const identity: ConnectIdentity = {
      userId: reviewer.id,
      name,
      email: "",
      role: "reviewer",
      sessionId: `review:${link.id}`,
      projectId: link.projectId,
      episodeId: link.episodeId,
      review: { linkId: link.id, expiresAt: Date.parse(link.expiresAt), canComment: link.canComment },
    };
    const res = await forward(c.env, identity, since);
    if (res.status === 101) c.executionCtx.waitUntil(recheckLink(c.var.db, c.env, link.episodeId, link.id));
    return new Response(res.body, { status: res.status, headers: new Headers(res.headers), webSocket: res.webSocket });
  }

  const found = await lookupSession(c.var.db, c.env, sessionToken(c));
  if (!found) throw unauthenticated();
  c.set("user", found.user);
  const query = Query.safeParse(c.req.query());
  if (!query.success) throw invalid("project and episode must be valid ids; since a non-negative integer.", query.error.issues);
  if (!isAllowedOrigin(c.req.header("origin"), c.env, c.req.url)) throw forbidden("Cross-origin connection refused.");
  const { project, episode, since } = query.data;
  const member = await membership(c.var.db, project, found.user.id);
  if (!member) throw forbidden("You are not a member of this project.");
  const episodeRow = await requireEpisode(c.var.db, project, episode);
  if (c.req.header("upgrade")?.toLowerCase() !== "websocket") {
    throw new ApiError(426, "upgrade_required", "This endpoint speaks WebSocket only.");
  }

  await c.var.db
    .insert(roomSessions)
    .values({ sessionId: found.sessionId, episodeId: episode, projectId: project, userId: found.user.id })
    .onConflictDoNothing();

  const identity: ConnectIdentity = {
    userId: found.user.id,
    name: found.user.name,
    email: found.user.email,
    role: member.role,
    sessionId: found.sessionId,
    projectId: project,
    episodeId: episode,
    episodeTitle: episodeRow.title.slice(0, 200),
  };
  const res = await forward(c.env, identity, since);
  // The access checked above may have changed while the upgrade travelled (a
  // logout or removal whose push found no socket yet): check again once the
  // socket exists, and let the room close it if so.
  if (res.status === 101) c.executionCtx.waitUntil(recheckAccess(c.var.db, c.env, identity));
  // A response from a stub has immutable headers; re-wrap it so the
  // middleware can still add the security headers.
  return new Response(res.body, { status: res.status, headers: new Headers(res.headers), webSocket: res.webSocket });
});
