// The offline demo agent (AGENT_PROVIDER=offline, the default): no key, no
// network. It splits the person's message into instructions, understands
// each, plans the board commands, applies them to a working copy with the
// same parser and `tryCommand` the room uses, and writes its answer from what
// applied, in the tag grammar a model would use, streamed at a readable pace.
// Deterministic: the same message on the same board and variant gives the
// same answer; Regenerate asks for the next variant, a different take.
// How an instruction flows, and how to add a phrasing or an intent, is told
// in ./offline/intents/index.ts.
import { type Board, shotLabel } from "../domain/board";
import { looksLikeScreenplay } from "../domain/screenplay";
import { breakDown } from "./offline/breakdown";
import { fixContinuity } from "./offline/continuity";
import { Draft } from "./offline/draft";
import { storyboardIdea } from "./offline/idea";
import type { EditState, Intent, Outcome } from "./offline/intent";
import { carryOut, leadingVerb, understand } from "./offline/intents";
import { HELP, writeReply } from "./offline/reply";
import { syncShotList } from "./offline/shotlist";
import { splitInstruction } from "./offline/split";
import { esc, secs } from "./offline/text";
import { runningTime } from "./offline/timing";
import { type AgentProvider, type AgentRequest, type NoteRecord, sleep } from "./provider";

/** "start over: a 20-second promo for a bike shop" replaces what the board has. */
const START_OVER =
  /^\s*(?:please\s+)?(?:start\s+(?:over|again|afresh)|from\s+scratch|new\s+storyboard|replace\s+(?:it|everything|the\s+(?:board|storyboard))(?:\s+with)?|scrap\s+(?:it|this|everything)(?:\s+and\s+do)?)\b\s*(?:with|:|,|-|–)?\s*/i;
