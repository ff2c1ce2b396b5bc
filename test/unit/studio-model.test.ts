// The studio's pure state: what a card says, the shot list's timecodes,
// which frames a batch renders, the move a drop makes, picking frames, the
// live render state and the chat log. No DOM, no socket.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { applyEvent } from "../../worker/domain/events";
import type { ChatMessage } from "../../worker/domain/chat";
import { afterCommit, applyDelta, upsertMessage } from "../../web/src/studio/model/chat-log";
import { cameraChips, dialogueLines, frameAssets, moveTo, renderTargets, shotList, timecode } from "../../web/src/studio/model/frames";
import { applyJobMessage, noLiveJobs, track } from "../../web/src/studio/model/live-jobs";
import { emptySelection, extendTo, inOrder, prune, toggle } from "../../web/src/studio/model/selection";
import { boardWith, frameWith, mediaShowing } from "../support/boards";
import { NO_MEDIA } from "../../worker/domain/board";

const ts = "2026-11-25T18:00:00.000Z";

describe("a card's camera chips come from the shared camera reader", () => {
  it("says nothing for an empty or unreadable camera", () => {
    expect(cameraChips("")).toEqual([]);
    expect(cameraChips("¯\\_(ツ)_/¯")).toEqual([]);
  });
  it("leaves out eye level and static, which are the default", () => {
    expect(cameraChips("MS").map((c) => c.text)).toEqual(["MS"]);
  });
  it("reads size, angle and movement with their long names", () => {
    const chips = cameraChips("CU, low angle, push in");
    expect(chips.map((c) => [c.kind, c.text])).toEqual([
      ["size", "CU"],
      ["angle", "low"],
      ["movement", "push in"],
    ]);
    expect(chips[0]!.title).toBe("Close-up");
  });
});

describe("dialogue on a card", () => {
  it("ignores blank lines and keeps a line without a speaker whole", () => {
    expect(dialogueLines("\n\n  ")).toEqual([]);
    expect(dialogueLines("Is it ready? Not yet.")).toEqual([{ line: "Is it ready? Not yet." }]);
  });
  it("sets the speaker apart", () => {
    expect(dialogueLines("MIA: Last one.\nJo: Make it two.")).toEqual([
      { speaker: "MIA", line: "Last one." },
      { speaker: "Jo", line: "Make it two." },
    ]);
  });
});

describe("the shot list's timecodes", () => {
  it("formats tenths and never goes negative", () => {
    expect(timecode(-3)).toBe("0:00.0");
    expect(timecode(0)).toBe("0:00.0");
    expect(timecode(5.5)).toBe("0:05.5");
    expect(timecode(65.25)).toBe("1:05.3");
  });
  it("gives an untimed frame no out point and no time", () => {
    const frames = [frameWith({ id: "a", durationSec: 3 }), frameWith({ id: "b", durationSec: null }), frameWith({ id: "c", durationSec: 2.5 })];
    const { rows, totalSec } = shotList(frames);
    expect(rows.map((r) => [r.shot, r.inSec, r.outSec])).toEqual([
      ["1", 0, 3],
      ["2", 3, null],
      ["3", 3, 5.5],
    ]);
    expect(totalSec).toBe(5.5);
  });
  it("sums decimals exactly, so 0.1 × 30 ends at 3.0", () => {
    const frames = Array.from({ length: 30 }, (_, i) => frameWith({ id: `f${i}`, durationSec: 0.1 }));
    expect(shotList(frames).totalSec).toBe(3);
    expect(shotList(frames).rows.at(-1)!.outSec).toBe(3);
  });
});

