// Review links in D1: creating one (the token is returned once and only its
// hash is stored), resolving a token to its live link, the reviewers a link
// has (issued by the server, one per browser, each a secret in an HttpOnly
// cookie), and which links are still live for the rooms' periodic re-check.
// The routes and the realtime upgrade ask here, and nowhere else, whether a
// review token or a reviewer's cookie is good.
import { and, eq, gt, inArray, isNull, ne, sql } from "drizzle-orm";
import { episodes, projects, reviewers, reviewLinks } from "./db/schema";
import { MAX_REVIEWERS_PER_LINK, ReviewToken } from "./domain/review-links";
import type { Db } from "./env";
import { newId, randomToken, sha256Hex } from "./ids";

const DAY_MS = 24 * 3600 * 1000;

export interface LiveLink {
  id: string;
  projectId: string;
  projectName: string;
  episodeId: string;
  episodeTitle: string;
  canComment: boolean;
  expiresAt: string;
}

export async function createReviewLink(
  db: Db,
  input: { projectId: string; episodeId: string; createdBy: string; expiresInDays: number; canComment: boolean },
  now = Date.now(),
): Promise<{ id: string; token: string; expiresAt: string; canComment: boolean }> {
  const token = randomToken(32);
  const id = newId("rvl");
  const expiresAt = new Date(now + input.expiresInDays * DAY_MS).toISOString();
  await db.insert(reviewLinks).values({
    id,
    projectId: input.projectId,
    episodeId: input.episodeId,
    tokenHash: await sha256Hex(token),
    canComment: input.canComment,
    expiresAt,
    createdBy: input.createdBy,
  });
  return { id, token, expiresAt, canComment: input.canComment };
}

/**
 * The live link a token opens, or null. Unknown, malformed, expired and
 * revoked tokens are all just null, so no caller can answer them differently.
 */
export async function liveLink(db: Db, token: string, now = new Date()): Promise<LiveLink | null> {
  if (!ReviewToken.safeParse(token).success) return null;
  const row = await db
    .select({
      id: reviewLinks.id,
      projectId: reviewLinks.projectId,
      projectName: projects.name,
      episodeId: reviewLinks.episodeId,
      episodeTitle: episodes.title,
      canComment: reviewLinks.canComment,
      expiresAt: reviewLinks.expiresAt,
    })
    .from(reviewLinks)
    .innerJoin(episodes, eq(episodes.id, reviewLinks.episodeId))
    .innerJoin(projects, eq(projects.id, reviewLinks.projectId))
    .where(and(eq(reviewLinks.tokenHash, await sha256Hex(token)), isNull(reviewLinks.revokedAt), gt(reviewLinks.expiresAt, now.toISOString())))
    .get();
  return row ?? null;
}

/** D1 takes at most 100 bound parameters per statement; leave room for the others. */
const CHUNK = 90;

/** Which of these link ids are still live (not revoked, not expired). */
export async function liveLinkIds(db: Db, ids: string[], now = new Date()): Promise<Set<string>> {
  const live = new Set<string>();
  const unique = [...new Set(ids)];
  for (let i = 0; i < unique.length; i += CHUNK) {
    const rows = await db
      .select({ id: reviewLinks.id })
      .from(reviewLinks)
      .where(and(inArray(reviewLinks.id, unique.slice(i, i + CHUNK)), isNull(reviewLinks.revokedAt), gt(reviewLinks.expiresAt, now.toISOString())))
      .all();
    for (const r of rows) live.add(r.id);
  }
  return live;
}

/** The cookie that holds one browser's reviewer secret for one link (CONTRACT 9). */
export const reviewerCookie = (linkId: string) => `rr_rvw_${linkId}`;

/** A reviewer secret as issued: 256 random bits in base64url. */
const ReviewerSecret = ReviewToken;

/**
 * Issues a new reviewer on a live link: an id of the server's making and a
 * secret for the browser's cookie, or null when the link already has
 * MAX_REVIEWERS_PER_LINK. The count and the insert are one statement, so two
 * browsers arriving together cannot both take the last place.
 */
export async function issueReviewer(db: Db, linkId: string): Promise<{ id: string; secret: string } | null> {
  const id = newId("rvw");
  const secret = randomToken(32);
  const hash = await sha256Hex(secret);
  const out = await db.run(
    sql`INSERT INTO ${reviewers} (id, link_id, secret_hash) SELECT ${id}, ${linkId}, ${hash} WHERE (SELECT count(*) FROM ${reviewers} WHERE link_id = ${linkId}) < ${MAX_REVIEWERS_PER_LINK}`,
  );
  return out.meta.changes === 1 ? { id, secret } : null;
}

export interface ReviewerOnLink {
  reviewer: { id: string; name: string };
  link: LiveLink;
}

/**
 * The reviewer a browser's cookie names on a live link, or null: no cookie,
 * a secret of another link, or a link revoked or expired are all just null.
 */
export async function reviewerOn(db: Db, linkId: string, secret: string | undefined, now = new Date()): Promise<ReviewerOnLink | null> {
  if (!secret || !ReviewerSecret.safeParse(secret).success) return null;
  const row = await db
    .select({
      reviewerId: reviewers.id,
      reviewerName: reviewers.name,
      id: reviewLinks.id,
      projectId: reviewLinks.projectId,
      projectName: projects.name,
      episodeId: reviewLinks.episodeId,
      episodeTitle: episodes.title,
      canComment: reviewLinks.canComment,
      expiresAt: reviewLinks.expiresAt,
    })
    .from(reviewers)
    .innerJoin(reviewLinks, eq(reviewLinks.id, reviewers.linkId))
    .innerJoin(episodes, eq(episodes.id, reviewLinks.episodeId))
    .innerJoin(projects, eq(projects.id, reviewLinks.projectId))
    .where(
      and(
        eq(reviewers.secretHash, await sha256Hex(secret)),
        eq(reviewers.linkId, linkId),
        isNull(reviewLinks.revokedAt),
        gt(reviewLinks.expiresAt, now.toISOString()),
      ),
    )
    .get();
  if (!row) return null;
  const { reviewerId, reviewerName, ...link } = row;
  return { reviewer: { id: reviewerId, name: reviewerName }, link };
}

/** The name a reviewer gave last, kept for the audit trail and the jobs list (CONTRACT 11). */
export async function nameReviewer(db: Db, id: string, name: string): Promise<void> {
  await db
    .update(reviewers)
    .set({ name })
    .where(and(eq(reviewers.id, id), ne(reviewers.name, name)));
}
