// Proposals (CONTRACT 14): an agent run sent as "suggest" lands its commands
// here instead of on the board, each as a change a person accepts or
// rejects. Pure: the room keeps proposals beside the board, the SPA draws
// them as ghost changes on the cards; both read the same summaries.
import { z } from "zod";
import { type Board, type Frame, Id, shotLabel } from "./board";
import { type Actor, Command, validateCommand } from "./commands";
import { applyEvent, BoardConflict, type EventBody, type SimpleEvent } from "./events";

/** One run proposes at most this many changes; the rest are refused with a reason, like a rejected command. */
export const MAX_PROPOSAL_CHANGES = 100;
/** A proposal's stored JSON stays under this, so its row and its broadcast stay far below the 1 MiB and 2 MB limits. */
export const MAX_PROPOSAL_BYTES = 512 * 1024;

export const ProposalChange = z.strictObject({
  id: Id,
  command: Command,
  /** The frame the change adds, changes, moves or removes; null for the script, plan, cast or format. */
  frameId: Id.nullable(),
  /** The change in a director's words: "Shot 3: camera MS → CU". */
  summary: z.string().max(600),
});
export type ProposalChange = z.infer<typeof ProposalChange>;

/** drafting: its run is still writing it; open: every change waits for a decision; decided: nothing is left to decide. */
export const ProposalStatus = z.enum(["drafting", "open", "decided"]);
export type ProposalStatus = z.infer<typeof ProposalStatus>;

/** `changes` holds the changes still waiting for a decision, in the order the run proposed them. */
export const Proposal = z.strictObject({
  id: Id,
  runId: z.string().min(1).max(64),
  changes: z.array(ProposalChange).max(MAX_PROPOSAL_CHANGES),
  status: ProposalStatus,
  /** Who asked for it, for "Proposed for Mia". */
  by: z.strictObject({ id: z.string().max(100), name: z.string().max(80) }),
  createdAt: z.string().max(40),
});
export type Proposal = z.infer<typeof Proposal>;

/** A change that was accepted but no longer fits the board, with the reason in words. */
export const NotApplied = z.strictObject({ id: Id, summary: z.string(), reason: z.string() });
export type NotApplied = z.infer<typeof NotApplied>;

/** The ack of a proposal_decide: what applied (as one event, `seq`/`runId`, null when nothing did), what did not and why, what was dropped. */
export const DecideResult = z.strictObject({
  proposalId: Id,
  seq: z.number().int().positive().nullable(),
  runId: z.string().nullable(),
  applied: z.array(Id),
  notApplied: z.array(NotApplied),
  rejected: z.array(Id),
});
export type DecideResult = z.infer<typeof DecideResult>;

/** Commands the agent proposes as the agent: media and pictures are never its to set. */
const AGENT: Actor = { type: "agent", id: "agent" };

// ---- words ---------------------------------------------------------------

const QUOTE_CHARS = 48;
function quote(text: string): string {
  const t = text.trim().replace(/\s+/g, " ");
  if (!t) return "";
  return `“${t.length > QUOTE_CHARS ? `${t.slice(0, QUOTE_CHARS - 1)}…` : t}”`;
}

/**
 * A shot's name as people see it: its label on the board as it is, or, for
 * a shot the proposal itself adds, "the new shot “Title”" (its label would
 * shift every shot after it, which is not what anyone sees yet).
 */
function shotNamer(board: Board, shadow: Board): (id: string) => string {
  return (id) => {
    const i = board.frames.findIndex((f) => f.id === id);
    if (i >= 0) return `shot ${shotLabel(board.frames[i]!, i)}`;
    const title = quote(shadow.frames.find((f) => f.id === id)?.title ?? "");
    return title ? `the new shot ${title}` : "the new shot";
  };
}
const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** The fields a change can touch, in the order a card shows them, with the word a person uses for each. */
export const FIELD_WORDS: Record<string, string> = {
  title: "title",
  camera: "camera",
  durationSec: "length",
  action: "action",
  dialogue: "dialogue",
  sound: "sound",
  prompt: "image prompt",
  status: "status",
  shot: "shot label",
  beatId: "beat",
  continuity: "continuity",
};

