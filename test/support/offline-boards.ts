// The boards the offline agent's example tables start from, by name
// (worker/agent/offline/examples.ts): a 6-shot, 30-second coffee-shop ad with
// Mia the barista, and variations of it.
import type { BoardName } from "../../worker/agent/offline/examples";
import { shotListOf } from "../../worker/agent/offline/shotlist";
import type { Asset, Board, Frame } from "../../worker/domain/board";
import { boardWith, frameWith } from "./boards";

export const ASSETS: Asset[] = [
  { id: "mia", kind: "character", name: "Mia", description: "the barista", prompt: "Mia, woman in her 30s, green canvas apron" },
  { id: "cafe", kind: "location", name: "Night Owl Cafe", description: "the coffee shop", prompt: "small corner coffee shop at night, warm tungsten light" },
  { id: "cup", kind: "prop", name: "The cup", description: "the house cup", prompt: "blue ceramic cup with a chipped rim" },
  { id: "look", kind: "style", name: "House look", description: "the visual style", prompt: "cinematic 35mm" },
];

export const FRAMES: Frame[] = [
  frameWith({
    id: "f1",
    beatId: "b1",
    title: "The corner at night",
    camera: "EWS",
    durationSec: 5,
    action: "The cafe glows on a rainy corner.",
    prompt: "Exterior of a corner cafe at night, rain",
    sound: "rain, distant traffic",
    continuity: { assetIds: ["cafe", "look"], notes: "" },
  }),
  frameWith({
    id: "f2",
    beatId: "b1",
    title: "Mia opens up",
    camera: "MS",
    durationSec: 5,
    action: "Mia flips the sign to OPEN.",
    prompt: "Mia flipping the door sign",
    sound: "door bell",
    continuity: { assetIds: ["mia", "cafe", "look"], notes: "" },
  }),
  frameWith({
    id: "f3",
    beatId: "b2",
    title: "The pour",
    camera: "INSERT, overhead",
    durationSec: 4,
    action: "Close on Mia's hands pouring milk into the cup.",
    prompt: "Overhead view of hands pouring milk",
    sound: "milk steaming",
    continuity: { assetIds: ["mia", "cup", "cafe"], notes: "" },
  }),
  frameWith({
    id: "f4",
    beatId: "b2",
    title: "A regular arrives",
    camera: "WS, track",
    durationSec: 5,
    action: "A regular steps in out of the rain.",
    prompt: "A regular coming in from the rain",
    dialogue: "Mia: Evening. The usual?",
    sound: "rain, door",
    continuity: { assetIds: ["mia", "cafe"], notes: "" },
  }),
  frameWith({
    id: "f5",
    beatId: "b3",
    title: "First sip",
    camera: "CU, push in",
    durationSec: 5,
    action: "The regular takes the first sip.",
    prompt: "Close-up of the first sip",
    sound: "music swells",
    continuity: { assetIds: ["cup", "cafe"], notes: "" },
  }),
  frameWith({
    id: "f6",
    beatId: "b3",
    title: "Come as you are",
    camera: "MS, low angle",
    durationSec: 6,
    action: "Mia looks into camera.",
    prompt: "Mia looking into camera",
    dialogue: "Mia: We're open till late.",
    sound: "music resolves",
    continuity: { assetIds: ["mia", "cafe", "look"], notes: "" },
  }),
];

const BEATS = [
  { id: "b1", title: "Hook", summary: "The cafe at night." },
  { id: "b2", title: "Ritual", summary: "Mia at work." },
  { id: "b3", title: "Payoff", summary: "Come in." },
];

export const COFFEE_BASE = boardWith({ assets: ASSETS, frames: FRAMES, plan: { beats: BEATS } });
/** A 6-shot, 30-second coffee-shop board with Mia the barista; its script ends in a generated shot list. */
export const COFFEE = boardWith({
  ...COFFEE_BASE,
  script: {
    text: `Title: Night Owl\n\nINT. NIGHT OWL CAFE - NIGHT\n\nMIA wipes the counter.\n\nMIA\nWe're open till late.\n\n${shotListOf(COFFEE_BASE)}`,
    version: 1,
  },
});

/** Custom shot labels: the third frame is "2A", the fourth "3". */
export const LABELLED = boardWith({
  ...COFFEE_BASE,
  frames: FRAMES.slice(0, 4).map((f, i) => ({ ...f, shot: ["1", "2", "2A", "3"][i]! })),
});

export const SCREENPLAY = `Title: Last Orders

INT. NIGHT OWL CAFE - NIGHT

Rain streaks the windows. MIA (30s) wipes the counter.

LEO (20s, delivery cyclist) bursts in, dripping.

LEO
Am I too late?

MIA
(smiling)
We're open.

EXT. STREET - NIGHT

Leo rides off into the rain.
`;
export const SCRIPTED = boardWith({ script: { text: SCREENPLAY, version: 1 } });
export const PLAIN = boardWith({ script: { text: "INT. KITCHEN - MORNING\nSam kneads dough.\nSAM: Nearly there.", version: 1 } });
export const EMPTY = boardWith();

/** The coffee board with the length asked for on the script's title page. */
export const TIMED = {
  ...COFFEE,
  script: { text: COFFEE.script.text.replace("Title: Night Owl\n", "Title: Night Owl\nCredit: A 30-second ad\n"), version: 1 },
};

/** A board with one frame changed, for the continuity rows. */
function withFrame(board: Board, id: string, patch: Partial<Frame>): Board {
  return { ...board, frames: board.frames.map((f) => (f.id === id ? { ...f, ...patch } : f)) };
}

export const BOARDS: Record<BoardName, Board> = {
  coffee: COFFEE,
  "coffee-base": COFFEE_BASE,
  labelled: LABELLED,
  timed: TIMED,
  empty: EMPTY,
  scripted: SCRIPTED,
  plain: PLAIN,
  "coffee-mia-watches": withFrame(COFFEE, "f5", { action: "The regular takes the first sip as Mia watches." }),
  "timed-f4-bare": withFrame(TIMED, "f4", { camera: "", durationSec: null }),
  "base-f4-bare": withFrame(COFFEE_BASE, "f4", { camera: "", durationSec: null }),
  "coffee-f3-medium": withFrame(COFFEE, "f3", { camera: "MS, overhead" }),
  "coffee-cup-undescribed": { ...COFFEE, assets: ASSETS.map((a) => (a.id === "cup" ? { ...a, description: "", prompt: "" } : a)) },
  "coffee-asks-20": { ...COFFEE, script: { text: "Title: Night Owl\nCredit: A 20-second ad\n\nINT. CAFE - NIGHT", version: 1 } },
};
