// Review links over HTTP (CONTRACT 2 and 9): the bodies and answers of the
// review-link routes and the public review page, shared by the worker (zod
// checks every input) and the SPA (which parses every answer).
import { z } from "zod";
import { Board } from "./board";

export const REVIEW_DAYS_DEFAULT = 14;
export const REVIEW_DAYS_MAX = 90;

export const CreateReviewLinkBody = z.strictObject({
  expiresInDays: z.number().int().min(1).max(REVIEW_DAYS_MAX).default(REVIEW_DAYS_DEFAULT),
  canComment: z.boolean().default(true),
});
export type CreateReviewLinkBody = z.input<typeof CreateReviewLinkBody>;

/** People reviewing through one link, each a browser the server gave an id (CONTRACT 9). */
export const MAX_REVIEWERS_PER_LINK = 50;

/** POST /api/v1/review/session: a link's token, traded for the browser's reviewer cookie. */
export const ReviewSessionBody = z.strictObject({ token: z.string().max(64) });
/** The answer: the link the cookie is for, which the page's address names from then on. */
export const ReviewSessionRes = z.strictObject({ linkId: z.string() });
export type ReviewSessionRes = z.infer<typeof ReviewSessionRes>;

/** 256 random bits in base64url, no padding: always 43 characters. */
export const ReviewToken = z.string().regex(/^[A-Za-z0-9_-]{43}$/, "malformed token");

export const ReviewLinkStatus = z.enum(["live", "expired", "revoked"]);
export type ReviewLinkStatus = z.infer<typeof ReviewLinkStatus>;

/** A link as the editors' list shows it: never its token, which exists only in the URL shown at creation. */
export const ReviewLink = z.object({
  id: z.string(),
  canComment: z.boolean(),
  expiresAt: z.string(),
  createdAt: z.string(),
  createdBy: z.object({ id: z.string(), name: z.string() }),
  revokedAt: z.string().nullable(),
  status: ReviewLinkStatus,
});
export type ReviewLink = z.infer<typeof ReviewLink>;
export const ReviewLinksRes = z.object({ links: z.array(ReviewLink) });

/** The answer to a create: the URL carries the token, shown this once. */
export const CreatedReviewLink = z.object({
  link: z.object({ id: z.string(), url: z.string(), expiresAt: z.string(), canComment: z.boolean() }),
});
export type CreatedReviewLink = z.infer<typeof CreatedReviewLink>;

/** GET /api/v1/review/l/:linkId (with the reviewer's cookie): what the review page opens with. */
export const ReviewPageRes = z.object({
  project: z.object({ name: z.string() }),
  episode: z.object({ title: z.string() }),
  canComment: z.boolean(),
  seq: z.number().int().nonnegative(),
  board: Board,
});
export type ReviewPageRes = z.infer<typeof ReviewPageRes>;

/** A link's state at `now`: revoked wins over expired. */
export function linkStatus(link: { revokedAt: string | null; expiresAt: string }, now = new Date()): ReviewLinkStatus {
  if (link.revokedAt) return "revoked";
  return link.expiresAt <= now.toISOString() ? "expired" : "live";
}
