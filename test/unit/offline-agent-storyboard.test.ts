// The offline agent laying out whole storyboards: the script's shot list
// following the shots, a screenplay broken into scenes and shots, an idea
// storyboarded, and Regenerate giving a different take that is itself
// stable. Each answer runs through the real TagStreamParser and tryCommand.
// (One-sentence edits are the example tables: offline-agent-examples.test.ts.)
import { describe, expect, it } from "vitest";
import { chunk, offlineAnswer } from "../../worker/agent/offline-agent";
import { shotListOf } from "../../worker/agent/offline/shotlist";
import { TagStreamParser } from "../../worker/domain/agent/tag-parser";
import { type Board, shotLabel } from "../../worker/domain/board";
import { tryCommand } from "../../worker/domain/commands";
import { COFFEE, EMPTY, LABELLED, PLAIN, SCREENPLAY, SCRIPTED } from "../support/offline-boards";

interface Run {
  board: Board;
  prose: string;
  generated: string[];
}

function run(start: Board, instruction: string, variant = 0): Run {
  const answer = offlineAnswer(instruction, start, { variant });
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

  it("takes words it cannot read on an empty board as an idea, even when they name a mood, but refuses a judgement alone", () => {
    expect(run(EMPTY, "something funny about a cat who steals socks").board.frames).toHaveLength(6);
    const refused = run(EMPTY, "make it funnier");
    expect(refused.board).toEqual(EMPTY);
    expect(refused.prose).toContain("I can't judge what's funny without a model");
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

describe("Regenerate: a different take each time, each stable", () => {
  const takes = (board: Board, say: string) =>
    [0, 1, 2].map((variant) => run(board, say, variant).board.frames.map((f) => `${f.title} | ${f.camera} | ${f.durationSec}`));

  it("lays an idea out three different ways, and the same way again for the same variant", () => {
    const say = "a 30-second ad for a night-time coffee shop in 6 shots";
    const [a, b, c] = takes(EMPTY, say);
    expect(new Set([a!.join("\n"), b!.join("\n"), c!.join("\n")]).size).toBe(3);
    expect(takes(EMPTY, say)).toEqual([a, b, c]);
    for (const variant of [0, 1, 2]) expect(run(EMPTY, say, variant).board.frames.reduce((s, f) => s + f.durationSec!, 0)).toBe(30);
  });

  it("covers a screenplay three different ways, and the same way again for the same variant", () => {
    const [a, b, c] = takes(SCRIPTED, "storyboard the script");
    expect(new Set([a!.join("\n"), b!.join("\n"), c!.join("\n")]).size).toBe(3);
    expect(takes(SCRIPTED, "storyboard the script")).toEqual([a, b, c]);
  });

  it("keeps the first answer as it was: variant 0 is the answer before Regenerate", () => {
    expect(offlineAnswer("a 20-second promo for a bike shop", EMPTY, { variant: 0 })).toBe(offlineAnswer("a 20-second promo for a bike shop", EMPTY));
  });
});
