// Storyboard from an idea: "a 30-second ad for a night-time coffee shop in
// 6 shots" becomes a screenplay (with a shot list), a beat plan, the cast,
// place, key prop and look as assets, and frames with camera variety,
// action, dialogue where it fits and sound, whose lengths add up to exactly
// the running time asked for. Deterministic: a small lexicon of places
// (coffee shop, bakery, bike shop, …) and a general story shape for the rest.
import type { Aspect, Asset, Board, Beat } from "../../domain/board";
import type { Draft } from "./draft";
import { applyOrReport, assetTag, frameAddTag, type NewFrame, type Outcome, planTag } from "./edits";
import { shotListOf } from "./shotlist";
import { cap, esc, hash, NUM, num, secs, slug } from "./text";
import { distribute, runningTime } from "./timing";
import { ASPECT_NAMES, ASPECT_TERMS, LENGTH, lengthOf } from "./vocabulary";

export const MAX_IDEA_SHOTS = 12;

interface Domain {
  match: RegExp;
  place: string;
  role: string;
  name: string;
  look: string;
  prop: { name: string; description: string; prompt: string };
  work: string;
  ritual: string;
  detail: string;
  customer: string;
  arrival: string;
  taste: string;
  tasteAction: string;
  ambient: string;
  workSound: string;
  room: string;
  greet: string;
  line: { night: string; day: string };
}