/** A request for a new storyboard, whatever the board holds. */
const IDEA =
  /^\s*(?:please\s+)?(?:(?:make|create|write|storyboard|give\s+me|do|draft|plan|pitch|let'?s\s+(?:do|make))\s+(?:me\s+|us\s+)?)?(?:a|an|one)\s+(?:new\s+)?(?:[\w-]+\s+){0,4}?(?:ad|advert|advertisement|commercial|spot|video|film|short|episode|story|promo|trailer|reel|teaser|clip|explainer|storyboard)\b/i;

const EXPLICIT_SHOT = /\b(?:shots?|frames?)\s*#?\d|\b(?:first|last|final|opening|closing)\s+(?:shot|frame)/;

export interface OfflineOptions {
  /** A scoped message may change only these frames; additions go after the last of them (CONTRACT 6). */
  scope?: readonly string[];
  /** Whether the person asking owns the project: only an owner is told how to connect a model. */
  owner?: boolean;
  /** 0 for the first answer, n for the nth Regenerate: a storyboard laid out again takes another approach. */
  variant?: number;
  /** An "apply the notes" run: the notes as records, each acted on by its frame id (CONTRACT 14). */
  notes?: readonly NoteRecord[];
}

const isUnknown = (i: Intent) => i.kind === "decline" && i.unread === true;

function clearBoard(draft: Draft, outcomes: Outcome[], what: string, assets: boolean): void {
  const tags: string[] = [];
  const frames = draft.board.frames.length;
  // One command for every frame: the room holds what follows it back and places the new board whole (CONTRACT 14).
  if (frames) {
    const r = draft.apply("<clear/>");
    if (r.ok) tags.push(r.tag);
    else outcomes.push({ kind: "not_done", what, why: `the shots could not be cleared: ${r.reason}`, model: false });
  }
  const before = draft.board.assets.length;
  if (assets) {
    for (const a of [...draft.board.assets]) {
      const r = draft.apply(`<asset op="remove" id="${esc(a.id)}"/>`);
      if (r.ok) tags.push(r.tag);
    }
  }
  const gone = before - draft.board.assets.length;
  if (tags.length)
    outcomes.push({
      kind: "done",
      text: `Cleared the board to start over: ${frames} shot${frames === 1 ? "" : "s"}${gone ? ` and ${gone} asset${gone === 1 ? "" : "s"}` : ""} (undo this answer to bring them back).`,
      tags,
    });
}

/** The whole answer to one message on one board, tags included. */
export function offlineAnswer(text: string, board: Board, opts: OfflineOptions = {}): string {
  const message = text.trim();
  if (!message && !opts.notes?.length) return HELP;
  const draft = new Draft(board, opts.scope ? new Set(opts.scope) : null);
  const state: EditState = { draft, lastFrames: [], framesChanged: false };
  const outcomes: Outcome[] = [];
  const intros: string[] = [];
  let help = false;
  let laidOut = false;
  let closing: string | null = null;

  const runBreakdown = (source: string, replace: boolean, what: string) => {
    if (draft.board.frames.length && !replace) {
      outcomes.push({
        kind: "not_done",
        what,
        why: `the board already has ${draft.board.frames.length} shots; say "storyboard the script from scratch" to replace them with the script's shots`,
        model: false,
      });
      return;
    }
    if (replace) clearBoard(draft, outcomes, what, false);
    const r = breakDown(source, draft, opts.variant ?? 0);
    if ("why" in r) {
      outcomes.push({ kind: "not_done", what, why: r.why, model: false });
      return;
    }
    intros.push(r.intro);
    outcomes.push(...r.outcomes);
    laidOut = true;
    state.framesChanged = true;
  };

  // A screenplay pasted into the chat goes to the script panel and is broken down.
  if (message.split("\n").length >= 3 && looksLikeScreenplay(message)) {
    const r = draft.apply(`<script>${esc(message)}</script>`);
    if (r.ok) outcomes.push({ kind: "done", text: "I put your screenplay in the script panel.", tags: [r.tag] });
    else outcomes.push({ kind: "not_done", what: "the screenplay", why: r.reason, model: false });
    if (r.ok) runBreakdown(message, false, "storyboard the screenplay");
    return finish();
  }

  if (opts.notes?.length) {
    for (const note of opts.notes) applyNote(note);
    return finish();
  }

  const clauses = splitInstruction(message);
  let previousVerb: string | null = null;
  for (let i = 0; i < clauses.length; i++) {
    const clause = clauses[i]!;
    const intent = understand(clause, { board: draft.board, hasIt: state.lastFrames.length > 0, scoped: draft.scope !== null }, previousVerb);
    previousVerb = leadingVerb(clause) ?? previousVerb;
    if (intent.kind === "help") {
      help = true;
      continue;
    }
    if (intent.kind === "breakdown") {
      runBreakdown(draft.board.script.text, intent.replace, intent.source);
      continue;
    }
    if (intent.kind === "continuity") {
      outcomes.push(...fixContinuity(intent.source, state));
      continue;
    }
    const replace = START_OVER.test(clause.text);
    // On an empty board, "a 30-second ad for a coffee shop" is an idea, not a change of length.
    const empty = draft.board.frames.length === 0 && !laidOut;
    const vague = (intent.kind === "modify" || intent.kind === "retime") && !EXPLICIT_SHOT.test(clause.masked);
    if (!laidOut && (replace || IDEA.test(clause.text) || (empty && (isUnknown(intent) || vague)))) {
      // The idea may go on over the next clauses ("… coffee shop. Mia is the barista.").
      let idea = clause.text.replace(START_OVER, "");
      while (i + 1 < clauses.length) {
        const next = understand(clauses[i + 1]!, { board: draft.board, hasIt: false, scoped: draft.scope !== null });
        if (!isUnknown(next) && !(next.kind === "retime" || (next.kind === "modify" && !EXPLICIT_SHOT.test(clauses[i + 1]!.masked)))) break;
        idea += `. ${clauses[++i]!.text}`;
      }
      if (idea.trim().length < 4) {
        outcomes.push({
          kind: "not_done",
          what: clause.text,
          why: 'tell me the idea to storyboard, for example "start over: a 20-second promo for a bike shop"',
          model: false,
        });
        continue;
      }
      if (draft.board.frames.length && !replace) {
        outcomes.push({
          kind: "not_done",
          what: idea,
          why: `the board already has ${draft.board.frames.length} shots; to replace them with a storyboard of this idea say "start over: ${idea}", or add shots one by one ("add a shot at the end: …")`,
          model: false,
        });
        continue;
      }
      if (replace && (draft.board.frames.length || draft.board.assets.length)) clearBoard(draft, outcomes, clause.text, true);
      const r = storyboardIdea(idea, draft, opts.variant ?? 0);
      intros.push(r.intro);
      outcomes.push(...r.outcomes);
      laidOut = true;
      closing = `Ask me to change any of it, for example "make shot 3 a close-up", "add a shot after 2: ${r.example}", "make it vertical" or "make it 20 seconds"; say "help" for everything I do offline.`;
      continue;
    }
    outcomes.push(...carryOut(intent, state));
  }
  return finish();

  /**
   * One note: its words are an ordinary instruction about its shot ("it" is
   * that shot). When it changed something the note is resolved after the
   * change's tags; otherwise the answer says it was left, and why.
   */
  function applyNote({ commentId, frameId, text: note }: NoteRecord): void {
    const index = draft.board.frames.findIndex((f) => f.id === frameId);
    const frame = draft.board.frames[index];
    if (!frame) {
      outcomes.push({ kind: "not_done", what: `the note "${note}"`, why: "left open: its shot is no longer on the board", model: false });
      return;
    }
    const what = `the note on shot ${shotLabel(frame, index)} ("${note}")`;
    const mine: Outcome[] = [];
    let previous: string | null = null;
    for (const clause of splitInstruction(note)) {
      state.lastFrames = [frame.id];
      const intent = understand(clause, { board: draft.board, hasIt: true, scoped: draft.scope !== null }, previous);
      previous = leadingVerb(clause) ?? previous;
      if (intent.kind === "help" || intent.kind === "breakdown") {
        mine.push({ kind: "not_done", what: clause.text, why: "that is not a change to this shot", model: false });
        continue;
      }
      mine.push(...(intent.kind === "continuity" ? fixContinuity(intent.source, state) : carryOut(intent, state)));
    }
    const last = mine.findLast((o): o is Extract<Outcome, { kind: "done" }> => o.kind === "done" && o.tags.length > 0);
    if (last) {
      last.tags = [...last.tags, `<resolve comment="${esc(commentId)}"/>`];
      outcomes.push(...mine);
      return;
    }
    const missed = mine.find((o): o is Extract<Outcome, { kind: "not_done" }> => o.kind === "not_done");
    outcomes.push(...mine.filter((o) => o.kind === "note"));
    outcomes.push({
      kind: "not_done",
      what,
      why: `left open: ${missed?.why || "I could not turn it into a change to that shot offline"}`,
      model: missed?.model ?? true,
    });
  }

  function finish(): string {
    // The script's generated shot list follows the board.
    if (state.framesChanged) {
      const synced = syncShotList(draft.board.script.text, draft.board);
      if (synced !== null) {
        const r = draft.apply(`<script>${esc(synced)}</script>`);
        if (r.ok) outcomes.push({ kind: "done", text: "The shot list in the script now matches the board.", tags: [r.tag] });
        else outcomes.push({ kind: "not_done", what: "the script's shot list", why: r.reason, model: false });
      }
    }
    const frames = draft.board.frames;
    let summary: string | undefined;
    const changedShots = state.framesChanged || laidOut || frames.length !== board.frames.length;
    if (changedShots && frames.length) {
      const total = runningTime(frames.map((f) => f.durationSec));
      const before = runningTime(board.frames.map((f) => f.durationSec));
      const asked = /^Credit: A (\d+(?:\.\d+)?)-second\b/m.exec(draft.board.script.text);
      const target = asked ? Number(asked[1]) : null;
      summary = `Now ${frames.length} shot${frames.length === 1 ? "" : "s"}, ${secs(total)} in all${!laidOut && board.frames.length && before !== total ? ` (was ${secs(before)})` : ""}.`;
      if (target !== null && target !== total && before !== total && !laidOut)
        summary += ` The script calls for ${secs(target)}: say "make it ${target} seconds" to retime every shot to fit.`;
      if (closing) summary += ` ${closing}`;
    }
    const body = writeReply({ outcomes, summary, owner: opts.owner ?? false });
    const parts = [...intros.map(esc), body].filter(Boolean);
    if (help || !parts.length) parts.push(esc(HELP));
    return parts.join("\n\n");
  }
}

/** Splits the answer into model-like pieces: short runs of characters, a steady beat; longer answers take bigger pieces. */
export function chunk(answer: string, scale = 1): string[] {
  const out: string[] = [];
  const sizes = [7, 13, 5, 17, 11, 9, 19, 6].map((n) => n * Math.max(1, Math.floor(scale)));
  for (let i = 0, k = 0; i < answer.length; k++) {
    const n = sizes[k % sizes.length]!;
    out.push(answer.slice(i, i + n));
    i += n;
  }
  return out;
}

/** What the room may pass besides the message: the frames a scoped message is about. */
export type OfflineRequest = AgentRequest & { scope?: { frameIds: readonly string[] } };

/** Answers up to this long stream at the configured pace; longer ones (a long screenplay) in bigger pieces. */
const STEADY_CHARS = 20_000;

export class OfflineAgent implements AgentProvider {
  readonly name = "offline";
  readonly model = "offline-demo";

  /** @param paceMs delay between chunks: about 80 characters a second by default, like a fast model. */
  constructor(private readonly paceMs = 12) {}

  async *stream(req: OfflineRequest): AsyncIterable<string> {
    const answer = offlineAnswer(req.latest, req.board, {
      ...(req.scope ? { scope: req.scope.frameIds } : {}),
      owner: req.owner ?? false,
      variant: req.variant ?? 0,
      ...(req.notes ? { notes: req.notes } : {}),
    });
    for (const piece of chunk(answer, Math.ceil(answer.length / STEADY_CHARS))) {
      await sleep(this.paceMs, req.signal);
      yield piece;
    }
  }
}
