// Comments and frame reviews (CONTRACT 9): their shapes and the pure rules
// of who may do what, shared by the episode room (which enforces them), the
// studio and the review page (which only hide what would be refused).
import { z } from "zod";
import type { RoomRole } from "./api";
import { type Board, type Frame, Id } from "./board";
import { personText } from "./person-text";

export const COMMENT_TEXT_MAX = 2000;
export const REVIEW_NOTE_MAX = 2000;
/** A reviewer's display name (CONTRACT 9). */
export const REVIEWER_NAME_MAX = 80;
/** Comments one episode keeps: every socket's metadata carries them all, so they are bounded. */
export const MAX_COMMENTS_PER_EPISODE = 2000;
export const MAX_COMMENTS_PER_FRAME = 200;
/**
 * Comments one episode stores, those hidden with their removed frames
 * included: past this, the oldest hidden threads are dropped for good (an
 * undo then brings the frame back without them), so removing and re-adding
 * frames cannot grow the room's storage without end.
 */
export const MAX_STORED_COMMENTS = 2 * MAX_COMMENTS_PER_EPISODE;
/**
 * What reviewers may write, together and each: a link holder cannot fill the
 * episode's comment cap, so the team always has room for its own notes.
 */
export const MAX_REVIEWER_COMMENTS = 1000;
export const MAX_COMMENTS_PER_REVIEWER = 100;
/** The team's frame reviews in metadata: the latest verdict of each member on each frame, newest first, at most this many. */
export const MAX_REVIEWS_IN_METADATA = 2000;
/**
 * Verdicts reviewers may hold on an episode, together: one each per frame, a
 * new one replacing theirs. Sent in metadata after the team's, so a link's
 * holders can never push the team's verdicts out.
 */
export const MAX_REVIEWER_REVIEWS = 1000;

/**
 * Control characters would let a name or a comment fake line structure in
 * logs and exports; a comment may still have line breaks and tabs.
 */
function hasControl(text: string, allowBreaks: boolean): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (allowBreaks && (c === 9 || c === 10 || c === 13)) continue;
    if (c < 32 || c === 127) return true;
  }
  return false;
}

export const ReviewerName = z
  .string()
  .overwrite(personText)
  .trim()
  .min(1, "required")
  .max(REVIEWER_NAME_MAX, `at most ${REVIEWER_NAME_MAX} characters`)
  .refine((s) => !hasControl(s, false), "no control characters");

/** A short note with a review: no control characters, as a comment. */
export const ReviewNote = z
  .string()
  .overwrite(personText)
  .trim()
  .max(REVIEW_NOTE_MAX)
  .refine((s) => !hasControl(s, true), "no control characters");

export const CommentText = z
  .string()
  .overwrite(personText)
  .trim()
  .min(1, "required")
  .max(COMMENT_TEXT_MAX, `at most ${COMMENT_TEXT_MAX} characters`)
  .refine((s) => !hasControl(s, true), "no control characters");

/** "agent": the production agent, resolving a note it acted on in a notes run (CONTRACT 9). */
export const CommentAuthor = z.object({ type: z.enum(["user", "reviewer", "agent"]), id: z.string().max(64), name: z.string().max(200) });
export type CommentAuthor = z.infer<typeof CommentAuthor>;

export const Comment = z.object({
  id: Id,
  frameId: Id,
  parentId: Id.nullable(),
  author: CommentAuthor,
  text: z.string().max(COMMENT_TEXT_MAX),
  createdAt: z.string().max(40),
  editedAt: z.string().max(40).optional(),
  resolved: z.boolean(),
  resolvedBy: CommentAuthor.optional(),
});
export type Comment = z.infer<typeof Comment>;

export const Verdict = z.enum(["approved", "changes_requested"]);
export type Verdict = z.infer<typeof Verdict>;

export const FrameReview = z.object({
  frameId: Id,
  verdict: Verdict,
  by: CommentAuthor,
  at: z.string().max(40),
  note: z.string().max(REVIEW_NOTE_MAX).optional(),
  /**
   * The picture revision the frame showed when the verdict was given (null:
   * no picture, only the live sketch), filled by the room from its board,
   * never by the client (CONTRACT 12). Absent on verdicts from before it was kept.
   */
  revisionId: Id.nullable().optional(),
});
export type FrameReview = z.infer<typeof FrameReview>;

/** Who is acting: their identity as an author, and their role in the room. */
export interface CommentActor {
  author: CommentAuthor;
  role: RoomRole;
}

export type Permission = { ok: true } | { ok: false; message: string };
const yes: Permission = { ok: true };
const no = (message: string): Permission => ({ ok: false, message });

const isAuthor = (actor: CommentActor, c: Comment) => actor.author.type === c.author.type && actor.author.id === c.author.id;

/**
 * Adding a comment: every member, and a reviewer whose link allows comments.
 * Viewers may comment too: a reviewer without an account can, so a member
 * who only watches must be able to (docs/decisions.md, "Review links").
 */
export function mayAdd(actor: CommentActor, canComment: boolean): Permission {
  if (actor.role === "reviewer" && !canComment) return no("This review link does not allow comments.");
  return yes;
}

/** Editing: the author only, and never a reviewer (a reviewer adds only). */
export function mayEdit(actor: CommentActor, c: Comment): Permission {
  if (actor.role === "reviewer") return no("Reviewers can add comments but not change them.");
  return isAuthor(actor, c) ? yes : no("Only the comment's author can edit it.");
}

