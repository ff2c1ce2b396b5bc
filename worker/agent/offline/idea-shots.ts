// The shots an idea is laid out with: an opening, middle shots chosen by
// priority as the count grows, and a closing, for a place of business (an ad)
// or for any other story; and the beats they belong to.
import type { Domain } from "./idea-domains";
import { cap } from "./text";

export interface Template {
  key: string;
  beat: "hook" | "setup" | "turn" | "payoff" | "close";
  camera: string;
  weight: number;
  title: (c: Cast) => string;
  action: (c: Cast) => string;
  prompt: (c: Cast) => string;
  sound: (c: Cast) => string;
  dialogue?: (c: Cast) => string;
  assets: ("hero" | "place" | "prop" | "look")[];
  notes: string;
}

export interface Cast {
  /** The hero's name at the start of a sentence: "Mia", "The lost dog". */
  hero: string;
  /** The same inside a sentence: "Mia", "the lost dog". */
  heroMid: string;
  place: string;
  d: Omit<Domain, "match">;
  light: string;
  night: boolean;
  venue: boolean;
  /** The name a person gave ("for Night Owl Coffee"), or "" when the idea names none. */
  brand: string;
}

export const OPENING: Template = {
  key: "open",
  beat: "hook",
  camera: "EWS, slow push in",
  weight: 1.2,
  title: (c) => (c.venue ? `The ${c.d.place} ${c.night ? "at night" : "on its corner"}` : "Where it begins"),
  action: (c) => (c.venue ? `The ${c.d.place} glows on its corner; passers-by slow down.` : `The world of the story, quiet before anything happens.`),
  prompt: (c) =>
    c.venue
      ? `Exterior of a ${c.d.place}, the sign glowing, passers-by slowing down, ${c.light}`
      : `Wide establishing view of ${c.place.toLowerCase()}, ${c.light}`,
  sound: (c) => c.d.ambient,
  assets: ["place", "look"],
  notes: "establish the place before we meet anyone",
};

