// Continuity checks (issue 12, item 7): a pure function over the board that
// the studio lists and the agent can act on. Negative cases first.
import { describe, expect, it } from "vitest";
import { type Asset, type Board, emptyBoard, type Frame } from "../../worker/domain/board";
import { checkContinuity, recordedTargetSec, runningTimeSec } from "../../worker/domain/continuity";
import { boardWith, frameWith } from "../support/boards";

/** A frame that passes every check: a camera and a length. */
const frame = (id: string, over: Partial<Frame> = {}): Frame => frameWith({ id, camera: "WS", durationSec: 3, ...over });

const attach = (...assetIds: string[]) => ({ continuity: { assetIds, notes: "" } });

const mia: Asset = { id: "mia", kind: "character", name: "Mia", description: "the barista", prompt: "young woman, green apron" };
const leo: Asset = { id: "leo", kind: "character", name: "Leo", description: "a regular", prompt: "older man, grey coat" };
const cafe: Asset = { id: "cafe", kind: "location", name: "The Corner Café", description: "the café", prompt: "small café, morning light" };
const cup: Asset = { id: "cup", kind: "prop", name: "Cup", description: "", prompt: "blue ceramic cup" };
const look: Asset = { id: "look", kind: "style", name: "Look", description: "the visual style", prompt: "35mm" };

const board = (frames: Frame[], assets: Asset[] = [mia, leo, cafe, cup, look], script = ""): Board => ({
  ...emptyBoard("ep1"),
  script: { text: script, version: script ? 1 : 0 },
  assets,
  frames,
});

/** A board with no continuity issues: every named asset attached, sizes and casts vary, lengths set. */
const clean = () =>
  board([
    frame("f1", { title: "Morning at The Corner Café", camera: "EWS", prompt: "the street outside", ...attach("cafe") }),
    frame("f2", { title: "Mia opens up", action: "Mia unlocks the door", camera: "MS", ...attach("mia", "cafe") }),
    frame("f3", { title: "The cup", prompt: "a cup on the counter", camera: "INSERT", ...attach("cup") }),
    frame("f4", { title: "Leo orders", dialogue: "Leo: the usual", camera: "MS", ...attach("leo", "cafe") }),
    frame("f5", { title: "Mia smiles", camera: "CU", ...attach("mia") }),
  ]);

const kinds = (b: Board, opts?: { targetSec?: number }) => checkContinuity(b, opts).map((i) => i.kind);

describe("checkContinuity: what is not an issue", () => {
  it("finds nothing on an empty board", () => {
    expect(checkContinuity(emptyBoard("ep1"))).toEqual([]);
    expect(checkContinuity(emptyBoard("ep1"), { targetSec: 30 })).toEqual([]);
  });

  it("finds nothing on a clean board", () => {
    expect(checkContinuity(clean())).toEqual([]);
  });

  it("does not count a name inside another word as a mention", () => {
    // "Miami" and "Leonard" hold "Mia" and "Leo" but do not name them.
    const b = board([frame("f1", { title: "Miami nights", action: "Leonard waits", camera: "WS" })]);
    expect(checkContinuity(b)).toEqual([]);
  });

  it("does not ask for a style asset to be attached when its name appears", () => {
    const b = board([frame("f1", { title: "Look at this", camera: "WS" })]);
    expect(checkContinuity(b)).toEqual([]);
  });

  it("does not read the sound or the notes as mentions", () => {
    const b = board([frame("f1", { sound: "Mia hums", camera: "WS", continuity: { assetIds: [], notes: "Leo off screen" } })]);
    expect(checkContinuity(b)).toEqual([]);
  });

  it("does not call an undescribed asset an issue until a frame uses it", () => {
    const b = board([frame("f1", { camera: "WS" })], [{ ...cup, prompt: "" }]);
    expect(checkContinuity(b)).toEqual([]);
  });

  it("does not call adjacent shots of the same size a jump cut when their casts differ", () => {
    const b = board([frame("f1", { camera: "MS", ...attach("mia") }), frame("f2", { camera: "medium shot", ...attach("leo") })]);
    expect(kinds(b)).toEqual([]);
  });

  it("does not call two bare frames of one size, or shots of different places, a jump cut", () => {
    expect(kinds(board([frame("f1", { camera: "WS" }), frame("f2", { camera: "WS" })]))).toEqual([]);
    expect(kinds(board([frame("f1", { camera: "WS", ...attach("cafe") }), frame("f2", { camera: "WS", ...attach("cup") })]))).toEqual([]);
    expect(kinds(board([frame("f1", { camera: "WS", ...attach("cafe") }), frame("f2", { camera: "WS", ...attach("mia", "cafe") })]))).toEqual([]);
  });

  it("does not call shots with unknown sizes a jump cut", () => {
    const b = board([frame("f1", { camera: "handheld" }), frame("f2", { camera: "handheld" })]);
    expect(kinds(b)).toEqual([]);
  });

  it("accepts a running time within 10 % of the target", () => {
    // Five 3 s shots: 15 s against 14 s and 16.5 s targets.
    expect(kinds(clean(), { targetSec: 14 })).toEqual([]);
    expect(kinds(clean(), { targetSec: 16.5 })).toEqual([]);
  });

  it("has no running-time issue without a target", () => {
    expect(kinds(clean())).toEqual([]);
  });
});

