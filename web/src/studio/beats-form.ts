// The beat plan's rules (Beats.tsx): a beat draft, a move or a removal
// becomes the set_plan command the room accepts, or field errors in plain
// words; plus the names and counts the beat list shows. Pure, unit-tested.
import { type Beat, type Frame, LIMITS } from "../../../worker/domain/board";
import { Command } from "../../../worker/domain/commands";
import { type FieldErrors, hasErrors, plural, sameName, tooLong } from "./form-words";

export interface BeatDraft {
  title: string;
  summary: string;
}
export type BeatField = keyof BeatDraft;
export const BEAT_FIELDS = ["title", "summary"] as const satisfies readonly BeatField[];

export type SetPlan = Extract<Command, { type: "set_plan" }>;
export type BeatCheck = { ok: true; command: SetPlan } | { ok: false; errors: FieldErrors<BeatField> };

/**
 * Checks a draft against the plan and returns the whole new plan: the beat
 * replaced in place when `editingId` names it, else added at the end. Two
 * beats with one title cannot be told apart in the frame editor's beat list,
 * so that is refused, except for the title the beat already had.
 */
export function checkBeatDraft(draft: BeatDraft, beats: readonly Beat[], editingId?: string): BeatCheck {
  const title = draft.title.trim();
  const summary = draft.summary.trim();
  const editing = beats.find((b) => b.id === editingId);
  const errors: FieldErrors<BeatField> = {};
  if (!editing && beats.length >= LIMITS.beats)
    errors.form = `The plan already has ${plural(LIMITS.beats, "beat")}, the most it can hold. Remove one to add another.`;
  if (!title) errors.title = "Give the beat a title.";
  else errors.title = tooLong("The title", title, LIMITS.textChars) ?? duplicateTitle(beats, title, editing);
  errors.summary = tooLong("The summary", summary, LIMITS.textChars);
  if (hasErrors(errors)) return { ok: false, errors };

  const next = editing
    ? beats.map((b) => (b.id === editing.id ? { id: b.id, title, summary } : copy(b)))
    : [...beats.map(copy), { id: nextBeatId(beats), title, summary }];
  return planCommand(next);
}

function duplicateTitle(beats: readonly Beat[], title: string, editing?: Beat): string | undefined {
  if (editing && sameName(editing.title, title)) return undefined;
  const other = beats.find((b) => b.id !== editing?.id && sameName(b.title, title));
  return other ? `Another beat is already called ${other.title.trim()}.` : undefined;
}

// Plain copies: the studio's beats are store proxies, and a command must be plain data.
const copy = (b: Beat): Beat => ({ id: b.id, title: b.title, summary: b.summary });

/** The shared schema has the last word, so the panel never sends what the room would refuse. */
function planCommand(beats: Beat[]): BeatCheck {
  const parsed = Command.safeParse({ type: "set_plan", beats });
  if (parsed.success && parsed.data.type === "set_plan") return { ok: true, command: parsed.data };
  return { ok: false, errors: { form: `That cannot be saved: ${parsed.error?.issues[0]?.message ?? "invalid"}.` } };
}

/** "b1", "b2", …: the first free one. A removed beat's id is free again because set_plan unlinks its frames. */
export function nextBeatId(beats: readonly Beat[]): string {
  const taken = new Set(beats.map((b) => b.id));
  for (let n = beats.length + 1; ; n++) if (!taken.has(`b${n}`)) return `b${n}`;
}

/** The plan with one beat moved a place earlier (-1) or later (+1); undefined at either end. */
export function moveBeat(beats: readonly Beat[], id: string, by: -1 | 1): SetPlan | undefined {
  const i = beats.findIndex((b) => b.id === id);
  const j = i + by;
  if (i < 0 || j < 0 || j >= beats.length) return undefined;
  const next = beats.map(copy);
  [next[i], next[j]] = [next[j]!, next[i]!];
  return { type: "set_plan", beats: next };
}

export function removeBeat(beats: readonly Beat[], id: string): SetPlan {
  return { type: "set_plan", beats: beats.filter((b) => b.id !== id).map(copy) };
}

/** How many frames sit on each beat, by beat id. */
export function shotsPerBeat(frames: readonly Frame[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const f of frames) if (f.beatId) counts.set(f.beatId, (counts.get(f.beatId) ?? 0) + 1);
  return counts;
}

export function beatRemovalNotice(label: string, shots: number): string {
  if (shots === 0) return `Removed beat ${label}. Undo brings it back.`;
  return `Removed beat ${label}; its ${plural(shots, "shot")} now ${shots === 1 ? "has" : "have"} no beat. Undo brings it back.`;
}

/**
 * Each beat's name for buttons ("Move beat Hook up"), unique on the list: an
 * empty title reads "untitled", and a title used twice gets its position.
 */
export function beatLabels(beats: readonly Beat[]): Map<string, string> {
  const base = (b: Beat, i: number) => b.title.trim() || `untitled ${i + 1}`;
  return new Map(
    beats.map((b, i) => {
      const twin = beats.some((o, j) => j !== i && sameName(base(o, j), base(b, i)));
      return [b.id, twin ? `${base(b, i)} (${i + 1})` : base(b, i)];
    }),
  );
}
