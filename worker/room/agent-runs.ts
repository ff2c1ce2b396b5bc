// Agent runs inside an episode room (CONTRACT 6): one at a time; the answer
// streams to every socket as partial_result while each closed tag goes
// through the room's one mutation path; Stop aborts the provider request;
// a stopped or failed run keeps its prose as a truncated message; every run
// leaves a redacted trace. A run does not belong to a socket: it goes on
// when the sender's tab closes, and one cut short by a room restart is
// marked failed when the room loads again.
import type { ChatMessage, RunStatus } from "../domain/chat";
import type { ServerPayload, ServerType } from "../domain/protocol";
import { type Board, shotLabel } from "../domain/board";
import { checkContinuity } from "../domain/continuity";
import { capJsonText, jsonBytes, MAX_STORED_BYTES } from "./storage-limits";
import { TagStreamParser, type ParseEvent } from "../domain/agent/tag-parser";
import { buildPrompt, type PromptMessage } from "../domain/agent/prompt";
import { RedactingStream, type Redactor, redactDeep } from "../domain/agent/redact";
import { type AgentProvider, ProviderError } from "../agent/provider";
import { type Asker, answersTo, withExtras } from "../agent/request-extras";

export type { ChatMessage, RunStatus };
import { newId } from "../ids";
import type { RoomCore } from "./room-core";

/**
 * Prose a run may stream, measured as stored (inside JSON, escapes included):
 * beyond it the answer is cut with a marker, so its message row stays well
 * under 1 MiB whatever characters the model sends.
 */
export const PROSE_CAP_BYTES = 512 * 1024;
/** The raw output kept in a trace, measured the same way, cut with a marker beyond it. */
export const RAW_CAP_BYTES = 256 * 1024;
/** The prompt kept in a trace, each message measured the same way. */
export const PROMPT_CAP_BYTES = 64 * 1024;
/** Chat turns read to build a prompt: the budget keeps only recent ones anyway. */
export const HISTORY_TURNS = 60;

export interface TraceEntry {
  atMs: number;
  tag: string;
  /** "proposed": the run was sent as "suggest", and the command joined its proposal instead of the board. */
  status: "applied" | "rejected" | "duplicate" | "proposed";
  command?: unknown;
  reason?: string;
  seq?: number;
}

export interface Trace {
  runId: string;
  provider: string;
  model: string;
  prompt: PromptMessage[];
  promptTokens: number;
  trimmed: { chatTurnsDropped: number; boardDetail: string };
  raw: string;
  commands: TraceEntry[];
  timings: { startedAt: string; firstTokenMs?: number; totalMs?: number };
  error?: { kind: string; message: string; retryable: boolean };
}

export interface RunRecord {
  id: string;
  /** Who asked: jobs the run starts are theirs. */
  userId: string;
  status: RunStatus;
  prose: string;
  trace: Trace;
  reason?: string;
  retryable?: boolean;
  /** The model stopped at its length limit. */
  cutOff?: boolean;
  /** The frames a scoped run could change. */
  scope?: string[];
}

/** A run as stored in its own row: prose and trace entries have rows of their own, so no row grows with the run. */
export type RunHeader = Omit<RunRecord, "prose" | "trace"> & { trace: Omit<Trace, "commands"> };

/** Where the room keeps its chat and runs. Synchronous, like the room's SQLite. */
export interface ChatStore {
  transaction<T>(fn: () => T): T;
  addMessage(m: ChatMessage): void;
  messages(): ChatMessage[];
  /** The last `limit` messages, oldest first. */
  recentMessages(limit: number): ChatMessage[];
  lastUserMessage(): ChatMessage | null;
  /** Rewrites a stored message (to mark it superseded). */
  updateMessage(m: ChatMessage): void;
  /** The id of the run started last, if any. */
  latestRunId(): string | null;
  putRun(run: RunHeader): void;
  /** Appends the n-th piece of a run's streamed prose. */
  appendProse(runId: string, n: number, text: string): void;
  /** Writes (or rewrites) the n-th entry of a run's trace. */
  putTraceEntry(runId: string, n: number, entry: TraceEntry): void;
  getRun(id: string): RunRecord | null;
  unfinishedRuns(): RunRecord[];
}

