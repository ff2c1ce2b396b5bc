// What a person reads about a run (CONTRACT 6, 14): a warning for each
// thing the agent asked for that did not apply, and the line that closes a
// stopped or failed answer, counted from the events it committed. No tag,
// id, parser message or environment variable reaches these words: the
// trace keeps the exact reason for whoever debugs the run.
import { type Board, shotLabel } from "../domain/board";
import type { EventBody } from "../domain/events";
import { describeGroup } from "../domain/history";

/** What each tag of the grammar is about, in words. */
const TAG_NOUN: Readonly<Record<string, string>> = {
  script: "script",
  plan: "beat plan",
  asset: "asset",
  frame: "shot",
  move: "move of a shot",
  format: "change of format",
  clear: "clearing of the board",
  generate: "picture request",
  resolve: "resolving of a note",
};

/** Reasons the board and the parser give, as a person would say them; the first match wins. */
const REASONS: readonly [RegExp, string][] = [
  [/still open when the answer ended/, "the answer ended before it was finished"],
  [/^no frame ".*" to (?:add|move) after$/, "the shot it was to follow is not on the board"],
  [/^frame ".*" already exists$/, "a shot with the same name is already on the board"],
  [/^no frame "/, "that shot is not on the board"],
  [/^no asset "/, "that asset is not on the board"],
  [/^no beat "/, "that beat is not in the plan"],
  [/^asset ".*" is listed twice$/, "it lists the same asset twice"],
  [/^beat ".*" appears twice$/, "the plan lists the same beat twice"],
  [/^no revision "/, "that picture is not on the shot"],
  [/^more than \d+ commands in one run$/, "the answer asked for more changes than one answer may make"],
  [/changes nothing$/, "it changes nothing"],
];

/** Anything that looks like markup, a quoted name, an id or a variable name. */
const INTERNAL = /[<>"`{}]|\b[A-Z][A-Z0-9]*_[A-Z0-9_]+\b|\b[a-z]+_[A-Za-z0-9_-]{6,}\b|\w+\.\w+:/;

/** A reason in plain words: a known one mapped, a plain one kept, anything else said generally. */
export function plainReason(reason: string): string {
  for (const [pattern, words] of REASONS) if (pattern.test(reason)) return words;
  return INTERNAL.test(reason) ? "it was not written in a form the board accepts" : reason;
}

/** "the new shot 4", "shot 2A", "the script": what a command was about, against the board it was meant for. */
export function subjectOf(tag: string, command: unknown, board: Board): string {
  const c = (command ?? {}) as Record<string, unknown>;
  const at = (id: unknown) => board.frames.findIndex((f) => f.id === id);
  if (c.type === "add_frame") {
    const title = String((c.frame as { title?: unknown } | undefined)?.title ?? "").trim();
    return title ? `the new shot “${title}”` : "a new shot";
  }
  if (c.type === "update_frame" || c.type === "remove_frame" || c.type === "move_frame" || "generate" in c) {
    const i = at(c.id ?? c.generate);
    if (i >= 0) return `${c.type === "update_frame" ? "the change to " : ""}shot ${shotLabel(board.frames[i]!, i)}`;
  }
  const noun = TAG_NOUN[tag] ?? "change";
  return noun === "script" || noun === "beat plan" ? `the ${noun}` : `a ${noun}`;
}

/** A warning's words: "The agent's change to shot 3 was not applied: it changes nothing." */
export function notAppliedText(tag: string, command: unknown, reason: string, board: Board): string {
  const what = subjectOf(tag, command, board);
  return `The agent's ${what.replace(/^(?:a|the) /, "")} was not applied: ${plainReason(reason)}.`;
}

/** A provider's error as a person reads it: configuration names stay with whoever runs the server. */
export function plainProviderError(kind: string, message: string): string {
  if (kind === "not_configured") return "The agent is not set up on this server yet; ask whoever runs it to configure the agent.";
  if (kind === "auth" && !INTERNAL.test(message)) return message;
  if (kind === "auth") {
    const status = /\((\d{3})\)/.exec(message)?.[1];
    return `The provider refused the agent's API key${status ? ` (${status})` : ""}; ask whoever runs this server to check it.`;
  }
  return INTERNAL.test(message) ? "The agent's provider could not answer. Try again." : message;
}

export interface Ending {
  status: "stopped" | "failed";
  /** The board before the run's first event, and what the run committed, in order. */
  before: Board;
  events: EventBody[];
  /** The tag the answer was writing when it ended, if any, and whether it added a shot (its position if so). */
  open?: { tag: string; newShot?: number };
  /** A replacing run's new board, held back: how many changes it had. */
  heldBack?: number;
}

/**
 * The line that closes a stopped or failed answer, true to the board:
 * "Stopped while writing shot 4; it was not added. This answer added 3 frames."
 */
export function endingText(e: Ending): string {
  const verb = e.status === "stopped" ? "Stopped" : "The answer failed";
  const parts: string[] = [];
  if (e.heldBack) {
    parts.push(`${verb} before the new storyboard was placed, so none of it was applied and the shots it was replacing are still on the board.`);
  } else if (e.open) {
    const what = e.open.newShot ? `shot ${e.open.newShot}` : e.open.tag === "frame" ? "a change to a shot" : subjectOf(e.open.tag, undefined, e.before);
    parts.push(`${verb} while writing ${what}; it was not ${e.open.newShot ? "added" : "applied"}.`);
  } else parts.push(`${verb}.`);
  parts.push(
    e.events.length ? `This answer ${describeGroup(e.before, e.events)}; undo it from the answer to take that back.` : "Nothing from this answer was applied.",
  );
  return parts.join(" ");
}

/**
 * Which tag an answer was writing when it ended, read from the raw output,
 * and, for a shot being added at the end, the number it would have had.
 */
export function openTagAt(raw: string, tag: string, board: Board): { tag: string; newShot?: number } {
  const start = raw.lastIndexOf(`<${tag}`);
  const opener = start < 0 ? "" : raw.slice(start, raw.indexOf(">", start) < 0 ? undefined : raw.indexOf(">", start));
  const adds = tag === "frame" && /\bop\s*=\s*["']add["']/.test(opener) && !/\bafter\s*=/.test(opener);
  return adds ? { tag, newShot: board.frames.length + 1 } : { tag };
}
