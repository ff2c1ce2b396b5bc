// The offline agent, end to end as the room applies it: each row is a
// starting board and an instruction; the answer is streamed through the real
// TagStreamParser and every command through the shared tryCommand, and the
// board that results must be exactly the one expected (frame order, titles,
// camera, lengths, action, prompt, dialogue, sound, assets, aspect), with
// the parts not done named in the reply.
import { describe, expect, it } from "vitest";
import { chunk, offlineAnswer } from "../../worker/agent/offline-agent";
import { shotListOf } from "../../worker/agent/offline/shotlist";
import { TagStreamParser } from "../../worker/domain/agent/tag-parser";
import { type Aspect, type Asset, type Board, type Frame, shotLabel } from "../../worker/domain/board";
import { tryCommand } from "../../worker/domain/commands";
import { boardWith, frameWith } from "../support/boards";

// ---------------------------------------------------------------- fixtures

const ASSETS: Asset[] = [
  { id: "mia", kind: "character", name: "Mia", description: "the barista", prompt: "Mia, woman in her 30s, green canvas apron" },
  { id: "cafe", kind: "location", name: "Night Owl Cafe", description: "the coffee shop", prompt: "small corner coffee shop at night, warm tungsten light" },
  { id: "cup", kind: "prop", name: "The cup", description: "the house cup", prompt: "blue ceramic cup with a chipped rim" },
  { id: "look", kind: "style", name: "House look", description: "the visual style", prompt: "cinematic 35mm" },
];

