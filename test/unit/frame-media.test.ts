// A frame's media (CONTRACT 4, 7, 12): the job state moves only for the job
// that owns the card; pictures are revisions, every one kept, and the shown
// one changes only when a picture arrives or a person picks or removes one.
import { describe, expect, it } from "vitest";
import { type FrameMedia, NO_MEDIA, REVISIONS_MAX } from "../../worker/domain/board";
import { tryCommand } from "../../worker/domain/commands";
import { applyEvent } from "../../worker/domain/events";
import { nextJobMedia, shownImage, shownRevision, withRevision } from "../../worker/domain/frame-media";
import { boardWith, frameWith, revisionWith } from "../support/boards";

const JOBS = { type: "system" as const, id: "jobs" };
const MIA = { type: "user" as const, id: "u1" };
const first = revisionWith({ id: "rv_a", url: "/a/1.svg", jobId: "job_1" });
const showingFirst = { ...NO_MEDIA, state: "ready" as const, jobId: "job_1", revisions: [first], shown: first.id };

function run(commands: unknown[], actor: { type: "user" | "agent" | "system"; id: string } = JOBS) {
  let board = boardWith({ frames: [frameWith({ id: "f1", media: showingFirst })] });
  for (const c of commands) {
    const out = tryCommand(board, c, actor);
    if (!out.ok) throw new Error(out.reason);
    board = out.board;
  }
  return board.frames[0]!.media;
}

describe("the job state", () => {
  it("moves for the job that owns the card, and for any newly queued job", () => {
    expect(nextJobMedia(showingFirst, { state: "queued", jobId: "job_2" })).toEqual({ state: "queued", jobId: "job_2" });
    const queued = { ...showingFirst, state: "queued" as const, jobId: "job_2" };
    expect(nextJobMedia(queued, { state: "running", jobId: "job_2" })).toEqual({ state: "running", jobId: "job_2" });
  });

  it("refuses a report from a job that no longer owns the card, and un-canceling by the same job", () => {
    const queued = { ...showingFirst, state: "queued" as const, jobId: "job_2" };
    expect(nextJobMedia(queued, { state: "ready", jobId: "job_1" })).toBeNull();
    const canceled = { ...NO_MEDIA, state: "canceled" as const, jobId: "job_2" };
    expect(nextJobMedia(canceled, { state: "ready", jobId: "job_2" })).toBeNull();
  });
});

describe("a re-render", () => {
  it("keeps showing the current picture while it is queued and running", () => {
    const media = run([
      { type: "set_frame_media", id: "f1", media: { state: "queued", jobId: "job_2" } },
      { type: "set_frame_media", id: "f1", media: { state: "running", jobId: "job_2" } },
    ]);
    expect(media.state).toBe("running");
    expect(shownImage(media)).toBe("/a/1.svg");
  });

  it("that fails or is canceled leaves the shown picture as it was", () => {
    for (const state of ["failed", "canceled"] as const) {
      const media = run([
        { type: "set_frame_media", id: "f1", media: { state: "queued", jobId: "job_2" } },
        { type: "set_frame_media", id: "f1", media: { state, jobId: "job_2", reason: "provider down" } },
      ]);
      expect(media.state).toBe(state);
      expect(media.revisions.map((r) => r.id)).toEqual(["rv_a"]);
      expect(shownImage(media)).toBe("/a/1.svg");
    }
  });

  it("that succeeds adds its picture as a new revision and shows it, keeping the old one", () => {
    const next = revisionWith({ id: "rv_b", url: "/a/2.svg", jobId: "job_2" });
    const media = run([{ type: "set_frame_media", id: "f1", media: { state: "ready", jobId: "job_2" }, revision: next }]);
    expect(media.revisions.map((r) => r.id)).toEqual(["rv_a", "rv_b"]);
    expect(shownRevision(media)?.url).toBe("/a/2.svg");
  });
});

describe("revisions", () => {
  const upload = revisionWith({ id: "rv_up", kind: "upload", url: "/a/up.png", mime: "image/png" });

  it("come from the upload route and the job runtime only, never from a person's or the agent's command", () => {
    for (const actor of [MIA, { type: "agent" as const, id: "agent" }]) {
      const board = boardWith({ frames: [frameWith({ id: "f1" })] });
      expect(tryCommand(board, { type: "add_revision", frameId: "f1", revision: upload }, actor)).toMatchObject({ ok: false });
      expect(tryCommand(board, { type: "set_frame_media", id: "f1", media: { state: "ready" }, revision: upload }, actor)).toMatchObject({ ok: false });
    }
  });

  it("can be picked to show, and the pick refuses a revision the frame does not have", () => {
    const media = run([{ type: "add_revision", frameId: "f1", revision: upload }]);
    expect(media.shown).toBe("rv_up");
    const board = boardWith({ frames: [frameWith({ id: "f1", media })] });
    const picked = tryCommand(board, { type: "select_revision", frameId: "f1", revisionId: "rv_a" }, MIA);
    expect(picked.ok && shownImage(picked.board.frames[0]!.media)).toBe("/a/1.svg");
    expect(tryCommand(board, { type: "select_revision", frameId: "f1", revisionId: "rv_nope" }, MIA)).toMatchObject({
      ok: false,
      reason: expect.stringContaining("no revision"),
    });
  });

  it("can be removed, except a frame's only one; removing the shown one shows the newest left", () => {
    expect(
      tryCommand(boardWith({ frames: [frameWith({ id: "f1", media: showingFirst })] }), { type: "remove_revision", frameId: "f1", revisionId: "rv_a" }, MIA),
    ).toMatchObject({
      ok: false,
      reason: "a frame's only picture cannot be removed",
    });
    const two = run([{ type: "add_revision", frameId: "f1", revision: upload }]);
    const out = tryCommand(boardWith({ frames: [frameWith({ id: "f1", media: two })] }), { type: "remove_revision", frameId: "f1", revisionId: "rv_up" }, MIA);
    expect(out.ok && out.board.frames[0]!.media).toMatchObject({ revisions: [{ id: "rv_a" }], shown: "rv_a" });
  });

  it(`keep at most ${REVISIONS_MAX}: the oldest one not shown leaves the board first`, () => {
    let media: FrameMedia = { ...NO_MEDIA, revisions: [first], shown: first.id };
    // Twenty more arrive, each shown as it comes: the first picture leaves when the 21st arrives.
    for (let i = 0; i < REVISIONS_MAX; i++) media = withRevision(media, revisionWith({ id: `rv_${i}`, url: `/a/${i}.png` }));
    expect(media.revisions).toHaveLength(REVISIONS_MAX);
    expect(media.revisions[0]!.id).toBe("rv_0");
    expect(media.shown).toBe(`rv_${REVISIONS_MAX - 1}`);
  });

  it("arriving twice (a replayed render) is shown, not added again", () => {
    const board = boardWith({ frames: [frameWith({ id: "f1", media: showingFirst })] });
    const after = applyEvent(board, { kind: "set_frame_media", data: { id: "f1", media: { state: "ready", jobId: "job_1" }, revision: first } });
    expect(after.frames[0]!.media.revisions).toHaveLength(1);
  });
});