export interface AgentRunsDeps {
  core: () => RoomCore;
  chat: ChatStore;
  broadcast: <T extends ServerType>(type: T, payload: ServerPayload<T>, seq?: number) => void;
  provider: () => AgentProvider;
  redact: Redactor;
  budgetTokens: number;
  /** Starts a generation job for the agent's <generate frame="…"/>. */
  generate?: (frameId: string, userId: string) => Promise<{ ok: true; jobId: string } | { ok: false; message: string }>;
  /**
   * Resolves a note the agent says it acted on (CONTRACT 9), as the agent;
   * `inScope` tells whether the run may touch the note's frame.
   */
  resolveNote?: (commentId: string, runId: string, inScope: (frameId: string) => boolean) => { ok: true } | { ok: false; reason: string };
  /**
   * A run sent as "suggest" (CONTRACT 14): its command joins the run's
   * proposal instead of the board; null when the run applies directly.
   */
  propose?: (runId: string, command: Record<string, unknown>) => { ok: true } | { ok: false; reason: string } | null;
  /** Told when a run starts and ends, for the operations metrics. */
  observe?: (runId: string, status: RunStatus) => void;
  /** Keeps the object alive while a run streams. */
  keepAlive: (p: Promise<unknown>) => void;
  now?: () => number;
}

const AGENT_AUTHOR = { id: "agent", name: "Production agent" };
const SAVE_EVERY_MS = 1000;

/** What a live run keeps beside its record: counters for its rows, whether its prose was cut, its scope. */
interface Live {
  record: RunRecord;
  controller: AbortController;
  proseParts: number;
  proseBytes: number;
  proseCut: boolean;
  /** The frames a scoped run may change; frames it adds join them. */
  scope?: Set<string>;
  /** In a notes run, the comments it was given: the only ones it may resolve. */
  notes?: Set<string>;
}

export type StartRequest =
  | { kind: "send"; text: string; scope?: string[]; notes?: string[] }
  | { kind: "regenerate" }
  | { kind: "edit"; messageId: string; text: string }
  | { kind: "continue" };

/** What a continuation asks of the model: the cut-off answer is in the history just before it. */
export const CONTINUE_PROMPT =
  "Continue your previous answer exactly where it stopped. Do not repeat prose or tags you already wrote; finish the tag you were writing from its start.";

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

function shotOf(board: Board, frameId: string): string {
  const i = board.frames.findIndex((f) => f.id === frameId);
  return i < 0 ? frameId : shotLabel(board.frames[i]!, i);
}

export class AgentRuns {
  private active: Live | null = null;
  private readonly now: () => number;

  constructor(private readonly deps: AgentRunsDeps) {
    this.now = deps.now ?? Date.now;
  }

  /** The agent as a joining tab must see it: a run in progress comes with the prose streamed so far. */
  status(): { status: RunStatus | "idle"; runId?: string; text?: string } {
    const a = this.active;
    return a ? { status: a.record.status, runId: a.record.id, text: a.record.prose } : { status: "idle" };
  }

  /** Whether a run is in progress (the room keeps itself awake for it). */
  get running(): boolean {
    return this.active !== null;
  }

  /** Who asked for the run in progress, if any: their revocation stops it. */
  get runningFor(): string | undefined {
    return this.active?.record.userId;
  }

  /**
   * Runs left unfinished by a restart are failed, with the reason in the
   * trace, their prose (exactly what clients received, since each piece was
   * stored before it was sent) kept as a truncated message.
   */
  recoverInterrupted(): string[] {
    const recovered: string[] = [];
    for (const run of this.deps.chat.unfinishedRuns()) {
      if (this.active?.record.id === run.id) continue;
      const message = "The run was interrupted when the room restarted; what it applied stays applied.";
      run.status = "failed";
      run.reason = message;
      run.retryable = true;
      run.trace.error = { kind: "interrupted", message, retryable: true };
      try {
        this.deps.chat.transaction(() => {
          this.save(run);
          if (run.prose) this.commitAssistant(run, true);
        });
      } catch (err) {
        // A run that cannot be saved whole is still marked failed: a room must always load.
        console.error(JSON.stringify({ at: "agent-runs", what: "recover", runId: run.id, error: String(err) }));
        this.deps.chat.putRun({
          id: run.id,
          userId: run.userId,
          status: "failed",
          reason: message,
          retryable: true,
          trace: { ...run.trace, raw: "", prompt: [] },
        });
      }
      this.deps.observe?.(run.id, "failed");
      recovered.push(run.id);
    }
    return recovered;
  }