describe("what a batch renders (CONTRACT 7)", () => {
  const frames = [
    frameWith({ id: "none" }),
    frameWith({ id: "ready", media: mediaShowing("/a.svg", { jobId: "j1" }) }),
    frameWith({ id: "running", media: { ...NO_MEDIA, state: "running", jobId: "j2" } }),
    frameWith({ id: "rerender", media: mediaShowing("/b.svg", { state: "queued", jobId: "j3" }) }),
    frameWith({ id: "failed-with-old", media: mediaShowing("/c.svg", { state: "failed", jobId: "j4" }) }),
    frameWith({ id: "canceled", media: { ...NO_MEDIA, state: "canceled", jobId: "j5" } }),
  ];
  it("Generate all skips frames that show an image or are rendering", () => {
    expect(renderTargets(frames, "missing").map((f) => f.id)).toEqual(["none", "canceled"]);
  });
  it("Re-render all takes every frame not rendering now", () => {
    expect(renderTargets(frames, "all").map((f) => f.id)).toEqual(["none", "ready", "failed-with-old", "canceled"]);
  });
  it("narrows to the picked frames when some are picked", () => {
    expect(renderTargets(frames, "all", ["ready", "running"]).map((f) => f.id)).toEqual(["ready"]);
  });
});

describe("a drop becomes one move_frame", () => {
  const ids = ["a", "b", "c", "d"].map((id) => ({ id }));
  it("does nothing for an unknown frame or a drop on its own place", () => {
    expect(moveTo(ids, "zz", 0)).toBeNull();
    expect(moveTo(ids, "b", 1)).toBeNull();
  });
  it("moves to the front, the back and between", () => {
    expect(moveTo(ids, "c", 0)).toEqual({ type: "move_frame", id: "c", after: null });
    expect(moveTo(ids, "a", 3)).toEqual({ type: "move_frame", id: "a", after: "d" });
    expect(moveTo(ids, "a", 2)).toEqual({ type: "move_frame", id: "a", after: "c" });
    expect(moveTo(ids, "d", 1)).toEqual({ type: "move_frame", id: "d", after: "a" });
  });
  it("puts the frame exactly where it was dropped, through the room's own reducer", () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 9 }), fc.nat(), fc.nat(), (n, a, b) => {
        const frames = Array.from({ length: n }, (_, i) => frameWith({ id: `f${i}` }));
        const from = a % n;
        const to = b % n;
        const cmd = moveTo(frames, `f${from}`, to);
        if (from === to) return cmd === null;
        if (cmd?.type !== "move_frame") return false;
        const after = applyEvent(boardWith({ frames }), {
          kind: "move_frame",
          data: { id: cmd.id, after: cmd.after },
          actor: { type: "user", id: "u" },
        } as never);
        return after.frames[to]!.id === `f${from}`;
      }),
    );
  });
});

describe("a frame's assets", () => {
  it("skips ids the board no longer has and keeps the frame's order", () => {
    const board = boardWith({
      assets: [
        { id: "mia", kind: "character", name: "Mia", description: "", prompt: "" },
        { id: "cafe", kind: "location", name: "Café", description: "", prompt: "" },
      ],
    });
    const f = frameWith({ continuity: { assetIds: ["cafe", "gone", "mia"], notes: "" } });
    expect(frameAssets(board, f).map((a) => a.name)).toEqual(["Café", "Mia"]);
  });
});

describe("picking frames", () => {
  const order = ["a", "b", "c", "d", "e"];
  it("toggles one frame on and off", () => {
    const one = toggle(emptySelection, "b");
    expect(one).toEqual({ ids: ["b"], anchor: "b" });
    expect(toggle(one, "b")).toEqual({ ids: [], anchor: null });
  });
  it("shift-click without an anchor picks just that frame", () => {
    expect(extendTo(emptySelection, order, "c").ids).toEqual(["c"]);
  });
  it("shift-click takes the range from the anchor, either way, without duplicates", () => {
    const sel = toggle(toggle(emptySelection, "a"), "d");
    expect(inOrder(extendTo(sel, order, "b"), order)).toEqual(["a", "b", "c", "d"]);
    expect(inOrder(extendTo(toggle(emptySelection, "e"), order, "c"), order)).toEqual(["c", "d", "e"]);
  });
  it("forgets frames that left the board, and keeps identity when none did", () => {
    const sel = toggle(toggle(emptySelection, "a"), "c");
    expect(prune(sel, order)).toBe(sel);
    expect(prune(sel, ["a", "b"])).toEqual({ ids: ["a"], anchor: null });
  });
});

