// The comments store: every comment of the episode and the latest frame
// reviews, filled from `metadata` and kept current by `comment` and
// `frame_review` messages with the shared reducers of domain/comments.ts.
// The studio and the review page both use it; it needs no context.
import { batch, createSignal } from "solid-js";
import { applyComment, applyReview, type Comment, type FrameReview, openCounts } from "../../../../worker/domain/comments";
import type { ReviewServerMessage, ServerMessage } from "../../../../worker/domain/protocol";

/** Any message of a member's or a reviewer's socket. */
export type CommentsMessage = ServerMessage | ReviewServerMessage;

export function createComments() {
  const [comments, setComments] = createSignal<Comment[]>([]);
  const [reviews, setReviews] = createSignal<FrameReview[]>([]);
  return {
    comments,
    reviews,
    /** Open notes per frame id, for badges on cards. */
    open: () => openCounts(comments()),
    /** Feed every server message; the ones about comments and reviews change the store. */
    onMessage(msg: CommentsMessage): void {
      switch (msg.type) {
        case "metadata": {
          const { comments: list, reviews: latest } = msg.payload;
          // A reconnect brings the whole list again: it replaces what this tab had, so a deletion missed while away is not kept.
          batch(() => {
            setComments(list ?? []);
            setReviews(latest ?? []);
          });
          break;
        }
        case "comment":
          setComments((l) => applyComment(l, msg.payload.comment, msg.payload.deleted ?? false));
          break;
        case "frame_review":
          setReviews((l) => applyReview(l, msg.payload));
          break;
      }
    },
  };
}
export type CommentsStore = ReturnType<typeof createComments>;
