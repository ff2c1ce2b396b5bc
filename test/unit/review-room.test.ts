// Reviewers and comments in the episode room (CONTRACT 3 and 9), in plain
// vitest: fake sockets that may ignore a close frame, the real SQL store.
import { describe, expect, it } from "vitest";
import { MAX_COMMENTS_PER_REVIEWER, MAX_REVIEWER_REVIEWS } from "../../worker/domain/comments";
import { CLOSE_REVOKED, type ConnectIdentity, REVIEW_LINK_MESSAGES_PER_MINUTE } from "../../worker/room/room";
import { revisionWith } from "../support/boards";
import { harness } from "../support/fake-room";

let n = 0;
const id = () => `m${++n}`;
const DAY = 24 * 3600 * 1000;

function reviewer(over: Partial<ConnectIdentity> = {}, grant: Partial<NonNullable<ConnectIdentity["review"]>> = {}): Partial<ConnectIdentity> {
  return {
    userId: "rvw_1",
    name: "Rey",
    email: "",
    role: "reviewer",
    sessionId: "review:rvl_1",
    review: { linkId: "rvl_1", expiresAt: Date.now() + DAY, canComment: true, ...grant },
    ...over,
  };
}

function withFrame() {
  const h = harness();
  const editor = h.connect();
  h.send(editor, { type: "board_command", id: id(), payload: { command: { type: "add_frame", frame: { id: "f1" } } } });
  return { h, editor };
}

