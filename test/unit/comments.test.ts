// The pure rules of comments and frame reviews (CONTRACT 9): who may do
// what, open-note counts, and the reducers both the studio and the review
// page apply server messages with.
import { describe, expect, it } from "vitest";
import {
  applyComment,
  applyReview,
  type Comment,
  type CommentActor,
  CommentText,
  approvedFrames,
  currentVerdicts,
  type FrameReview,
  frameReviews,
  mayAdd,
  mayDelete,
  mayEdit,
  mayResolve,
  mayReview,
  onEarlierVersion,
  openCount,
  openCounts,
  replyTarget,
  ReviewerName,
  ReviewNote,
  verdictWords,
} from "../../worker/domain/comments";
import { boardWith, frameWith, revisionWith } from "../support/boards";

const actor = (role: CommentActor["role"], id = `id-${role}`): CommentActor => ({
  author: { type: role === "reviewer" ? "reviewer" : "user", id, name: id },
  role,
});
let n = 0;
const comment = (over: Partial<Comment> = {}): Comment => ({
  id: `c${++n}`,
  frameId: "f1",
  parentId: null,
  author: { type: "user", id: "usr_a", name: "Ada" },
  text: "tighter framing",
  createdAt: "2026-01-01T00:00:00.000Z",
  resolved: false,
  ...over,
});

describe("who may do what", () => {
  it("refuses a reviewer's comment when the link does not allow comments", () => {
    expect(mayAdd(actor("reviewer"), false).ok).toBe(false);
    expect(mayAdd(actor("reviewer"), true).ok).toBe(true);
  });

  it("lets every member comment, viewers included", () => {
    for (const role of ["viewer", "editor", "owner"] as const) expect(mayAdd(actor(role), false).ok).toBe(true);
  });

  it("refuses edits by anyone but the author, and by a reviewer even of their own comment", () => {
    const mine = comment({ author: { type: "user", id: "usr_a", name: "Ada" } });
    expect(mayEdit(actor("owner", "usr_b"), mine).ok).toBe(false);
    expect(mayEdit(actor("editor", "usr_b"), mine).ok).toBe(false);
    // Same id but a reviewer, not a user: never the same person.
    expect(mayEdit({ author: { type: "reviewer", id: "usr_a", name: "Ada" }, role: "reviewer" }, mine).ok).toBe(false);
    const theirs = comment({ author: { type: "reviewer", id: "rvw_1", name: "Rey" } });
    expect(mayEdit({ author: theirs.author, role: "reviewer" }, theirs).ok).toBe(false);
    expect(mayEdit(actor("viewer", "usr_a"), mine).ok).toBe(true);
  });

  it("refuses resolving to viewers and reviewers; editors and owners resolve any comment", () => {
    expect(mayResolve(actor("viewer")).ok).toBe(false);
    expect(mayResolve(actor("reviewer")).ok).toBe(false);
    expect(mayResolve(actor("editor")).ok).toBe(true);
    expect(mayResolve(actor("owner")).ok).toBe(true);
  });

  it("refuses deleting someone else's comment unless an owner, and any delete by a reviewer", () => {
    const ada = comment();
    expect(mayDelete(actor("editor", "usr_b"), ada).ok).toBe(false);
    expect(mayDelete(actor("reviewer"), comment({ author: { type: "reviewer", id: "id-reviewer", name: "R" } })).ok).toBe(false);
    expect(mayDelete(actor("owner", "usr_b"), ada).ok).toBe(true);
    expect(mayDelete(actor("viewer", "usr_a"), ada).ok).toBe(true);
  });

  it("lets anyone in the room review a frame", () => {
    for (const role of ["viewer", "editor", "owner", "reviewer"] as const) expect(mayReview(actor(role)).ok).toBe(true);
  });

  it("refuses replies to a reply, to another frame's comment, or to nothing", () => {
    const top = comment({ id: "t1" });
    const reply = comment({ id: "r1", parentId: "t1" });
    expect(replyTarget([top, reply], "f1", "r1").ok).toBe(false);
    expect(replyTarget([top], "f2", "t1").ok).toBe(false);
    expect(replyTarget([top], "f1", "gone").ok).toBe(false);
    expect(replyTarget([top], "f1", "t1").ok).toBe(true);
    expect(replyTarget([], "f1", null).ok).toBe(true);
  });
});

describe("input bounds", () => {
  it("refuses empty, over-long and control-character names and texts", () => {
    expect(ReviewerName.safeParse("   ").success).toBe(false);
    expect(ReviewerName.safeParse("x".repeat(81)).success).toBe(false);
    expect(ReviewerName.safeParse("Ada\nAdmin").success).toBe(false);
    expect(ReviewerName.safeParse(" Ada ").data).toBe("Ada");
    expect(CommentText.safeParse("x".repeat(2001)).success).toBe(false);
    expect(CommentText.safeParse("bell\u0007").success).toBe(false);
    expect(CommentText.safeParse("two\nlines").success).toBe(true);
  });
});

