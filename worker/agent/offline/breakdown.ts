// Screenplay breakdown: the script panel's screenplay (Fountain, or plain
// text with INT./EXT. headings) becomes scenes and shots. Each scene heading
// gives a location asset and an establishing shot; each action beat a shot;
// each speech a shot with its dialogue and its speaker's character asset
// attached. One beat per scene. Lengths follow the words: about three words
// a second for action, two and a half for speech.
import type { Asset, Beat } from "../../domain/board";
import { parseScreenplay, type Scene } from "../../domain/screenplay";
import type { Draft } from "./draft";
import type { Outcome } from "./intent";
import { applyOrReport, assetTag, frameAddTag, type NewFrame, planTag } from "./tags";
import { cameraFor } from "./framing";
import { withoutShotList } from "./shotlist";
import { clip, mentions, secs, slug, titleFrom } from "./text";
import { halfSeconds, runningTime } from "./timing";

/** Enough to stay under the run's 500 commands with the assets, the plan and a shot list. */
export const MAX_BREAKDOWN_SHOTS = 300;
const MAX_SCENES = 100;

/** How a scene is covered, one way per Regenerate: the establishing shot (interior, exterior) and the cycle of cameras for lines. */
const ESTABLISHING: [string, string][] = [
  ["WS", "EWS"],
  ["WS, high angle", "EWS, crane"],
  ["WS, slow push in", "EWS, high angle"],
];
const COVERAGE: string[][] = [
  ["MCU", "OTS", "CU"],
  ["OTS", "CU", "TWO-SHOT"],
  ["CU", "MCU", "OTS"],
];

const wordCount = (s: string) => s.split(/\s+/).filter(Boolean).length;
const clamp = (n: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, n));

/** "LEO (20s, delivery cyclist) bursts in" → "Leo bursts in": a title reads without the screenplay's introductions. */
function readable(text: string, characters: string[]): string {
  let t = text.replace(/\s*\([^)]*\)/g, "");
  for (const name of characters) t = t.replace(new RegExp(`\\b${name.toUpperCase().replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}\\b`, "g"), name);
  return t.replace(/\s+([,.;:!?])/g, "$1").trim();
}

function sceneName(scene: Scene, index: number): string {
  return scene.heading ?? (index === 0 ? "Opening" : `Scene ${index + 1}`);
}