  /**
   * Starts a run: a new message (`send`, optionally scoped to frames), the
   * last message answered again (`regenerate`), the last message edited and
   * answered again (`edit`), or a cut-off answer continued (`continue`). A
   * regenerate or an edit first reverts what the replaced answer changed on
   * the board, so nothing doubles, and keeps that answer hidden
   * (`supersededBy`).
   */
  start(request: StartRequest, user: Asker): { ok: true; runId: string } | { ok: false; code: string; message: string } {
    if (this.active) return { ok: false, code: "busy", message: "The agent is already answering in this episode. Stop it or wait for it to finish." };
    const refuse = (code: string, message: string) => ({ ok: false as const, code, message });
    const core = this.deps.core();
    const lastUser = this.deps.chat.lastUserMessage();
    const recent = this.deps.chat.recentMessages(HISTORY_TURNS).filter((m) => !m.supersededBy);
    const runId = newId("run", 16);
    let prompt: string;
    let scope: string[] | undefined;
    let notes: string[] | undefined;
    let seed: string[] = [];
    let history = recent;
    let userMessage: ChatMessage | undefined;
    const replaced: ChatMessage[] = [];
    let reverts: string[] = [];

    if (request.kind === "send") {
      if (request.scope) {
        const missing = request.scope.find((id) => !core.board.frames.some((f) => f.id === id));
        if (missing) return refuse("invalid_request", `There is no frame "${missing}" to scope the message to.`);
        scope = [...new Set(request.scope)];
      }
      prompt = request.text;
      notes = request.notes;
      // A pasted key must not end up in the chat history.
      userMessage = {
        id: newId("msg"),
        role: "user",
        text: this.deps.redact(request.text),
        author: user,
        ...(scope ? { scope: { frameIds: scope } } : {}),
        createdAt: this.iso(),
      };
    } else if (request.kind === "regenerate" || request.kind === "edit") {
      if (!lastUser) return refuse("not_found", "There is no message to answer again.");
      if (request.kind === "edit") {
        if (request.messageId !== lastUser.id) return refuse("conflict", "Only the last message can be edited.");
        if (lastUser.author.id !== user.id) return refuse("forbidden", "Only its author can edit a message.");
        prompt = request.text;
        scope = lastUser.scope?.frameIds;
        userMessage = { ...lastUser, id: newId("msg"), text: this.deps.redact(request.text), createdAt: this.iso() };
        replaced.push({ ...lastUser, supersededBy: userMessage.id });
      } else {
        prompt = lastUser.text;
        scope = lastUser.scope?.frameIds;
      }
      // The answer being replaced: every assistant message after the last user message.
      const after = recent.slice(recent.findIndex((m) => m.id === lastUser.id) + 1).filter((m) => m.role === "assistant");
      for (const m of after) replaced.push({ ...m, supersededBy: runId });
      // Every run that answered it (a cut-off answer and its continuations), newest first, or the
      // last run when it ended with no message at all.
      reverts = [...new Set(after.map((m) => m.runId).filter((id): id is string => !!id))].reverse();
      if (reverts.length === 0) {
        const latest = this.deps.chat.latestRunId();
        if (latest) reverts.push(latest);
      }
      // Reverting would silently drop what a person changed on those frames since: ask instead.
      if (reverts.some((id) => core.editedSince(id))) {
        return refuse("conflict", "Someone has changed shots that answer made since; undo its changes from the answer, or send a new message instead.");
      }
      // Answering again: the question is not part of its own history.
      history = recent.slice(
        0,
        recent.findIndex((m) => m.id === lastUser.id),
      );
    } else {
      const last = recent.at(-1);
      if (last?.role !== "assistant" || !last.cutOff || !last.runId) return refuse("conflict", "Only an answer the model cut off can be continued.");
      // The chain of cut-off answers back to the person's message: nothing any of them applied is applied again.
      const answered = recent.slice(recent.findLastIndex((m) => m.role === "user") + 1).filter((m) => m.role === "assistant" && m.runId);
      const chain = answered.map((m) => this.deps.chat.getRun(m.runId!)).filter((r): r is RunRecord => r !== null);
      seed = chain.flatMap((r) => r.trace.commands.filter((c) => c.status === "applied" && c.command !== undefined).map((c) => JSON.stringify(c.command)));
      const previous = chain.at(-1);
      scope = previous?.scope;
      prompt = CONTINUE_PROMPT;
      // The model must see what it wrote, tags included, to go on from there: its raw output, not the prose shown.
      if (previous?.trace.raw) history = [...recent.slice(0, -1), { ...last, text: previous.trace.raw }];
    }

    let provider: AgentProvider;
    try {
      provider = this.deps.provider();
    } catch (err) {
      const message = err instanceof ProviderError ? err.message : "The agent is not configured.";
      return refuse("unavailable", this.deps.redact(message));
    }

    // Revert the replaced answer's board changes first: if that cannot be done, nothing else changes.
    for (const id of reverts) {
      const undone = core.undoRun(id, { type: "user", id: user.id }, newId("undo", 12));
      if (undone.ok) this.deps.broadcast("board_event", { event: undone.value.event }, undone.value.seq);
      // not_found: the run changed nothing; conflict: its changes are already gone (undone by hand).
      else if (undone.code !== "not_found" && undone.code !== "conflict") return refuse(undone.code, undone.reason);
    }
    this.deps.chat.transaction(() => {
      for (const m of replaced) this.deps.chat.updateMessage(m);
      if (userMessage) this.deps.chat.addMessage(userMessage);
    });
    for (const m of replaced) this.deps.broadcast("chat_message", m);
    if (userMessage) this.deps.broadcast("chat_message", userMessage);

    const built = buildPrompt({
      board: core.board,
      history: history.map((m) => ({ role: m.role, text: m.text })),
      latest: withContext(prompt, core.board, scope),
      budgetTokens: this.deps.budgetTokens,
    });
    const record: RunRecord = {
      id: runId,
      userId: user.id,
      status: "pending",
      prose: "",
      ...(scope ? { scope } : {}),
      trace: redactDeep(
        {
          runId,
          provider: provider.name,
          model: provider.model,
          prompt: built.messages,
          promptTokens: built.tokens,
          trimmed: built.trimmed,
          raw: "",
          commands: [],
          timings: { startedAt: this.iso() },
        },
        this.deps.redact,
      ),
    };
    const controller = new AbortController();
    this.active = {
      record,
      controller,
      proseParts: 0,
      proseBytes: 0,
      proseCut: false,
      scope: scope ? new Set(scope) : undefined,
      notes: notes ? new Set(notes) : undefined,
    };
    this.save(record);
    this.deps.broadcast("agent_status", { runId, status: "pending" });
    this.deps.observe?.(runId, "pending");
    const variant = request.kind === "regenerate" ? answersTo(this.deps.chat.recentMessages(HISTORY_TURNS), lastUser?.id ?? "") : 0;
    this.deps.keepAlive(this.run(record, withExtras(provider, { owner: user.owner ?? false, variant }), built.messages, prompt, controller, new Set(seed)));
    return { ok: true, runId };
  }

