// Reply writing: what was done, in the order it was asked, each line
// followed by the tags that did it; then what was not done and why; and,
// when something needs a language model, who can connect one: an owner is
// told where, anyone else that an owner can. No reply names a setting's
// internal name, an id or a tag.
import type { Outcome } from "./intent";
import { esc } from "./text";

/** Where a model is connected, said to the person who can do it. */
export const CONNECT_OWNER = "Connect a model in Project settings → Agent to have it done.";
export const CONNECT_OTHERS = "An owner can connect a model in Settings to have it done.";

export const HELP = `I'm the offline demo agent: I work without a model or a network, so I understand a set of storyboard instructions, several per message ("make shot 3 a close-up and add a shot of Mia smiling at the end"):
- An idea: "a 30-second ad for a night-time coffee shop in 6 shots" gives a script, beats, cast and frames that run exactly that long.
- The script: "storyboard the script" breaks the screenplay in the script panel (Fountain, or plain text with INT./EXT. headings) into scenes and shots, with the dialogue on the shots that speak it.
- New shots: "add a shot after 2: the barista smiling at a customer", "add a close-up of Mia's hands at the start", "open with a wide of the street".
- Order: "remove shot 4", "move shot 5 to the start", "move shot 2 after shot 4", "swap shots 1 and 3".
- Camera: "make shot 3 a close-up", "shot 2 low angle", "push in on shot 4", "shots 2-4 handheld".
- Length: "make shot 1 5 seconds", "make shots 2 to 4 3 seconds each", "make the whole thing 45 seconds" or "a minute and a half" (retimes every shot to that total).
- Words: "have Mia say 'We're open' on shot 6", "call shot 2 'The rush'", "shot 2 action: Mia drops the cup", "shot 1 sound: rain on the glass", "remove the dialogue from shot 6".
- Cast: "add a character Mia: the barista, warm and unhurried", "add a character Leo, a delivery cyclist, to shots 3 and 4", "put Mia in shot 1", "take Mia out of shot 2", "rename Mia to Ana", "remove the cup".
- Format: "make it vertical", "9:16", "square", "4:5", "cinemascope 2.39:1".
- Images: "render shots 1-3", "render all".
- Continuity: "fix continuity" (or "check continuity") attaches characters, locations and props a shot names, gives shots with no camera or length one, breaks up jump cuts and retimes to the length the script asks for; an asset with no description I name for you to describe.
Name shots by number ("shot 3", "shots 3-5"), by place ("the opening shot", "the last two shots", "the first three shots") or by what they show ("the one with the cup"); numbers are the ones on the board when you send the message. Anything else I name as not done, with what I can do instead.`;

export interface Reply {
  outcomes: Outcome[];
  /** A closing line such as the running time, after the changes. */
  summary?: string;
  /** Whether the person asking owns the project: only an owner is told how to connect a model. */
  owner?: boolean;
}

/** The answer as streamed: prose (escaped for the tag parser) with each change's tags right after its line. */
export function writeReply({ outcomes, summary, owner = false }: Reply): string {
  const parts: string[] = [];
  const changed = outcomes.filter((o) => o.kind === "done" || o.kind === "note");
  const missed = outcomes.filter((o): o is Extract<Outcome, { kind: "not_done" }> => o.kind === "not_done");
  if (!changed.length && missed.length) parts.push("Nothing changed on the board.\n");
  for (const o of changed) {
    if (o.kind === "done") parts.push(`${esc(o.text)}${o.tags.join("")}\n`);
    else parts.push(`${esc(o.text)}\n`);
  }
  if (summary && outcomes.some((o) => o.kind === "done")) parts.push(`${esc(summary)}\n`);
  if (missed.length) {
    parts.push(`\nNot done:\n`);
    for (const m of missed) {
      const why = m.why || "I can't do that offline";
      parts.push(`- "${esc(m.what)}": ${esc(why)}${/[.!?]$/.test(why) ? "" : "."}\n`);
    }
    if (missed.some((m) => m.beyond || m.model)) parts.push(`${esc(owner ? CONNECT_OWNER : CONNECT_OTHERS)} Say "help" for what I do offline.\n`);
  }
  return parts.join("").trimEnd();
}
