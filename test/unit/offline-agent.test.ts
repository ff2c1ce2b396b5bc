// The offline agent's parts: instruction splitting, shot lengths that add
// up, screenplay reading, scoped messages, streaming, and the property that
// whatever is typed, every tag it writes is one the room applies.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { chunk, OfflineAgent, offlineAnswer } from "../../worker/agent/offline-agent";
import { splitInstruction } from "../../worker/agent/offline/split";
import { distribute, retime } from "../../worker/agent/offline/timing";
import { GRAMMAR } from "../../worker/domain/agent/prompt";
import { type ParseEvent, TagStreamParser } from "../../worker/domain/agent/tag-parser";
import { Board } from "../../worker/domain/board";
import { tryCommand } from "../../worker/domain/commands";
import { looksLikeScreenplay, parseScreenplay, readHeading } from "../../worker/domain/screenplay";
import { boardWith, frameWith } from "../support/boards";

const AGENT = { type: "agent" as const, id: "agent" };

/** Streams an answer through the parser and the reducer as the room does; fails on any rejected tag or command. */
function apply(answer: string, start: Board, sizes = [7, 13, 5]): { board: Board; prose: string; events: ParseEvent[] } {
  const parser = new TagStreamParser();
  const events: ParseEvent[] = [];
  for (let i = 0, k = 0; i < answer.length; k++) {
    const n = sizes[k % sizes.length]!;
    events.push(...parser.write(answer.slice(i, i + n)));
    i += n;
  }
  events.push(...parser.end());
  let board = start;
  let prose = "";
  for (const e of events) {
    if (e.kind === "prose") prose += e.text;
    if (e.kind === "rejected") throw new Error(`rejected tag: ${e.reason}`);
    if (e.kind === "command") {
      const r = tryCommand(board, e.command, AGENT);
      if (!r.ok) throw new Error(`rejected command: ${r.reason}`);
      board = r.board;
    }
  }
  return { board, prose, events };
}

const storyboard = apply(offlineAnswer("a 30-second ad for a night-time coffee shop, 6 shots", boardWith()), boardWith()).board;

describe("splitting an instruction into clauses", () => {
  const split = (s: string) => splitInstruction(s).map((c) => c.text);

  it("splits at 'and', 'then', commas and sentences when a new instruction starts", () => {
    expect(split("make shot 3 a close-up and add a shot of the barista smiling at the end")).toEqual([
      "make shot 3 a close-up",
      "add a shot of the barista smiling at the end",
    ]);
    expect(split("make shot 3 a close-up, shot 4 a wide, and remove shot 6")).toEqual(["make shot 3 a close-up", "shot 4 a wide", "remove shot 6"]);
    expect(split("add a shot of Mia, then make it a close-up; swap shots 1 and 3. Render all")).toEqual([
      "add a shot of Mia",
      "make it a close-up",
      "swap shots 1 and 3",
      "Render all",
    ]);
    expect(split("- move shot 5 to the start\n2. render all")).toEqual(["move shot 5 to the start", "render all"]);
  });

  it("keeps 'and' inside a description, a list of shots and an appositive", () => {
    expect(split("add a shot of Mia and Leo laughing")).toEqual(["add a shot of Mia and Leo laughing"]);
    expect(split("swap shots 1 and 3")).toEqual(["swap shots 1 and 3"]);
    expect(split("add a character Leo, a delivery cyclist, to shots 3 and 4")).toEqual(["add a character Leo, a delivery cyclist, to shots 3 and 4"]);
    expect(split("a 30-second ad for a night-time coffee shop, 6 shots")).toEqual(["a 30-second ad for a night-time coffee shop, 6 shots"]);
    expect(split("make shot 1 3.5 seconds and cinemascope 2.39:1")).toEqual(["make shot 1 3.5 seconds and cinemascope 2.39:1"]);
  });

  it("never splits inside quotes, apostrophes included", () => {
    expect(split("have Mia say 'We're open, come in and sit down' on shot 6 and render it")).toEqual([
      "have Mia say 'We're open, come in and sit down' on shot 6",
      "render it",
    ]);
    expect(split('shot 2 dialogue: "Then make it quick. Add sugar."')).toEqual(['shot 2 dialogue: "Then make it quick. Add sugar."']);
  });
});