  private iso(): string {
    return new Date(this.now()).toISOString();
  }

  stop(runId?: string): { ok: true } | { ok: false; code: string; message: string } {
    const a = this.active;
    if (!a || (runId && runId !== a.record.id)) return { ok: false, code: "not_found", message: "No agent run to stop." };
    if (a.record.status !== "stopping") {
      a.record.status = "stopping";
      this.deps.broadcast("agent_status", { runId: a.record.id, status: "stopping" });
      a.controller.abort(new DOMException("Stopped by a person", "AbortError"));
    }
    return { ok: true };
  }

  trace(runId: string): Trace | null {
    return this.deps.chat.getRun(runId)?.trace ?? null;
  }

  private commitAssistant(run: RunRecord, truncated: boolean): void {
    const message: ChatMessage = {
      id: newId("msg"),
      role: "assistant",
      text: run.prose,
      author: AGENT_AUTHOR,
      runId: run.id,
      ...(truncated ? { truncated: true } : {}),
      ...(run.cutOff ? { cutOff: true } : {}),
      createdAt: new Date(this.now()).toISOString(),
    };
    this.deps.chat.addMessage(message);
    this.deps.broadcast("chat_message", message);
  }

  /**
   * Stores a piece of prose, then sends it: a tab never shows prose the room
   * could lose in a restart (the DO's output gate holds the send until the
   * write is durable), so a recovered partial answer is exactly what tabs saw.
   */
  private emitProse(run: RunRecord, text: string): void {
    const live = this.active;
    if (!text || !live || live.record !== run || live.proseCut) return;
    let piece = text;
    const bytes = jsonBytes(piece);
    if (live.proseBytes + bytes > PROSE_CAP_BYTES) {
      piece = capJsonText(piece, Math.max(0, PROSE_CAP_BYTES - live.proseBytes), "answer").text;
      live.proseCut = true;
    }
    live.proseBytes += bytes;
    this.deps.chat.appendProse(run.id, live.proseParts++, piece);
    run.prose += piece;
    this.deps.broadcast("partial_result", { runId: run.id, delta: piece });
  }

