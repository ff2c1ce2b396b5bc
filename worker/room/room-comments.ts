// The room's comments and frame reviews (CONTRACT 9): the client messages
// that change them, checked against the shared rules of domain/comments.ts,
// written to the room's SQLite beside the board (never into it) and turned
// into the one message every socket gets. Room calls it inside its message
// path, after revocation, rate, schema and dedupe checks.
import {
  type Comment,
  type CommentActor,
  type FrameReview,
  MAX_COMMENTS_PER_EPISODE,
  MAX_COMMENTS_PER_FRAME,
  MAX_COMMENTS_PER_REVIEWER,
  MAX_REVIEWER_COMMENTS,
  MAX_REVIEWER_REVIEWS,
  MAX_REVIEWS_IN_METADATA,
  MAX_STORED_COMMENTS,
  mayAdd,
  mayAgentResolve,
  mayDelete,
  mayEdit,
  mayResolve,
  mayReview,
  type Permission,
  replyTarget,
  reviewKey,
} from "../domain/comments";
import type { ClientMessage, ServerPayload } from "../domain/protocol";
import { newId } from "../ids";

/** What the room needs from storage for comments; synchronous, as the DO's SQLite is. */
export interface CommentStore {
  comments(): Comment[];
  getComment(id: string): Comment | null;
  putComment(c: Comment): void;
  /** Deletes a comment and its replies; returns the ids removed. */
  deleteComment(id: string): string[];
  commentCount(frameId?: string): number;
  /** How many comments each frame has stored, the frames no longer on the board included. */
  commentCountsByFrame(): Map<string, number>;
  putReview(r: FrameReview): void;
  /** The latest verdicts, the team's before reviewers', each newest first. */
  reviews(limit: number): FrameReview[];
  hasReview(key: string): boolean;
  reviewerReviewCount(): number;
}

export type CommentMessage = Extract<ClientMessage, { type: "comment_add" | "comment_edit" | "comment_resolve" | "comment_delete" | "frame_review" }>;
export const COMMENT_MESSAGES = new Set<ClientMessage["type"]>(["comment_add", "comment_edit", "comment_resolve", "comment_delete", "frame_review"]);

export function isCommentMessage(msg: ClientMessage): msg is CommentMessage {
  return COMMENT_MESSAGES.has(msg.type);
}

/** What happened: the ack's result and the message to broadcast, or a refusal. */
export type CommentOutcome =
  | {
      ok: true;
      result: { comment: Comment } | { deleted: string[] } | { review: FrameReview };
      broadcast: { type: "comment"; payload: ServerPayload<"comment"> } | { type: "frame_review"; payload: ServerPayload<"frame_review"> };
    }
  | { ok: false; code: string; message: string };

const refused = (code: string, message: string): CommentOutcome => ({ ok: false, code, message });
const forbidden = (p: Permission): CommentOutcome | null => (p.ok ? null : refused("forbidden", p.message));

export class RoomComments {
  constructor(
    private readonly deps: {
      store: CommentStore;
      /**
       * The frames on the board now. Comments follow their frame: those of a
       * removed frame stay stored but are hidden (not sent, not counted, not
       * changeable) until an undo or rewind brings the frame back.
       */
      frameIds: () => ReadonlySet<string>;
      /** The revision the frame shows now (null: none), recorded with a verdict (CONTRACT 12). */
      shownRevision: (frameId: string) => string | null;
      now: () => number;
    },
  ) {}

  /** Everything a joining socket needs: the comments and latest verdicts of the frames on the board. */
  snapshot(): { comments: Comment[]; reviews: FrameReview[] } {
    const on = this.deps.frameIds();
    return {
      comments: this.deps.store.comments().filter((c) => on.has(c.frameId)),
      reviews: this.deps.store.reviews(MAX_REVIEWS_IN_METADATA + MAX_REVIEWER_REVIEWS).filter((r) => on.has(r.frameId)),
    };
  }