const DOMAINS: Domain[] = [
  {
    match: /\b(?:coffee|caf[eé]s?|espresso|latte|barista|roaster[sy]?)\b/i,
    place: "coffee shop",
    role: "barista",
    name: "Mia",
    look: "woman in her 30s, green canvas apron, rolled sleeves, short dark hair",
    prop: { name: "The cup", description: "the house cup regulars ask for", prompt: "hand-thrown blue ceramic cup with a chipped rim" },
    work: "steams milk behind the counter, unhurried",
    ritual: "an espresso shot pours, crema swirling into the blue cup",
    detail: "the chipped blue cup slides across the counter",
    customer: "a regular",
    arrival: "steps in out of the rain, shaking off an umbrella",
    taste: "the first sip",
    tasteAction: "takes the first sip; their shoulders drop",
    ambient: "rain on the glass, a distant tram",
    workSound: "espresso machine hiss, milk steaming",
    room: "low chatter, a spoon against porcelain",
    greet: "Evening. The usual?",
    line: { night: "Come in. We're open late.", day: "Come in. It's on." },
  },
  {
    match: /\b(?:bak(?:e|ery|eries|er|ers|ing)|bread|pastr(?:y|ies)|croissants?|patisserie|sourdough|boulangerie)\b/i,
    place: "bakery",
    role: "baker",
    name: "Sam",
    look: "man in his 40s, flour-dusted apron, forearms white with flour",
    prop: { name: "The loaf", description: "the sourdough everyone queues for", prompt: "round sourdough loaf with a deep golden ear" },
    work: "shapes dough on a floured bench",
    ritual: "dough folded over and over, flour rising in the light",
    detail: "a knife crackles through the crust",
    customer: "the first customer",
    arrival: "pushes the door open as the bell rings",
    taste: "the first bite",
    tasteAction: "tears off the heel and takes the first bite",
    ambient: "an empty street, birds, a delivery van idling",
    workSound: "oven door, the crackle of cooling crusts",
    room: "a small queue, paper bags rustling",
    greet: "Morning! Still warm.",
    line: { night: "Baked through the night. Yours by dawn.", day: "Baked this morning. Gone by noon." },
  },
  {
    match: /\b(?:bike|bikes|bicycles?|cycl(?:e|es|ing|ist|ists)|mtb)\b/i,
    place: "bike shop",
    role: "mechanic",
    name: "Leo",
    look: "man in his 20s, oil-stained work apron, rolled beanie",
    prop: { name: "The bike", description: "the steel bike on the stand", prompt: "steel-framed green road bike with tan-wall tyres" },
    work: "tightens a bolt on the stand, whistling",
    ritual: "a wheel spins true on the stand, spokes ticking",
    detail: "a chain drops onto the sprocket with a click",
    customer: "a commuter",
    arrival: "wheels in a bike with a buckled wheel",
    taste: "the first ride",
    tasteAction: "rolls out onto the street and grins",
    ambient: "city traffic, a bell in the distance",
    workSound: "freewheel ticking, a ratchet",
    room: "tools on pegboard, a radio low",
    greet: "Let's have a look at her.",
    line: { night: "Fixed tonight. Riding tomorrow.", day: "Fixed today. Riding today." },
  },
  {
    match: /\b(?:book(?:shop|store|seller)s?|books|library|libraries)\b/i,
    place: "bookshop",
    role: "bookseller",
    name: "Noor",
    look: "woman in her 50s, cardigan, reading glasses on a chain",
    prop: { name: "The book", description: "the book she keeps recommending", prompt: "worn clothbound novel with a red ribbon marker" },
    work: "shelves new arrivals, reading the first lines of each",
    ritual: "a paper bag folded around a book, tied with string",
    detail: "a handwritten shelf note: 'You'll love this one'",
    customer: "a browser",
    arrival: "drifts in, shaking off the cold",
    taste: "the first page",
    tasteAction: "opens the book and is gone for a moment",
    ambient: "a quiet street, a door chime",
    workSound: "pages turning, a stamp on paper",
    room: "soft rain, the creak of floorboards",
    greet: "Looking for anything in particular?",
    line: { night: "Open late. Stay a chapter.", day: "Come in. Stay a chapter." },
  },
  {
    match: /\b(?:flowers?|florists?|bouquets?|plant\s+shop|plants)\b/i,
    place: "flower shop",
    role: "florist",
    name: "Ana",
    look: "woman in her 30s, linen apron, flowers tucked behind one ear",
    prop: { name: "The bouquet", description: "the bouquet of the day", prompt: "loose bouquet of peonies and eucalyptus tied with twine" },
    work: "trims stems at the bench",
    ritual: "stems gathered and tied with twine in one practised turn",
    detail: "a drop of water rolls off a petal",
    customer: "a nervous young man",
    arrival: "hovers at the door, then steps in",
    taste: "the first look",
    tasteAction: "sees the bouquet and breaks into a smile",
    ambient: "street sounds, a bicycle bell",
    workSound: "scissors snipping, paper rustling",
    room: "buckets of water, soft music",
    greet: "Who are they for?",
    line: { night: "Open late for the last-minute romantics.", day: "Say it with something alive." },
  },
  {
    match: /\b(?:restaurants?|kitchens?|chefs?|diners?|bistros?|ramen|pizz(?:a|eria)|noodles?|tacos?|food\s+trucks?|burgers?|trattoria)\b/i,
    place: "restaurant",
    role: "chef",
    name: "Marco",
    look: "man in his 40s, white chef's jacket, sleeves pushed up, tattooed forearms",
    prop: { name: "The plate", description: "the signature dish", prompt: "the signature dish on a matte black plate, steam rising" },
    work: "works the pass, calling orders",
    ritual: "a pan flares; the dish is plated with tweezers, a last drop of oil",
    detail: "a ticket is spiked on the rail",
    customer: "a couple",
    arrival: "are shown to the last free table",
    taste: "the first bite",
    tasteAction: "take the first bite and look at each other",
    ambient: "a busy street, laughter spilling out",
    workSound: "sizzling pans, the ticket printer",
    room: "clinking glasses, a full room",
    greet: "Two? Right this way.",
    line: { night: "Kitchen's open till midnight.", day: "Lunch is on. Pull up a chair." },
  },
  {
    match: /\b(?:bars?|cocktails?|pubs?|brewer(?:y|ies)|wine\s+bars?|taprooms?|speakeasy)\b/i,
    place: "bar",
    role: "bartender",
    name: "Jo",
    look: "person in their 30s, black shirt, sleeve garters, silver rings",
    prop: { name: "The glass", description: "the house cocktail glass", prompt: "etched coupe glass with a twist of orange" },
    work: "polishes a glass under the pendant lights",
    ritual: "a cocktail stirred over clear ice, then strained in one smooth pour",
    detail: "an orange peel is twisted over the glass; the oils mist",
    customer: "a stranger",
    arrival: "takes the last stool at the bar",
    taste: "the first sip",
    tasteAction: "takes the first sip and raises an eyebrow",
    ambient: "a wet street, neon buzzing",
    workSound: "ice in a mixing glass, a bar spoon",
    room: "low jazz, murmured conversation",
    greet: "What are we drinking?",
    line: { night: "Last orders are a long way off.", day: "The first round's on the house." },
  },
  {
    match: /\b(?:gyms?|fitness|yoga|boxing|climbing|pilates|run(?:ning)?\s+club|crossfit|workout)\b/i,
    place: "gym",
    role: "coach",
    name: "Dev",
    look: "man in his 30s, grey training top, whistle round his neck",
    prop: { name: "The gloves", description: "the coach's old gloves", prompt: "worn red boxing gloves hanging on a hook" },
    work: "sets up the floor before the class",
    ritual: "hands taped in quick, tight turns",
    detail: "chalk dust drifts in a shaft of light",
    customer: "a first-timer",
    arrival: "hesitates at the door in brand-new trainers",
    taste: "the first round",
    tasteAction: "lands a clean punch on the pads and laughs",
    ambient: "early traffic, a shutter rolling up",
    workSound: "a skipping rope whipping, a bell",
    room: "music thumping, breath and footsteps",
    greet: "First time? You're in the right place.",
    line: { night: "Open till late. No excuses.", day: "Your first class is on us." },
  },
];