  /**
   * A scoped run may change only its frames (CONTRACT 6): the reason a frame
   * command falls outside the scope, or undefined when it may apply.
   */
  private outOfScope(command: Record<string, unknown>): string | undefined {
    const scope = this.active?.scope;
    if (!scope) return undefined;
    const board = this.deps.core().board;
    const outside = (id: string) => `shot ${shotOf(board, id)} is outside the message's scope`;
    switch (command.type) {
      case "update_frame":
      case "remove_frame":
      case "move_frame": {
        const id = String(command.id);
        return scope.has(id) ? undefined : outside(id);
      }
      case "remove_asset": {
        // Removing an asset detaches it from every frame: refused if a frame outside the scope uses it.
        const user = board.frames.find((f) => !scope.has(f.id) && f.continuity.assetIds.includes(String(command.id)));
        return user ? `${outside(user.id)}, and it uses that asset` : undefined;
      }
      case "set_plan": {
        // A plan without a beat clears it from its frames: refused if that reaches outside the scope.
        const beats = new Set(Array.isArray(command.beats) ? command.beats.map((b: { id?: unknown }) => b?.id) : []);
        const user = board.frames.find((f) => !scope.has(f.id) && f.beatId && !beats.has(f.beatId));
        return user ? `${outside(user.id)}, and the new plan drops its beat` : undefined;
      }
      case "set_format":
        return "the aspect ratio is the whole episode's, not the selected shots'";
      default:
        return undefined;
    }
  }

  /** In a scoped run a new frame goes after the last scoped frame (it joins the scope once it applied). */
  private placeInScope(command: Record<string, unknown>): void {
    const scope = this.active?.scope;
    if (!scope || command.type !== "add_frame") return;
    const after = command.after;
    if (typeof after !== "string" || !scope.has(after)) {
      const last = [...this.deps.core().board.frames].reverse().find((f) => scope.has(f.id));
      if (last) command.after = last.id;
    }
  }

  /** Saves the run's header as it stands, redacted (a raw answer can echo a secret back) and bounded. */
  private save(run: RunRecord): void {
    const { prose: _p, trace, ...rest } = run;
    const { commands: _c, ...header } = trace;
    const raw = capJsonText(header.raw, RAW_CAP_BYTES, "raw output").text;
    let prompt = header.prompt.map((m) => ({ ...m, content: capJsonText(m.content, PROMPT_CAP_BYTES, "prompt").text }));
    // A prompt of many long turns could still pass the row's budget: then only its shape is kept.
    if (prompt.reduce((n, m) => n + jsonBytes(m.content), 0) > MAX_STORED_BYTES / 2) {
      prompt = prompt.map((m) => ({ ...m, content: `[${m.content.length} characters, not kept: the prompt was too large to store]` }));
    }
    this.deps.chat.putRun(redactDeep({ ...rest, trace: { ...header, raw, prompt } }, this.deps.redact));
  }

  /** Adds an entry to the run's trace and stores it at once (or, with `within`, inside the caller's transaction). */
  private addEntry(run: RunRecord, entry: TraceEntry): number {
    run.trace.commands.push(entry);
    const n = run.trace.commands.length - 1;
    this.deps.chat.putTraceEntry(run.id, n, entry);
    return n;
  }