describe("a frame's live render", () => {
  const progress = (jobId: string, frameId: string, p: number) => ({ type: "progress" as const, payload: { jobId, frameId, progress: p }, timestamp: ts });
  it("ignores stages and warnings of a job it does not know", () => {
    const s = applyJobMessage(noLiveJobs, { type: "plugin_status", payload: { jobId: "j9", plugin: "render", status: "started" }, timestamp: ts });
    expect(s).toBe(noLiveJobs);
  });
  it("never moves progress backwards within a job, and caps it at 100", () => {
    let s = applyJobMessage(noLiveJobs, progress("j1", "f1", 40));
    s = applyJobMessage(s, progress("j1", "f1", 20));
    expect(s.byFrame.f1!.progress).toBe(40);
    s = applyJobMessage(s, progress("j1", "f1", 140));
    expect(s.byFrame.f1!.progress).toBe(100);
  });
  it("starts a new job of the frame from zero and drops the old job's late messages", () => {
    let s = applyJobMessage(noLiveJobs, progress("j1", "f1", 80));
    s = track(s, "j2", "f1");
    expect(s.byFrame.f1).toEqual({ jobId: "j2", progress: 0, plugins: {}, warnings: [] });
    s = applyJobMessage(s, { type: "plugin_status", payload: { jobId: "j1", plugin: "render", status: "completed", timing_ms: 5 }, timestamp: ts });
    expect(s.byFrame.f1!.plugins).toEqual({});
  });
  it("collects stage timings and warnings of the current job", () => {
    let s = track(noLiveJobs, "j1", "f1");
    s = applyJobMessage(s, { type: "plugin_status", payload: { jobId: "j1", plugin: "render", status: "completed", timing_ms: 12.5 }, timestamp: ts });
    s = applyJobMessage(s, { type: "warning", payload: { code: "slow", message: "The provider is slow.", jobId: "j1" }, timestamp: ts });
    expect(s.byFrame.f1!.plugins.render).toEqual({ status: "completed", ms: 12.5 });
    expect(s.byFrame.f1!.warnings).toEqual(["The provider is slow."]);
  });
});

describe("the chat log", () => {
  const msg = (id: string, over: Partial<ChatMessage> = {}): ChatMessage =>
    ({ id, role: "user", text: id, author: { type: "user", id: "u", name: "Mia" }, createdAt: ts, ...over }) as ChatMessage;
  it("replaces a message sent again under its id instead of showing it twice", () => {
    const list = upsertMessage(upsertMessage([], msg("m1")), msg("m2"));
    const edited = upsertMessage(list, msg("m1", { text: "changed" }));
    expect(edited.map((m) => [m.id, m.text])).toEqual([
      ["m1", "changed"],
      ["m2", "m2"],
    ]);
  });
  it("streams deltas into the run's draft; another run's delta starts its own", () => {
    const d = applyDelta(applyDelta(null, "r1", "Hel"), "r1", "lo");
    expect(d).toEqual({ runId: "r1", text: "Hello" });
    expect(applyDelta(d, "r2", "New")).toEqual({ runId: "r2", text: "New" });
  });
  it("ends the draft when the run's answer is committed, not on a user message or another run's answer", () => {
    const d = { runId: "r1", text: "…" };
    expect(afterCommit(d, msg("u1"))).toBe(d);
    expect(afterCommit(d, msg("a0", { role: "assistant", runId: "r0" }))).toBe(d);
    expect(afterCommit(d, msg("a1", { role: "assistant", runId: "r1" }))).toBeNull();
  });
});
