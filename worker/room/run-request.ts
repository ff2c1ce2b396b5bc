// What a run is asked (CONTRACT 6, 9): a request, the chat and the board
// become the prompt, the history the model sees, the scope, the notes it is
// given, and what it replaces (the messages it hides, the runs whose board
// changes it reverts first). Pure: the orchestrator stores and broadcasts.
import { type Board, shotLabel } from "../domain/board";
import type { ChatMessage } from "../domain/chat";
import { checkContinuity } from "../domain/continuity";
import type { Redactor } from "../domain/agent/redact";
import type { NoteRecord } from "../agent/provider";
import type { RunRecord } from "./run-record";

/** Chat turns read to build a prompt: the budget keeps only recent ones anyway. */
export const HISTORY_TURNS = 60;

export type StartRequest =
  /** `notes`: an "apply the notes" run, given these notes as records (CONTRACT 14). */
  | { kind: "send"; text: string; scope?: string[]; notes?: NoteRecord[] }
  | { kind: "regenerate" }
  | { kind: "edit"; messageId: string; text: string }
  | { kind: "continue" };

/** What a continuation asks of the model: the cut-off answer is in the history just before it. */
export const CONTINUE_PROMPT =
  "Continue your previous answer exactly where it stopped. Do not repeat prose or tags you already wrote; finish the tag you were writing from its start.";

/** What the request needs to know about the room, read before anything changes. */
export interface RequestContext {
  board: Board;
  /** The recent chat, oldest first, without superseded messages. */
  recent: ChatMessage[];
  lastUser: ChatMessage | null;
  latestRunId: string | null;
  runOf(runId: string): RunRecord | null;
  /** Whether a person changed, since that run, shots it touched. */
  editedSince(runId: string): boolean;
  user: { id: string; name: string };
  redact: Redactor;
  runId: string;
  newMessageId(): string;
  at: string;
}

export interface RunPlan {
  /** The person's words as typed (the offline agent reads them directly). */
  latest: string;
  /** The latest message as the model reads it, with its context. */
  prompt: string;
  history: ChatMessage[];
  scope?: string[];
  notes?: NoteRecord[];
  /** Commands the chain being continued already applied: not applied again. */
  seed: string[];
  userMessage?: ChatMessage;
  /** Messages hidden (`supersededBy`) by this run. */
  replaced: ChatMessage[];
  /** Runs whose board changes are reverted before this one starts, newest first. */
  reverts: string[];
}

export type Refusal = { ok: false; code: string; message: string };
const refuse = (code: string, message: string): Refusal => ({ ok: false, code, message });

function shotOf(board: Board, frameId: string): string {
  const i = board.frames.findIndex((f) => f.id === frameId);
  return i < 0 ? "that is no longer on the board" : shotLabel(board.frames[i]!, i);
}

/** "2", "2 and 5", "2, 3 and 5". */
function listOf(items: string[]): string {
  return items.length < 2 ? (items[0] ?? "") : `${items.slice(0, -1).join(", ")} and ${items.at(-1)}`;
}

/**
 * What the model needs beside the person's words: the shots a scoped message
 * may change, and, when the person asks about continuity, what the shared
 * continuity check finds on the board now (so "fix continuity" works with
 * any model, not only the offline one).
 */
export function withContext(prompt: string, board: Board, scope?: string[]): string {
  let out = prompt;
  if (scope) out += `\n\n(Only shots ${scope.map((id) => shotOf(board, id)).join(", ")} may change.)`;
  if (/\bcontinuity\b/i.test(prompt)) {
    const issues = checkContinuity(board);
    out += issues.length
      ? `\n\nContinuity issues on the board now:\n${issues.map((i) => `- ${i.message}`).join("\n")}`
      : "\n\nThe continuity check finds no issues on the board now.";
  }
  return out;
}

/** The person's "apply the notes" request in words, as the chat shows it: "Apply 3 notes on shots 2 and 5". */
export function notesRequestText(notes: readonly NoteRecord[], board: Board, text = ""): string {
  const shots = [...new Set(board.frames.flatMap((f, i) => (notes.some((n) => n.frameId === f.id) ? [shotLabel(f, i)] : [])))];
  const count = notes.length === 1 ? "1 note" : `${notes.length} notes`;
  const on = shots.length === 1 ? `shot ${shots[0]}` : `shots ${listOf(shots)}`;
  const own = text.trim();
  return `Apply ${count} on ${on}${own ? `: ${own}` : ""}`;
}

/**
 * The notes as the model reads them: one line each with its comment id, to
 * write back in `<resolve comment="…"/>`, and its frame id, which tells two
 * shots with the same label apart.
 */
export function notesPrompt(notes: readonly NoteRecord[], board: Board, text = ""): string {
  const lines = notes.map((n) => `- comment ${n.commentId} on frame ${n.frameId} (shot ${shotOf(board, n.frameId)}): ${n.text.replace(/\s+/g, " ").trim()}`);
  const ask = text.trim() || "Apply these notes.";
  return `${ask}\nCarry out each note below on its frame; after the changes a note asked for, write <resolve comment="ID"/> with that note's comment id. Say which notes you left and why, naming them by shot and words, never by id.\n${lines.join("\n")}`;
}

