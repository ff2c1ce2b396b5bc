// Storyboard from an idea: "a 30-second ad for a night-time coffee shop in
// 6 shots" becomes a screenplay (with a shot list), a beat plan, the cast,
// place, key prop and look as assets, and frames with camera variety,
// action, dialogue where it fits and sound, whose lengths add up to exactly
// the running time asked for. Deterministic: a small lexicon of places
// (coffee shop, bakery, bike shop, …) and a general story shape for the rest.
import type { Aspect, Asset, Board, Beat } from "../../domain/board";
import type { Draft } from "./draft";
import type { Outcome } from "./intent";
import { applyOrReport, assetTag, frameAddTag, type NewFrame, planTag } from "./tags";
import { shotListOf } from "./shotlist";
import { cap, esc, hash, NUM, num, secs, slug } from "./text";
import { distribute, runningTime } from "./timing";
import { ASPECT_NAMES, ASPECT_TERMS, LENGTH, lengthOf } from "./vocabulary";
import { DOMAINS, GENERIC, NAMES, ROLE_WORDS } from "./idea-domains";
import { BEATS, type Cast, CLOSING, MIDDLE, OPENING, PRIORITY, STORY_CLOSING, STORY_MIDDLE, STORY_OPENING, STORY_PRIORITY, type Template } from "./idea-shots";

export const MAX_IDEA_SHOTS = 12;

export interface IdeaSpec {
  count: number;
  countAsked: number | null;
  total: number;
  kind: string;
  topic: string;
  aspect: Aspect | null;
}

/** Reads count, running time, kind, topic and aspect from an idea. */
export function readIdea(text: string): IdeaSpec {
  const t = text.toLowerCase();
  const countM = new RegExp(`\\b(${NUM})\\s*(?:-\\s*)?(?:shots?|frames?|panels?|scenes?|cuts?)\\b`).exec(t);
  const countAsked = countM ? Math.floor(num(countM[1]!) ?? 0) || null : null;
  const lenM = new RegExp(LENGTH).exec(t);
  const asked = lenM ? lengthOf(lenM) : null;
  const total = asked && asked > 0 ? Math.min(asked, 600 * MAX_IDEA_SHOTS) : countAsked ? Math.min(countAsked, MAX_IDEA_SHOTS) * 5 : 30;
  const count = Math.min(MAX_IDEA_SHOTS, Math.max(1, countAsked ?? Math.min(MAX_IDEA_SHOTS, Math.max(3, Math.round(total / 5)))));
  const kind = /\b(?:ad|advert|advertisement|commercial|spot|promo|teaser)\b/.test(t)
    ? "ad"
    : /\btrailer\b/.test(t)
      ? "trailer"
      : /\bmusic\s+video\b/.test(t)
        ? "music video"
        : /\b(?:film|short|story|movie)\b/.test(t)
          ? "short film"
          : /\bexplainer\b/.test(t)
            ? "explainer"
            : "video";
  let aspect: Aspect | null = null;
  for (const [src, a] of ASPECT_TERMS) {
    if (new RegExp(`(?<![\\w.])(?:${src})(?![\\w])(?!\\s+of\\b)`).test(t) && !/\bshorts?\s+film/.test(t.replace(/\bshort\s+film\b/, ""))) {
      aspect = a;
      break;
    }
  }
  return { count, countAsked, total, kind, topic: topicOf(text), aspect };
}