describe("shot lengths that add up", () => {
  it("splits a running time exactly, in half seconds, the remainder on the longest shot", () => {
    expect(distribute(30, [1.2, 1, 0.8, 1.1, 1, 1.3])).toEqual([5.5, 4.5, 4, 5, 4.5, 6.5]);
    expect(retime([5, 5, 4, 5, 5, 6], 20)).toEqual([3.5, 3.5, 2.5, 3.5, 3.5, 3.5]);
    expect(retime([null, null, null], 10)).toEqual([3, 3.5, 3.5]);
  });

  it("always sums to the total, with every shot positive", () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 0.1, max: 20, noNaN: true }), { minLength: 1, maxLength: 40 }),
        fc.integer({ min: 1, max: 600 }),
        (weights, whole) => {
          const total = whole / 2;
          const out = distribute(total, weights);
          expect(out).toHaveLength(weights.length);
          expect(out.every((d) => d > 0)).toBe(true);
          expect(Math.abs(out.reduce((a, b) => a + b, 0) - total)).toBeLessThan(1e-6);
          if (total / weights.length >= 1) expect(out.every((d) => Number.isInteger(d * 2))).toBe(true);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe("reading a screenplay", () => {
  it("reads headings into setting, place and time", () => {
    expect(readHeading("INT. CAFE - NIGHT")).toEqual({ setting: "INT", place: "Cafe", time: "night" });
    expect(readHeading("EXT. MAIN STREET - DAY - CONTINUOUS")).toEqual({ setting: "EXT", place: "Main Street", time: "day" });
    expect(readHeading("INT./EXT. CAR")).toEqual({ setting: "INT/EXT", place: "Car", time: null });
  });

  it("reads Fountain and plain text alike, without Fountain's markup", () => {
    const fountain = parseScreenplay(
      "Title: X\n\nINT. CAFE - NIGHT\n\nMIA wipes the *counter*. [[a note]]\n\nMIA (V.O.)\n(softly)\nWe're open.\n\nCUT TO:\n\nEXT. STREET - DAY\n\nRain.",
    );
    const plain = parseScreenplay("INT. CAFE - NIGHT\nMIA wipes the counter.\nMIA (softly): We're open.\nEXT. STREET - DAY\nRain.");
    for (const play of [fountain, plain]) {
      expect(play.characters).toEqual(["Mia"]);
      expect(play.scenes.map((s) => s.heading)).toEqual(["INT. CAFE - NIGHT", "EXT. STREET - DAY"]);
      expect(play.scenes[0]!.elements).toEqual([
        { kind: "action", text: "MIA wipes the counter." },
        { kind: "dialogue", character: "Mia", line: "We're open.", parenthetical: "softly" },
      ]);
    }
    expect(fountain.title).toBe("X");
  });

  it("tells a screenplay from an instruction", () => {
    expect(looksLikeScreenplay("INT. CAFE - NIGHT\nMia waits.")).toBe(true);
    expect(looksLikeScreenplay("make shot 3 a close-up\nand render all")).toBe(false);
  });
});

describe("the answer and the board agree", () => {
  const fragments = [
    "make shot 3 a close-up",
    "add a shot of the barista smiling at the end",
    "add a shot after 2: Mia waves",
    "remove shot 4",
    "move shot 5 to the start",
    "move shot 2 after shot 4",
    "swap shots 1 and 3",
    "shot 2 low angle",
    "push in on shot 4",
    "make shot 1 5 seconds",
    "have Mia say 'We're open' on shot 6",
    "call shot 2 'The rush'",
    "shots 2-4 action: Mia works fast",
    "add a character Leo, a delivery cyclist, to shots 3 and 4",
    "rename Mia to Ana",
    "remove the cup",
    "make it vertical",
    "square",
    "make it 20 seconds",
    "render shots 1-3",
    "make it funnier",
    "remove shot 9",
    "make shot 12 a wide",
    "storyboard the script",
    "add a shot",
    "delete the last shot",
    "make all shots 4 seconds",
    "take Mia out of shot 2",
    "put Leo in shot 1",
    "label shot 2 as 1A",
    "help",
    "undo",
  ];
  const joiners = [" and ", ", then ", ". ", "; ", "\n", ", "];

  it("every tag it writes applies, whatever the instruction, and the reply claims nothing on an unchanged board", () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.constantFrom(...fragments), fc.constantFrom(...joiners)), { minLength: 1, maxLength: 5 }), (parts) => {
        const message = parts.map(([f, j], i) => (i ? j : "") + f).join("");
        const answer = offlineAnswer(message, storyboard);
        expect(offlineAnswer(message, storyboard)).toBe(answer);
        const out = apply(answer, storyboard);
        expect(Board.safeParse(out.board).success).toBe(true);
        // "Nothing changed" implies an unchanged board (an implication, asserted on every run).
        const claimsNothing = out.prose.startsWith("Nothing changed on the board.");
        expect(!claimsNothing || JSON.stringify(out.board) === JSON.stringify(storyboard)).toBe(true);
        expect(out.prose).not.toMatch(/<\/?(?:frame|script|plan|asset|move|generate|format)\b/);
      }),
      { numRuns: 200 },
    );
  });

  it("never throws and never writes a tag the room rejects, for any text", () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ maxLength: 200 }),
          fc.constantFrom('<frame op="add" id="x"/>', "shot 1 < 2 & 3", "]]>", "make shot \u0000 a close-up", "a 9999-second ad in 9999 shots"),
        ),
        fc.boolean(),
        (text, empty) => {
          const start = empty ? boardWith() : storyboard;
          apply(offlineAnswer(text, start), start);
        },
      ),
      { numRuns: 300 },
    );
  });

  it("never names a setting's variable, whoever asks, and tells only an owner where to connect a model", () => {
    const words = [
      "make",
      "it",
      "moodier",
      "funnier",
      "shot",
      "3",
      "a",
      "close-up",
      "rewrite",
      "the",
      "dialogue",
      "snappier",
      "banana",
      "and",
      "remove",
      "last",
      "two",
      "shots",
      "45",
      "seconds",
      "whole",
      "thing",
    ];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...words), { minLength: 1, maxLength: 8 }), fc.boolean(), (said, owner) => {
        const { prose } = apply(offlineAnswer(said.join(" "), storyboard, { owner }), storyboard);
        expect(prose).not.toMatch(/\b[A-Z]{2,}_[A-Z_]{2,}\b/);
        expect(prose).not.toContain(owner ? "An owner can connect" : "Project settings");
      }),
      { numRuns: 200 },
    );
  });

  it("keeps a tag typed into the message as words, not as a command", () => {
    const out = apply(offlineAnswer('a 30-second ad for a night-time coffee shop, 6 shots <frame op="add" id="x" bogus="1"/>', boardWith()), boardWith());
    expect(out.board.frames).toHaveLength(6);
    expect(out.board.frames.some((f) => f.id === "x")).toBe(false);
  });

  it("caps an idea at 12 shots and says so, still running the time asked", () => {
    const out = apply(offlineAnswer("a 60-second ad for a bakery in 20 shots", boardWith()), boardWith());
    expect(out.board.frames).toHaveLength(12);
    expect(out.board.frames.reduce((s, f) => s + f.durationSec!, 0)).toBe(60);
    expect(out.prose).toContain('"20 shots": offline I lay out at most 12 shots');
  });
});