describe("a reviewer's socket", () => {
  it("refuses every message but ping, comment_add and frame_review, and applies none of them", () => {
    const { h } = withFrame();
    const r = h.connect(reviewer());
    const refused = [
      { type: "board_command", payload: { command: { type: "remove_frame", id: "f1" } } },
      { type: "chat_send", payload: { text: "delete everything" } },
      { type: "chat_stop", payload: {} },
      { type: "undo_run", payload: { runId: "edit_x" } },
      { type: "rewind", payload: { toSeq: 0 } },
      { type: "reset", payload: { confirm: "Pilot" } },
      { type: "comment_edit", payload: { id: "c1", text: "x" } },
      { type: "comment_resolve", payload: { id: "c1", resolved: true } },
      { type: "comment_delete", payload: { id: "c1" } },
    ];
    for (const m of refused) {
      const mid = id();
      h.send(r, { ...m, id: mid });
      expect(r.ack(mid), m.type).toMatchObject({ ok: false, error: { code: "forbidden" } });
    }
    expect(h.room.core.board.frames.map((f) => f.id)).toEqual(["f1"]);
    expect(h.room.core.seq).toBe(1);
  });

  it("gets the reviewer's metadata: the board and comments, no email, no run, no prose", () => {
    const { h } = withFrame();
    const r = h.connect(reviewer());
    const meta = r.reviewerMetadata[0]!;
    expect(meta).toMatchObject({ role: "reviewer", user: { id: "rvw_1", name: "Rey" }, canComment: true, comments: [], reviews: [] });
    expect(meta.user).not.toHaveProperty("email");
    expect(Object.keys(meta.agent)).toEqual(["status"]);
    expect(meta.board?.frames).toHaveLength(1);
    expect(r.of("metadata")).toHaveLength(0);
  });

  it("never receives chat, agent status, partial results or warnings", async () => {
    const { h, editor } = withFrame();
    const r = h.connect(reviewer());
    h.send(editor, { type: "chat_send", id: id(), payload: { text: "add a close-up" } });
    h.provider.push("Sure. ", '<frame op="add" id="f2" title="Close"><action>a</action></frame>', "<bogus/>");
    h.provider.end();
    await h.settle();
    expect(editor.of("chat_message").length).toBeGreaterThan(0);
    expect(editor.of("agent_status").length).toBeGreaterThan(0);
    const types = new Set(r.received.map((m) => m.type));
    for (const t of ["chat_message", "partial_result", "agent_status", "warning", "plugin_status"]) expect(types.has(t as never), t).toBe(false);
    expect(r.of("board_event").length).toBeGreaterThan(0);
  });

  it("refuses comment_add when the link does not allow comments", () => {
    const { h, editor } = withFrame();
    const r = h.connect(reviewer({}, { canComment: false }));
    const mid = id();
    h.send(r, { type: "comment_add", id: mid, payload: { frameId: "f1", text: "hello" } });
    expect(r.ack(mid)).toMatchObject({ ok: false, error: { code: "forbidden" } });
    expect(editor.of("comment")).toHaveLength(0);
    expect(h.store.comments()).toHaveLength(0);
  });

  it("never applies a message after its link was revoked, even when the client ignores the close", () => {
    const { h, editor } = withFrame();
    const r = h.connect(reviewer());
    const other = h.connect(reviewer({ userId: "rvw_2", name: "Other", review: { linkId: "rvl_2", expiresAt: Date.now() + DAY, canComment: true } }));
    expect(h.room.closeLink("rvl_1")).toBe(1);
    expect(r.closedWith).toEqual({ code: CLOSE_REVOKED, reason: "review link revoked" });
    expect(other.closedWith).toBeNull();
    const mid = id();
    h.send(r, { type: "comment_add", id: mid, payload: { frameId: "f1", text: "after revoke" } });
    h.send(r, { type: "frame_review", id: id(), payload: { frameId: "f1", verdict: "approved" } });
    expect(r.ack(mid)).toBeUndefined();
    expect(h.store.comments()).toHaveLength(0);
    expect(editor.of("frame_review")).toHaveLength(0);
  });

  it("closes a socket whose link expired on its next message, without applying it", () => {
    let now = Date.now();
    const h = harness({ now: () => now });
    const editor = h.connect();
    h.send(editor, { type: "board_command", id: id(), payload: { command: { type: "add_frame", frame: { id: "f1" } } } });
    const r = h.connect(reviewer({}, { expiresAt: now + 1000 }));
    now += 2000;
    h.send(r, { type: "comment_add", id: id(), payload: { frameId: "f1", text: "late" } });
    expect(r.closedWith?.code).toBe(CLOSE_REVOKED);
    expect(h.store.comments()).toHaveLength(0);
  });

  it("revokes on the alarm's check the sockets of links no longer live, and leaves members alone", () => {
    const { h, editor } = withFrame();
    const r = h.connect(reviewer());
    expect(h.room.heldLinks()).toEqual(["rvl_1"]);
    expect(h.room.heldSessions().userIds).toEqual(["usr_1"]);
    // A member check that knows nothing of reviewers must not close them.
    h.room.applyAccess({ liveSessions: new Set([editor.session.sessionId]), roles: new Map([["usr_1", "editor"]]) });
    expect(r.closedWith).toBeNull();
    expect(h.room.applyLinks(new Set())).toBe(1);
    expect(r.closedWith?.code).toBe(CLOSE_REVOKED);
    expect(editor.closedWith).toBeNull();
  });

  it("shows reviewers in presence by the name they gave", () => {
    const { h, editor } = withFrame();
    h.connect(reviewer());
    expect(editor.of("presence").at(-1)?.payload.peers).toContainEqual({ userId: "rvw_1", name: "Rey" });
  });
});