  private handle(run: RunRecord, e: ParseEvent, started: number, gate: RedactingStream, applied: Set<string>): void {
    const atMs = Math.round(this.now() - started);
    const core = this.deps.core();
    switch (e.kind) {
      case "prose":
        this.emitProse(run, gate.push(e.text));
        return;
      case "command": {
        // What the model writes onto the board is redacted too.
        const command = redactDeep(e.command, this.deps.redact);
        // A command identical to one this run already applied is ignored (CONTRACT 5);
        // one that was rejected may be tried again once the board allows it.
        const key = JSON.stringify(command);
        if (applied.has(key)) {
          this.addEntry(run, { atMs, tag: e.tag, status: "duplicate", command, reason: "identical to a command already applied in this run" });
          return;
        }
        const outOfScope = this.outOfScope(command);
        if (outOfScope) {
          this.addEntry(run, { atMs, tag: e.tag, status: "rejected", command, reason: outOfScope });
          this.deps.broadcast("warning", {
            code: "out_of_scope",
            message: this.deps.redact(`The agent's <${e.tag}> was not applied: ${outOfScope}`),
            runId: run.id,
          });
          return;
        }
        this.placeInScope(command);
        const proposed = this.deps.propose?.(run.id, command);
        if (proposed) {
          if (proposed.ok) {
            applied.add(key);
            if (command.type === "add_frame") this.active?.scope?.add(String((command.frame as { id?: unknown } | undefined)?.id));
          }
          this.addEntry(run, { atMs, tag: e.tag, status: proposed.ok ? "proposed" : "rejected", command, ...(proposed.ok ? {} : { reason: proposed.reason }) });
          if (!proposed.ok) {
            this.deps.broadcast("warning", {
              code: "command_rejected",
              message: this.deps.redact(`A change the agent proposed was left out: ${proposed.reason}`),
              runId: run.id,
            });
          }
          return;
        }
        // The trace entry commits in the same transaction as the event it
        // describes: after a crash the trace never misses an applied command.
        const n = run.trace.commands.length;
        const out = core.execute(command, { type: "agent", id: "agent" }, run.id, (c) =>
          this.deps.chat.putTraceEntry(run.id, n, { atMs, tag: e.tag, status: "applied", command, seq: c.seq }),
        );
        if (out.ok) {
          applied.add(key);
          // A frame this scoped run added is now its own to change.
          if (command.type === "add_frame") this.active?.scope?.add(String((command.frame as { id?: unknown } | undefined)?.id));
          run.trace.commands.push({ atMs, tag: e.tag, status: "applied", command, seq: out.value.seq });
          this.deps.broadcast("board_event", { event: out.value.event }, out.value.seq);
        } else {
          this.addEntry(run, { atMs, tag: e.tag, status: "rejected", command, reason: out.reason });
          this.deps.broadcast("warning", {
            code: "command_rejected",
            message: this.deps.redact(`The agent's <${e.tag}> was not applied: ${out.reason}`),
            runId: run.id,
          });
        }
        return;
      }
      case "generate": {
        const key = JSON.stringify({ generate: e.frameId });
        if (applied.has(key)) {
          this.addEntry(run, {
            atMs,
            tag: "generate",
            status: "duplicate",
            command: { generate: e.frameId },
            reason: "identical to a command already applied in this run",
          });
          return;
        }
        applied.add(key);
        const scope = this.active?.scope;
        if (scope && !scope.has(e.frameId)) {
          this.addEntry(run, {
            atMs,
            tag: "generate",
            status: "rejected",
            command: { generate: e.frameId },
            reason: "that shot is outside the message's scope",
          });
          this.deps.broadcast("warning", {
            code: "out_of_scope",
            message: "The agent's <generate> was not applied: that shot is outside the message's scope.",
            runId: run.id,
          });
          return;
        }
        if (!this.deps.generate) {
          this.addEntry(run, { atMs, tag: "generate", status: "rejected", command: { generate: e.frameId }, reason: "media generation is not available here" });
          return;
        }
        const entry: TraceEntry = { atMs, tag: "generate", status: "applied", command: { generate: e.frameId } };
        const n = this.addEntry(run, entry);
        // Starting a job waits on D1 and the queue; the answer streams on meanwhile.
        this.deps.keepAlive(
          this.deps
            .generate(e.frameId, run.userId)
            .catch(() => ({ ok: false as const, message: "the job could not be started" }))
            .then((out) => {
              if (out.ok) entry.reason = `job ${out.jobId}`;
              else {
                entry.status = "rejected";
                entry.reason = out.message;
              }
              this.deps.chat.putTraceEntry(run.id, n, entry);
              if (!out.ok) {
                this.deps.broadcast("warning", {
                  code: "generate_rejected",
                  message: this.deps.redact(`The agent's <generate> was not started: ${out.message}`),
                  runId: run.id,
                });
              }
            }),
        );
        return;
      }
      case "resolve": {
        const command = { resolve: e.commentId };
        const key = JSON.stringify(command);
        if (applied.has(key)) {
          this.addEntry(run, { atMs, tag: "resolve", status: "duplicate", command, reason: "identical to a command already applied in this run" });
          return;
        }
        const scope = this.active?.scope;
        const given = this.active?.notes?.has(e.commentId) ?? false;
        const out =
          !given || !this.deps.resolveNote
            ? { ok: false as const, reason: "this run was not given that comment" }
            : this.deps.resolveNote(e.commentId, run.id, (frameId) => !scope || scope.has(frameId));
        if (out.ok) {
          applied.add(key);
          this.addEntry(run, { atMs, tag: "resolve", status: "applied", command });
          return;
        }
        this.addEntry(run, { atMs, tag: "resolve", status: "rejected", command, reason: out.reason });
        this.deps.broadcast("warning", {
          code: "command_rejected",
          message: this.deps.redact(`The agent's <resolve> was not applied: ${out.reason}`),
          runId: run.id,
        });
        return;
      }
      case "rejected":
        this.addEntry(run, { atMs, tag: e.tag, status: "rejected", reason: e.reason });
        this.deps.broadcast("warning", { code: "tag_rejected", message: this.deps.redact(`The agent's <${e.tag}> was rejected: ${e.reason}`), runId: run.id });
        return;
    }
  }