  /**
   * What open sockets are told after the board's frames went from `before`
   * to `after`: each removed frame's threads leave (as a delete, which takes
   * the replies with it) and each returning frame's comments come back,
   * first comments before their replies.
   */
  followFrames(before: ReadonlySet<string>, after: ReadonlySet<string>): ServerPayload<"comment">[] {
    const gone = new Set([...before].filter((id) => !after.has(id)));
    const back = new Set([...after].filter((id) => !before.has(id)));
    if (gone.size === 0 && back.size === 0) return [];
    // Most frames that come and go (every shot an agent adds) have no comments: counted in SQL, not read.
    const counts = this.deps.store.commentCountsByFrame();
    if (![...gone, ...back].some((id) => counts.has(id))) return [];
    const out: ServerPayload<"comment">[] = [];
    const all = this.deps.store.comments();
    for (const c of all) if (gone.has(c.frameId) && c.parentId === null) out.push({ comment: c, deleted: true });
    const returning = all.filter((c) => back.has(c.frameId));
    for (const c of [...returning.filter((c) => c.parentId === null), ...returning.filter((c) => c.parentId !== null)]) out.push({ comment: c });
    return out;
  }

  /** A comment that is stored and whose frame is on the board. */
  private visible(id: string): Comment | null {
    const c = this.deps.store.getComment(id);
    return c && this.deps.frameIds().has(c.frameId) ? c : null;
  }

  /** Makes room for one more comment in storage by dropping the oldest threads of removed frames. */
  private makeRoom(): void {
    const store = this.deps.store;
    let over = store.commentCount() - MAX_STORED_COMMENTS + 1;
    if (over <= 0) return;
    const on = this.deps.frameIds();
    const hidden = store
      .comments()
      .filter((c) => c.parentId === null && !on.has(c.frameId))
      .sort((a, b) => a.createdAt.localeCompare(b.createdAt));
    for (const c of hidden) {
      if (over <= 0) break;
      over -= store.deleteComment(c.id).length;
    }
  }

  /**
   * Open top-level comments for a notes run: on the given frames, or on every
   * frame, in the order `frameOrder` lists the frames.
   */
  openNotes(frameOrder: readonly string[], frameIds?: readonly string[]): Comment[] {
    const wanted = frameIds ? new Set(frameIds) : null;
    const at = new Map(frameOrder.map((id, i) => [id, i]));
    return this.deps.store
      .comments()
      .filter((c) => c.parentId === null && !c.resolved && at.has(c.frameId) && (!wanted || wanted.has(c.frameId)))
      .sort((a, b) => at.get(a.frameId)! - at.get(b.frameId)! || a.createdAt.localeCompare(b.createdAt));
  }

  /** The agent resolves a note it acted on (the run has checked it was given that note). */
  resolveByAgent(id: string, runId: string, inScope: (frameId: string) => boolean): CommentOutcome {
    const current = this.visible(id);
    const denied = forbidden(mayAgentResolve(current, current ? inScope(current.frameId) : false));
    if (denied) return denied;
    const comment: Comment = { ...(current as Comment), resolved: true, resolvedBy: { type: "agent", id: runId, name: "Production agent" } };
    this.deps.store.putComment(comment);
    return { ok: true, result: { comment }, broadcast: { type: "comment", payload: { comment } } };
  }