export const MIDDLE: Template[] = [
  {
    key: "meet",
    beat: "setup",
    camera: "MS",
    weight: 1,
    title: (c) => `Meet ${c.hero}`,
    action: (c) => `${c.hero}, the ${c.d.role}, ${c.d.work}.`,
    prompt: (c) => `${c.hero} the ${c.d.role} at work inside the ${c.d.place}, ${c.light}`,
    sound: (c) => c.d.workSound,
    assets: ["hero", "place", "look"],
    notes: "keep the wardrobe from the cast sheet",
  },
  {
    key: "ritual",
    beat: "setup",
    camera: "INSERT, overhead",
    weight: 0.8,
    title: () => "The ritual",
    action: (c) => `Close on ${c.hero}'s hands: ${c.d.ritual}.`,
    prompt: (c) => `Overhead close view of hands: ${c.d.ritual}, ${c.light}`,
    sound: (c) => c.d.workSound,
    assets: ["hero", "prop", "place", "look"],
    notes: "the prop matches its asset exactly",
  },
  {
    key: "arrival",
    beat: "turn",
    camera: "WS, track",
    weight: 1.1,
    title: (c) => `${cap(c.d.customer)} arrives`,
    action: (c) => `${cap(c.d.customer)} ${c.d.arrival}; ${c.hero} looks up and smiles.`,
    prompt: (c) => `Wide view across the ${c.d.place}: ${c.d.customer} comes in, ${c.hero} looking up from behind the counter, ${c.light}`,
    sound: (c) => `${c.d.ambient}, the door`,
    dialogue: (c) => `${c.hero}: ${c.d.greet}`,
    assets: ["hero", "place", "look"],
    notes: "screen direction: the door is frame left",
  },
  {
    key: "detail",
    beat: "setup",
    camera: "ECU",
    weight: 0.7,
    title: () => "The detail",
    action: (c) => `${cap(c.d.detail)}.`,
    prompt: (c) => `Extreme close-up: ${c.d.detail}, ${c.light}`,
    sound: () => "one clear, close sound; the room drops away",
    assets: ["prop", "place", "look"],
    notes: "shallow focus, the prop fills the frame",
  },
  {
    key: "taste",
    beat: "payoff",
    camera: "CU, push in",
    weight: 1,
    title: (c) => cap(c.d.taste),
    action: (c) => `${cap(c.d.customer)} ${c.d.tasteAction}.`,
    prompt: (c) => `Close-up of ${c.d.customer}: ${c.d.tasteAction}, ${c.light}`,
    sound: () => "music swells softly",
    assets: ["prop", "place", "look"],
    notes: "hold on the reaction a beat longer than feels comfortable",
  },
  {
    key: "shared",
    beat: "turn",
    camera: "TWO-SHOT",
    weight: 1,
    title: () => "A shared moment",
    action: (c) => `${c.hero} and ${c.d.customer} share a laugh.`,
    prompt: (c) => `Two-shot of ${c.hero} and ${c.d.customer} laughing together inside the ${c.d.place}, ${c.light}`,
    sound: (c) => c.d.room,
    assets: ["hero", "place", "look"],
    notes: "both faces in the light",
  },
  {
    key: "room",
    beat: "payoff",
    camera: "WS, high angle",
    weight: 1.1,
    title: (c) => `The ${c.d.place} at its best`,
    action: (c) => `The whole ${c.d.place}, alive: ${c.d.room}.`,
    prompt: (c) => `High wide view of the whole ${c.d.place} full of people, ${c.light}`,
    sound: (c) => c.d.room,
    assets: ["hero", "place", "look"],
    notes: "the hero small in frame, busy and happy",
  },
  {
    key: "pride",
    beat: "payoff",
    camera: "MCU, low angle",
    weight: 0.9,
    title: () => "Quiet pride",
    action: (c) => `${c.hero} watches the room for a second, quietly proud.`,
    prompt: (c) => `Medium close-up from a low angle: ${c.hero} watching the room, a small smile, ${c.light}`,
    sound: () => "the music settles",
    assets: ["hero", "place", "look"],
    notes: "eyeline to frame right, towards the room",
  },
  {
    key: "rush",
    beat: "payoff",
    camera: "INSERT, handheld",
    weight: 0.8,
    title: () => "Hands at work",
    action: (c) => `${c.hero}'s hands again, faster now; the rush handled with ease.`,
    prompt: (c) => `Handheld close view of ${c.hero}'s hands working fast, motion blur, ${c.light}`,
    sound: (c) => `${c.d.workSound}, quicker`,
    assets: ["hero", "prop", "place", "look"],
    notes: "match the hands and sleeves of the ritual shot",
  },
  {
    key: "ots",
    beat: "turn",
    camera: "OTS",
    weight: 0.9,
    title: () => "Over the shoulder",
    action: (c) => `Over ${c.hero}'s shoulder: ${c.d.customer} reaches for ${c.d.prop.name.toLowerCase()}.`,
    prompt: (c) => `Over-the-shoulder view past ${c.hero} towards ${c.d.customer}, ${c.d.prop.prompt}, ${c.light}`,
    sound: (c) => c.d.room,
    assets: ["hero", "prop", "place", "look"],
    notes: "hero's shoulder frame left, soft",
  },
];

/** Shots for a story that is not about a place of business: a hero, a change, a moment, an ending. */
export const STORY_OPENING: Template = {
  key: "open",
  beat: "hook",
  camera: "EWS, slow push in",
  weight: 1.2,
  title: () => "Where it begins",
  action: (c) => `${c.place}: the world of the story, quiet before anything happens.`,
  prompt: (c) => `Wide establishing view of ${c.place.toLowerCase()}, ${c.light}`,
  sound: (c) => c.d.ambient,
  assets: ["place", "look"],
  notes: "establish the world before we meet anyone",
};