/** Breaks the screenplay into shots on the working board. `source` is the screenplay's text. */
export function breakDown(source: string, draft: Draft, variant = 0): { outcomes: Outcome[]; intro: string } | { why: string } {
  const play = parseScreenplay(withoutShotList(source));
  const scenes = play.scenes.filter((s) => s.heading || s.elements.length).slice(0, MAX_SCENES);
  if (!scenes.length)
    return {
      why: "the script panel has no screenplay to break down yet: write one there (Fountain, or plain text with INT./EXT. scene headings), or describe an idea",
    };
  const outcomes: Outcome[] = [];
  const fail = (what: string, why: string) => outcomes.push({ kind: "not_done", what, why, model: false });
  const board = () => draft.board;

  // Cast and places: reuse what the board already has, by name.
  const assetFor = new Map<string, string>();
  const newAssets: Asset[] = [];
  const ensure = (kind: Asset["kind"], name: string, description: string, prompt: string): string => {
    const key = `${kind}:${name.toLowerCase()}`;
    const known = assetFor.get(key) ?? board().assets.find((a) => a.kind === kind && a.name.toLowerCase() === name.toLowerCase())?.id;
    if (known) {
      assetFor.set(key, known);
      return known;
    }
    const id = draft.newId(slug(name, kind));
    newAssets.push({ id, kind, name, description, prompt });
    assetFor.set(key, id);
    return id;
  };
  const introductions = new Map<string, string>();
  for (const scene of scenes) {
    for (const e of scene.elements) {
      if (e.kind !== "action") continue;
      for (const m of e.text.matchAll(/\b([A-Z][A-Z'’.-]+(?:\s[A-Z][A-Z'’.-]+)?)\s*\(([^)]{1,60})\)/g)) {
        const name = m[1]!.charAt(0) + m[1]!.slice(1).toLowerCase();
        if (!introductions.has(name)) introductions.set(name, m[2]!.trim());
      }
    }
  }
  for (const name of play.characters) {
    const about = introductions.get(name);
    ensure("character", name, about ?? "a character in the script", about ? `${name}, ${about}` : name);
  }
  const locationOf = (scene: Scene): string | null => {
    if (!scene.place) return null;
    const inside = scene.setting === "INT" ? "interior" : scene.setting === "EXT" ? "exterior" : "interior and exterior";
    return ensure("location", scene.place, scene.heading ?? scene.place, `${inside}, ${scene.place.toLowerCase()}${scene.time ? `, ${scene.time}` : ""}`);
  };

  // Shots, scene by scene.
  const beats: Beat[] = [];
  const planned: { scene: number; frame: NewFrame }[] = [];
  let cut = 0;
  for (const [si, scene] of scenes.entries()) {
    const beatId = draft.newId(`s${si + 1}`);
    const firstAction = scene.elements.find((e) => e.kind === "action");
    beats.push({
      id: beatId,
      title: clip(sceneName(scene, si), 200),
      summary: clip(firstAction?.kind === "action" ? firstAction.text : (scene.heading ?? ""), 400),
    });
    const location = locationOf(scene);
    const base = location ? [location] : [];
    const characters = play.characters.map((name) => ({ name, id: assetFor.get(`character:${name.toLowerCase()}`)! }));
    const push = (frame: Omit<NewFrame, "id" | "beat">) => {
      if (planned.length >= MAX_BREAKDOWN_SHOTS) {
        cut++;
        return;
      }
      planned.push({ scene: si, frame: { ...frame, id: draft.newId(`f${board().frames.length + planned.length + 1}`), beat: beatId } });
    };
    if (scene.heading && scene.place) {
      const where = `${scene.place}${scene.time ? `, ${scene.time}` : ""}`;
      push({
        title: where,
        camera: ESTABLISHING[variant % ESTABLISHING.length]![scene.setting === "INT" ? 0 : 1]!,
        duration: 3,
        assets: base,
        action: `Establishing: ${where}.`,
        prompt: `${scene.setting === "INT" ? "Interior" : "Exterior"} of ${scene.place.toLowerCase()}${scene.time ? `, ${scene.time}` : ""}, establishing view`,
        notes: scene.heading,
      });
    }
    let speeches = 0;
    for (const e of scene.elements) {
      if (e.kind === "action") {
        const present = characters.filter((c) => mentions(e.text, c.name)).map((c) => c.id);
        push({
          title: titleFrom(readable(e.text.split(/(?<=[.!?])\s/)[0] ?? e.text, play.characters)),
          camera: cameraFor(e.text),
          duration: halfSeconds(clamp(wordCount(e.text) / 3, 2, 8)),
          assets: [...present, ...base],
          action: clip(e.text, 2000),
          prompt: clip(`${e.text}${scene.place ? ` ${scene.place}${scene.time ? `, ${scene.time}` : ""}.` : ""}`, 4000),
        });
      } else {
        const speaker = assetFor.get(`character:${e.character.toLowerCase()}`);
        const coverage = COVERAGE[variant % COVERAGE.length]!;
        const camera = coverage[speeches % coverage.length]!;
        speeches++;
        push({
          title: clip(`${e.character}: "${e.line}"`, 60),
          camera,
          duration: halfSeconds(clamp(wordCount(e.line) / 2.5 + 1, 1.5, 12)),
          assets: [...(speaker ? [speaker] : []), ...base],
          action: `${e.character} speaks${e.parenthetical ? `, ${e.parenthetical}` : ""}.`,
          prompt: `${e.character} speaking${e.parenthetical ? ` (${e.parenthetical})` : ""}${scene.place ? `, ${scene.place.toLowerCase()}` : ""}`,
          dialogue: clip(`${e.character}${e.parenthetical ? ` (${e.parenthetical})` : ""}: ${e.line}`, 2000),
        });
      }
    }
  }

  // Apply: cast and places, the plan, then the shots scene by scene.
  const castLines: string[] = [];
  const added = new Set<string>(board().assets.map((a) => a.id));
  for (const a of newAssets) {
    const tag = applyOrReport(draft, outcomes, `the ${a.kind} ${a.name}`, assetTag(a));
    if (!tag) continue;
    added.add(a.id);
    outcomes.push({ kind: "done", text: `- ${a.name} (${a.kind})`, tags: [tag] });
    castLines.push(a.name);
  }
  if (castLines.length) outcomes.unshift({ kind: "note", text: "The cast and places it needs:" });
  const plan = draft.apply(planTag(beats));
  if (plan.ok) outcomes.push({ kind: "done", text: `\nOne beat per scene (${beats.length}).`, tags: [plan.tag] });
  else fail("the beat plan", plan.reason);
  let scene = -1;
  for (const { scene: si, frame } of planned) {
    if (si !== scene) {
      scene = si;
      const shots = planned.filter((p) => p.scene === si).length;
      outcomes.push({ kind: "note", text: `\nScene ${si + 1}, ${sceneName(scenes[si]!, si)} (${shots} shot${shots === 1 ? "" : "s"}):` });
    }
    frame.assets = frame.assets.filter((a) => added.has(a));
    if (!plan.ok) frame.beat = null;
    const tag = applyOrReport(draft, outcomes, `the shot "${frame.title}"`, frameAddTag(frame));
    if (!tag) continue;
    outcomes.push({ kind: "done", text: `${draft.label(frame.id)}. ${frame.camera}, ${secs(frame.duration!)}: ${frame.title}`, tags: [tag] });
  }
  if (cut)
    fail(
      `the last ${cut} shots`,
      `offline I break down at most ${MAX_BREAKDOWN_SHOTS} shots in one answer; the script continues past shot ${MAX_BREAKDOWN_SHOTS}`,
    );
  if (play.scenes.length > MAX_SCENES) fail(`scenes ${MAX_SCENES + 1} onwards`, `offline I break down at most ${MAX_SCENES} scenes in one answer`);
  const made = planned.filter((p) => draft.frame(p.frame.id));
  const total = runningTime(made.map((p) => p.frame.duration));
  const speeches = made.filter((p) => p.frame.dialogue).length;
  const intro = `I broke the script into ${scenes.length} scene${scenes.length === 1 ? "" : "s"} and ${made.length} shot${made.length === 1 ? "" : "s"} (${secs(total)}): an establishing shot for each scene heading, a shot for each action beat and one for each line of dialogue${speeches ? `, ${speeches} in all, each with its speaker attached` : ""}.`;
  return { outcomes, intro };
}