  handle(msg: CommentMessage, actor: CommentActor, canComment: boolean): CommentOutcome {
    const store = this.deps.store;
    const at = new Date(this.deps.now()).toISOString();
    switch (msg.type) {
      case "comment_add": {
        const denied = forbidden(mayAdd(actor, canComment));
        if (denied) return denied;
        const { frameId, text } = msg.payload;
        const parentId = msg.payload.parentId ?? null;
        const on = this.deps.frameIds();
        if (!on.has(frameId)) return refused("not_found", `No frame "${frameId}" on the board.`);
        if (parentId) {
          const parent = store.getComment(parentId);
          if (!parent) return refused("not_found", `No comment "${parentId}" to reply to.`);
          const target = replyTarget([parent], frameId, parentId);
          if (!target.ok) return refused("invalid_request", target.message);
        }
        // The caps count what is shown: comments hidden with a removed frame leave room.
        let shown = 0;
        for (const [frame, count] of store.commentCountsByFrame()) if (on.has(frame)) shown += count;
        if (shown >= MAX_COMMENTS_PER_EPISODE) return refused("too_large", `An episode keeps at most ${MAX_COMMENTS_PER_EPISODE} comments.`);
        if (actor.author.type === "reviewer") {
          const byReviewers = store.comments().filter((c) => c.author.type === "reviewer" && on.has(c.frameId));
          if (byReviewers.length >= MAX_REVIEWER_COMMENTS) return refused("too_large", "Reviewers have left as many comments as an episode takes from them.");
          if (byReviewers.filter((c) => c.author.id === actor.author.id).length >= MAX_COMMENTS_PER_REVIEWER)
            return refused("too_large", `A reviewer may leave at most ${MAX_COMMENTS_PER_REVIEWER} comments on an episode.`);
        }
        if (store.commentCount(frameId) >= MAX_COMMENTS_PER_FRAME) return refused("too_large", `A frame keeps at most ${MAX_COMMENTS_PER_FRAME} comments.`);
        const comment: Comment = { id: newId("cmt"), frameId, parentId, author: actor.author, text, createdAt: at, resolved: false };
        this.makeRoom();
        store.putComment(comment);
        return { ok: true, result: { comment }, broadcast: { type: "comment", payload: { comment } } };
      }
      case "comment_edit": {
        const current = this.visible(msg.payload.id);
        if (!current) return refused("not_found", `No comment "${msg.payload.id}".`);
        const denied = forbidden(mayEdit(actor, current));
        if (denied) return denied;
        const comment: Comment = { ...current, text: msg.payload.text, editedAt: at };
        store.putComment(comment);
        return { ok: true, result: { comment }, broadcast: { type: "comment", payload: { comment } } };
      }
      case "comment_resolve": {
        const current = this.visible(msg.payload.id);
        if (!current) return refused("not_found", `No comment "${msg.payload.id}".`);
        const denied = forbidden(mayResolve(actor));
        if (denied) return denied;
        const { resolvedBy: _previous, ...rest } = current;
        const comment: Comment = msg.payload.resolved ? { ...rest, resolved: true, resolvedBy: actor.author } : { ...rest, resolved: false };
        store.putComment(comment);
        return { ok: true, result: { comment }, broadcast: { type: "comment", payload: { comment } } };
      }
      case "comment_delete": {
        const current = this.visible(msg.payload.id);
        if (!current) return refused("not_found", `No comment "${msg.payload.id}".`);
        const denied = forbidden(mayDelete(actor, current));
        if (denied) return denied;
        const deleted = store.deleteComment(current.id);
        return { ok: true, result: { deleted }, broadcast: { type: "comment", payload: { comment: current, deleted: true } } };
      }
      case "frame_review": {
        const denied = forbidden(mayReview(actor));
        if (denied) return denied;
        const { frameId, verdict } = msg.payload;
        if (!this.deps.frameIds().has(frameId)) return refused("not_found", `No frame "${frameId}" on the board.`);
        const note = msg.payload.note?.trim();
        // A note is a comment by another name: only a link that allows comments may leave one.
        if (note) {
          const mayNote = forbidden(mayAdd(actor, canComment));
          if (mayNote) return mayNote;
        }
        // Reviewers' verdicts share a bound, so the team's own always fit; replacing one's own verdict always works.
        if (
          actor.author.type === "reviewer" &&
          !store.hasReview(reviewKey({ frameId, by: actor.author })) &&
          store.reviewerReviewCount() >= MAX_REVIEWER_REVIEWS
        ) {
          return refused("too_large", "Reviewers have given as many verdicts as an episode takes from them.");
        }
        // The picture seen is the board's, at this moment: never what a client says it saw.
        const review: FrameReview = { frameId, verdict, by: actor.author, at, ...(note ? { note } : {}), revisionId: this.deps.shownRevision(frameId) };
        store.putReview(review);
        return { ok: true, result: { review }, broadcast: { type: "frame_review", payload: review } };
      }
    }
  }
}
