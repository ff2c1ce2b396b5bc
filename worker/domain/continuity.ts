// Continuity checks over a board (issue 12, item 7): one pure function the
// studio lists and the agent can act on. Plain TypeScript: no Workers API, so
// the SPA imports it as it is.
//
// What it finds, in board order:
// - `unattached`: an asset (character, location or prop) named in a frame's
//   title, action, prompt or dialogue (its name as a whole word, any case)
//   but not attached to that frame;
// - `undescribed`: an asset attached to a frame that has neither a
//   description nor a prompt (reported once per asset, at its first frame);
// - `no_camera` and `no_duration`: a frame with empty camera text or no length;
// - `jump_cut`: two adjacent shots of the same size (as `readCamera` reads
//   it) with the same cast (the same set of attached characters); shots with
//   no characters count when they attach the same assets (a place, a prop),
//   so two bare new frames are not flagged;
// - `uncast`: a speaker in a frame's dialogue ("NURSE: …") who is no
//   character of the cast (reported once, at their first line);
// - `running_time`: the sum of the lengths more than 10 % off the target.
import { type Asset, type Board, type Frame, shotLabel } from "./board";
import { readCamera, sizeName } from "./camera";
import { askedLength, runningTime } from "./running-time";

export type IssueKind = "unattached" | "undescribed" | "no_camera" | "no_duration" | "jump_cut" | "uncast" | "running_time";

export interface Issue {
  kind: IssueKind;
  frameId?: string;
  assetId?: string;
  message: string;
}

export interface ContinuityOptions {
  /** The running time asked for, in seconds, when the board does not record one. */
  targetSec?: number;
}

/** How far the running time may drift from the target before it is an issue. */
export const RUNNING_TIME_TOLERANCE = 0.1;

const NAMED_KINDS: ReadonlySet<Asset["kind"]> = new Set(["character", "location", "prop"]);

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** A pattern for `name` as a whole word, any case; null for a name with nothing to match. */
function wholeWord(name: string): RegExp | null {
  const n = name.trim();
  if (!n) return null;
  // Letters and digits (any script) bound a word; a name may itself hold spaces or punctuation.
  return new RegExp(`(?<![\\p{L}\\p{N}_])${escapeRe(n).replace(/\s+/g, "\\s+")}(?![\\p{L}\\p{N}_])`, "iu");
}

/** "30 s", "7.5 s": seconds without float noise. */
function secs(n: number): string {
  return `${Math.round(n * 100) / 100} s`;
}

/**
 * The running time the person asked for, as the board records it: the
 * offline agent's script header says "Credit: A 30-second ad". Null when the
 * script states no length.
 */
export function recordedTargetSec(board: Board): number | null {
  return askedLength(board.script.text);
}

/** The episode's running time: the sum of its frames' lengths, without float noise. */
export function runningTimeSec(board: Board): number {
  return runningTime(board.frames);
}

function castOf(frame: Frame, characters: ReadonlySet<string>): string {
  return frame.continuity.assetIds
    .filter((id) => characters.has(id))
    .sort()
    .join("\n");
}

function subjectOf(frame: Frame): string {
  return [...new Set(frame.continuity.assetIds)].sort().join("\n");
}

/** Every continuity issue on the board, frames in order, the running time last. */
export function checkContinuity(board: Board, opts: ContinuityOptions = {}): Issue[] {
  const issues: Issue[] = [];
  const byId = new Map(board.assets.map((a) => [a.id, a]));
  const named = board.assets.filter((a) => NAMED_KINDS.has(a.kind)).map((a) => ({ asset: a, re: wholeWord(a.name) }));
  const characters = new Set(board.assets.filter((a) => a.kind === "character").map((a) => a.id));
  const reportedUndescribed = new Set<string>();
  const castNames = board.assets.filter((a) => a.kind === "character").map((a) => a.name.trim().toLowerCase());
  const reportedSpeakers = new Set<string>();

  board.frames.forEach((f, i) => {
    const shot = `Shot ${shotLabel(f, i)}`;
    const attached = new Set(f.continuity.assetIds);
    const text = [f.title, f.action, f.prompt, f.dialogue].join("\n");

    for (const { asset, re } of named) {
      if (attached.has(asset.id) || !re?.test(text)) continue;
      issues.push({
        kind: "unattached",
        frameId: f.id,
        assetId: asset.id,
        message: `${shot} mentions ${asset.name} (${asset.kind}) but does not have it attached.`,
      });
    }

    // A speaker is in the cast when a character's name is theirs or starts with it ("MIA" for "Mia Ortiz").
    for (const line of f.dialogue.split(/\n+/)) {
      const speaker = /^\s*([\p{L}][\p{L} .'-]{0,30}?)\s*:/u.exec(line)?.[1]?.trim();
      if (!speaker) continue;
      const key = speaker.toLowerCase();
      if (reportedSpeakers.has(key) || castNames.some((n) => n === key || n.startsWith(`${key} `))) continue;
      reportedSpeakers.add(key);
      issues.push({ kind: "uncast", frameId: f.id, message: `${shot}: ${speaker} speaks but is not in the cast.` });
    }

    for (const id of f.continuity.assetIds) {
      const asset = byId.get(id);
      if (!asset || reportedUndescribed.has(id) || asset.description.trim() || asset.prompt.trim()) continue;
      reportedUndescribed.add(id);
      issues.push({
        kind: "undescribed",
        frameId: f.id,
        assetId: id,
        message: `${asset.name} (${asset.kind}), attached to ${shot.toLowerCase()}, has no description or prompt: its look will change from shot to shot.`,
      });
    }

    if (!f.camera.trim()) issues.push({ kind: "no_camera", frameId: f.id, message: `${shot} has no camera set.` });
    if (f.durationSec === null) issues.push({ kind: "no_duration", frameId: f.id, message: `${shot} has no duration.` });

    const prev = board.frames[i - 1];
    if (prev) {
      const size = readCamera(f.camera).size;
      const cast = castOf(f, characters);
      // Without characters the subject is what is attached (a place, a prop): two
      // empty frames of one size are not yet a cut of anything.
      const same = cast ? cast === castOf(prev, characters) : !castOf(prev, characters) && subjectOf(f) !== "" && subjectOf(f) === subjectOf(prev);
      if (size && same && size === readCamera(prev.camera).size) {
        const who = cast ? " with the same cast" : " of the same subject, without characters";
        issues.push({
          kind: "jump_cut",
          frameId: f.id,
          message: `Shots ${shotLabel(prev, i - 1)} and ${shotLabel(f, i)} are both ${sizeName(size).toLowerCase()} shots${who}: a jump cut. Change the size or the cast of one.`,
        });
      }
    }
  });

  const target = recordedTargetSec(board) ?? (opts.targetSec && opts.targetSec > 0 ? opts.targetSec : null);
  if (target !== null && board.frames.length > 0) {
    const total = runningTimeSec(board);
    const off = total - target;
    if (Math.abs(off) > target * RUNNING_TIME_TOLERANCE) {
      const pct = Math.round((Math.abs(off) / target) * 100);
      issues.push({
        kind: "running_time",
        message: `The running time is ${secs(total)}, ${pct} % ${off > 0 ? "over" : "under"} the ${secs(target)} asked for.`,
      });
    }
  }
  return issues;
}