  private async run(
    run: RunRecord,
    provider: AgentProvider,
    messages: PromptMessage[],
    latest: string,
    controller: AbortController,
    applied: Set<string>,
  ): Promise<void> {
    const parser = new TagStreamParser();
    const gate = new RedactingStream(this.deps.redact);
    // Told by the provider why the stream ended: "length" means the model was cut off.
    const finished: { reason?: string } = {};
    const started = this.now();
    let lastSave = started;
    const finish = (status: RunStatus, error?: { kind: string; message: string; retryable: boolean }) => {
      for (const e of parser.end()) this.handle(run, e, started, gate, applied);
      this.emitProse(run, gate.flush());
      run.status = status;
      run.trace.timings.totalMs = Math.round(this.now() - started);
      if (error) {
        run.trace.error = redactDeep(error, this.deps.redact);
        run.reason = run.trace.error.message;
        run.retryable = error.retryable;
      }
      this.active = null;
      // The run's end and its message commit together: a restart in between cannot leave a finished run without its answer.
      this.deps.chat.transaction(() => {
        this.save(run);
        if (status === "completed" || run.prose) this.commitAssistant(run, status !== "completed");
      });
      this.deps.observe?.(run.id, status);
      this.deps.broadcast("agent_status", {
        runId: run.id,
        status,
        ...(run.reason ? { reason: run.reason } : {}),
        ...(error ? { retryable: error.retryable } : {}),
        ...(run.cutOff ? { cutOff: true } : {}),
      });
    };
    try {
      for await (const piece of provider.stream({
        messages,
        latest,
        board: this.deps.core().board,
        signal: controller.signal,
        finished,
        ...(run.scope ? { scope: { frameIds: run.scope } } : {}),
      })) {
        if (controller.signal.aborted) break;
        if (run.trace.timings.firstTokenMs === undefined) {
          run.trace.timings.firstTokenMs = Math.round(this.now() - started);
          run.status = "streaming";
          this.deps.broadcast("agent_status", { runId: run.id, status: "streaming" });
        }
        run.trace.raw += piece;
        for (const e of parser.write(piece)) this.handle(run, e, started, gate, applied);
        if (this.now() - lastSave > SAVE_EVERY_MS) {
          lastSave = this.now();
          this.save(run);
        }
      }
      if (controller.signal.aborted) finish("stopped");
      else {
        // A model stopped at its length limit completed what it could; Continue picks up from there.
        if (finished.reason === "length") run.cutOff = true;
        finish("completed");
      }
    } catch (err) {
      if (controller.signal.aborted) finish("stopped");
      else if (err instanceof ProviderError) finish("failed", { kind: err.kind, message: err.message, retryable: err.retryable });
      else {
        console.error(JSON.stringify({ at: "agent-run", runId: run.id, error: this.deps.redact(String(err)) }));
        finish("failed", { kind: "internal", message: "The agent run failed unexpectedly.", retryable: true });
      }
    }
  }
}