/** A field's value as a card would show it: "4 s", "MS", “A line…”, "none". */
export function fieldValue(board: Board, field: string, value: unknown): string {
  if (value === null || value === undefined || value === "") return "none";
  if (field === "durationSec" && typeof value === "number") return `${value} s`;
  if (field === "beatId" && typeof value === "string") return quote(board.plan.beats.find((b) => b.id === value)?.title ?? "") || "a new beat";
  if (field === "camera" || field === "status" || field === "shot") return String(value);
  if (field === "continuity" && typeof value === "object") {
    const c = value as { assetIds?: string[]; notes?: string };
    const names = (c.assetIds ?? []).map((id) => board.assets.find((a) => a.id === id)?.name ?? "").filter(Boolean);
    return [names.join(", "), c.notes ? quote(c.notes) : ""].filter(Boolean).join("; ") || "none";
  }
  return typeof value === "string" ? quote(value) : String(value);
}

/** The fields a patch changes on a frame as it is now: old and new value in words. Fields it sets to what they already are are left out. */
export function fieldChanges(board: Board, frame: Frame, patch: Record<string, unknown>): { field: string; word: string; from: string; to: string }[] {
  const out: { field: string; word: string; from: string; to: string }[] = [];
  for (const field of Object.keys(FIELD_WORDS)) {
    if (!(field in patch) || patch[field] === undefined) continue;
    const before = (frame as Record<string, unknown>)[field];
    const after = field === "continuity" ? { ...frame.continuity, ...(patch[field] as object) } : patch[field];
    if (JSON.stringify(before) === JSON.stringify(after)) continue;
    out.push({ field, word: FIELD_WORDS[field]!, from: fieldValue(board, field, before), to: fieldValue(board, field, after) });
  }
  return out;
}

/** What a new frame shows first: its title, else its action, else its camera. */
function newFrameWords(command: Extract<Command, { type: "add_frame" }>): string {
  const f = command.frame;
  const words = quote(f.title ?? "") || quote(f.action ?? "");
  const extras = [f.camera, typeof f.durationSec === "number" ? `${f.durationSec} s` : ""].filter(Boolean).join(", ");
  return [words, extras].filter(Boolean).join(" · ") || "untitled";
}

/**
 * One command in a director's words, read against the board it would apply
 * to: "Shot 3: camera MS → CU", "New shot after shot 2: “Barista smiles”",
 * "Remove shot 4 “The door”". Never an id. `board` is the board as people
 * see it (shot labels come from it), `shadow` the board with the proposal's
 * earlier changes (old values come from it).
 */
export function summarize(board: Board, command: Command, shadow: Board = board): string {
  const shotOf = shotNamer(board, shadow);
  switch (command.type) {
    case "add_frame": {
      const where = command.after === undefined ? "at the end" : command.after === null ? "at the start" : `after ${shotOf(command.after)}`;
      return `New shot ${where}: ${newFrameWords(command)}`;
    }
    case "update_frame": {
      const frame = shadow.frames.find((f) => f.id === command.id);
      const label = capital(shotOf(command.id));
      if (!frame) return `${label}: changed`;
      const changes = fieldChanges(shadow, frame, command.patch);
      if (changes.length === 0) return `${label}: no visible change`;
      return `${label}: ${changes.map((c) => `${c.word} ${c.from} → ${c.to}`).join("; ")}`;
    }
    case "remove_frame": {
      const onBoard = board.frames.some((f) => f.id === command.id);
      const title = onBoard ? quote(board.frames.find((f) => f.id === command.id)?.title ?? "") : "";
      return `Remove ${shotOf(command.id)}${title ? ` ${title}` : ""}`;
    }
    case "move_frame":
      return command.after === null ? `Move ${shotOf(command.id)} to the start` : `Move ${shotOf(command.id)} after ${shotOf(command.after)}`;
    case "set_script":
      if (!command.text.trim()) return "Clear the script";
      return shadow.script.text.trim() ? "Rewrite the script" : "Write the script";
    case "set_plan":
      return command.beats.length === 0 ? "Clear the beat plan" : `Beat plan: ${command.beats.length} beat${command.beats.length === 1 ? "" : "s"}`;
    case "upsert_asset": {
      const had = shadow.assets.some((a) => a.id === command.asset.id);
      const noun = command.asset.kind === "style" ? "look" : command.asset.kind;
      return `${had ? "Change" : "New"} ${noun}: ${command.asset.name.trim() || "unnamed"}`;
    }
    case "remove_asset": {
      const a = shadow.assets.find((x) => x.id === command.id);
      return a ? `Remove ${a.kind === "style" ? "look" : a.kind} ${a.name.trim() || "unnamed"}` : "Remove a cast entry";
    }
    case "set_format": {
      const to = [command.aspect, command.fps ? `${command.fps} fps` : ""].filter(Boolean).join(" at ");
      return `Format: ${shadow.format.aspect} → ${to}`;
    }
    default:
      return "Change the board";
  }
}

