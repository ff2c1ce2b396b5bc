// The animatic's timeline (CONTRACT 10, issue 11): segments, the shot at a
// time, the clock, Previous/Next, loop and a board that changes while it plays.
import { describe, expect, it } from "vitest";
import { advance, at, clampTime, clock, nextBoundary, prevBoundary, relocate, timeline, UNTIMED_SEC } from "../../web/src/studio/model/animatic";
import { animaticShots, VIDEO_SIZES, videoSupport, wrapLines } from "../../web/src/studio/animatic-render";
import { boardWith, frameWith, mediaShowing } from "../support/boards";

const frame = (id: string, durationSec: number | null, shot: string | null = null) => frameWith({ id, shot, durationSec });
const framesLasting = (...durations: (number | null)[]) => durations.map((d, i) => frame(`f${i + 1}`, d));

describe("an empty board", () => {
  const tl = timeline([]);
  it("has no segments and no running time", () => {
    expect(tl).toEqual({ segments: [], total: 0 });
  });
  it("has no shot at any time", () => {
    expect(at(tl, 0)).toBeNull();
    expect(at(tl, 5)).toBeNull();
  });
  it("reads 0:00.0 / 0:00.0 and Previous, Next and play stay at 0", () => {
    expect(clock(tl, 3)).toBe("0:00.0 / 0:00.0");
    expect(nextBoundary(tl, 0)).toBe(0);
    expect(prevBoundary(tl, 0)).toBe(0);
    expect(advance(tl, 0, 1, true)).toEqual({ t: 0, ended: true });
  });
});

describe("frames without a duration", () => {
  it(`play for ${UNTIMED_SEC} s each and are marked untimed`, () => {
    const tl = timeline(framesLasting(null, null, null));
    expect(tl.total).toBe(9);
    expect(tl.segments.map((s) => [s.start, s.end, s.untimed])).toEqual([
      [0, 3, true],
      [3, 6, true],
      [6, 9, true],
    ]);
  });
  it("sit between timed frames without shifting them", () => {
    const tl = timeline(framesLasting(2, null, 1.5));
    expect(tl.segments.map((s) => [s.start, s.duration, s.untimed])).toEqual([
      [0, 2, false],
      [2, 3, true],
      [5, 1.5, false],
    ]);
    expect(tl.total).toBe(6.5);
  });
});

describe("times outside the timeline", () => {
  const tl = timeline(framesLasting(2, 3));
  it("clamps a negative or non-finite time to the start", () => {
    expect(at(tl, -4)).toEqual({ index: 0, offset: 0 });
    expect(clampTime(tl, Number.NaN)).toBe(0);
  });
  it("shows the last shot's last instant at or beyond the end", () => {
    expect(at(tl, 5)).toEqual({ index: 1, offset: 3 });
    expect(at(tl, 99)).toEqual({ index: 1, offset: 3 });
    expect(clock(tl, 99)).toBe("0:05.0 / 0:05.0");
  });
});

describe("the shot at a time", () => {
  const tl = timeline(framesLasting(0.1, 0.2, 0.3, 2));
  it("starts a shot exactly on its boundary, despite tenths that do not add up in binary", () => {
    expect(tl.segments.map((s) => s.start)).toEqual([0, 0.1, 0.3, 0.6]);
    expect(at(tl, 0.3)).toEqual({ index: 2, offset: 0 });
    expect(at(tl, 0.29)?.index).toBe(1);
  });
  it("gives the offset into the shot", () => {
    expect(at(tl, 1.1)).toEqual({ index: 3, offset: 0.5 });
  });
  it("finds the right shot on a 500-frame board", () => {
    const big = timeline(Array.from({ length: 500 }, (_, i) => frame(`f${i}`, 1)));
    expect(at(big, 250.5)).toEqual({ index: 250, offset: 0.5 });
    expect(at(big, 0)?.index).toBe(0);
    expect(at(big, 499.99)?.index).toBe(499);
  });
  it("labels shots by position unless the person set a label", () => {
    const labelled = timeline([frame("a", 1), frame("b", 1, "2A"), frame("c", 1)]);
    expect(labelled.segments.map((s) => s.shot)).toEqual(["1", "2A", "3"]);
  });
});

describe("the clock", () => {
  it("reads m:ss.t of the running time", () => {
    const tl = timeline(framesLasting(7.5, 22.5));
    expect(clock(tl, 7.5)).toBe("0:07.5 / 0:30.0");
    expect(clock(tl, 0)).toBe("0:00.0 / 0:30.0");
  });
});