describe("a scoped message", () => {
  const third = storyboard.frames[2]!.id;

  it("changes only the frames it is about; 'it' means them and additions go after the last", () => {
    const out = apply(offlineAnswer("make it a close-up and add a shot of Mia waving", storyboard, { scope: [third] }), storyboard);
    expect(out.board.frames[2]!.camera).toBe("CU, overhead");
    expect(out.board.frames[3]!.title).toBe("Mia waving");
    expect(out.board.frames).toHaveLength(7);
  });

  it("names a change to another frame as not done", () => {
    const out = apply(offlineAnswer("make shot 5 a wide", storyboard, { scope: [third] }), storyboard);
    expect(out.board).toEqual(storyboard);
    expect(out.prose).toContain("outside the frames this message was about");
  });
});

describe("streaming", () => {
  it("streams the first storyboard in pieces, frames arriving between prose, and stops when aborted", async () => {
    const agent = new OfflineAgent(0);
    const controller = new AbortController();
    const pieces: string[] = [];
    for await (const p of agent.stream({
      messages: [],
      latest: "a 30-second ad for a night-time coffee shop, 6 shots",
      board: boardWith(),
      signal: controller.signal,
    }))
      pieces.push(p);
    const answer = pieces.join("");
    expect(answer).toBe(offlineAnswer("a 30-second ad for a night-time coffee shop, 6 shots", boardWith()));
    expect(pieces.length).toBeGreaterThan(200);
    const kinds = apply(answer, boardWith()).events.map((e) => (e.kind === "command" ? String(e.command.type) : e.kind));
    const frames = kinds.flatMap((k, i) => (k === "add_frame" ? [i] : []));
    expect(frames).toHaveLength(6);
    expect(kinds.slice(frames[0]!, frames[5]!).filter((k) => k === "prose").length).toBeGreaterThanOrEqual(5);

    const stopped = new AbortController();
    const got: string[] = [];
    await expect(
      (async () => {
        for await (const p of new OfflineAgent(1).stream({ messages: [], latest: "a 30-second ad", board: boardWith(), signal: stopped.signal })) {
          got.push(p);
          if (got.length === 3) stopped.abort(new Error("stopped"));
        }
      })(),
    ).rejects.toThrow("stopped");
    expect(got).toHaveLength(3);
  });

  it("takes bigger pieces for a long answer, so a long screenplay does not stream for minutes", () => {
    expect(chunk("x".repeat(100), 3)[0]).toHaveLength(21);
  });
});

