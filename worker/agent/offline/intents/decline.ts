// What offline cannot judge — mood, humour, rewriting, pace, a look, the
// story — is named in a director's words with something it can do instead.
// Asked alone ("make it moodier", "rewrite the dialogue to be snappier") it
// is refused before any other reading; a word of it inside an edit ("make
// shot 3 wider and moodier") is named after the edit is done.
import { type Beyond, type Handler, rx } from "../intent";
import { LENGTH } from "../vocabulary";
import { CAM } from "./camera";

const KINDS: [Beyond, RegExp][] = [
  ["humour", /\b(?:fun(?:ny|nier)?|humou?r(?:ous)?|jokes?|jokier|witty|wittier|comic(?:al)?|hilarious|silly|sillier|laugh(?:s|ter)?)\b/],
  [
    "rewrite",
    /\b(?:re-?write|re-?word|snappier|punchier|catchier|wittier|sharper|crisper|polish|punch\s+up|better\s+(?:dialogue|lines?|words|writing|script)|more\s+natural)\b/,
  ],
  [
    "mood",
    /\b(?:mood(?:y|ier)?|tone|atmosphere|atmospheric|feel(?:ing)?|vibes?|emotional|sadder|happier|scarier|creepier|darker|warmer|colder|tenser?|dramatic|romantic|nostalgic|dreamier|moving|sentimental|cosier|cozier)\b/,
  ],
  ["pace", /\b(?:pac(?:e|ing|ier)|rhythm|energy|energetic|dynamic|flow|faster|slower|livelier|more\s+exciting)\b/],
  ["look", /\b(?:pop|prettier|beautiful|gorgeous|stylish|cinematic|epic|slicker|polished|cooler|look\s+better|colou?r\s+grade|grade)\b/],
  [
    "story",
    /\b(?:horror|comedy|thriller|romance|genre|story|plot|twist|arc|ending|narrative|stakes|beats?|structure|better|improve|more\s+interesting|less\s+boring|boring)\b/,
  ],
];

/** What a request beyond offline is about, from its words. */
export function beyondOf(text: string): Beyond {
  const t = text.toLowerCase();
  return KINDS.find(([, re]) => re.test(t))?.[0] ?? "unknown";
}

/** The refusal in a director's words, with what offline can do instead. */
export const BEYOND_TEXT: Record<Beyond, string> = {
  mood: `I can't judge mood without a model. I can change the camera, lengths, dialogue or cast, e.g. "make shot 2 a close-up".`,
  humour: `I can't judge what's funny without a model. I can put in a line you write, e.g. "have Mia say 'Nice try' on shot 3".`,
  rewrite: `I can't rewrite words without a model. I can put in the words you write, e.g. "shot 4 dialogue: See you tomorrow".`,
  pace: `I can't judge pace without a model. I can change lengths and order, e.g. "make the last two shots 2 seconds each" or "make it 20 seconds".`,
  look: `I can't judge a look without a model. I can change the camera and the frame's shape, e.g. "make shot 1 a low-angle wide" or "make it cinemascope".`,
  story: `I can't rework the story without a model. I can add, remove and reorder shots, e.g. "add a shot after 2: Mia laughs" or "swap shots 1 and 3".`,
  unknown: `I didn't follow that offline. I understand edits such as "make shot 2 a close-up", "remove the last shot" or "make it 30 seconds".`,
};

const WHAT = `(?:it|this|that|them|everything|the\\s+(?:whole\\s+thing|ad|video|film|story|board|storyboard|cut|edit|dialogue|lines?|script|shots?|ending|opening|music)|shots?\\s+\\d+|(?:the\\s+)?(?:first|last|opening|final)\\s+shot)`;
const ALONE = new RegExp(
  `^\\s*(?:(?:make|get|turn)\\s+${WHAT}\\s+(?:(?:a\\s+(?:bit|little|lot)|much|way|more|less|even|feel|look|sound|seem)\\s+)*[a-z-]+(?:\\s+(?:and|or)\\s+(?:more\\s+)?[a-z-]+)?|(?:re-?write|re-?word|redo|improve|polish|punch\\s+up|tighten\\s+up|spice\\s+up|liven\\s+up)\\b.*|(?:it|this|the\\s+\\w+)\\s+(?:is|feels|looks|seems)\\s+(?:too\\s+|a\\s+bit\\s+|very\\s+)?[a-z-]+|(?:add|give\\s+it)\\s+(?:more\\s+|some\\s+)?(?:humou?r|jokes?|emotion|drama|tension|energy|atmosphere|mood|a\\s+twist|stakes))\\s*[.!?]*\\s*$`,
);

/** "make it moodier", "rewrite the dialogue to be snappier", "it feels flat": a judgement, alone. */
export const beyond: Handler = (r) => {
  if (!r.peek(ALONE)) return null;
  // "make shot 3 wider and moodier": the camera is done, and only "moodier" is named.
  if (r.peek(rx(`\\b${CAM}\\b`)) || r.peek(rx(LENGTH)) || r.peek(/\b(?:longer|shorter)\b/)) return null;
  const kind = beyondOf(r.masked);
  if (kind === "unknown" && !/^\s*(?:re-?write|re-?word|redo|improve|polish|punch|tighten|spice|liven)/.test(r.masked)) return null;
  r.take(ALONE);
  return { kind: "decline", why: "", beyond: kind === "unknown" ? "rewrite" : kind };
};
