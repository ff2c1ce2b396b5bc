// Review links in D1: creating one (the token is returned once and only its
// hash is stored), resolving a token to its live link, and which links are
// still live for the rooms' periodic re-check. The routes and the realtime
// upgrade ask here, and nowhere else, whether a review token is good.
import { and, eq, gt, inArray, isNull } from "drizzle-orm";
import { episodes, projects, reviewLinks } from "./db/schema";
import { ReviewToken } from "./domain/review-links";
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

/**
 * A reviewer's id: stable for one link and one browser (the client's random
 * `rid`, kept in its localStorage) or, without one, for one link and one
 * name. Hashed with the link's id so it means nothing outside that link, and
 * prefixed so it can never equal a member's id.
 */
export async function reviewerId(linkId: string, rid: string | undefined, name: string): Promise<string> {
  const basis = rid ? `rid:${rid}` : `name:${name.toLowerCase()}`;
  return `rvw_${(await sha256Hex(`${linkId}\n${basis}`)).slice(0, 24)}`;
}