describe("comments in the room", () => {
  it("lets a reviewer add a comment and review a frame, broadcast to members", () => {
    const { h, editor } = withFrame();
    const r = h.connect(reviewer());
    const add = id();
    h.send(r, { type: "comment_add", id: add, payload: { frameId: "f1", text: "  warmer light  " } });
    expect(r.ack(add)).toMatchObject({ ok: true });
    const c = editor.of("comment").at(-1)!.payload.comment;
    expect(c).toMatchObject({ frameId: "f1", parentId: null, author: { type: "reviewer", id: "rvw_1", name: "Rey" }, text: "warmer light", resolved: false });
    h.send(r, { type: "frame_review", id: id(), payload: { frameId: "f1", verdict: "approved", note: "great" } });
    expect(editor.of("frame_review").at(-1)?.payload).toMatchObject({
      frameId: "f1",
      verdict: "approved",
      by: { type: "reviewer", name: "Rey" },
      note: "great",
    });
    // The team's own status is untouched by a review.
    expect(h.room.core.board.frames[0]!.status).toBe("draft");
  });

  it("records the revision the frame showed with a verdict, from the board and never from the client", () => {
    const { h, editor } = withFrame();
    const r = h.connect(reviewer());
    // A client cannot name the revision: the key is refused with the whole message.
    h.send(r, { type: "frame_review", id: id(), payload: { frameId: "f1", verdict: "approved", revisionId: "forged" } });
    expect(r.of("error").at(-1)?.payload.code).toBe("bad_message");
    const first = id();
    h.send(r, { type: "frame_review", id: first, payload: { frameId: "f1", verdict: "approved" } });
    expect(r.ack(first)).toMatchObject({ ok: true });
    // No picture yet: the reviewer saw the live sketch.
    expect(editor.of("frame_review").at(-1)?.payload.revisionId).toBeNull();
    const revision = revisionWith({ id: "rv_up1", kind: "upload", url: "/api/v1/artifacts/p/e/up1.png", mime: "image/png" });
    expect(h.room.applyFrameMedia("f1", { state: "ready" }, revision)).toBe(true);
    h.send(r, { type: "frame_review", id: id(), payload: { frameId: "f1", verdict: "approved" } });
    expect(editor.of("frame_review").at(-1)?.payload).toMatchObject({ frameId: "f1", verdict: "approved", revisionId: "rv_up1" });
    // A member joining later reads the same picture on the stored verdict.
    const late = h.connect({ userId: "usr_2", name: "Bo" });
    expect(late.of("metadata")[0]!.payload.reviews?.[0]).toMatchObject({ revisionId: "rv_up1" });
  });

  it("stops one reviewer at their own cap, leaving the team room to comment", () => {
    // A clock that moves a second per message, so the per-socket rate limit never steps in.
    let t = Date.now();
    const h = harness({ now: () => (t += 1000) });
    const editor = h.connect();
    h.send(editor, { type: "board_command", id: id(), payload: { command: { type: "add_frame", frame: { id: "f1" } } } });
    const r = h.connect(reviewer());
    for (let i = 0; i < MAX_COMMENTS_PER_REVIEWER; i++) h.send(r, { type: "comment_add", id: id(), payload: { frameId: "f1", text: `note ${i}` } });
    const over = id();
    h.send(r, { type: "comment_add", id: over, payload: { frameId: "f1", text: "one more" } });
    expect(r.ack(over)).toMatchObject({ ok: false, error: { code: "too_large" } });
    const team = id();
    h.send(editor, { type: "comment_add", id: team, payload: { frameId: "f1", text: "ours" } });
    expect(editor.ack(team)).toMatchObject({ ok: true });
  });

  it("applies a repeated id once and acknowledges it again", () => {
    const { h, editor } = withFrame();
    const mid = id();
    h.send(editor, { type: "comment_add", id: mid, payload: { frameId: "f1", text: "once" } });
    h.send(editor, { type: "comment_add", id: mid, payload: { frameId: "f1", text: "once" } });
    expect(editor.of("ack").filter((a) => a.payload.id === mid)).toHaveLength(2);
    expect(h.store.comments()).toHaveLength(1);
  });

  it("refuses a comment on a frame that does not exist", () => {
    const { h, editor } = withFrame();
    const mid = id();
    h.send(editor, { type: "comment_add", id: mid, payload: { frameId: "nope", text: "x" } });
    expect(editor.ack(mid)).toMatchObject({ ok: false, error: { code: "not_found" } });
  });

  it("enforces edit own, editor resolve, owner delete; a delete takes the replies with it", () => {
    const { h, editor } = withFrame();
    const viewer = h.connect({ userId: "usr_v", name: "Vi", role: "viewer" });
    const owner = h.connect({ userId: "usr_o", name: "Oz", role: "owner" });
    const ask = (s: typeof editor, type: string, payload: unknown) => {
      const mid = id();
      h.send(s, { type, id: mid, payload });
      return s.ack(mid)!;
    };
    const added = ask(viewer, "comment_add", { frameId: "f1", text: "from a viewer" });
    expect(added.ok).toBe(true);
    const cid = h.store.comments()[0]!.id;
    expect(ask(editor, "comment_edit", { id: cid, text: "hijack" })).toMatchObject({ ok: false, error: { code: "forbidden" } });
    expect(ask(viewer, "comment_edit", { id: cid, text: "edited" }).ok).toBe(true);
    expect(h.store.getComment(cid)).toMatchObject({ text: "edited" });
    expect(h.store.getComment(cid)?.editedAt).toBeDefined();
    expect(ask(viewer, "comment_resolve", { id: cid, resolved: true })).toMatchObject({ ok: false, error: { code: "forbidden" } });
    expect(ask(editor, "comment_resolve", { id: cid, resolved: true }).ok).toBe(true);
    expect(h.store.getComment(cid)).toMatchObject({ resolved: true, resolvedBy: { id: "usr_1" } });
    expect(ask(editor, "comment_add", { frameId: "f1", text: "a reply", parentId: cid }).ok).toBe(true);
    expect(ask(editor, "comment_delete", { id: cid })).toMatchObject({ ok: false, error: { code: "forbidden" } });
    const del = ask(owner, "comment_delete", { id: cid });
    expect(del.ok && del.result).toMatchObject({ deleted: expect.arrayContaining([cid]) });
    expect(h.store.comments()).toHaveLength(0);
    expect(editor.of("comment").at(-1)?.payload).toMatchObject({ comment: { id: cid }, deleted: true });
  });

  it("sends comments and reviews in a joining member's metadata", () => {
    const { h, editor } = withFrame();
    h.send(editor, { type: "comment_add", id: id(), payload: { frameId: "f1", text: "note" } });
    h.send(editor, { type: "frame_review", id: id(), payload: { frameId: "f1", verdict: "changes_requested" } });
    const late = h.connect({ userId: "usr_2", name: "Bo" });
    const meta = late.of("metadata")[0]!.payload;
    expect(meta.comments?.map((c) => c.text)).toEqual(["note"]);
    expect(meta.reviews?.map((r) => r.verdict)).toEqual(["changes_requested"]);
  });
});