export const STORY_MIDDLE: Template[] = [
  {
    key: "meet",
    beat: "setup",
    camera: "MS",
    weight: 1,
    title: (c) => `Meet ${c.heroMid}`,
    action: (c) => `${c.hero} in an ordinary moment, before everything changes.`,
    prompt: (c) => `${c.hero} in ${c.place.toLowerCase()}, an ordinary moment, ${c.light}`,
    sound: (c) => c.d.workSound,
    assets: ["hero", "place", "look"],
    notes: "keep the look from the cast sheet",
  },
  {
    key: "want",
    beat: "setup",
    camera: "MCU",
    weight: 0.9,
    title: () => "What they want",
    action: (c) => `${c.hero} looks towards something just out of reach.`,
    prompt: (c) => `Medium close-up of ${c.heroMid} looking off frame, longing, ${c.light}`,
    sound: () => "a single held note",
    assets: ["hero", "place", "look"],
    notes: "eyeline frame right, towards where the story goes",
  },
  {
    key: "detail",
    beat: "setup",
    camera: "INSERT",
    weight: 0.7,
    title: (c) => c.d.prop.name,
    action: (c) => `Close on ${c.d.prop.name.toLowerCase()}: ${c.d.detail}.`,
    prompt: (c) => `Insert: ${c.d.prop.prompt}, ${c.light}`,
    sound: () => "one clear, close sound",
    assets: ["prop", "place", "look"],
    notes: "the prop matches its asset exactly",
  },
  {
    key: "change",
    beat: "turn",
    camera: "WS, track",
    weight: 1.1,
    title: () => "Something changes",
    action: (c) => `Something changes, and ${c.heroMid} sets off.`,
    prompt: (c) => `Wide tracking view: ${c.heroMid} setting off through ${c.place.toLowerCase()}, ${c.light}`,
    sound: () => "the music starts to move",
    assets: ["hero", "place", "look"],
    notes: "screen direction: left to right, all the way",
  },
  {
    key: "pov",
    beat: "turn",
    camera: "POV",
    weight: 0.8,
    title: () => "Through their eyes",
    action: (c) => `What ${c.heroMid} sees: the way ahead.`,
    prompt: (c) => `Point of view of ${c.heroMid}: the way ahead, ${c.light}`,
    sound: (c) => c.d.ambient,
    assets: ["place", "look"],
    notes: "lens height matches the hero",
  },
  {
    key: "obstacle",
    beat: "turn",
    camera: "WS, low angle",
    weight: 1,
    title: () => "The way is blocked",
    action: (c) => `The way ahead is blocked; ${c.heroMid} hesitates.`,
    prompt: (c) => `Low wide view of ${c.heroMid} facing an obstacle, ${c.light}`,
    sound: () => "the music drops out",
    assets: ["hero", "place", "look"],
    notes: "make the obstacle feel big",
  },
  {
    key: "friend",
    beat: "turn",
    camera: "TWO-SHOT",
    weight: 1,
    title: () => "An unexpected friend",
    action: (c) => `A stranger stops beside ${c.heroMid}; for a moment they share the frame.`,
    prompt: (c) => `Two-shot of ${c.heroMid} and a kind stranger, ${c.light}`,
    sound: () => "a warm chord",
    assets: ["hero", "place", "look"],
    notes: "both in the same light",
  },
  {
    key: "moment",
    beat: "payoff",
    camera: "CU, push in",
    weight: 1,
    title: () => "The moment",
    action: (c) => `Close on ${c.heroMid}: the moment it all turns.`,
    prompt: (c) => `Close-up of ${c.heroMid}, the turning point in their eyes, ${c.light}`,
    sound: () => "music swells",
    assets: ["hero", "place", "look"],
    notes: "hold a beat longer than feels comfortable",
  },
  {
    key: "journey",
    beat: "payoff",
    camera: "EWS, crane",
    weight: 1.1,
    title: () => "The long way",
    action: (c) => `${c.hero}, small in a big world, keeps going.`,
    prompt: (c) => `Extreme wide crane view: ${c.heroMid} small in the landscape, ${c.light}`,
    sound: () => "the theme, full",
    assets: ["hero", "place", "look"],
    notes: "the hero small, lower third",
  },
  {
    key: "arrive",
    beat: "payoff",
    camera: "MCU, low angle",
    weight: 0.9,
    title: () => "Almost there",
    action: (c) => `${c.hero} sees it at last.`,
    prompt: (c) => `Low-angle medium close-up of ${c.heroMid} seeing the goal, ${c.light}`,
    sound: () => "the music settles",
    assets: ["hero", "place", "look"],
    notes: "light on the face",
  },
];

