// The studio's pictures as pure functions (CONTRACT 12): a revision's words,
// alt texts, old sketch cards with their words drawn in, what a drop or a
// paste brings, the storage line, "Re-render out of date" and references.
import { describe, expect, it } from "vitest";
import type { Asset, Board, Frame } from "../../worker/domain/board";
import { pictureBasis } from "../../worker/domain/picture-basis";
import {
  bakedCard,
  choosePicture,
  dragHasFiles,
  outOfDateKept,
  outOfDateTargets,
  cardCrop,
  pictureAlt,
  referencePicture,
  referenceTakers,
  revisionByline,
  revisionKind,
  storageWords,
} from "../../web/src/studio/model/pictures";
import { boardWith, frameWith, revisionWith } from "../support/boards";

const NOW = Date.parse("2026-12-01T10:05:00.000Z");

describe("a revision in words", () => {
  it("names its kind, with the provider of a render", () => {
    expect(revisionKind(revisionWith({ kind: "render", provider: "sketch" }))).toBe("Render · sketch");
    expect(revisionKind(revisionWith({ kind: "render", provider: undefined }))).toBe("Render");
    expect(revisionKind(revisionWith({ kind: "upload" }))).toBe("Upload");
    expect(revisionKind(revisionWith({ kind: "drawing" }))).toBe("Drawing");
  });

  it("says who made it and when", () => {
    expect(revisionByline(revisionWith({ at: "2026-12-01T10:00:00.000Z" }), NOW)).toBe("Mia · 5 minutes ago");
    expect(revisionByline(revisionWith({ at: "", by: { type: "system", id: "jobs", name: "Render" } }), NOW)).toBe("Render");
  });
});

describe("alt text", () => {
  it("is the picture's own description when it has one", () => {
    expect(pictureAlt(revisionWith({ alt: "Mia at the counter, close-up" }), "3", "Last cup")).toBe("Mia at the counter, close-up");
  });
  it("else says which shot the picture is for", () => {
    expect(pictureAlt(revisionWith(), "3", "Last cup")).toBe("Picture for shot 3: Last cup");
    expect(pictureAlt(undefined, "3", "  ")).toBe("Picture for shot 3: untitled");
  });
});

describe("an old sketch card with its words drawn in", () => {
  it("is a sketch render of unknown size or of no panel's shape", () => {
    expect(bakedCard(revisionWith({ width: 0, height: 0 }))).toBe(true);
    expect(bakedCard(revisionWith({ width: 1000, height: 742 }))).toBe(true);
  });
  it("is not a picture in a panel's shape, nor an upload, nor a raster render", () => {
    expect(bakedCard(revisionWith({ width: 960, height: 540 }))).toBe(false);
    expect(bakedCard(revisionWith({ width: 540, height: 960 }))).toBe(false);
    expect(bakedCard(revisionWith({ width: 960, height: 402 }))).toBe(false);
    expect(bakedCard(revisionWith({ kind: "upload", mime: "image/png", width: 0, height: 0 }))).toBe(false);
    expect(bakedCard(revisionWith({ mime: "image/png", width: 1000, height: 742 }))).toBe(false);
  });
  it("shows only its panel: the card scaled and moved so the panel fills a box of the episode's aspect", () => {
    expect(cardCrop(revisionWith({ width: 1000, height: 742 }), "16:9")).toEqual({
      width: `${(1000 / 960) * 100}%`,
      left: `${(-20 / 960) * 100}%`,
      top: `${(-56 / 540) * 100}%`,
    });
    // Size unknown: a card of the episode's aspect, 20 px of margin each side.
    expect(cardCrop(revisionWith({ width: 0, height: 0 }), "9:16")).toEqual({
      width: `${(580 / 540) * 100}%`,
      left: `${(-20 / 540) * 100}%`,
      top: `${(-56 / 960) * 100}%`,
    });
    expect(cardCrop(revisionWith({ width: 960, height: 540 }), "16:9")).toBeUndefined();
  });
});