describe("reviewers' verdicts against the team's (issue 21)", () => {
  /** A board of `frames` frames, made by an editor, on a clock the test moves. */
  function board(frames: number) {
    let t = Date.now();
    const clock = { step: 1000 };
    const h = harness({ now: () => (t += clock.step) });
    const editor = h.connect();
    for (let i = 0; i < frames; i++) h.send(editor, { type: "board_command", id: id(), payload: { command: { type: "add_frame", frame: { id: `f${i}` } } } });
    expect(h.room.core.board.frames).toHaveLength(frames);
    return { h, editor, clock };
  }

  // Thousands of messages through the real store: more time than the default, never a budget asserted.
  it("never pushes the team's approvals out of a joiner's metadata, however many verdicts reviewers send", { timeout: 60_000 }, () => {
    const { h, editor } = board(290);
    for (let i = 0; i < 5; i++) h.send(editor, { type: "frame_review", id: id(), payload: { frameId: `f${i}`, verdict: "approved" } });
    // Seven browsers on one link, each a reviewer of its own, each with a verdict and a long note on every frame.
    const note = "n".repeat(2000);
    for (let r = 0; r < 7; r++) {
      const sock = h.connect(reviewer({ userId: `rvw_${r}`, name: `R${r}` }));
      for (let f = 0; f < 290; f++) h.send(sock, { type: "frame_review", id: id(), payload: { frameId: `f${f}`, verdict: "changes_requested", note } });
    }
    const late = h.connect({ userId: "usr_late", name: "Late" });
    const reviews = late.of("metadata")[0]!.payload.reviews ?? [];
    const team = reviews.filter((r) => r.by.type === "user" && r.verdict === "approved");
    expect(team.map((r) => r.frameId).sort()).toEqual(["f0", "f1", "f2", "f3", "f4"]);
    expect(reviews.filter((r) => r.by.type === "reviewer").length).toBeLessThanOrEqual(MAX_REVIEWER_REVIEWS);
  });

  it("keeps one current verdict per reviewer per frame: a new one replaces theirs, even when reviewers have filled their bound", { timeout: 60_000 }, () => {
    const frames = MAX_REVIEWER_REVIEWS / 50;
    const { h } = board(frames);
    const socks = Array.from({ length: 50 }, (_, r) => h.connect(reviewer({ userId: `rvw_${r}` }, { linkId: `rvl_${r}` })));
    for (const sock of socks)
      for (let f = 0; f < frames; f++) h.send(sock, { type: "frame_review", id: id(), payload: { frameId: `f${f}`, verdict: "approved" } });
    expect(h.store.reviewerReviewCount()).toBe(MAX_REVIEWER_REVIEWS);
    const again = id();
    h.send(socks[0]!, { type: "frame_review", id: again, payload: { frameId: "f0", verdict: "changes_requested" } });
    expect(socks[0]!.ack(again)).toMatchObject({ ok: true });
    expect(h.store.reviewerReviewCount()).toBe(MAX_REVIEWER_REVIEWS);
    const newcomer = h.connect(reviewer({ userId: "rvw_new" }, { linkId: "rvl_new" }));
    const refused = id();
    h.send(newcomer, { type: "frame_review", id: refused, payload: { frameId: "f0", verdict: "approved" } });
    expect(newcomer.ack(refused)).toMatchObject({ ok: false, error: { code: "too_large" } });
    const team = id();
    h.send(h.connect({ userId: "usr_2" }), { type: "frame_review", id: team, payload: { frameId: "f0", verdict: "approved" } });
    expect(h.sockets.at(-1)!.ack(team)).toMatchObject({ ok: true });
  });

  it("takes a verdict's note only from a link that allows comments", () => {
    const { h } = board(1);
    const quiet = h.connect(reviewer({ userId: "rvw_q" }, { canComment: false }));
    const withNote = id();
    h.send(quiet, { type: "frame_review", id: withNote, payload: { frameId: "f0", verdict: "approved", note: "a comment by the back door" } });
    expect(quiet.ack(withNote)).toMatchObject({ ok: false, error: { code: "forbidden" } });
    const bare = id();
    h.send(quiet, { type: "frame_review", id: bare, payload: { frameId: "f0", verdict: "approved" } });
    expect(quiet.ack(bare)).toMatchObject({ ok: true });
    expect(JSON.stringify(h.store.reviews(10))).not.toContain("back door");
  });

  it("limits the messages of one link's reviewers together, per minute", () => {
    const { h, clock } = board(1);
    // Ten browsers on one link, each well under its own per-second rate.
    const socks = Array.from({ length: 10 }, (_, i) => h.connect(reviewer({ userId: `rvw_${i}` })));
    // Each of the room's clock reads moves it 5 ms: a few hundred messages in seconds, a few a second per socket.
    clock.step = 5;
    const sent: string[] = [];
    for (let i = 0; i < REVIEW_LINK_MESSAGES_PER_MINUTE + 60; i++) {
      const mid = id();
      sent.push(mid);
      h.send(socks[i % 10]!, { type: "frame_review", id: mid, payload: { frameId: "f0", verdict: i % 2 ? "approved" : "changes_requested" } });
    }
    const acked = socks.flatMap((s) => s.of("ack")).filter((a) => sent.includes(a.payload.id) && a.payload.ok);
    expect(acked.length).toBe(REVIEW_LINK_MESSAGES_PER_MINUTE);
    // A member of the team is not held back by the link's reviewers.
    const mine = id();
    h.send(h.connect({ userId: "usr_2" }), { type: "frame_review", id: mine, payload: { frameId: "f0", verdict: "approved" } });
    expect(h.sockets.at(-1)!.ack(mine)).toMatchObject({ ok: true });
  });
});