/**
 * Reads a request against the chat and the board: a new message (`send`,
 * optionally scoped, optionally carrying notes), the last message answered
 * again (`regenerate`), the last message edited and answered again
 * (`edit`), or a cut-off answer continued (`continue`).
 */
export function planRun(request: StartRequest, ctx: RequestContext): { ok: true; plan: RunPlan } | Refusal {
  switch (request.kind) {
    case "send":
      return planSend(request, ctx);
    case "regenerate":
    case "edit":
      return planAgain(request, ctx);
    case "continue":
      return planContinue(ctx);
  }
}

function planSend(request: Extract<StartRequest, { kind: "send" }>, ctx: RequestContext): { ok: true; plan: RunPlan } | Refusal {
  const { board } = ctx;
  let scope: string[] | undefined;
  if (request.scope) {
    const missing = request.scope.find((id) => !board.frames.some((f) => f.id === id));
    if (missing) return refuse("invalid_request", "One of the chosen shots is no longer on the board.");
    scope = [...new Set(request.scope)];
  }
  const notes = request.notes?.length ? request.notes : undefined;
  const shown = notes ? notesRequestText(notes, board, request.text) : request.text;
  const latest = notes ? notesPrompt(notes, board, request.text) : request.text;
  // A pasted key must not end up in the chat history.
  const userMessage: ChatMessage = {
    id: ctx.newMessageId(),
    role: "user",
    text: ctx.redact(shown),
    author: ctx.user,
    ...(scope ? { scope: { frameIds: scope } } : {}),
    createdAt: ctx.at,
  };
  return {
    ok: true,
    plan: {
      latest: request.text,
      prompt: withContext(latest, board, scope),
      history: ctx.recent,
      ...(scope ? { scope } : {}),
      ...(notes ? { notes } : {}),
      seed: [],
      userMessage,
      replaced: [],
      reverts: [],
    },
  };
}

function planAgain(request: Extract<StartRequest, { kind: "regenerate" | "edit" }>, ctx: RequestContext): { ok: true; plan: RunPlan } | Refusal {
  const { lastUser, recent } = ctx;
  if (!lastUser) return refuse("not_found", "There is no message to answer again.");
  const replaced: ChatMessage[] = [];
  let text = lastUser.text;
  let userMessage: ChatMessage | undefined;
  if (request.kind === "edit") {
    if (request.messageId !== lastUser.id) return refuse("conflict", "Only the last message can be edited.");
    if (lastUser.author.id !== ctx.user.id) return refuse("forbidden", "Only its author can edit a message.");
    text = request.text;
    userMessage = { ...lastUser, id: ctx.newMessageId(), text: ctx.redact(request.text), createdAt: ctx.at };
    replaced.push({ ...lastUser, supersededBy: userMessage.id });
  }
  const scope = lastUser.scope?.frameIds;
  const asked = recent.findIndex((m) => m.id === lastUser.id);
  // The answer being replaced: every assistant message after the last user message.
  const after = recent.slice(asked + 1).filter((m) => m.role === "assistant");
  for (const m of after) replaced.push({ ...m, supersededBy: ctx.runId });
  // Every run that answered it (a cut-off answer and its continuations), newest first, or the
  // last run when it ended with no message at all.
  const reverts = [...new Set(after.map((m) => m.runId).filter((id): id is string => !!id))].reverse();
  if (reverts.length === 0 && ctx.latestRunId) reverts.push(ctx.latestRunId);
  // Reverting would silently drop what a person changed on those frames since: ask instead.
  if (reverts.some((id) => ctx.editedSince(id))) {
    return refuse("conflict", "Someone has changed shots that answer made since; undo its changes from the answer, or send a new message instead.");
  }
  return {
    ok: true,
    plan: {
      latest: text,
      prompt: withContext(text, ctx.board, scope),
      // Answering again: the question is not part of its own history.
      history: recent.slice(0, asked),
      ...(scope ? { scope } : {}),
      seed: [],
      ...(userMessage ? { userMessage } : {}),
      replaced,
      reverts,
    },
  };
}

function planContinue(ctx: RequestContext): { ok: true; plan: RunPlan } | Refusal {
  const { recent } = ctx;
  const last = recent.at(-1);
  if (last?.role !== "assistant" || !last.cutOff || !last.runId) return refuse("conflict", "Only an answer the model cut off can be continued.");
  // The chain of cut-off answers back to the person's message: nothing any of them applied is applied again.
  const answered = recent.slice(recent.findLastIndex((m) => m.role === "user") + 1).filter((m) => m.role === "assistant" && m.runId);
  const chain = answered.map((m) => ctx.runOf(m.runId!)).filter((r): r is RunRecord => r !== null);
  const seed = chain.flatMap((r) => r.trace.commands.filter((c) => c.status === "applied" && c.command !== undefined).map((c) => JSON.stringify(c.command)));
  const previous = chain.at(-1);
  const scope = previous?.scope;
  // The model must see what it wrote, tags included, to go on from there: its raw output, not the prose shown.
  const history = previous?.trace.raw ? [...recent.slice(0, -1), { ...last, text: previous.trace.raw }] : recent;
  return {
    ok: true,
    plan: {
      latest: CONTINUE_PROMPT,
      prompt: withContext(CONTINUE_PROMPT, ctx.board, scope),
      history,
      ...(scope ? { scope } : {}),
      seed,
      replaced: [],
      reverts: [],
    },
  };
}