describe("what a drop or a paste brings", () => {
  const file = (name: string, type: string) => ({ name, type });
  it("takes the first PNG, JPEG or WebP", () => {
    const out = choosePicture([file("notes.txt", "text/plain"), file("a.jpg", "image/jpeg"), file("b.png", "image/png")]);
    expect(out).toEqual({ ok: true, file: file("a.jpg", "image/jpeg") });
  });
  it("lets the server judge a file of unknown type", () => {
    expect(choosePicture([file("scan", "")])).toEqual({ ok: true, file: file("scan", "") });
  });
  it("refuses other files by name, and brings nothing from no files", () => {
    expect(choosePicture([file("logo.svg", "image/svg+xml")])).toEqual({ ok: false, message: "“logo.svg” is not a PNG, JPEG or WebP picture." });
    expect(choosePicture([])).toBeNull();
  });
  it("answers only drags that carry files", () => {
    expect(dragHasFiles(["Files"])).toBe(true);
    expect(dragHasFiles(["text/plain"])).toBe(false);
    expect(dragHasFiles(null)).toBe(false);
  });
});

describe("the storage line", () => {
  it("says what is used of the limit, in the upload route's units", () => {
    expect(storageWords({ usedBytes: Math.round(12.4 * 1024 * 1024), limitBytes: 2 * 1024 ** 3 })).toBe("Pictures: 12.4 MB of 2 GB");
    expect(storageWords({ usedBytes: 0, limitBytes: 2 * 1024 ** 3 })).toBe("Pictures: 0 bytes of 2 GB");
  });
});

/** A board whose frames each show one picture made from the frame as it is, or as it was before `changed`. */
function boardOf(frames: { id: string; kind?: "render" | "upload" | "drawing"; stale?: boolean; state?: Frame["media"]["state"]; none?: boolean }[]): Board {
  const board = boardWith({ frames: frames.map((f) => frameWith({ id: f.id, camera: "WS" })) });
  return {
    ...board,
    frames: board.frames.map((frame, i) => {
      const spec = frames[i]!;
      if (spec.none) return frame;
      const basis = pictureBasis(board, spec.stale ? { ...frame, camera: "CU" } : frame);
      const rev = revisionWith({ id: `rv_${frame.id}`, kind: spec.kind ?? "render", basis });
      return { ...frame, media: { state: spec.state ?? "ready", revisions: [rev], shown: rev.id } };
    }),
  };
}

describe("Re-render out of date", () => {
  const board = boardOf([
    { id: "f1", stale: true },
    { id: "f2" },
    { id: "f3", stale: true, kind: "upload" },
    { id: "f4", stale: true, state: "running" },
    { id: "f5", none: true },
    { id: "f6", stale: true, kind: "drawing" },
  ]);
  it("renders the out-of-date renders not rendering now", () => {
    expect(outOfDateTargets(board).map((f) => f.id)).toEqual(["f1"]);
  });
  it("leaves uploads and drawings out of date as they are, and says which", () => {
    expect(outOfDateKept(board).map((f) => f.id)).toEqual(["f3", "f6"]);
  });
  it("keeps to the picked frames when some are picked", () => {
    expect(outOfDateTargets(board, ["f2", "f3"])).toEqual([]);
    expect(outOfDateTargets(board, ["f1"]).map((f) => f.id)).toEqual(["f1"]);
  });
});

describe("reference pictures", () => {
  const asset = (id: string, kind: Asset["kind"], reference?: Asset["reference"]): Asset => ({ id, kind, name: id, description: "", prompt: "", reference });
  const frame = frameWith({
    id: "f1",
    continuity: { assetIds: ["mia", "look", "cafe", "gone"], notes: "" },
    media: { state: "ready", revisions: [revisionWith({ id: "rv1" })], shown: "rv1" },
  });
  const board = boardWith({ assets: [asset("mia", "character"), asset("look", "style"), asset("cafe", "location")], frames: [frameWith({ id: "f0" }), frame] });

  it("may be taken by the shot's cast, places and props, not its look", () => {
    expect(referenceTakers(board, frame).map((a) => a.id)).toEqual(["mia", "cafe"]);
  });
  it("is found with its frame and place on the board", () => {
    const found = referencePicture(board, asset("mia", "character", { frameId: "f1", revisionId: "rv1" }));
    expect(found?.index).toBe(1);
    expect(found?.revision.id).toBe("rv1");
  });
  it("is none when the asset has none or its picture was removed", () => {
    expect(referencePicture(board, asset("mia", "character"))).toBeUndefined();
    expect(referencePicture(board, asset("mia", "character", { frameId: "f1", revisionId: "rv9" }))).toBeUndefined();
  });
});