describe("Previous and Next", () => {
  const tl = timeline(framesLasting(2, 3, 4));
  it("Next goes to the start of the following shot, and to the end from the last", () => {
    expect(nextBoundary(tl, 0)).toBe(2);
    expect(nextBoundary(tl, 2)).toBe(5);
    expect(nextBoundary(tl, 6)).toBe(9);
    expect(nextBoundary(tl, 9)).toBe(9);
  });
  it("Previous goes back to the start of this shot once it has played a moment", () => {
    expect(prevBoundary(tl, 4)).toBe(2);
  });
  it("Previous goes to the shot before when this one has just begun, and stays at 0 on the first", () => {
    expect(prevBoundary(tl, 2.2)).toBe(0);
    expect(prevBoundary(tl, 5)).toBe(2);
    expect(prevBoundary(tl, 0.1)).toBe(0);
  });
});

describe("playing", () => {
  const tl = timeline(framesLasting(2, 3));
  it("stops at the end without loop and says it ended", () => {
    expect(advance(tl, 4.5, 1, false)).toEqual({ t: 5, ended: true });
    expect(advance(tl, 1, 1, false)).toEqual({ t: 2, ended: false });
  });
  it("wraps to the start with loop", () => {
    const r = advance(tl, 4.5, 1, true);
    expect(r.ended).toBe(false);
    expect(r.t).toBeCloseTo(0.5, 6);
  });
  it("wraps more than once on a long stall (a background tab) and ignores a clock that ran backwards", () => {
    expect(advance(tl, 1, 11, true).t).toBeCloseTo(2, 6);
    expect(advance(tl, 1, -3, true)).toEqual({ t: 1, ended: false });
  });
});

describe("a board that changes while the animatic plays", () => {
  const before = timeline(framesLasting(2, 3, 4));
  it("stays on the same frame at the same offset when an earlier frame is removed", () => {
    const after = timeline([frame("f2", 3), frame("f3", 4)]);
    expect(relocate(before, after, 3)).toBe(1);
    expect(relocate(before, after, 6)).toBe(4);
  });
  it("moves to the shot now in the removed frame's place", () => {
    const after = timeline([frame("f1", 2), frame("f3", 4)]);
    expect(relocate(before, after, 3)).toBe(2);
  });
  it("clamps to the last shot when the removed frame was the last", () => {
    const after = timeline([frame("f1", 2), frame("f2", 3)]);
    expect(relocate(before, after, 8)).toBe(2);
    expect(at(after, relocate(before, after, 8))?.index).toBe(1);
  });
  it("keeps within a shot that got shorter", () => {
    const after = timeline([frame("f1", 2), frame("f2", 3), frame("f3", 1)]);
    expect(relocate(before, after, 8)).toBe(6);
  });
  it("goes to 0 when every frame is gone", () => {
    expect(relocate(before, timeline([]), 8)).toBe(0);
  });
});

describe("the video's captions", () => {
  // One unit of width a character: the wrapping is about words, not fonts.
  const measure = (s: string) => s.length;
  it("gives nothing for no words", () => {
    expect(wrapLines(measure, "", 10, 3)).toEqual([]);
    expect(wrapLines(measure, "   ", 10, 3)).toEqual([]);
  });
  it("wraps at word boundaries within the width", () => {
    expect(wrapLines(measure, "Mia wipes the counter slowly", 12, 3)).toEqual(["Mia wipes", "the counter", "slowly"]);
  });
  it("ends the last line in … when words are left out", () => {
    const lines = wrapLines(measure, "one two three four five six seven", 9, 2);
    expect(lines).toHaveLength(2);
    expect(lines[1]!.endsWith("…")).toBe(true);
    expect(lines.every((l) => measure(l) <= 9)).toBe(true);
  });
  it("keeps a word longer than the line on a line of its own rather than looping", () => {
    expect(wrapLines(measure, "supercalifragilistic yes", 5, 3)).toEqual(["supercalifragilistic", "yes"]);
  });
});

describe("saving as video", () => {
  it("says why when the browser has no WebCodecs encoder", async () => {
    expect(typeof (globalThis as { VideoEncoder?: unknown }).VideoEncoder).toBe("undefined");
    expect(await videoSupport({ w: 1280, h: 720 })).toEqual({ ok: false, reason: "This browser cannot encode video (no WebCodecs)." });
  });
  it("sizes the video in the episode's aspect with even sides", () => {
    for (const [aspect, { w, h }] of Object.entries(VIDEO_SIZES)) {
      expect(w % 2, aspect).toBe(0);
      expect(h % 2, aspect).toBe(0);
      const [a, b] = aspect.split(":").map(Number);
      expect(Math.abs(w / h - a! / b!), aspect).toBeLessThan(0.01);
    }
  });
  it("plays an empty or missing board as nothing, and frames without a render as sketches", () => {
    expect(animaticShots(null).shots).toEqual([]);
    const shots = animaticShots(boardWith({ frames: [frame("f1", 2), frameWith({ id: "f2", media: mediaShowing("/media/f2.png") })] }));
    expect(shots.shots.map((s) => [s.sketch, s.src.slice(0, 19)])).toEqual([
      [true, "data:image/svg+xml;"],
      [false, "/media/f2.png"],
    ]);
    expect(shots.tl.total).toBe(5);
  });
});