describe("open notes", () => {
  it("counts only unresolved top-level comments of the frame", () => {
    const list = [comment({ id: "a" }), comment({ id: "b", resolved: true }), comment({ id: "c", parentId: "a" }), comment({ id: "d", frameId: "f2" })];
    expect(openCount(list, "f1")).toBe(1);
    expect(openCount(list, "f2")).toBe(1);
    expect(openCount(list, "f3")).toBe(0);
    expect([...openCounts(list)]).toEqual([
      ["f1", 1],
      ["f2", 1],
    ]);
  });
});

describe("applying server messages", () => {
  it("removes a deleted comment with its replies, and replaces an edited one in place", () => {
    const a = comment({ id: "a" });
    const reply = comment({ id: "b", parentId: "a" });
    const other = comment({ id: "c" });
    expect(applyComment([a, reply, other], a, true).map((c) => c.id)).toEqual(["c"]);
    const edited = { ...a, text: "wider", editedAt: "2026-01-02T00:00:00.000Z" };
    expect(applyComment([a, other], edited)).toEqual([edited, other]);
    expect(applyComment([a], other).map((c) => c.id)).toEqual(["a", "c"]);
  });

  it("keeps one verdict per person and frame, the newest first", () => {
    const by = { type: "reviewer" as const, id: "rvw_1", name: "Rey" };
    const first = { frameId: "f1", verdict: "changes_requested" as const, by, at: "2026-01-01T00:00:00.000Z" };
    const second = { ...first, verdict: "approved" as const, at: "2026-01-02T00:00:00.000Z" };
    const other = { ...first, by: { type: "user" as const, id: "usr_a", name: "Ada" }, at: "2026-01-01T12:00:00.000Z" };
    const list = applyReview(applyReview(applyReview([], first), other), second);
    expect(list).toHaveLength(2);
    expect(frameReviews(list, "f1").map((r) => r.verdict)).toEqual(["approved", "changes_requested"]);
  });
});

describe("names and notes that could mislead", () => {
  it("strips invisible or direction-changing characters from a reviewer name (domain/person-text.ts)", () => {
    expect(ReviewerName.parse("Dana\u202Etneilc")).toBe("Danatneilc");
    expect(ReviewerName.parse("Da\u200Bna")).toBe("Dana");
    expect(ReviewerName.safeParse("Dana (client)").success).toBe(true);
  });
  it("refuses a review note with control characters, and keeps line breaks", () => {
    expect(ReviewNote.safeParse("warmer\u0007").success).toBe(false);
    expect(ReviewNote.safeParse("warmer\nplease").success).toBe(true);
  });
});

describe("approvals see a picture (CONTRACT 12)", () => {
  const by = { type: "reviewer" as const, id: "rvw_1", name: "Rey" };
  const verdict = (over: Partial<FrameReview> = {}): FrameReview => ({ frameId: "f1", verdict: "approved", by, at: "2026-01-01T00:00:00.000Z", ...over });
  const showing = (id: string, shown: string | null, revisions = ["rv1", "rv2"]) =>
    frameWith({ id, media: { state: "ready", revisions: revisions.map((r) => revisionWith({ id: r })), shown } });

  it("reads a verdict on the picture shown now as current", () => {
    expect(onEarlierVersion(verdict({ revisionId: "rv2" }), showing("f1", "rv2"))).toBe(false);
    expect(onEarlierVersion(verdict({ revisionId: null }), frameWith())).toBe(false);
  });

  it("reads a verdict on another picture, or on the sketch before a picture came, as earlier", () => {
    expect(onEarlierVersion(verdict({ revisionId: "rv1" }), showing("f1", "rv2"))).toBe(true);
    expect(onEarlierVersion(verdict({ revisionId: null }), showing("f1", "rv1"))).toBe(true);
    expect(onEarlierVersion(verdict({ revisionId: "rv1" }), frameWith())).toBe(true);
  });

  it("keeps a verdict from before revisions were recorded current", () => {
    expect(onEarlierVersion(verdict(), showing("f1", "rv2"))).toBe(false);
  });

  it("counts only current verdicts on frames still on the board", () => {
    const board = boardWith({ frames: [showing("f1", "rv2"), showing("f2", "rv1")] });
    const now = verdict({ frameId: "f1", revisionId: "rv2" });
    const earlier = verdict({ frameId: "f2", revisionId: "rv2" });
    const gone = verdict({ frameId: "f9", revisionId: "rv1" });
    expect(currentVerdicts([now, earlier, gone], board)).toEqual([now]);
    expect(approvedFrames([now, earlier, gone], board)).toBe(1);
    const asked = verdict({ frameId: "f2", verdict: "changes_requested", revisionId: "rv1" });
    expect(approvedFrames([now, asked], board)).toBe(1);
  });

  it("says what was approved in words", () => {
    expect(verdictWords(verdict({ revisionId: "rv2" }), showing("f1", "rv2"))).toBe("approved");
    expect(verdictWords(verdict({ revisionId: "rv1" }), showing("f1", "rv2"))).toBe("approved an earlier version");
    expect(verdictWords(verdict({ verdict: "changes_requested", revisionId: "rv1" }), showing("f1", "rv2"))).toBe("asked for changes on an earlier version");
    expect(verdictWords(verdict({ verdict: "changes_requested" }), undefined)).toBe("asked for changes");
  });
});
