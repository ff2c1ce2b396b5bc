// Whether a frame's picture still matches the frame (CONTRACT 12): one pure
// function, pictureBasis, digests what a picture depends on, and comparing
// the shown revision's basis with the frame's own says what changed.
import { describe, expect, it } from "vitest";
import type { Board, Frame } from "../../worker/domain/board";
import { outOfDateText, pictureBasis, pictureState } from "../../worker/domain/picture-basis";
import { boardWith, frameWith, mediaShowing } from "../support/boards";

const mia = { id: "mia", kind: "character" as const, name: "Mia", description: "barista", prompt: "green apron" };
const frame = frameWith({
  id: "f1",
  prompt: "a loaf on the counter",
  action: "Mia slides the tray in",
  camera: "WS",
  continuity: { assetIds: ["mia"], notes: "" },
});
const board = boardWith({ assets: [mia], frames: [frame] });

/** The board with f1 showing a picture made from it as it is, then changed by `change`. */
function afterChange(change: (b: Board, f: Frame) => Board): Board {
  const shown = mediaShowing("/p.png");
  shown.revisions[0]!.basis = pictureBasis(board, frame);
  const withPicture = { ...board, frames: [{ ...frame, media: shown }] };
  return change(withPicture, withPicture.frames[0]!);
}
const edit = (patch: Partial<Frame>) => (b: Board, f: Frame) => ({ ...b, frames: [{ ...f, ...patch }] });

describe("pictureBasis", () => {
  it("is the same for the same frame, and ignores what a picture does not show", () => {
    expect(pictureBasis(board, frame)).toBe(pictureBasis(structuredClone(board), structuredClone(frame)));
    const unrelated = { ...frame, title: "Renamed", dialogue: "MIA: Hi", durationSec: 9, shot: "4A", status: "approved" as const };
    expect(pictureBasis(board, unrelated)).toBe(pictureBasis(board, frame));
  });
});

describe("a picture", () => {
  it("is none when the frame shows no picture", () => {
    expect(pictureState(board, frame)).toEqual({ state: "none" });
  });

  it("is current until something it depends on changes", () => {
    const b = afterChange((x) => x);
    expect(pictureState(b, b.frames[0]!)).toEqual({ state: "current" });
  });

  const cases: [string, (b: Board, f: Frame) => Board, string][] = [
    ["camera", edit({ camera: "CU" }), "Out of date: camera changed"],
    ["prompt", edit({ prompt: "two loaves" }), "Out of date: prompt changed"],
    ["action", edit({ action: "Mia drops the tray" }), "Out of date: action changed"],
    ["aspect ratio", (b) => ({ ...b, format: { ...b.format, aspect: "9:16" } }), "Out of date: aspect ratio changed"],
    ["cast (an asset's prompt)", (b) => ({ ...b, assets: [{ ...mia, prompt: "red apron" }] }), "Out of date: cast changed"],
    ["cast (who is in the shot)", edit({ continuity: { assetIds: [], notes: "" } }), "Out of date: cast changed"],
    ["camera and prompt", edit({ camera: "CU", prompt: "crumbs" }), "Out of date: prompt and camera changed"],
  ];
  for (const [what, change, text] of cases) {
    it(`is out of date when its ${what} changed, and says so`, () => {
      const b = afterChange(change);
      const state = pictureState(b, b.frames[0]!);
      expect(state.state).toBe("out of date");
      expect(state.state === "out of date" ? outOfDateText(state.changed) : "").toBe(text);
    });
  }

  it("made before bases were kept is out of date without a named cause", () => {
    const b = { ...board, frames: [{ ...frame, media: mediaShowing("/old.svg") }] };
    expect(pictureState(b, b.frames[0]!)).toEqual({ state: "out of date", changed: [] });
    expect(outOfDateText([])).toBe("Out of date: made before this version of the shot");
  });

  it("is current again once a new picture is made from the changed frame", () => {
    const b = afterChange(edit({ camera: "CU" }));
    const f = b.frames[0]!;
    f.media.revisions[0]!.basis = pictureBasis(b, f);
    expect(pictureState(b, f)).toEqual({ state: "current" });
  });
});