export const STORY_CLOSING: Template = {
  key: "close",
  beat: "close",
  camera: "MS, push in",
  weight: 1.3,
  title: () => "The last image",
  action: (c) => `${c.hero} at the end of the journey; we hold on the last image.`,
  prompt: (c) => `${c.hero} at rest, the story resolved, ${c.light}`,
  sound: () => "music resolves",
  dialogue: (c) => (c.hero === c.heroMid && !/^(?:the|a|an)\s/i.test(c.hero) ? `${c.hero}: ${c.night ? c.d.line.night : c.d.line.day}` : ""),
  assets: ["hero", "place", "look"],
  notes: "leave room for the title",
};

export const CLOSING: Template = {
  key: "close",
  beat: "close",
  camera: "MS, push in",
  weight: 1.3,
  title: (c) => (c.venue ? "Closing line and name" : "The last image"),
  action: (c) =>
    c.venue
      ? `${c.hero} looks into camera; ${c.brand ? `the name ${c.brand}` : `the ${c.d.place}'s name`} fades in.`
      : `${c.hero} looks out at the world, changed; we hold.`,
  prompt: (c) =>
    `${c.hero} looking into the camera with a small smile, ${c.light}${c.venue ? `, room for a title${c.brand ? ` reading ${c.brand}` : ""}` : ""}`,
  sound: () => "music resolves; a soft sting on the name",
  dialogue: (c) => `${c.hero}: ${c.night ? c.d.line.night : c.d.line.day}`,
  assets: ["hero", "place", "look"],
  notes: "leave space for the title in the top third",
};

/** Middle shots in the order they are added as the count grows; shown in story order. */
export const PRIORITY = ["meet", "arrival", "taste", "ritual", "room", "detail", "shared", "pride", "rush", "ots"];
export const STORY_PRIORITY = ["meet", "change", "moment", "detail", "obstacle", "friend", "journey", "arrive", "pov", "want"];
export const BEATS: Record<Template["beat"], { ad: string; story: string; summary: (c: Cast) => string }> = {
  hook: {
    ad: "Hook",
    story: "Opening",
    summary: (c) => (c.venue ? `Stop the scroll: the ${c.d.place} at its most inviting.` : "The world before anything changes."),
  },
  setup: { ad: "Setup", story: "Setup", summary: (c) => (c.venue ? `Meet ${c.heroMid} and what they care about.` : `Meet ${c.heroMid} and their world.`) },
  turn: {
    ad: "Turn",
    story: "Turn",
    summary: (c) => (c.venue ? `Someone arrives; ${c.heroMid} makes them feel at home.` : "Something changes and the journey starts."),
  },
  payoff: { ad: "Payoff", story: "Moment", summary: (c) => (c.venue ? "The feeling you leave with." : "The moment it all turns.") },
  close: {
    ad: "Call to action",
    story: "Ending",
    summary: (c) => (c.venue ? `Say the name and invite people in${c.brand ? `: ${c.brand}` : ""}.` : "The image we leave on."),
  },
};