/** Resolving or reopening: editors and owners, any comment. */
export function mayResolve(actor: CommentActor): Permission {
  return actor.role === "editor" || actor.role === "owner" ? yes : no("Only editors can resolve comments.");
}

/**
 * The agent resolving a note in a notes run: only an open top-level comment
 * it was given (the run checks that), on a frame the run may change.
 */
export function mayAgentResolve(c: Comment | null, inScope: boolean): Permission {
  if (!c) return no("there is no such comment");
  if (c.parentId !== null) return no("a reply is part of its thread; resolve the thread's first comment");
  if (c.resolved) return no("that comment is already resolved");
  if (!inScope) return no("that comment's shot is outside the run's scope");
  return yes;
}

/** Deleting: members their own, owners any; never a reviewer. */
export function mayDelete(actor: CommentActor, c: Comment): Permission {
  if (actor.role === "reviewer") return no("Reviewers can add comments but not delete them.");
  if (actor.role === "owner" || isAuthor(actor, c)) return yes;
  return no("Only the comment's author or a project owner can delete it.");
}

/** Approving or asking for changes: anyone in the room, reviewers included. */
export function mayReview(_actor: CommentActor): Permission {
  return yes;
}

/**
 * A comment's parent must be a top-level comment on the same frame: threads
 * are one level deep, so deleting a comment takes its replies with it and
 * nothing is left pointing at a comment that is gone.
 */
export function replyTarget(comments: readonly Comment[], frameId: string, parentId: string | null | undefined): Permission {
  if (!parentId) return yes;
  const parent = comments.find((c) => c.id === parentId);
  if (!parent) return no(`No comment "${parentId}" to reply to.`);
  if (parent.frameId !== frameId) return no("A reply must be on the same frame as its comment.");
  if (parent.parentId !== null) return no("Reply to the thread's first comment; threads are one level deep.");
  return yes;
}

/** Open notes on a frame: its unresolved top-level comments (a reply is part of its thread). */
export function openCount(comments: readonly Comment[], frameId: string): number {
  let n = 0;
  for (const c of comments) if (c.frameId === frameId && c.parentId === null && !c.resolved) n++;
  return n;
}

/** Open notes per frame, for a board of cards. */
export function openCounts(comments: readonly Comment[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const c of comments) if (c.parentId === null && !c.resolved) out.set(c.frameId, (out.get(c.frameId) ?? 0) + 1);
  return out;
}

/**
 * A `comment` message applied to a list: an added, edited or resolved comment
 * replaces its old self (or is appended); a deleted one leaves with its replies.
 */
export function applyComment(list: readonly Comment[], comment: Comment, deleted = false): Comment[] {
  if (deleted) return list.filter((c) => c.id !== comment.id && c.parentId !== comment.id);
  const i = list.findIndex((c) => c.id === comment.id);
  if (i < 0) return [...list, comment];
  const next = list.slice();
  next[i] = comment;
  return next;
}

/** The key one person's verdict on one frame is stored under: a newer verdict replaces theirs. */
export const reviewKey = (r: Pick<FrameReview, "frameId" | "by">) => `${r.frameId}\u0000${r.by.type}:${r.by.id}`;

/** A `frame_review` message applied to the list of latest verdicts. */
export function applyReview(list: readonly FrameReview[], review: FrameReview): FrameReview[] {
  const key = reviewKey(review);
  return [...list.filter((r) => reviewKey(r) !== key), review];
}

/** The latest verdicts on one frame, newest first. */
export function frameReviews(list: readonly FrameReview[], frameId: string): FrameReview[] {
  return list.filter((r) => r.frameId === frameId).sort((a, b) => b.at.localeCompare(a.at));
}

/**
 * Whether a verdict was given on another picture than the one the frame
 * shows now (CONTRACT 12): "approved an earlier version". A verdict from
 * before revisions were recorded (no `revisionId`) says nothing about its
 * picture, so it stays current.
 */
export function onEarlierVersion(review: Pick<FrameReview, "revisionId">, frame: Pick<Frame, "media">): boolean {
  if (review.revisionId === undefined) return false;
  return review.revisionId !== frame.media.shown;
}

/**
 * The verdicts that still count: on a frame still on the board, and on the
 * picture it shows now. Approval counts are made from these.
 */
export function currentVerdicts(reviews: readonly FrameReview[], board: Pick<Board, "frames">): FrameReview[] {
  const frames = new Map(board.frames.map((f) => [f.id, f]));
  return reviews.filter((r) => {
    const frame = frames.get(r.frameId);
    return frame !== undefined && !onEarlierVersion(r, frame);
  });
}

/** "approved", "asked for changes", or on another picture "approved an earlier version". */
export function verdictWords(review: Pick<FrameReview, "verdict" | "revisionId">, frame: Pick<Frame, "media"> | undefined): string {
  const earlier = frame !== undefined && onEarlierVersion(review, frame);
  if (review.verdict === "approved") return earlier ? "approved an earlier version" : "approved";
  return earlier ? "asked for changes on an earlier version" : "asked for changes";
}

/** Frames with at least one current approval, of those on the board: the "3 of 8 shots approved" count. */
export function approvedFrames(reviews: readonly FrameReview[], board: Pick<Board, "frames">): number {
  const ids = new Set(
    currentVerdicts(reviews, board)
      .filter((r) => r.verdict === "approved")
      .map((r) => r.frameId),
  );
  return ids.size;
}