/** The frame a command is about, for the ghost on its card. */
export function frameOf(command: Command): string | null {
  switch (command.type) {
    case "add_frame":
      return command.frame.id;
    case "update_frame":
    case "remove_frame":
    case "move_frame":
      return command.id;
    default:
      return null;
  }
}

// ---- building a proposal -------------------------------------------------

function attempt(board: Board, command: Command): { ok: true; event: SimpleEvent; board: Board } | { ok: false; reason: string } {
  const verdict = validateCommand(board, command, AGENT);
  if (!verdict.ok) return verdict;
  // validateCommand only ever returns simple events for a command.
  const event = verdict.event as SimpleEvent;
  try {
    return { ok: true, event, board: applyEvent(board, event) };
  } catch (err) {
    if (err instanceof BoardConflict) return { ok: false, reason: err.message };
    throw err;
  }
}

/** The board as it would be with every pending change that still fits applied: what the next change is checked against. */
export function boardWith(board: Board, changes: ProposalChange[]): Board {
  let b = board;
  for (const c of changes) {
    const out = attempt(b, c.command);
    if (out.ok) b = out.board;
  }
  return b;
}

export function newProposal(id: string, runId: string, by: Proposal["by"], createdAt: string): Proposal {
  return { id, runId, changes: [], status: "drafting", by, createdAt };
}

/**
 * Adds one command of a run to its proposal, checked against the board as it
 * would be with the proposal so far (the run may change a shot it proposed).
 * Returns the proposal with the change, or the reason it is refused.
 */
export function propose(
  board: Board,
  proposal: Proposal,
  input: unknown,
): { ok: true; proposal: Proposal; change: ProposalChange } | { ok: false; reason: string } {
  if (proposal.status !== "drafting") return { ok: false, reason: "the proposal is no longer being written" };
  if (proposal.changes.length >= MAX_PROPOSAL_CHANGES) return { ok: false, reason: `a proposal holds at most ${MAX_PROPOSAL_CHANGES} changes` };
  const parsed = Command.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { ok: false, reason: issue ? `${issue.path.join(".") || "command"}: ${issue.message}` : "invalid command" };
  }
  const before = boardWith(board, proposal.changes);
  const out = attempt(before, parsed.data);
  if (!out.ok) return out;
  const n = proposal.changes.reduce((max, c) => Math.max(max, Number(c.id.slice(1)) || 0), proposal.changes.length) + 1;
  const change: ProposalChange = { id: `c${n}`, command: parsed.data, frameId: frameOf(parsed.data), summary: summarize(board, parsed.data, before) };
  const next = { ...proposal, changes: [...proposal.changes, change] };
  if (JSON.stringify(next).length > MAX_PROPOSAL_BYTES) return { ok: false, reason: "the proposal is too large to hold another change" };
  return { ok: true, proposal: next, change };
}

/** The status a proposal takes when its run ends: open with changes to decide, decided with none. */
export function finishDrafting(proposal: Proposal): Proposal {
  if (proposal.status !== "drafting") return proposal;
  return { ...proposal, status: proposal.changes.length ? "open" : "decided" };
}

/** The run's closing words, counted from the proposal: "Proposed 2 changes: …". */
export function proposedWords(proposal: Proposal): string {
  const n = proposal.changes.length;
  if (n === 0) return "Proposed no changes: the board stays as it is.";
  const head = `**Proposed ${n} change${n === 1 ? "" : "s"}** (nothing changes on the board until someone accepts them):`;
  return [head, ...proposal.changes.map((c) => `- ${c.summary}`)].join("\n");
}

// ---- deciding ------------------------------------------------------------