describe("checkContinuity: what is an issue", () => {
  it("reports an asset named in a frame's text but not attached, naming the shot", () => {
    const b = board([frame("f1", { title: "The counter", action: "MIA wipes the counter", camera: "WS" })]);
    expect(checkContinuity(b)).toEqual([
      { kind: "unattached", frameId: "f1", assetId: "mia", message: "Shot 1 mentions Mia (character) but does not have it attached." },
    ]);
  });

  it("finds a mention in the title, the action, the prompt and the dialogue, whole words in any case", () => {
    const b = board([
      frame("f1", { title: "mia", camera: "WS" }),
      frame("f2", { action: "Leo's coffee", camera: "CU" }),
      frame("f3", { prompt: "inside the corner café", camera: "WS" }),
      frame("f4", { dialogue: "Leo: a cup, please", camera: "CU" }),
    ]);
    expect(checkContinuity(b).map((i) => [i.frameId, i.assetId])).toEqual([
      ["f1", "mia"],
      ["f2", "leo"],
      ["f3", "cafe"],
      ["f4", "leo"],
      ["f4", "cup"],
    ]);
  });

  it("names a shot by its label when the person set one", () => {
    const b = board([frame("f1", { shot: "1A", title: "Mia", camera: "WS" })]);
    expect(checkContinuity(b)[0]?.message).toBe("Shot 1A mentions Mia (character) but does not have it attached.");
  });

  it("reports an attached asset with no description and no prompt once, at its first frame", () => {
    const bare: Asset = { id: "hat", kind: "prop", name: "Hat", description: "", prompt: " " };
    const b = board([frame("f1", { camera: "WS", ...attach("hat") }), frame("f2", { camera: "CU", ...attach("hat") })], [bare]);
    expect(checkContinuity(b)).toEqual([
      {
        kind: "undescribed",
        frameId: "f1",
        assetId: "hat",
        message: "Hat (prop), attached to shot 1, has no description or prompt: its look will change from shot to shot.",
      },
    ]);
  });

  it("reports frames with no camera or no duration", () => {
    const b = board([frame("f1", { camera: " " }), frame("f2", { camera: "CU", durationSec: null })]);
    expect(checkContinuity(b)).toEqual([
      { kind: "no_camera", frameId: "f1", message: "Shot 1 has no camera set." },
      { kind: "no_duration", frameId: "f2", message: "Shot 2 has no duration." },
    ]);
  });

  it("reports two adjacent shots of the same size and the same cast as a jump cut, on the second shot", () => {
    const b = board([
      frame("f1", { camera: "WS" }),
      frame("f2", { camera: "CU, low angle", ...attach("mia", "leo") }),
      frame("f3", { camera: "close-up, push in", ...attach("leo", "mia") }),
    ]);
    expect(checkContinuity(b)).toEqual([
      {
        kind: "jump_cut",
        frameId: "f3",
        message: "Shots 2 and 3 are both close-up shots with the same cast: a jump cut. Change the size or the cast of one.",
      },
    ]);
  });

  it("compares only the characters as the cast: a different prop or place does not break a jump cut", () => {
    const b = board([frame("f1", { camera: "MS", ...attach("mia", "cup") }), frame("f2", { camera: "MS", ...attach("mia", "cafe") })]);
    expect(kinds(b)).toEqual(["jump_cut"]);
  });

  it("reports adjacent shots of one size without characters as a jump cut when they show the same place or prop", () => {
    const b = board([frame("f1", { camera: "WS", ...attach("cafe") }), frame("f2", { camera: "wide", ...attach("cafe") })]);
    expect(checkContinuity(b)[0]?.message).toBe(
      "Shots 1 and 2 are both wide shots of the same subject, without characters: a jump cut. Change the size or the cast of one.",
    );
  });

  it("reports a running time more than 10 % off the target given", () => {
    expect(checkContinuity(clean(), { targetSec: 10 })).toEqual([{ kind: "running_time", message: "The running time is 15 s, 50 % over the 10 s asked for." }]);
    expect(checkContinuity(clean(), { targetSec: 20 })).toEqual([
      { kind: "running_time", message: "The running time is 15 s, 25 % under the 20 s asked for." },
    ]);
  });

  it("takes the target the offline agent recorded in the script over the one given", () => {
    const b = clean();
    b.script.text = "Title: A barista\nCredit: A 30-second ad\n\nEXT. CAFE - DAY\n";
    expect(recordedTargetSec(b)).toBe(30);
    expect(checkContinuity(b, { targetSec: 15 })).toEqual([{ kind: "running_time", message: "The running time is 15 s, 50 % under the 30 s asked for." }]);
  });

  it("reads fractional targets from the script and ignores scripts that state none", () => {
    expect(recordedTargetSec(board([], [], "Credit: An 7.5-second teaser"))).toBe(7.5);
    expect(recordedTargetSec(board([], [], "INT. KITCHEN - DAY\nA 30-second pause."))).toBeNull();
  });

  it("sums lengths without float noise and skips frames with none", () => {
    const b = board([frame("f1", { durationSec: 0.1 }), frame("f2", { durationSec: 0.2 }), frame("f3", { durationSec: null })]);
    expect(runningTimeSec(b)).toBe(0.3);
  });

  it("lists issues in board order with the running time last", () => {
    const b = board([frame("f1", { title: "Mia", camera: "" }), frame("f2", { camera: "CU", durationSec: null })]);
    expect(kinds(b, { targetSec: 30 })).toEqual(["unattached", "no_camera", "no_duration", "running_time"]);
  });
});

describe("speakers who are not in the cast", () => {
  it("says nothing of dialogue without a speaker, or spoken by a character of the cast", () => {
    const board = boardWith({
      assets: [{ id: "mia", kind: "character", name: "Mia Ortiz", description: "barista", prompt: "" }],
      frames: [
        frameWith({ id: "a", camera: "MS", durationSec: 2, dialogue: "Last one of the night." }),
        frameWith({ id: "b", camera: "CU", durationSec: 2, dialogue: "MIA: Last one." }),
      ],
    });
    expect(checkContinuity(board).filter((i) => i.kind === "uncast")).toEqual([]);
  });
  it("names a speaker missing from the cast once, at their first line", () => {
    const board = boardWith({
      frames: [
        frameWith({ id: "a", camera: "MS", durationSec: 2, dialogue: "NURSE: Room four." }),
        frameWith({ id: "b", camera: "CU", durationSec: 2, dialogue: "Nurse: Now." }),
      ],
    });
    expect(checkContinuity(board).filter((i) => i.kind === "uncast")).toEqual([
      { kind: "uncast", frameId: "a", message: "Shot 1: NURSE speaks but is not in the cast." },
    ]);
  });
});