/** The shape of any other story: a person, a world, a change, a moment, an ending. */
const GENERIC: Omit<Domain, "match" | "place" | "name"> = {
  role: "lead",
  look: "person in their 30s, everyday clothes, a face that gives a lot away",
  prop: { name: "The keepsake", description: "the object the story turns on", prompt: "small worn keepsake that catches the light" },
  work: "goes about an ordinary day, something on their mind",
  ritual: "their hands turn the keepsake over and over",
  detail: "the keepsake in close-up, every scratch telling",
  customer: "a stranger",
  arrival: "appears at the edge of the frame",
  taste: "the moment",
  tasteAction: "meets their eyes; something shifts",
  ambient: "wind, distant voices",
  workSound: "footsteps, a clock",
  room: "the world going on around them",
  greet: "Have we met?",
  line: { night: "Some nights change everything.", day: "Some days change everything." },
};

const ROLE_WORDS =
  "barista|baker|mechanic|bookseller|florist|chef|cook|bartender|coach|trainer|barber|owner|host|hero|heroine|lead|manager|founder|character|girl|boy|woman|man|dog|cat|kid|friend";
const NAMES = ["Alex", "Sam", "Noor", "Jo", "Ana", "Leo", "Mia", "Eli", "Ravi", "Ines"];

interface Template {
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

interface Cast {
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

const OPENING: Template = {
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

const MIDDLE: Template[] = [
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
const STORY_OPENING: Template = {
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

const STORY_MIDDLE: Template[] = [
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

const STORY_CLOSING: Template = {
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

const CLOSING: Template = {
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
const PRIORITY = ["meet", "arrival", "taste", "ritual", "room", "detail", "shared", "pride", "rush", "ots"];
const STORY_PRIORITY = ["meet", "change", "moment", "detail", "obstacle", "friend", "journey", "arrive", "pov", "want"];
const BEATS: Record<Template["beat"], { ad: string; story: string; summary: (c: Cast) => string }> = {
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

function pickTemplates(count: number, venue: boolean): Template[] {
  const [opening, middle, closing, priority] = venue ? [OPENING, MIDDLE, CLOSING, PRIORITY] : [STORY_OPENING, STORY_MIDDLE, STORY_CLOSING, STORY_PRIORITY];
  if (count <= 1) return [closing];
  const keys = priority.slice(0, Math.max(0, count - 2));
  return [opening, ...middle.filter((t) => keys.includes(t.key)), closing];
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
export function storyboardIdea(text: string, draft: Draft): { outcomes: Outcome[]; intro: string; spec: IdeaSpec; example: string } {
  const spec = readIdea(text);
  const cast = castOf(spec, text);
  const templates = pickTemplates(spec.count, cast.venue);
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
      camera: t.camera,
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