/** "a 30-second ad for a night-time coffee shop, 6 shots" → "a night-time coffee shop". */
export function topicOf(text: string): string {
  let t = text.replace(/\s+/g, " ").trim();
  t = t.replace(/^(?:start\s+over|start\s+again|from\s+scratch|new\s+storyboard|replace\s+(?:it|everything|the\s+board))\s*[:,-]?\s*/i, "");
  t = t.replace(
    /^(?:please\s+)?(?:can\s+you\s+)?(?:make|create|write|storyboard|give\s+me|do|draft|plan|pitch|i\s+want|we\s+need|let'?s\s+(?:do|make))\s+(?:me\s+|us\s+)?/i,
    "",
  );
  t = t.replace(new RegExp(`\\b(?:in\\s+|with\\s+)?(?:${NUM})\\s*(?:-\\s*)?(?:shots?|frames?|panels?|scenes?|cuts?)\\b`, "gi"), "");
  t = t.replace(new RegExp(`\\b(?:${NUM}|a|an|half\\s+a)\\s*(?:-\\s*)?(?:s|secs?|seconds?|mins?|minutes?)\\b(?:\\s+long)?`, "gi"), "");
  t = t.replace(/\b(?:vertical|square|portrait|landscape|widescreen|cinemascope|9:16|16:9|1:1|4:5|2\.39:1)\b(?:\s+format)?/gi, "");
  t = t.replace(/\bfor\s+(?:tiktok|instagram|reels|youtube|shorts|stories)\b/gi, "");
  t = t.replace(
    /^\s*(?:an?|one|the)?\s*(?:new\s+|short\s+|quick\s+|little\s+)*(?:[\w-]+\s+)?(?:ad|advert|advertisement|commercial|spot|promo|teaser|trailer|music\s+video|film|short|story|movie|explainer|video|episode|reel|clip|storyboard|tiktok|instagram(?:\s+(?:post|reel|story))?|youtube\s+short|post)\s*(?:for|about|on|of|showing|featuring|promoting|introducing|where|in\s+which)?\s+/i,
    "",
  );
  t = t.replace(/,\s*(?:our|my|with|starring|featuring|she|he|they|where|who|and|in\s+which)\b.*$/i, "");
  t = t.replace(/^\s*(?:an?|one)\s+(?:ad|advert|commercial|spot|promo|video|film|story)\s+(?:for|about|on|of)\s+/i, "");
  t = t
    .replace(/[\s,.;:!()-]+$/g, "")
    .replace(/^[\s,.;:!()-]+/g, "")
    .replace(/\s+,/g, ",")
    .replace(/\s{2,}/g, " ")
    .trim();
  return t.length > 2 ? t.slice(0, 120) : "our story";
}

const SETTINGS =
  /\b(city|town|village|forest|woods|beach|street|park|school|office|house|home|kitchen|studio|mountain|desert|sea|harbou?r|station|train|road|farm|lake|river|island|space|ship|garden|market|hospital|library|rooftop|subway|airport)\b/i;
const HEROES =
  /\b(?:an?|the|one)\s+(?:[a-z-]+\s+){0,2}?(dog|cat|girl|boy|woman|man|robot|kid|child|grandmother|grandfather|grandma|grandpa|student|teacher|astronaut|detective|runner|artist|musician|painter|fox|bird|nurse|doctor|farmer|fisherman|pilot|dancer|skater)\b/i;

function castOf(spec: IdeaSpec, text: string): Cast {
  const domain = DOMAINS.find((d) => d.match.test(spec.topic) || d.match.test(text));
  const night = /\b(?:night|late|evening|midnight|after\s+dark|24[- ]hour|nocturnal|night-time|nighttime)\b/i.test(text);
  const morning = /\b(?:morning|dawn|sunrise|breakfast|early)\b/i.test(text);
  const light = night ? "warm tungsten pools against deep blue night" : morning ? "low golden morning sun" : "soft natural daylight";
  // Who the hero is, if the idea says: "our barista is called Jess", "Jess, our barista", "starring Jess".
  const named = [
    new RegExp(`\\b(?:${ROLE_WORDS})\\s+(?:is\\s+)?(?:named|called)\\s+([A-Z][a-z]+)`),
    new RegExp(`\\b([A-Z][a-z]+),?\\s+(?:is\\s+)?(?:the|a|an|our)\\s+(?:${ROLE_WORDS})\\b`),
    /\b(?:starring|featuring)\s+([A-Z][a-z]+)\b/,
  ]
    .map((re) => re.exec(text)?.[1])
    .find(Boolean);
  const brand = (/\b(?:for|at)\s+((?:[A-Z][\w'’&-]*\s?){1,4})/.exec(text) ??
    /\b(?:shop|cafe|café|bar|bakery|restaurant|store|place|brand|business|studio|gym)\s+(?:called|named)\s+((?:[A-Z][\w'’&-]*\s?){1,4})/.exec(
      text,
    ))?.[1]?.trim();
  if (domain) {
    const { match: _m, ...d } = domain;
    const place = brand ?? cap(spec.topic.replace(/^(?:an?|the|our|my)\s+/i, ""));
    const hero = named ?? d.name;
    return { hero, heroMid: hero, place, d, light, night, venue: true, brand: brand ?? "" };
  }
  const heroNoun = HEROES.exec(spec.topic)?.[0];
  const hero = named ?? (heroNoun ? cap(heroNoun.replace(/^(?:an?|one)\s+/i, "the ")) : NAMES[hash(spec.topic) % NAMES.length]!);
  const setting = SETTINGS.exec(spec.topic)?.[1];
  const place = setting ? `The ${setting.toLowerCase()}` : "The neighbourhood";
  return {
    hero,
    heroMid: hero.replace(/^The\s/, "the "),
    place,
    d: {
      ...GENERIC,
      place: place.replace(/^The\s+/, "").toLowerCase(),
      name: hero,
      role: heroNoun ? "lead" : GENERIC.role,
      look: heroNoun ? `${heroNoun.replace(/^(?:an?|one|the)\s+/i, "")}, instantly recognisable from shot to shot` : GENERIC.look,
    },
    light,
    night,
    venue: false,
    brand: brand ?? "",
  };
}

/**
 * The shots for `count`, in story order. Variant 0 is the first answer;
 * Regenerate asks for the next variant, which brings in other middle shots
 * (the priority list turns, "meet" always first) and plays them in another
 * order, opening and closing staying put.
 */
function pickTemplates(count: number, venue: boolean, variant: number): Template[] {
  const [opening, middle, closing, priority] = venue ? [OPENING, MIDDLE, CLOSING, PRIORITY] : [STORY_OPENING, STORY_MIDDLE, STORY_CLOSING, STORY_PRIORITY];
  if (count <= 1) return [closing];
  const [first, ...others] = priority;
  const turned = variant ? [...others.slice(variant % others.length), ...others.slice(0, variant % others.length)] : others;
  const keys = [first!, ...turned].slice(0, Math.max(0, count - 2));
  const chosen = middle.filter((t) => keys.includes(t.key));
  const shift = chosen.length > 1 ? variant % chosen.length : 0;
  const ordered = variant ? [...chosen.slice(shift), ...chosen.slice(0, shift)] : chosen;
  return [opening, ...ordered, closing];
}

/** Other coverage for the same shot, by its size: Regenerate's variant n takes the nth (variant 0 keeps the template's). */
const OTHER_CAMERAS: Record<string, string[]> = {
  EWS: ["WS, high angle", "EWS, crane"],
  WS: ["WS, handheld", "MWS, low angle"],
  MWS: ["WS, track", "MS, handheld"],
  MS: ["MCU", "MS, handheld"],
  MCU: ["CU", "OTS"],
  CU: ["ECU", "MCU, push in"],
  ECU: ["CU", "INSERT"],
  INSERT: ["ECU", "INSERT, overhead"],
  OTS: ["MCU", "TWO-SHOT"],
  POV: ["OTS", "MS, handheld"],
  "TWO-SHOT": ["OTS", "MS"],
};

function cameraFor(t: Template, variant: number): string {
  if (!variant) return t.camera;
  const others = OTHER_CAMERAS[t.camera.split(",")[0]!.trim()] ?? [];
  return others.length ? others[(variant - 1) % others.length]! : t.camera;
}

/** The screenplay the storyboard is cut from, in Fountain, ending with the generated shot list. */
function screenplay(spec: IdeaSpec, c: Cast, shots: { t: Template; frame: NewFrame }[], board: Board): string {
  const when = c.night ? "NIGHT" : "DAY";
  const place = c.venue ? c.d.place.toUpperCase() : c.place.replace(/^The\s+/i, "").toUpperCase();
  const lines: string[] = [`Title: ${cap(spec.topic)}`, `Credit: A ${secs(spec.total).replace(" s", "-second")} ${spec.kind}`, ""];
  let scene = "";
  for (const { t, frame } of shots) {
    const heading = t.key === "open" ? `EXT. ${place} - ${when}` : `INT. ${place} - ${when}`;
    if (heading !== scene) {
      lines.push(heading, "");
      scene = heading;
    }
    lines.push(frame.action, "");
    if (frame.dialogue) {
      const [who, ...said] = frame.dialogue.split(": ");
      lines.push(who!.toUpperCase(), ...(t.key === "close" ? ["(to camera)"] : []), said.join(": "), "");
    }
  }
  lines.push(shotListOf(board));
  return lines.join("\n");
}

/** Lays out a storyboard for an idea on the working board; the outcomes carry the prose and tags in streaming order. */
export function storyboardIdea(text: string, draft: Draft, variant = 0): { outcomes: Outcome[]; intro: string; spec: IdeaSpec; example: string } {
  const spec = readIdea(text);
  const cast = castOf(spec, text);
  const templates = pickTemplates(spec.count, cast.venue, variant);
  const durations = distribute(
    spec.total,
    templates.map((t) => t.weight),
  );
  const outcomes: Outcome[] = [];
  const fail = (what: string, reason: string) => outcomes.push({ kind: "not_done", what, why: reason, model: false });

  // Ids first, so every tag can point at the others.
  const ids = {
    hero: draft.newId(slug(cast.hero, "hero")),
    place: draft.newId(slug(cast.venue ? cast.d.place : cast.place, "place")),
    prop: draft.newId(slug(cast.d.prop.name, "prop")),
    look: draft.newId("look"),
  };
  const usedBeats = [...new Set(templates.map((t) => t.beat))];
  const beatIds = Object.fromEntries(usedBeats.map((b, i) => [b, draft.newId(`b${i + 1}`)])) as Record<Template["beat"], string>;
  const beats: Beat[] = usedBeats.map((b) => ({ id: beatIds[b], title: spec.kind === "ad" ? BEATS[b].ad : BEATS[b].story, summary: BEATS[b].summary(cast) }));
  const usesProp = templates.some((t) => t.assets.includes("prop"));
  const assets: Asset[] = [
    { id: ids.hero, kind: "character", name: cast.hero, description: `the ${cast.d.role}`, prompt: `${cast.hero}, ${cast.d.look}` },
    {
      id: ids.place,
      kind: "location",
      name: cast.place,
      description: cast.venue ? `the ${cast.d.place}` : "where the story happens",
      prompt: `${cast.venue ? `small ${cast.d.place}` : cast.place.toLowerCase()}, ${cast.light}`,
    },
    ...(usesProp ? [{ id: ids.prop, kind: "prop" as const, name: cast.d.prop.name, description: cast.d.prop.description, prompt: cast.d.prop.prompt }] : []),
    { id: ids.look, kind: "style", name: "House look", description: "the visual style", prompt: `cinematic 35mm, shallow depth of field, ${cast.light}` },
  ];

  let prev: string | null = draft.board.frames.at(-1)?.id ?? null;
  const shots = templates.map((t, i) => {
    const frame: NewFrame = {
      id: draft.newId(`f${draft.board.frames.length + i + 1}`),
      after: prev ?? "",
      title: t.title(cast),
      camera: cameraFor(t, variant),
      duration: durations[i]!,
      beat: beatIds[t.beat],
      assets: t.assets.filter((a) => a !== "prop" || usesProp).map((a) => ids[a]),
      action: t.action(cast),
      prompt: t.prompt(cast),
      sound: t.sound(cast),
      ...(t.dialogue ? { dialogue: t.dialogue(cast) } : {}),
      notes: t.notes,
    };
    prev = frame.id;
    return { t, frame };
  });

  // The script's shot list is written from the board the frames will make.
  const preview: Board = {
    ...draft.board,
    frames: [
      ...draft.board.frames,
      ...shots.map(({ frame }) => ({
        id: frame.id,
        shot: null,
        beatId: frame.beat,
        title: frame.title,
        action: frame.action,
        prompt: frame.prompt,
        camera: frame.camera,
        durationSec: frame.duration,
        dialogue: frame.dialogue ?? "",
        sound: frame.sound ?? "",
        continuity: { assetIds: frame.assets, notes: frame.notes ?? "" },
        status: "draft" as const,
        media: { state: "none" as const, revisions: [], shown: null },
      })),
    ],
  };
  const script = draft.apply(`<script>${esc(screenplay(spec, cast, shots, preview))}</script>`);
  const plan = draft.apply(planTag(beats));
  if (!script.ok) fail("the script", script.reason);
  if (!plan.ok) fail("the beat plan", plan.reason);
  const beatLine = usedBeats
    .map((b) => {
      const nums = shots.flatMap((s, i) => (s.t.beat === b ? [draft.board.frames.length + i + 1] : []));
      return `${spec.kind === "ad" ? BEATS[b].ad : BEATS[b].story} (${nums.length === 1 ? `shot ${nums[0]}` : `shots ${nums[0]}-${nums.at(-1)}`})`;
    })
    .join(", ");
  // The board fills in the order a storyboard artist wants to see it: the beats, the cast, then the
  // frames, which appear while the answer is still being written; the script, the longest part, comes last.
  if (plan.ok) outcomes.push({ kind: "done", text: `The beat plan: ${beatLine}.`, tags: [plan.tag] });

  outcomes.push({ kind: "note", text: "\nThe recurring elements, so every shot stays consistent:" });
  const added = new Set<string>();
  for (const a of assets) {
    const tag = applyOrReport(draft, outcomes, `the ${a.kind} ${a.name}`, assetTag(a));
    if (!tag) continue;
    added.add(a.id);
    const look = a.prompt.startsWith(`${a.name}, `) ? a.prompt.slice(a.name.length + 2) : a.prompt;
    outcomes.push({ kind: "done", text: `- ${a.name} (${a.kind}): ${a.description}; ${look}.`, tags: [tag] });
  }

  if (spec.aspect && spec.aspect !== draft.board.format.aspect) {
    const r = draft.apply(`<format aspect="${spec.aspect}"/>`);
    if (r.ok) outcomes.push({ kind: "done", text: `\nFramed for ${ASPECT_NAMES[spec.aspect]}.`, tags: [r.tag] });
    else fail(`the ${spec.aspect} format`, r.reason);
  }

  outcomes.push({ kind: "note", text: "\nThe shots:" });
  for (const { frame } of shots) {
    frame.assets = frame.assets.filter((a) => added.has(a));
    const tag = applyOrReport(draft, outcomes, `the shot "${frame.title}"`, frameAddTag(frame));
    if (!tag) continue;
    const label = draft.label(frame.id);
    outcomes.push({
      kind: "done",
      text: `${label}. ${frame.camera}, ${secs(frame.duration!)}: ${frame.title}.${frame.dialogue ? ` "${frame.dialogue.split(": ").slice(1).join(": ")}"` : ""}`,
      tags: [tag],
    });
  }
  if (spec.countAsked && spec.countAsked > MAX_IDEA_SHOTS) {
    fail(
      `${spec.countAsked} shots`,
      `offline I lay out at most ${MAX_IDEA_SHOTS} shots from an idea, so there are ${MAX_IDEA_SHOTS}; add more with "add a shot after N: …"`,
    );
  }
  if (script.ok) outcomes.push({ kind: "done", text: "\nAnd the script: a short screenplay ending in this shot list.", tags: [script.tag] });
  const laid = shots.filter(({ frame }) => draft.frame(frame.id)).length;
  const total = runningTime(shots.filter(({ frame }) => draft.frame(frame.id)).map(({ frame }) => frame.duration));
  const intro = `Here's a ${laid}-shot storyboard for ${spec.topic}: ${/^[aeiou]/.test(spec.kind) ? "an" : "a"} ${spec.kind} running ${secs(total)}${spec.aspect ? `, ${spec.aspect}` : ""}, with ${cast.heroMid} as the ${cast.d.role}.`;
  const example = cast.venue ? `${cast.hero} smiling at ${cast.d.customer}` : `${cast.heroMid} looking back`;
  return { outcomes, intro, spec, example };
}
