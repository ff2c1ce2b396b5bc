// The SPA's comments store (CONTRACT 9): metadata fills it, `comment` and
// `frame_review` messages keep it current, other messages leave it alone.
import { describe, expect, it } from "vitest";
import type { Comment, FrameReview } from "../../worker/domain/comments";
import type { ReviewServerMessage } from "../../worker/domain/protocol";
import { createComments } from "../../web/src/studio/stores/comments";

const at = "2026-01-01T00:00:00.000Z";
const comment = (id: string, over: Partial<Comment> = {}): Comment => ({
  id,
  frameId: "f1",
  parentId: null,
  author: { type: "reviewer", id: "rvw_1", name: "Rey" },
  text: id,
  createdAt: at,
  resolved: false,
  ...over,
});
const review = (over: Partial<FrameReview> = {}): FrameReview => ({
  frameId: "f1",
  verdict: "approved",
  by: { type: "reviewer", id: "rvw_1", name: "Rey" },
  at,
  ...over,
});
const meta = (comments: Comment[], reviews: FrameReview[] = []): ReviewServerMessage => ({
  type: "metadata",
  timestamp: at,
  payload: {
    protocol: 1,
    connectionId: "conn_1",
    role: "reviewer",
    user: { id: "rvw_1", name: "Rey" },
    project: "prj_1",
    episode: "ep_1",
    seq: 0,
    agent: { status: "idle" },
    peers: [],
    canComment: true,
    comments,
    reviews,
  },
});

describe("comments store", () => {
  it("ignores messages that are not about comments", () => {
    const s = createComments();
    s.onMessage({ type: "presence", timestamp: at, payload: { peers: [] } });
    s.onMessage({ type: "pong", timestamp: at, payload: {} });
    expect(s.comments()).toEqual([]);
    expect(s.reviews()).toEqual([]);
  });

  it("replaces everything on metadata, so a deletion missed while away is not kept", () => {
    const s = createComments();
    s.onMessage(meta([comment("a"), comment("b")]));
    s.onMessage(meta([comment("b")], [review()]));
    expect(s.comments().map((c) => c.id)).toEqual(["b"]);
    expect(s.reviews()).toHaveLength(1);
  });

  it("adds, edits, resolves and deletes (with replies) from comment messages", () => {
    const s = createComments();
    s.onMessage(meta([]));
    s.onMessage({ type: "comment", timestamp: at, payload: { comment: comment("a") } });
    s.onMessage({ type: "comment", timestamp: at, payload: { comment: comment("r", { parentId: "a" }) } });
    s.onMessage({ type: "comment", timestamp: at, payload: { comment: comment("b") } });
    expect(s.open().get("f1")).toBe(2);
    s.onMessage({ type: "comment", timestamp: at, payload: { comment: comment("b", { resolved: true }) } });
    expect(s.open().get("f1")).toBe(1);
    s.onMessage({ type: "comment", timestamp: at, payload: { comment: comment("a"), deleted: true } });
    expect(s.comments().map((c) => c.id)).toEqual(["b"]);
  });

  it("keeps the latest verdict of each person on each frame", () => {
    const s = createComments();
    s.onMessage({ type: "frame_review", timestamp: at, payload: review({ verdict: "changes_requested" }) });
    s.onMessage({ type: "frame_review", timestamp: at, payload: review({ verdict: "approved", at: "2026-01-02T00:00:00.000Z" }) });
    expect(s.reviews().map((r) => r.verdict)).toEqual(["approved"]);
  });
});
