// Review links (CONTRACT 2 and 9). Editors create, list and revoke an
// episode's links; anyone holding a live link's token trades it for a
// reviewer's cookie, then reads the episode's board and its renders, without
// an account. Every public answer is
// rate-limited per client, and an unknown, expired or revoked token gets the
// very same 404 so a token cannot be probed for what it was.
import { and, desc, eq } from "drizzle-orm";
import { type Context, Hono } from "hono";
import { getCookie, setCookie } from "hono/cookie";
import { z } from "zod";
import { requireEpisode, requireRole } from "../access";
import { recordAudit } from "../audit";
import { currentUser, isLocalhost, requireUser } from "../auth/session";
import { reviewLinks, users } from "../db/schema";
import { EntityId } from "../domain/api";
import {
  CreateReviewLinkBody,
  type CreatedReviewLink,
  linkStatus,
  MAX_REVIEWERS_PER_LINK,
  type ReviewLink,
  type ReviewPageRes,
  ReviewSessionBody,
  type ReviewSessionRes,
} from "../domain/review-links";
import type { AppEnv } from "../env";
import { artifactResponse } from "../http/artifact";
import { ApiError, notFound } from "../http/errors";
import { enforceRate, type RateLimit, REVIEW_RATE } from "../http/rate";
import { validate } from "../http/validate";
import { createReviewLink, issueReviewer, liveLink, type ReviewerOnLink, reviewerCookie, reviewerOn } from "../review-links";
import { roomFor } from "../rooms";

const EpisodeParam = z.object({ projectId: EntityId, episodeId: EntityId });
const LinkParam = EpisodeParam.extend({ linkId: EntityId });
/** The list shows an episode's newest links; older ones stay on the audit trail. */
const LIST_LIMIT = 200;
/** A board's renders load one request each, so they get a budget of their own. */
const REVIEW_MEDIA_RATE: RateLimit = { name: "review-media", max: 1200, windowMs: 60_000 };

/** What a reviewer may load, under the link's episode: a render's image, an upload or a drawing's PNG (never a manifest, an export or strokes). */
const REVIEW_IMAGE = /^(?:job_[A-Za-z0-9_-]{10,36}\/attempt-\d+\.(?:svg|png|jpg|webp)|pictures\/rv_[A-Za-z0-9_-]{10,36}\.(?:png|jpg|webp))$/;

/** The one answer for a token that opens nothing, whatever the reason. */
export const noSuchLink = () => new ApiError(404, "not_found", "This review link is not valid. Ask whoever sent it for a new one.");

// requireUser per route rather than app-wide `.use`: this app shares its mount
// with projectRoutes, and a second catch-all middleware there would change
// which route pattern answers (and is audited for) every other project path.
export const reviewLinkRoutes = new Hono<AppEnv>()
  .get("/:projectId/episodes/:episodeId/review-links", requireUser, validate("param", EpisodeParam), async (c) => {
    const { projectId, episodeId } = c.req.valid("param");
    await requireRole(c, projectId, "editor");
    await requireEpisode(c.var.db, projectId, episodeId);
    const rows = await c.var.db
      .select({
        id: reviewLinks.id,
        canComment: reviewLinks.canComment,
        expiresAt: reviewLinks.expiresAt,
        createdAt: reviewLinks.createdAt,
        revokedAt: reviewLinks.revokedAt,
        createdById: reviewLinks.createdBy,
        createdByName: users.name,
      })
      .from(reviewLinks)
      .innerJoin(users, eq(users.id, reviewLinks.createdBy))
      .where(and(eq(reviewLinks.projectId, projectId), eq(reviewLinks.episodeId, episodeId)))
      .orderBy(desc(reviewLinks.createdAt), desc(reviewLinks.id))
      .limit(LIST_LIMIT)
      .all();
    const now = new Date();
    const links: ReviewLink[] = rows.map((r) => ({
      id: r.id,
      canComment: r.canComment,
      expiresAt: r.expiresAt,
      createdAt: r.createdAt,
      createdBy: { id: r.createdById, name: r.createdByName },
      revokedAt: r.revokedAt,
      status: linkStatus(r, now),
    }));
    c.header("Cache-Control", "no-store");
    return c.json({ links });
  })
  .post("/:projectId/episodes/:episodeId/review-links", requireUser, validate("param", EpisodeParam), validate("json", CreateReviewLinkBody), async (c) => {
    const { projectId, episodeId } = c.req.valid("param");
    const { expiresInDays, canComment } = c.req.valid("json");
    await requireRole(c, projectId, "editor");
    await requireEpisode(c.var.db, projectId, episodeId);
    const link = await createReviewLink(c.var.db, { projectId, episodeId, createdBy: currentUser(c).id, expiresInDays, canComment });
    // The token is in the URL only: never in the audit trail, a log or the list.
    await recordAudit(c, {
      action: "review_link.create",
      target: `review_link:${link.id}`,
      projectId,
      verdict: "allowed",
      details: { episodeId, expiresInDays, canComment },
    });
    const body: CreatedReviewLink = {
      link: { id: link.id, url: `${new URL(c.req.url).origin}/review/${link.token}`, expiresAt: link.expiresAt, canComment: link.canComment },
    };
    c.header("Cache-Control", "no-store");
    return c.json(body, 201);
  })
  .delete("/:projectId/episodes/:episodeId/review-links/:linkId", requireUser, validate("param", LinkParam), async (c) => {
    const { projectId, episodeId, linkId } = c.req.valid("param");
    await requireRole(c, projectId, "editor");
    await requireEpisode(c.var.db, projectId, episodeId);
    const where = and(eq(reviewLinks.id, linkId), eq(reviewLinks.projectId, projectId), eq(reviewLinks.episodeId, episodeId));
    const row = await c.var.db.select({ revokedAt: reviewLinks.revokedAt }).from(reviewLinks).where(where).get();
    if (!row) throw notFound("That review link");
    if (!row.revokedAt) {
      await c.var.db
        .update(reviewLinks)
        .set({ revokedAt: new Date().toISOString(), revokedBy: currentUser(c).id })
        .where(where);
    }
    await recordAudit(c, {
      action: "review_link.revoke",
      target: `review_link:${linkId}`,
      projectId,
      verdict: "allowed",
      details: { episodeId, alreadyRevoked: Boolean(row.revokedAt) },
    });
    // Pushed even when already revoked, so repeating the request repeats the push: a socket that
    // raced the first one still closes. The room's alarm re-checks its links every 30 s as well.
    try {
      await roomFor(c.env, episodeId).closeLink(linkId);
    } catch (err) {
      console.error(JSON.stringify({ requestId: c.var.requestId, what: "close review sockets", error: String(err) }));
      throw new ApiError(503, "unavailable", "The link is revoked, but its open connections could not be closed yet. Try again.");
    }
    return c.body(null, 204);
  });

