// The offline agent's example tables, one test per sentence: every table
// beside an intent (worker/agent/offline/intents/*.examples.ts) is read, and
// each row's answer is streamed through the real TagStreamParser, every
// command applied with the shared tryCommand as the room does, and the board
// that results must be exactly the one the row describes (frame order,
// titles, camera, lengths, action, prompt, dialogue, sound, assets, aspect),
// with what was not done named in the reply and nothing internal in it.
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { Example, FrameView, Step } from "../../worker/agent/offline/examples";
import { chunk, offlineAnswer } from "../../worker/agent/offline-agent";
import { TagStreamParser } from "../../worker/domain/agent/tag-parser";
import type { Aspect, Asset, Board, Frame } from "../../worker/domain/board";
import { tryCommand } from "../../worker/domain/commands";
import { BOARDS } from "../support/offline-boards";

const DIR = join(__dirname, "../../worker/agent/offline/intents");
const TABLES: [string, Example[]][] = await Promise.all(
  readdirSync(DIR)
    .filter((f) => f.endsWith(".examples.ts"))
    .sort()
    .map(async (f) => [f.replace(".examples.ts", ""), ((await import(join(DIR, f))) as { EXAMPLES: Example[] }).EXAMPLES] as [string, Example[]]),
);

interface Run {
  board: Board;
  prose: string;
  generated: string[];
}

/** The answer as the room takes it: streamed in pieces, parsed, every command applied; a rejected tag or command fails the row. */
function run(start: Board, ex: Example): Run {
  const answer = offlineAnswer(ex.say, start, { owner: ex.owner ?? false });
  const parser = new TagStreamParser();
  let board = start;
  let prose = "";
  const generated: string[] = [];
  for (const e of [...chunk(answer).flatMap((c) => parser.write(c)), ...parser.end()]) {
    if (e.kind === "prose") prose += e.text;
    else if (e.kind === "rejected") throw new Error(`the agent wrote a tag the room rejects: ${e.reason}`);
    else if (e.kind === "generate") generated.push(e.frameId);
    else if (e.kind === "command") {
      const r = tryCommand(board, e.command, { type: "agent", id: "agent" });
      if (!r.ok) throw new Error(`the agent wrote a command the board rejects: ${r.reason} in ${JSON.stringify(e.command)}`);
      board = r.board;
    }
  }
  return { board, prose, generated };
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

const BLANK: Omit<FrameView, "id"> = {
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

/** Applies one step of a row's expected change to the view of its starting board. */
function step(v: View, s: Step): void {
  if ("set" in s) {
    const f = v.frames.find((x) => x.id === s.set);
    if (!f) throw new Error(`the starting board has no frame ${s.set}`);
    Object.assign(f, s.patch);
  } else if ("drop" in s) v.frames = v.frames.filter((f) => !s.drop.includes(f.id));
  else if ("order" in s) v.frames = s.order.map((id) => v.frames.find((f) => f.id === id)!);
  else if ("add" in s) {
    const frame = { ...BLANK, ...s.add };
    if (s.after === "end") v.frames.push(frame);
    else if (s.after === null) v.frames.unshift(frame);
    else v.frames.splice(v.frames.findIndex((x) => x.id === s.after) + 1, 0, frame);
  } else if ("durations" in s)
    v.frames.forEach((f, i) => {
      f.duration = s.durations[i]!;
    });
  else if ("aspect" in s) v.aspect = s.aspect;
  else if ("upsert" in s) {
    const i = v.assets.findIndex((x) => x.id === s.upsert.id);
    if (i >= 0) v.assets[i] = s.upsert;
    else v.assets.push(s.upsert);
  } else {
    v.assets = v.assets.filter((a) => a.id !== s.removeAsset);
    for (const f of v.frames) f.assets = f.assets.filter((a) => a !== s.removeAsset);
  }
}

/** Internal words no reply may show: a setting's variable name, a tag, a frame id. */
const INTERNAL = [/\b[A-Z]{2,}_[A-Z_]{2,}\b/, /<\/?[a-z]+[\s/>]/, /\bf\d+\b/];

describe("the offline agent's example tables: sentence → board, through the real parser and tryCommand", () => {
  it("has at least 150 example sentences", () => {
    expect(TABLES.reduce((n, [, rows]) => n + rows.length, 0)).toBeGreaterThanOrEqual(150);
  });

  for (const [intent, rows] of TABLES) {
    describe(intent, () => {
      it.each(rows.map((r) => [r.say, r] as const))("%s", (_, row) => {
        const start = BOARDS[row.board];
        const out = run(start, row);
        const want = structuredClone(view(start));
        if (Array.isArray(row.change)) for (const s of row.change) step(want, s);
        expect(view(out.board)).toEqual(want);
        const notDone = out.prose.split("\nNot done:\n")[1] ?? "";
        if (row.change === "refuses") {
          expect(out.board).toEqual(start);
          expect(out.prose).toContain("Nothing changed on the board.");
          expect(notDone).not.toBe("");
        }
        for (const s of row.says ?? []) expect(out.prose).toContain(s);
        for (const s of row.notDone ?? []) expect(notDone).toContain(s);
        if (!row.notDone?.length && row.change !== "refuses") expect(out.prose).not.toContain("Not done:");
        expect(out.generated).toEqual(row.renders ?? []);
        if (row.total !== undefined) expect(out.board.frames.reduce((s, f) => s + (f.durationSec ?? 0), 0)).toBe(row.total);
        for (const w of row.script?.has ?? []) expect(out.board.script.text).toContain(w);
        for (const w of row.script?.lacks ?? []) expect(out.board.script.text).not.toMatch(new RegExp(`\\b${w}\\b`, "i"));
        for (const re of INTERNAL) expect(out.prose).not.toMatch(re);
      });
    });
  }
});