const FRAMES: Frame[] = [
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

const COFFEE_BASE = boardWith({ assets: ASSETS, frames: FRAMES, plan: { beats: BEATS } });
/** A 6-shot, 30-second coffee-shop board with Mia the barista; its script ends in a generated shot list. */
const COFFEE = boardWith({
  ...COFFEE_BASE,
  script: {
    text: `Title: Night Owl\n\nINT. NIGHT OWL CAFE - NIGHT\n\nMIA wipes the counter.\n\nMIA\nWe're open till late.\n\n${shotListOf(COFFEE_BASE)}`,
    version: 1,
  },
});

/** Custom shot labels: the third frame is "2A", the fourth "3". */
const LABELLED = boardWith({
  ...COFFEE_BASE,
  frames: FRAMES.slice(0, 4).map((f, i) => ({ ...f, shot: ["1", "2", "2A", "3"][i]! })),
});

const SCREENPLAY = `Title: Last Orders

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
const SCRIPTED = boardWith({ script: { text: SCREENPLAY, version: 1 } });
const PLAIN = boardWith({ script: { text: "INT. KITCHEN - MORNING\nSam kneads dough.\nSAM: Nearly there.", version: 1 } });
const EMPTY = boardWith();

/** The coffee board with the length asked for on the script's title page. */
const TIMED = { ...COFFEE, script: { text: COFFEE.script.text.replace("Title: Night Owl\n", "Title: Night Owl\nCredit: A 30-second ad\n"), version: 1 } };

/** A board with one frame changed, for the continuity rows. */
function withFrame(board: Board, id: string, patch: Partial<Frame>): Board {
  return { ...board, frames: board.frames.map((f) => (f.id === id ? { ...f, ...patch } : f)) };
}

// ---------------------------------------------------------------- running the agent as the room does

interface Run {
  board: Board;
  prose: string;
  generated: string[];
}

function run(start: Board, instruction: string): Run {
  const answer = offlineAnswer(instruction, start);
  const parser = new TagStreamParser();
  let board = start;
  let prose = "";
  const generated: string[] = [];
  const events = [...chunk(answer).flatMap((c) => parser.write(c)), ...parser.end()];
  for (const e of events) {
    if (e.kind === "prose") prose += e.text;
    else if (e.kind === "rejected") throw new Error(`the agent wrote a tag the room rejects: ${e.reason}`);
    else if (e.kind === "generate") generated.push(e.frameId);
    else if (e.kind === "resolve") continue;
    else {
      const r = tryCommand(board, e.command, { type: "agent", id: "agent" });
      if (!r.ok) throw new Error(`the agent wrote a command the board rejects: ${r.reason} in ${JSON.stringify(e.command)}`);
      board = r.board;
    }
  }
  return { board, prose, generated };
}

// ---------------------------------------------------------------- the expected board, as edits of the starting one

interface FrameView {
  id: string;
  shot: string | null;
  beat: string | null;
  title: string;
  camera: string;
  duration: number | null;
  action: string;
  prompt: string;
  dialogue: string;
  sound: string;
  assets: string[];
}
interface View {
  aspect: Aspect;
  frames: FrameView[];
  assets: Asset[];
}

const frameView = (f: Frame): FrameView => ({
  id: f.id,
  shot: f.shot,
  beat: f.beatId,
  title: f.title,
  camera: f.camera,
  duration: f.durationSec,
  action: f.action,
  prompt: f.prompt,
  dialogue: f.dialogue,
  sound: f.sound,
  assets: f.continuity.assetIds,
});
const view = (b: Board): View => ({ aspect: b.format.aspect, frames: b.frames.map(frameView), assets: b.assets });

type Step = (v: View) => void;
const set =
  (id: string, patch: Partial<FrameView>): Step =>
  (v) => {
    const f = v.frames.find((x) => x.id === id);
    if (!f) throw new Error(`fixture has no frame ${id}`);
    Object.assign(f, patch);
  };
const each = (ids: string[], patch: Partial<FrameView>): Step[] => ids.map((id) => set(id, patch));
const drop =
  (...ids: string[]): Step =>
  (v) => {
    v.frames = v.frames.filter((f) => !ids.includes(f.id));
  };
const order =
  (...ids: string[]): Step =>
  (v) => {
    v.frames = ids.map((id) => v.frames.find((f) => f.id === id)!);
  };
const blank: Omit<FrameView, "id"> = {
  shot: null,
  beat: null,
  title: "",
  camera: "",
  duration: null,
  action: "",
  prompt: "",
  dialogue: "",
  sound: "",
  assets: [],
};
/** A new frame after `after` (null: first; "end": last). */
const add =
  (after: string | null | "end", f: Partial<FrameView> & { id: string }): Step =>
  (v) => {
    const frame = { ...blank, ...f };
    if (after === "end") v.frames.push(frame);
    else if (after === null) v.frames.unshift(frame);
    else v.frames.splice(v.frames.findIndex((x) => x.id === after) + 1, 0, frame);
  };
const aspect =
  (a: Aspect): Step =>
  (v) => {
    v.aspect = a;
  };
const upsertAsset =
  (a: Asset): Step =>
  (v) => {
    const i = v.assets.findIndex((x) => x.id === a.id);
    if (i >= 0) v.assets[i] = a;
    else v.assets.push(a);
  };
const removeAsset =
  (id: string): Step =>
  (v) => {
    v.assets = v.assets.filter((a) => a.id !== id);
    for (const f of v.frames) f.assets = f.assets.filter((a) => a !== id);
  };
const durations =
  (...secs: number[]): Step =>
  (v) => {
    v.frames.forEach((f, i) => {
      f.duration = secs[i]!;
    });
  };

interface Row {
  board: Board;
  say: string;
  then?: Step[];
  /** Text the reply must contain (prose as the chat shows it). */
  says?: string[];
  /** Parts the reply must name under "Not done". */
  notDone?: string[];
  /** Frames the answer asks to render. */
  renders?: string[];
  /** Extra checks on the board that results. */
  check?: (b: Board, prose: string) => void;
}

const mia = ASSETS[0]!;

const ROWS: Row[] = [
  // The two instructions from the issue, verbatim.
  {
    board: COFFEE,
    say: "make shot 3 a close-up and add a shot of the barista smiling at the end",
    then: [
      set("f3", { camera: "CU, overhead" }),
      add("end", {
        id: "f7",
        beat: "b3",
        title: "The barista smiling",
        camera: "CU",
        duration: 3,
        action: "The barista smiling.",
        prompt: "The barista smiling",
        assets: ["mia", "cafe", "look"],
      }),
    ],
    says: ['Shot 3 "The pour": camera CU, overhead (was INSERT, overhead).', 'Added shot 7 at the end: "The barista smiling"'],
  },
  {
    board: COFFEE,
    say: "add a shot after 2: the barista smiling at a customer",
    then: [
      add("f2", {
        id: "f7",
        beat: "b1",
        title: "The barista smiling at a customer",
        camera: "MS",
        duration: 3,
        action: "The barista smiling at a customer.",
        prompt: "The barista smiling at a customer",
        assets: ["mia", "cafe", "look"],
      }),
    ],
    says: ['Added shot 3 after shot 2: "The barista smiling at a customer"'],
  },
  // Adding shots described in words, anywhere.
  {
    board: COFFEE,
    say: "add a shot at the start: rain on the cafe window",
    then: [
      add(null, {
        id: "f7",
        beat: "b1",
        title: "Rain on the cafe window",
        camera: "MS",
        duration: 3,
        action: "Rain on the cafe window.",
        prompt: "Rain on the cafe window",
        assets: ["cafe", "look"],
      }),
    ],
  },
  {
    board: COFFEE,
    say: "add a close-up of Mia's hands before shot 3",
    then: [
      add("f2", {
        id: "f7",
        beat: "b2",
        title: "Mia's hands",
        camera: "CU",
        duration: 3,
        action: "Mia's hands.",
        prompt: "Mia's hands",
        assets: ["mia", "cafe"],
      }),
    ],
  },
  {
    board: COFFEE,
    say: "add a 4-second wide shot of the street after shot 1",
    then: [
      add("f1", {
        id: "f7",
        beat: "b1",
        title: "The street",
        camera: "WS",
        duration: 4,
        action: "The street.",
        prompt: "The street",
        assets: ["cafe", "look"],
      }),
    ],
  },
  {
    board: COFFEE,
    say: "open with a wide of the street",
    then: [
      add(null, {
        id: "f7",
        beat: "b1",
        title: "The street",
        camera: "WS",
        duration: 3,
        action: "The street.",
        prompt: "The street",
        assets: ["cafe", "look"],
      }),
    ],
  },
  {
    board: COFFEE,
    say: "add a shot",
    then: [add("end", { id: "f7", beat: "b3", title: "New shot", camera: "MS", duration: 3, assets: ["cafe", "look"] })],
    says: ["Added an empty shot 7 at the end", "tell me what it shows"],
  },
  {
    board: COFFEE,
    say: "add a shot of Mia and Leo laughing at the end",
    then: [
      add("end", {
        id: "f7",
        beat: "b3",
        title: "Mia and Leo laughing",
        camera: "TWO-SHOT",
        duration: 3,
        action: "Mia and Leo laughing.",
        prompt: "Mia and Leo laughing",
        assets: ["mia", "cafe", "look"],
      }),
    ],
  },
  {
    board: COFFEE,
    say: "add a shot after 2: Mia hands over the cup and make it a close-up",
    then: [
      add("f2", {
        id: "f7",
        beat: "b1",
        title: "Mia hands over the cup",
        camera: "CU",
        duration: 3,
        action: "Mia hands over the cup.",
        prompt: "Mia hands over the cup",
        assets: ["mia", "cafe", "cup", "look"],
      }),
    ],
  },
  {
    board: COFFEE,
    say: "add a shot at the end: Mia saying 'See you tomorrow'",
    then: [
      add("end", {
        id: "f7",
        beat: "b3",
        title: "Mia",
        camera: "MS",
        duration: 3,
        action: "Mia.",
        prompt: "Mia",
        dialogue: "Mia: See you tomorrow",
        assets: ["mia", "cafe", "look"],
      }),
    ],
  },
  { board: COFFEE, say: "add two shots at the end", notDone: ['"add two shots at the end": I add one described shot at a time'] },
  {
    board: COFFEE,
    say: "add Mia's hands pouring milk as an insert after shot 2",
    then: [
      add("f2", {
        id: "f7",
        beat: "b1",
        title: "Mia's hands pouring milk",
        camera: "INSERT",
        duration: 3,
        action: "Mia's hands pouring milk.",
        prompt: "Mia's hands pouring milk",
        assets: ["mia", "cafe", "look"],
      }),
    ],
  },
  // Removing, moving, swapping.
  { board: COFFEE, say: "remove shot 4", then: [drop("f4")], says: ['Removed shot 4 "A regular arrives"; 5 shots left.'] },
  { board: COFFEE, say: "remove shots 2 and 5", then: [drop("f2", "f5")] },
  { board: COFFEE, say: "delete the last shot", then: [drop("f6")] },
  { board: COFFEE, say: "remove shot 2 and shot 4", then: [drop("f2", "f4")] },
  { board: COFFEE, say: "move shot 5 to the start", then: [order("f5", "f1", "f2", "f3", "f4", "f6")], says: ["Moved shot 5 to the start; it is now shot 1."] },
  { board: COFFEE, say: "move shot 2 after shot 4", then: [order("f1", "f3", "f4", "f2", "f5", "f6")] },
  { board: COFFEE, say: "move shot 1 to the end", then: [order("f2", "f3", "f4", "f5", "f6", "f1")] },
  { board: COFFEE, say: "move shot 6 before shot 2", then: [order("f1", "f6", "f2", "f3", "f4", "f5")] },
  { board: COFFEE, say: "move shot 5 up one", then: [order("f1", "f2", "f3", "f5", "f4", "f6")] },
  { board: COFFEE, say: "swap shots 1 and 3", then: [order("f3", "f2", "f1", "f4", "f5", "f6")] },
  { board: COFFEE, say: "swap shot 2 with shot 6", then: [order("f1", "f6", "f3", "f4", "f5", "f2")] },
  { board: COFFEE, say: "swap the first and last shots", then: [order("f6", "f2", "f3", "f4", "f5", "f1")] },
  { board: COFFEE, say: "move shot 5 to the start, then swap shots 2 and 3", then: [order("f5", "f1", "f3", "f2", "f4", "f6")] },
  { board: COFFEE, say: "swap shots 1 and 9", notDone: ['"swap shots 1 and 9": there is no shot 9 (the board has shots 1-6)'] },
  // Camera.
  { board: COFFEE, say: "shot 2 low angle", then: [set("f2", { camera: "MS, low angle" })] },
  { board: COFFEE, say: "push in on shot 4", then: [set("f4", { camera: "WS, push in" })] },
  {
    board: COFFEE,
    say: "make shots 2 to 4 handheld",
    then: [set("f2", { camera: "MS, handheld" }), set("f3", { camera: "INSERT, overhead, handheld" }), set("f4", { camera: "WS, handheld" })],
  },
  {
    board: COFFEE,
    say: "make shot 3 a close-up and shot 4 an extreme wide",
    then: [set("f3", { camera: "CU, overhead" }), set("f4", { camera: "EWS, track" })],
  },
  { board: COFFEE, say: "make shot 1 a low-angle close-up with a slow push in", then: [set("f1", { camera: "CU, low angle, push in" })] },
  {
    board: COFFEE,
    say: "make shot 9 a close-up",
    notDone: ['"make shot 9 a close-up": there is no shot 9 (the board has shots 1-6)'],
    says: ["Nothing changed on the board."],
  },
  { board: COFFEE, say: "push in on it", notDone: ['"push in on it": say which shot or shots'] },
  // Lengths.
  { board: COFFEE, say: "make shot 1 7 seconds", then: [set("f1", { duration: 7 })] },
  { board: COFFEE, say: "make shots 2-4 3 seconds each", then: each(["f2", "f3", "f4"], { duration: 3 }) },
  { board: COFFEE, say: "make all shots 4 seconds", then: each(["f1", "f2", "f3", "f4", "f5", "f6"], { duration: 4 }) },
  { board: COFFEE, say: "make shot 3 longer", then: [set("f3", { duration: 5 })] },
  { board: COFFEE, say: "lengthen shot 4 by 2 seconds", then: [set("f4", { duration: 7 })] },
  { board: COFFEE, say: "cut shot 3 to 2 seconds", then: [set("f3", { duration: 2 })] },
  { board: COFFEE, say: "make shot 3 a close-up and 5 seconds", then: [set("f3", { camera: "CU, overhead", duration: 5 })] },
  { board: COFFEE, say: "make shot 3 a close-up, 2 seconds", then: [set("f3", { camera: "CU, overhead", duration: 2 })] },
  {
    board: COFFEE,
    say: "make it 20 seconds",
    then: [durations(3.5, 3.5, 2.5, 3.5, 3.5, 3.5)],
    check: (b) => expect(b.frames.reduce((s, f) => s + f.durationSec!, 0)).toBe(20),
  },
  { board: COFFEE, say: "make it 45 seconds", then: [durations(7.5, 7.5, 6, 7.5, 7.5, 9)] },
  { board: COFFEE, say: "cut the ad down to 24 seconds", then: [durations(4, 4, 3, 4, 4, 5)] },
  // Words on shots.
  { board: COFFEE, say: "have Mia say 'We're open' on shot 6", then: [set("f6", { dialogue: "Mia: We're open" })] },
  { board: COFFEE, say: 'have Mia say "Come in" in shot 1', then: [set("f1", { dialogue: "Mia: Come in", assets: ["cafe", "look", "mia"] })] },
  { board: COFFEE, say: "remove the dialogue from shot 4", then: [set("f4", { dialogue: "" })] },
  { board: COFFEE, say: "shot 6 dialogue: See you tomorrow", then: [set("f6", { dialogue: "See you tomorrow" })] },
  { board: COFFEE, say: "call shot 2 'The sign flips'", then: [set("f2", { title: "The sign flips" })] },
  { board: COFFEE, say: "rename shot 5 to The first sip", then: [set("f5", { title: "The first sip" })] },
  { board: COFFEE, say: "shot 3 action: Mia pours slowly", then: [set("f3", { action: "Mia pours slowly." })] },
  { board: COFFEE, say: "shot 2: Mia unlocks the door", then: [set("f2", { action: "Mia unlocks the door.", prompt: "Mia unlocks the door" })] },
  { board: COFFEE, say: "shots 1-2 sound: thunder", then: each(["f1", "f2"], { sound: "thunder" }) },
  { board: COFFEE, say: "label shot 4 as 3A", then: [set("f4", { shot: "3A" })] },
  // Cast, places and props.
  {
    board: COFFEE,
    say: "add a character Leo, a delivery cyclist, to shots 3 and 4",
    then: [
      upsertAsset({ id: "leo", kind: "character", name: "Leo", description: "a delivery cyclist", prompt: "Leo, delivery cyclist" }),
      set("f3", { assets: ["mia", "cup", "cafe", "leo"] }),
      set("f4", { assets: ["mia", "cafe", "leo"] }),
    ],
  },
  { board: COFFEE, say: "put Mia in shot 1", then: [set("f1", { assets: ["cafe", "look", "mia"] })] },
  { board: COFFEE, say: "take Mia out of shot 2", then: [set("f2", { assets: ["cafe", "look"] })] },
  {
    board: COFFEE,
    say: "rename Mia to Ana",
    then: [
      upsertAsset({ ...mia, name: "Ana", prompt: "Ana, woman in her 30s, green canvas apron" }),
      set("f2", { title: "Ana opens up", action: "Ana flips the sign to OPEN.", prompt: "Ana flipping the door sign" }),
      set("f3", { action: "Close on Ana's hands pouring milk into the cup." }),
      set("f4", { dialogue: "Ana: Evening. The usual?" }),
      set("f6", { action: "Ana looks into camera.", prompt: "Ana looking into camera", dialogue: "Ana: We're open till late." }),
    ],
    check: (b) => {
      expect(b.script.text).toContain("ANA wipes the counter.");
      expect(b.script.text).not.toMatch(/\bMia\b/i);
    },
  },
  { board: COFFEE, say: "remove the cup", then: [removeAsset("cup")], says: ["Removed The cup (prop) from the cast and from shots 3 and 5."] },
  {
    board: COFFEE,
    say: "add a prop: a red umbrella, in shot 4",
    then: [
      upsertAsset({ id: "red-umbrella", kind: "prop", name: "Red umbrella", description: "", prompt: "red umbrella" }),
      set("f4", { assets: ["mia", "cafe", "red-umbrella"] }),
    ],
  },
  {
    board: COFFEE,
    say: "add a location: the rooftop",
    then: [upsertAsset({ id: "rooftop", kind: "location", name: "Rooftop", description: "", prompt: "rooftop" })],
  },
  {
    board: COFFEE,
    say: "remove the umbrella",
    notDone: ['"remove the umbrella": there is no shot, character, location or prop called "umbrella" on the board'],
  },
  // Format.
  { board: COFFEE, say: "make it vertical", then: [aspect("9:16")] },
  { board: COFFEE, say: "9:16", then: [aspect("9:16")] },
  { board: COFFEE, say: "square", then: [aspect("1:1")] },
  { board: COFFEE, say: "make it 4:5", then: [aspect("4:5")] },
  { board: COFFEE, say: "cinemascope 2.39:1", then: [aspect("2.39:1")] },
  { board: COFFEE, say: "make it widescreen", says: ["The episode is already landscape 16:9."] },
  // Renders.
  { board: COFFEE, say: "render shots 1-3", renders: ["f1", "f2", "f3"] },
  { board: COFFEE, say: "render all", renders: ["f1", "f2", "f3", "f4", "f5", "f6"] },
  { board: COFFEE, say: "regenerate shot 2", renders: ["f2"] },
  { board: COFFEE, say: "thanks!", says: ["Glad it helps."] },
  // Compound instructions and honesty about what was not done.
  { board: COFFEE, say: "remove shot 2 and make shot 3 a close-up", then: [drop("f2"), set("f3", { camera: "CU, overhead" })] },
  {
    board: COFFEE,
    say: "make shot 3 a close-up and make it funnier",
    then: [set("f3", { camera: "CU, overhead" })],
    notDone: ['"make it funnier"'],
    says: ["a project owner can connect one in the studio: Settings"],
  },
  {
    board: COFFEE,
    say: "make it vertical; swap shots 1 and 2. Render shot 1",
    then: [aspect("9:16"), order("f2", "f1", "f3", "f4", "f5", "f6")],
    renders: ["f1"],
  },
  {
    board: COFFEE,
    say: "make shot 3 wider and moodier",
    then: [set("f3", { camera: "WS, overhead" })],
    notDone: ['"make shot 3 wider and moodier": I did not act on "moodier" in it'],
  },
  { board: COFFEE, say: "approve shot 2", notDone: ["\"approve shot 2\": a shot's status is the team's call"] },
  { board: COFFEE, say: "undo", notDone: ['"undo": I can\'t undo offline: use Undo on the answer'] },
  { board: COFFEE, say: "storyboard the script", notDone: ['"storyboard the script": the board already has 6 shots'] },
  { board: COFFEE, say: "a 15-second ad for a bakery", notDone: ["the board already has 6 shots", 'say "start over:'] },
  { board: COFFEE, say: "help", says: ["I'm the offline demo agent", "make shot 3 a close-up"] },
  { board: COFFEE, say: "what can you do?", says: ["I'm the offline demo agent"] },
  // Shot labels are the ones shown: "2A" and "3" on a board labelled 1, 2, 2A, 3.
  { board: LABELLED, say: "make shot 3 a close-up", then: [set("f4", { camera: "CU, track" })] },
  { board: LABELLED, say: "make shot 2A a wide", then: [set("f3", { camera: "WS, overhead" })] },
  { board: LABELLED, say: "remove shot 4", notDone: ["there is no shot 4 (the board has shots 1, 2, 2A and 3)"] },
  // Continuity: what the checks find is fixed, shot by shot, or named as not done.
  {
    board: withFrame(COFFEE, "f5", { action: "The regular takes the first sip as Mia watches." }),
    say: "fix continuity",
    then: [set("f5", { action: "The regular takes the first sip as Mia watches.", assets: ["cup", "cafe", "mia"] })],
    says: ['Shot 5 "First sip": attached Mia (named in the shot).', "found 1 issue: resolved 1."],
  },
  {
    board: withFrame(TIMED, "f4", { camera: "", durationSec: null }),
    say: "check continuity",
    then: [set("f4", { camera: "MS", duration: 5 })],
    says: ['Shot 4 "A regular arrives": camera MS (it had none); 5 s (it had no length; its share of the 30 s asked for).'],
  },
  {
    board: withFrame(COFFEE_BASE, "f4", { camera: "", durationSec: null }),
    say: "fix the continuity issues",
    then: [set("f4", { camera: "MS", duration: 3 })],
    says: ['Shot 4 "A regular arrives": camera MS (it had none); 3 s (it had no length).'],
  },
  {
    board: withFrame(COFFEE, "f3", { camera: "MS, overhead" }),
    say: "fix the continuity issues",
    then: [set("f3", { camera: "CU, overhead" })],
    says: ['Shot 3 "The pour": camera CU, overhead (was MS, overhead: shot 2 before it is also a medium shot of the same cast, a jump cut).'],
  },
  {
    board: { ...COFFEE, assets: ASSETS.map((a) => (a.id === "cup" ? { ...a, description: "", prompt: "" } : a)) },
    say: "fix continuity",
    notDone: ['"fix continuity": The cup (prop), attached to shot 3, has no description or prompt; how The cup looks is for you to say'],
    says: ["found 1 issue: none I can fix offline, so nothing changed on the board.", "connect one in the studio: Settings"],
  },
  {
    board: { ...COFFEE, script: { text: "Title: Night Owl\nCredit: A 20-second ad\n\nINT. CAFE - NIGHT", version: 1 } },
    say: "fix continuity",
    then: [durations(3.5, 3.5, 2.5, 3.5, 3.5, 3.5)],
    says: ["Retimed the episode to 20 s (was 30 s)"],
  },
  { board: TIMED, say: "check continuity", says: ["I checked continuity: the board is clean.", "within 10 % of the 30 s asked for"] },
  { board: EMPTY, say: "check continuity", says: ["The board has no shots yet"] },
  // An empty board.
  { board: EMPTY, say: "make shot 3 a close-up", notDone: ['"make shot 3 a close-up": there is no shot 3 (the board has no shots yet)'] },
];

describe("the offline agent's table: instruction → board, through the real parser and tryCommand", () => {
  it("has at least 60 rows", () => {
    expect(ROWS.length).toBeGreaterThanOrEqual(60);
  });

  it.each(ROWS.map((r) => [r.say, r] as const))("%s", (_, row) => {
    const out = run(row.board, row.say);
    const want = structuredClone(view(row.board));
    for (const step of row.then ?? []) step(want);
    expect(view(out.board)).toEqual(want);
    for (const s of row.says ?? []) expect(out.prose).toContain(s);
    const notDone = out.prose.split("\nNot done:\n")[1] ?? "";
    for (const s of row.notDone ?? []) expect(notDone).toContain(s);
    if (!row.notDone?.length) expect(out.prose).not.toContain("Not done:");
    expect(out.generated).toEqual(row.renders ?? []);
    row.check?.(out.board, out.prose);
  });
});

describe("the script's shot list follows the shots", () => {
  it("is rewritten when shots change, and matches the board", () => {
    const out = run(COFFEE, "remove shot 4 and add a shot of Mia waving at the end");
    const list = out.board.script.text.split("SHOT LIST")[1]!;
    expect(`SHOT LIST${list}`).toBe(shotListOf(out.board));
    expect(list.split("\n").filter((l) => /^\d+\./.test(l))).toEqual([
      "1. The corner at night (EWS, 5 s)",
      "2. Mia opens up (MS, 5 s)",
      "3. The pour (INSERT, overhead, 4 s)",
      "4. First sip (CU, push in, 5 s)",
      "5. Come as you are (MS, low angle, 6 s)",
      "6. Mia waving (MS, 3 s)",
    ]);
    expect(out.board.script.text.startsWith("Title: Night Owl\n\nINT. NIGHT OWL CAFE - NIGHT")).toBe(true);
    expect(out.prose).toContain("The shot list in the script now matches the board.");
  });

  it("leaves a script the person wrote alone", () => {
    const board = { ...COFFEE, script: { text: "INT. CAFE - NIGHT\n\nMia wipes the counter.", version: 1 } };
    expect(run(board, "remove shot 4").board.script.text).toBe("INT. CAFE - NIGHT\n\nMia wipes the counter.");
  });
});

describe("storyboarding the script panel's screenplay", () => {
  it("breaks Fountain into scenes and shots, with dialogue on the shots that speak it and scene headings as locations", () => {
    const out = run(SCRIPTED, "storyboard the script");
    expect(out.board.assets).toEqual([
      { id: "leo", kind: "character", name: "Leo", description: "20s, delivery cyclist", prompt: "Leo, 20s, delivery cyclist" },
      { id: "mia", kind: "character", name: "Mia", description: "30s", prompt: "Mia, 30s" },
      { id: "night-owl-cafe", kind: "location", name: "Night Owl Cafe", description: "INT. NIGHT OWL CAFE - NIGHT", prompt: "interior, night owl cafe, night" },
      { id: "street", kind: "location", name: "Street", description: "EXT. STREET - NIGHT", prompt: "exterior, street, night" },
    ]);
    expect(out.board.plan.beats.map((b) => [b.id, b.title])).toEqual([
      ["s1", "INT. NIGHT OWL CAFE - NIGHT"],
      ["s2", "EXT. STREET - NIGHT"],
    ]);
    expect(out.board.frames.map((f) => [f.id, f.beatId, f.title, f.camera, f.durationSec, f.dialogue, f.continuity.assetIds.join(",")])).toEqual([
      ["f1", "s1", "Night Owl Cafe, night", "WS", 3, "", "night-owl-cafe"],
      ["f2", "s1", "Rain streaks the windows", "MS", 3, "", "mia,night-owl-cafe"],
      ["f3", "s1", "Leo bursts in, dripping", "MS", 2.5, "", "leo,night-owl-cafe"],
      ["f4", "s1", 'Leo: "Am I too late?"', "MCU", 2.5, "Leo: Am I too late?", "leo,night-owl-cafe"],
      ["f5", "s1", 'Mia: "We\'re open."', "OTS", 2, "Mia (smiling): We're open.", "mia,night-owl-cafe"],
      ["f6", "s2", "Street, night", "EWS", 3, "", "street"],
      ["f7", "s2", "Leo rides off into the rain", "MS", 2, "", "leo,street"],
    ]);
    expect(out.board.frames[1]!.action).toBe("Rain streaks the windows. MIA (30s) wipes the counter.");
    expect(out.board.frames[4]!.action).toBe("Mia speaks, smiling.");
    expect(out.prose).toContain("I broke the script into 2 scenes and 7 shots (18 s)");
    expect(out.board.script.text).toBe(SCREENPLAY);
  });

  it("reads plain text with INT./EXT. headings and NAME: lines", () => {
    const out = run(PLAIN, "storyboard the script");
    expect(out.board.frames.map((f) => [f.title, f.camera, f.dialogue, f.continuity.assetIds.join(",")])).toEqual([
      ["Kitchen, morning", "WS", "", "kitchen"],
      ["Sam kneads dough", "MS", "", "sam,kitchen"],
      ['Sam: "Nearly there."', "MCU", "Sam: Nearly there.", "sam,kitchen"],
    ]);
  });

  it("says what to do when the script panel is empty", () => {
    const out = run(EMPTY, "storyboard the script");
    expect(out.board).toEqual(EMPTY);
    expect(out.prose).toContain("the script panel has no screenplay to break down yet");
  });

  it("takes a screenplay pasted into the chat: it goes to the script panel and is broken down", () => {
    const out = run(EMPTY, SCREENPLAY);
    expect(out.board.script.text).toBe(SCREENPLAY.trim());
    expect(out.board.frames).toHaveLength(7);
  });
});

describe("a storyboard from an idea", () => {
  it("respects the shot count and running time, with script, beats and the cast listed in the reply", () => {
    const out = run(EMPTY, "a 30-second ad for a night-time coffee shop in 6 shots");
    const b = out.board;
    expect(b.frames.map((f) => [f.id, f.title, f.camera, f.durationSec])).toEqual([
      ["f1", "The coffee shop at night", "EWS, slow push in", 5.5],
      ["f2", "Meet Mia", "MS", 4.5],
      ["f3", "The ritual", "INSERT, overhead", 4],
      ["f4", "A regular arrives", "WS, track", 5],
      ["f5", "The first sip", "CU, push in", 4.5],
      ["f6", "Closing line and name", "MS, push in", 6.5],
    ]);
    expect(b.frames.reduce((s, f) => s + f.durationSec!, 0)).toBe(30);
    expect(b.assets.map((a) => [a.id, a.kind, a.name])).toEqual([
      ["mia", "character", "Mia"],
      ["coffee-shop", "location", "Night-time coffee shop"],
      ["cup", "prop", "The cup"],
      ["look", "style", "House look"],
    ]);
    for (const a of b.assets) expect(out.prose).toContain(`- ${a.name} (${a.kind})`);
    expect(b.plan.beats.map((x) => x.title)).toEqual(["Hook", "Setup", "Turn", "Payoff", "Call to action"]);
    expect(b.frames.every((f) => f.action && f.sound && f.beatId && f.continuity.assetIds.length)).toBe(true);
    expect(b.frames.filter((f) => f.dialogue).map((f) => f.dialogue)).toEqual(["Mia: Evening. The usual?", "Mia: Come in. We're open late."]);
    expect(b.script.text).toContain("EXT. COFFEE SHOP - NIGHT");
    expect(b.script.text).toContain(shotListOf(b));
    expect(out.prose).toContain("Here's a 6-shot storyboard for a night-time coffee shop: an ad running 30 s");
  });

  it("frames it vertical when asked, and picks a sensible count from the length", () => {
    const out = run(EMPTY, "a 20-second vertical promo for a bike shop");
    expect(out.board.format.aspect).toBe("9:16");
    expect(out.board.frames).toHaveLength(4);
    expect(out.board.frames.reduce((s, f) => s + f.durationSec!, 0)).toBe(20);
    expect(out.board.assets.find((a) => a.kind === "character")?.name).toBe("Leo");
  });

  it("defaults to 6 shots and 30 seconds, and goes on to the edits in the same message", () => {
    const out = run(EMPTY, "a short film about a lost dog finding its way home, then make shot 2 a close-up");
    expect(out.board.frames).toHaveLength(6);
    expect(out.board.frames.reduce((s, f) => s + f.durationSec!, 0)).toBe(30);
    expect(out.board.frames[1]!.camera).toBe("CU");
    expect(out.board.assets.find((a) => a.kind === "character")?.name).toBe("The lost dog");
  });

  it("starts over when asked, replacing the shots and cast", () => {
    const out = run(COFFEE, "start over: a 15-second ad for a bakery in 3 shots");
    expect(out.board.frames.map((f) => f.durationSec)).toEqual([5, 4.5, 5.5]);
    expect(out.board.assets.map((a) => a.name)).toEqual(["Sam", "Bakery", "House look"]);
    expect(out.prose).toContain("Cleared the board to start over: 6 shots and 4 assets");
  });
});

describe("shot labels", () => {
  it("uses the labels shown on the board", () => {
    expect(LABELLED.frames.map((f, i) => shotLabel(f, i))).toEqual(["1", "2", "2A", "3"]);
  });
});