describe("the system prompt for real models", () => {
  it("teaches every tag of the grammar", () => {
    for (const tag of [
      "<script>",
      "<plan>",
      "<beat ",
      "<asset ",
      'op="remove"',
      '<frame op="add"',
      '<frame op="update"',
      "<action>",
      "<prompt>",
      "<dialogue>",
      "<sound>",
      "<notes>",
      "shot=",
      "<move ",
      "<format aspect=",
      "<generate ",
      '<resolve comment="c12"/>',
    ]) {
      expect(GRAMMAR).toContain(tag);
    }
  });

  it("has a worked example whose tags the room applies", () => {
    const example = GRAMMAR.slice(GRAMMAR.indexOf("You answer:") + "You answer:".length);
    const board = boardWith({
      assets: [
        { id: "mia", kind: "character", name: "Mia", description: "", prompt: "" },
        { id: "cafe", kind: "location", name: "Cafe", description: "", prompt: "" },
      ],
      frames: storyboard.frames.slice(0, 2).map((f, i) => ({ ...f, id: `f${i + 1}`, beatId: null, continuity: { assetIds: [], notes: "" } })),
    });
    const out = apply(example, board);
    expect(out.board.frames.map((f) => [f.id, f.camera])).toEqual([
      ["f1", board.frames[0]!.camera],
      ["f2", "CU"],
      ["f3", "CU"],
    ]);
  });
});

describe("fix continuity", () => {
  const mia = { id: "mia", kind: "character" as const, name: "Mia", description: "the barista", prompt: "Mia" };
  const frame = (id: string, camera: string, assetIds: string[]) => frameWith({ id, title: id, camera, durationSec: 3, continuity: { assetIds, notes: "" } });
  const start = boardWith({
    assets: [mia],
    frames: [frame("f1", "", []), frame("f2", "WS", ["mia"]), frame("f3", "WS, pan left", ["mia"]), frame("f4", "WS", ["mia"])],
  });

  it("gives a camera that differs from the next shot, and breaks a run of same-size shots one cut at a time", () => {
    const out = apply(offlineAnswer("fix continuity", start), start);
    expect(out.board.frames.map((f) => f.camera)).toEqual(["MS", "WS", "CU, pan left", "WS"]);
    expect(out.prose).toContain('Shot 3 "f3": camera CU, pan left (was WS, pan left: shot 2 before it is also a wide shot of the same cast, a jump cut).');
  });

  it("changes only the selected shots and names what it left outside them", () => {
    const out = apply(offlineAnswer("fix continuity", start, { scope: ["f4"] }), start);
    expect(out.board.frames.map((f) => f.camera)).toEqual(["", "WS", "WS, pan left", "CU"]);
    expect(out.prose).toContain("Shot 1 has no camera set (outside the shots this message was about)");
    expect(out.prose).toContain("Shots 2 and 3 are both wide shots with the same cast: a jump cut. Change the size or the cast of one (outside");
  });
});