/** The reviewer a request's cookie names on the link of its path, or the one 404. */
async function reviewerFor(c: Context<AppEnv>, linkId: string): Promise<ReviewerOnLink> {
  const found = EntityId.safeParse(linkId).success ? await reviewerOn(c.var.db, linkId, getCookie(c, reviewerCookie(linkId))) : null;
  if (!found) throw noSuchLink();
  return found;
}

// The token travels once, in a POST body, and is traded for a cookie: from
// then on the page's address, every request and so every Referer, log and
// trace name only the link's id (CONTRACT 9).
export const reviewRoutes = new Hono<AppEnv>()
  .post("/session", validate("json", ReviewSessionBody), async (c) => {
    await enforceRate(c, REVIEW_RATE);
    c.header("Cache-Control", "no-store");
    c.header("Referrer-Policy", "no-referrer");
    const link = await liveLink(c.var.db, c.req.valid("json").token);
    if (!link) throw noSuchLink();
    // A browser that already reviews through this link stays the same reviewer.
    if (await reviewerOn(c.var.db, link.id, getCookie(c, reviewerCookie(link.id)))) return c.json({ linkId: link.id } satisfies ReviewSessionRes);
    const issued = await issueReviewer(c.var.db, link.id);
    if (!issued) {
      throw new ApiError(409, "conflict", `This review link already has its ${MAX_REVIEWERS_PER_LINK} reviewers. Ask whoever sent it for a link of your own.`);
    }
    setCookie(c, reviewerCookie(link.id), issued.secret, {
      httpOnly: true,
      sameSite: "Strict",
      // As the session cookie: Secure everywhere but loopback, whatever scheme a request came in on.
      secure: !isLocalhost(c.req.url),
      path: "/api/v1",
      expires: new Date(link.expiresAt),
    });
    await recordAudit(c, {
      action: "review.join",
      target: `review_link:${link.id}`,
      projectId: link.projectId,
      actor: issued.id,
      verdict: "allowed",
      details: { episodeId: link.episodeId },
    });
    return c.json({ linkId: link.id } satisfies ReviewSessionRes);
  })
  .get("/l/:linkId", async (c) => {
    await enforceRate(c, REVIEW_RATE);
    const { link } = await reviewerFor(c, c.req.param("linkId"));
    const snap = await roomFor(c.env, link.episodeId).snapshot();
    const body: ReviewPageRes = {
      project: { name: link.projectName },
      episode: { title: link.episodeTitle },
      canComment: link.canComment,
      seq: snap.seq,
      board: snap.board,
    };
    c.header("Cache-Control", "no-store");
    c.header("Referrer-Policy", "no-referrer");
    return c.json(body);
  })
  // A frame's render as a reviewer sees it: only images of this link's episode, never a manifest.
  .get("/l/:linkId/artifacts/*", async (c) => {
    await enforceRate(c, REVIEW_MEDIA_RATE);
    const { link } = await reviewerFor(c, c.req.param("linkId"));
    let key: string;
    try {
      key = decodeURIComponent(c.req.path.replace(/^\/api\/v1\/review\/l\/[^/]+\/artifacts\//, ""));
    } catch {
      throw notFound("That artifact");
    }
    const prefix = `${link.projectId}/${link.episodeId}/`;
    if (!key.startsWith(prefix) || !REVIEW_IMAGE.test(key.slice(prefix.length))) throw notFound("That artifact");
    const obj = await c.env.ARTIFACTS.get(key);
    if (!obj) throw notFound("That artifact");
    return artifactResponse(obj, key, { "referrer-policy": "no-referrer" });
  });