/** Why an accepted change no longer fits the board it meets now, in words. */
function notFitting(board: Board, change: ProposalChange, proposal: Proposal, accepted: Set<string>, reason: string): string {
  const cmd = change.command;
  const onBoard = (id: string) => board.frames.some((f) => f.id === id);
  const proposedNew = (id: string) => proposal.changes.some((c) => c.command.type === "add_frame" && c.command.frame.id === id);
  const missingShot = (id: string) =>
    proposedNew(id) && !accepted.has(proposal.changes.find((c) => c.command.type === "add_frame" && c.command.frame.id === id)!.id)
      ? "the new shot it is about was not accepted"
      : proposedNew(id)
        ? "the new shot it is about could not be added"
        : "that shot is no longer on the board";
  if ((cmd.type === "update_frame" || cmd.type === "remove_frame" || cmd.type === "move_frame") && !onBoard(cmd.id)) return missingShot(cmd.id);
  if (cmd.type === "add_frame" && onBoard(cmd.frame.id)) return "that shot is already on the board";
  if ((cmd.type === "add_frame" || cmd.type === "move_frame") && typeof cmd.after === "string" && !onBoard(cmd.after))
    return cmd.type === "add_frame" ? `the shot it was to follow is gone (${missingShot(cmd.after)})` : "the shot it was to follow is no longer on the board";
  if (/^no beat/.test(reason)) return "its beat is no longer in the plan";
  if (/asset/.test(reason)) return "a cast member, place or prop it names is no longer on the board";
  if (/patch changes nothing/.test(reason)) return "it changes nothing";
  if (/at most/.test(reason)) return "the board is full";
  if (/already/.test(reason)) return "the board already shows it";
  return "the board has changed since it was proposed";
}

export type Decision =
  | { ok: false; code: "invalid_request" | "conflict"; reason: string }
  | {
      ok: true;
      /** One event for everything accepted that still fits, or null when nothing applies. */
      event: EventBody | null;
      applied: ProposalChange[];
      notApplied: NotApplied[];
      rejected: ProposalChange[];
      proposal: Proposal;
    };

/**
 * Accepts some changes and rejects others. Accepted changes are checked in
 * the proposal's order against the board as it is now (each after the ones
 * before it) and applied together as one restore event, so one undo takes
 * the decision back; a change that no longer fits is reported in words and
 * not forced. Decided changes leave the proposal; when none are left it is
 * "decided".
 */
export function decide(board: Board, proposal: Proposal, accept: string[], reject: string[], proposalId = proposal.id): Decision {
  if (proposal.status === "decided") return { ok: false, code: "conflict", reason: "Everything in that proposal was already decided." };
  if (proposal.status === "drafting") return { ok: false, code: "conflict", reason: "The agent is still writing that proposal; decide once it has finished." };
  if (accept.length === 0 && reject.length === 0) return { ok: false, code: "invalid_request", reason: "Choose at least one change to accept or reject." };
  const both = accept.find((id) => reject.includes(id));
  if (both) return { ok: false, code: "invalid_request", reason: "A change cannot be both accepted and rejected." };
  const pending = new Set(proposal.changes.map((c) => c.id));
  const unknown = [...accept, ...reject].find((id) => !pending.has(id));
  if (unknown) return { ok: false, code: "conflict", reason: "One of those changes was already decided, or is not in this proposal." };

  const accepted = new Set(accept);
  const rejectedSet = new Set(reject);
  let b = board;
  const steps: SimpleEvent[] = [];
  const applied: ProposalChange[] = [];
  const notApplied: NotApplied[] = [];
  for (const change of proposal.changes) {
    if (!accepted.has(change.id)) continue;
    const out = attempt(b, change.command);
    if (out.ok) {
      steps.push(out.event);
      applied.push(change);
      b = out.board;
    } else {
      notApplied.push({ id: change.id, summary: change.summary, reason: notFitting(b, change, proposal, accepted, out.reason) });
    }
  }
  const changes = proposal.changes.filter((c) => !accepted.has(c.id) && !rejectedSet.has(c.id));
  return {
    ok: true,
    event: steps.length ? { kind: "restore", data: { cause: { type: "proposal", proposalId }, steps } } : null,
    applied,
    notApplied,
    rejected: proposal.changes.filter((c) => rejectedSet.has(c.id)),
    proposal: { ...proposal, changes, status: changes.length ? "open" : "decided" },
  };
}

/** What a decision did, in words for the person who made it. */
export function decisionWords(result: Pick<DecideResult, "applied" | "notApplied" | "rejected">): string {
  const parts: string[] = [];
  const n = result.applied.length;
  if (n) parts.push(`Applied ${n} change${n === 1 ? "" : "s"} as one step.`);
  if (result.rejected.length) parts.push(`Dropped ${result.rejected.length}.`);
  for (const na of result.notApplied) parts.push(`Not applied: ${na.summary} (${na.reason}).`);
  return parts.join(" ");
}
