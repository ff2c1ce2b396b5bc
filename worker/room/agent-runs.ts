// Agent runs inside an episode room (CONTRACT 6, 14): one at a time; the
// answer streams to every socket as partial_result while each closed tag
// goes through the room's one mutation path; Stop aborts the provider
// request; a stopped or failed run keeps its prose as a truncated message,
// closed by a line saying what applied; every run leaves a redacted trace.
// A run that clears the board (`<clear/>`) holds its new board back and
// places it in one transaction when the answer ends, so a Stop leaves the
// board fully replaced or untouched. A run does not belong to a socket: it
// goes on when the sender's tab closes, and one cut short by a room restart
// is marked failed when the room loads again.
// The parts: run-request (what is asked), run-policy (what may apply),
// run-record (what is kept), run-words (what a person reads).
import { type AgentProvider, type NoteRecord, ProviderError } from "../agent/provider";
import { type Asker, answersTo, withExtras } from "../agent/request-extras";
import { buildPrompt, type PromptMessage } from "../domain/agent/prompt";
import { RedactingStream, type Redactor, redactDeep } from "../domain/agent/redact";
import { type ParseEvent, TagStreamParser } from "../domain/agent/tag-parser";
import type { Board } from "../domain/board";
import type { ChatMessage, RunStatus } from "../domain/chat";
import { tryCommand } from "../domain/commands";
import type { EventBody } from "../domain/events";
import type { ServerPayload, ServerType } from "../domain/protocol";
import { newId } from "../ids";
import type { RoomCore } from "./room-core";
import { judgeCommand, judgeGenerate, judgeResolve, keyOf, noteApplied, type PolicyState, type Verdict } from "./run-policy";
import { assistantMessage, type ChatStore, newRunRecord, ProseMeter, type RunRecord, storedHeader, type Trace, type TraceEntry } from "./run-record";
import { HISTORY_TURNS, planRun, type StartRequest } from "./run-request";
import { endingText, notAppliedText, openTagAt, plainProviderError, plainReason, subjectOf } from "./run-words";

export type { ChatMessage, RunStatus };
export type { ChatStore, RunHeader, RunRecord, Trace, TraceEntry } from "./run-record";
export { PROMPT_CAP_BYTES, PROSE_CAP_BYTES, RAW_CAP_BYTES } from "./run-record";
export { CONTINUE_PROMPT, HISTORY_TURNS, type StartRequest, withContext } from "./run-request";

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
  /** Told when a run starts and ends, for the operations metrics. */
  /**
   * A run sent as "suggest" (CONTRACT 14): its command joins the run's
   * proposal instead of the board; null when the run applies directly.
   */
  propose?: (runId: string, command: Record<string, unknown>) => { ok: true } | { ok: false; reason: string } | null;
  /** Whether the run is writing a proposal: then it starts no render and resolves no note. */
  suggesting?: (runId: string) => boolean;
  observe?: (runId: string, status: RunStatus) => void;
  /** Keeps the object alive while a run streams. */
  keepAlive: (p: Promise<unknown>) => void;
  now?: () => number;
}

const AGENT = { type: "agent" as const, id: "agent" };
const SAVE_EVERY_MS = 1000;
const STILL_OPEN = /still open when the answer ended/;

/** A replacing run's new board, held back until the answer ends: the commands in order and their trace entries. */
interface Staged {
  board: Board;
  items: { command: Record<string, unknown>; n: number; entry: TraceEntry }[];
  /** Picture requests and note resolutions that wait for the new board. */
  after: { n: number; entry: TraceEntry; go: () => void }[];
}

/** What a live run keeps beside its record. */
interface Live {
  record: RunRecord;
  controller: AbortController;
  prose: ProseMeter;
  policy: PolicyState;
  /** The board when the run began, and the events it committed since: what its closing line counts. */
  before: Board;
  events: EventBody[];
  staged: Staged | null;
  /** The tag the answer was writing when it stopped or failed. */
  open?: { tag: string; newShot?: number };
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
   * stored before it was sent) kept as a truncated message. A replacing
   * run's held-back board was never placed: its entries say so.
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
          run.trace.commands.forEach((c, n) => {
            if (c.status === "staged")
              this.deps.chat.putTraceEntry(run.id, n, { ...c, status: "rejected", reason: "held back: the room restarted before the new board was placed" });
          });
          this.save(run);
          if (run.prose) this.commitAssistant(run, run.prose, true);
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
   * Starts a run (run-request.ts reads what it asks). A regenerate or an
   * edit first reverts what the replaced answer changed on the board, so
   * nothing doubles, and keeps that answer hidden (`supersededBy`).
   */
  start(request: StartRequest, user: Asker): { ok: true; runId: string } | { ok: false; code: string; message: string } {
    if (this.active) return { ok: false, code: "busy", message: "The agent is already answering in this episode. Stop it or wait for it to finish." };
    const core = this.deps.core();
    const chat = this.deps.chat;
    const runId = newId("run", 16);
    // Regenerate asks for another take: the offline agent lays the storyboard out differently each time.
    const variant = request.kind === "regenerate" ? answersTo(chat.recentMessages(HISTORY_TURNS), chat.lastUserMessage()?.id ?? "") : 0;
    const planned = planRun(request, {
      board: core.board,
      recent: chat.recentMessages(HISTORY_TURNS).filter((m) => !m.supersededBy),
      lastUser: chat.lastUserMessage(),
      latestRunId: chat.latestRunId(),
      runOf: (id) => chat.getRun(id),
      editedSince: (id) => core.editedSince(id),
      user,
      redact: this.deps.redact,
      runId,
      newMessageId: () => newId("msg"),
      at: this.iso(),
    });
    if (!planned.ok) return planned;
    const plan = planned.plan;

    let provider: AgentProvider;
    try {
      provider = this.deps.provider();
    } catch (err) {
      const message = err instanceof ProviderError ? plainProviderError(err.kind, err.message) : "The agent is not configured.";
      return { ok: false, code: "unavailable", message: this.deps.redact(message) };
    }

    // Revert the replaced answer's board changes first: if that cannot be done, nothing else changes.
    for (const id of plan.reverts) {
      const undone = core.undoRun(id, { type: "user", id: user.id }, newId("undo", 12));
      if (undone.ok) this.deps.broadcast("board_event", { event: undone.value.event }, undone.value.seq);
      // not_found: the run changed nothing; conflict: its changes are already gone (undone by hand).
      else if (undone.code !== "not_found" && undone.code !== "conflict") return { ok: false, code: undone.code, message: undone.reason };
    }
    chat.transaction(() => {
      for (const m of plan.replaced) chat.updateMessage(m);
      if (plan.userMessage) chat.addMessage(plan.userMessage);
    });
    for (const m of plan.replaced) this.deps.broadcast("chat_message", m);
    if (plan.userMessage) this.deps.broadcast("chat_message", plan.userMessage);

    const built = buildPrompt({
      board: core.board,
      history: plan.history.map((m) => ({ role: m.role, text: m.text })),
      latest: plan.prompt,
      budgetTokens: this.deps.budgetTokens,
    });
    const record = newRunRecord(
      { runId, userId: user.id, provider, startedAt: this.iso(), ...(plan.scope ? { scope: plan.scope } : {}) },
      built,
      this.deps.redact,
    );
    const controller = new AbortController();
    this.active = {
      record,
      controller,
      prose: new ProseMeter(),
      policy: {
        applied: new Set(plan.seed),
        ...(plan.scope ? { scope: new Set(plan.scope) } : {}),
        ...(plan.notes ? { notes: new Set(plan.notes.map((n) => n.commentId)) } : {}),
      },
      before: core.board,
      events: [],
      staged: null,
    };
    this.save(record);
    this.deps.broadcast("agent_status", { runId, status: "pending" });
    this.deps.observe?.(runId, "pending");
    this.deps.keepAlive(
      this.run(this.active, withExtras(provider, { owner: user.owner ?? false, variant }), {
        messages: built.messages,
        latest: plan.latest,
        ...(plan.scope ? { scope: { frameIds: plan.scope } } : {}),
        ...(plan.notes ? { notes: plan.notes } : {}),
      }),
    );
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

  private commitAssistant(run: RunRecord, text: string, truncated: boolean): void {
    const message = assistantMessage(run, text, truncated, newId("msg"), this.iso());
    this.deps.chat.addMessage(message);
    this.deps.broadcast("chat_message", message);
  }

  /**
   * Stores a piece of prose, then sends it: a tab never shows prose the room
   * could lose in a restart (the DO's output gate holds the send until the
   * write is durable), so a recovered partial answer is exactly what tabs saw.
   */
  private emitProse(live: Live, text: string): void {
    if (this.active !== live) return;
    const piece = live.prose.take(text);
    if (!piece) return;
    const run = live.record;
    this.deps.chat.appendProse(run.id, live.prose.parts++, piece);
    run.prose += piece;
    this.deps.broadcast("partial_result", { runId: run.id, delta: piece });
  }

  private save(run: RunRecord): void {
    this.deps.chat.putRun(storedHeader(run, this.deps.redact));
  }

  /** Adds an entry to the run's trace and stores it at once. */
  private addEntry(run: RunRecord, entry: TraceEntry): number {
    run.trace.commands.push(entry);
    const n = run.trace.commands.length - 1;
    this.deps.chat.putTraceEntry(run.id, n, entry);
    return n;
  }

  /** Rewrites an entry (a staged one placed or dropped, a job's outcome). */
  private rewrite(run: RunRecord, n: number, entry: TraceEntry): void {
    run.trace.commands[n] = entry;
    this.deps.chat.putTraceEntry(run.id, n, entry);
  }

  private warn(run: RunRecord, code: string, message: string): void {
    this.deps.broadcast("warning", { code, message: this.deps.redact(message), runId: run.id });
  }

  /**
   * Where each board command of a run goes: judged by the run policy, then
   * applied to the board through the room's one mutation path, or, once the
   * run has cleared the board, staged on the held-back new board.
   */
  private applyCommand(live: Live, tag: string, asked: Record<string, unknown>, atMs: number): void {
    const run = live.record;
    const core = this.deps.core();
    const board = live.staged?.board ?? core.board;
    const verdict = judgeCommand(live.policy, board, asked);
    if (verdict.kind === "duplicate") {
      this.addEntry(run, { atMs, tag, status: "duplicate", command: asked, reason: verdict.reason });
      return;
    }
    if (verdict.kind === "rejected") {
      this.addEntry(run, { atMs, tag, status: "rejected", command: asked, reason: verdict.reason });
      this.warn(run, verdict.code, notAppliedText(tag, asked, verdict.reason, board));
      return;
    }
    const command = verdict.command;
    const proposed = this.deps.propose?.(run.id, command);
    if (proposed) {
      if (proposed.ok) noteApplied(live.policy, asked, command);
      this.addEntry(run, { atMs, tag, status: proposed.ok ? "proposed" : "rejected", command, ...(proposed.ok ? {} : { reason: proposed.reason }) });
      if (!proposed.ok) this.warn(run, "command_rejected", notAppliedText(tag, command, proposed.reason, board));
      return;
    }
    if (live.staged || command.type === "clear_frames") {
      const out = tryCommand(board, command, AGENT);
      if (!out.ok) {
        this.addEntry(run, { atMs, tag, status: "rejected", command, reason: out.reason });
        this.warn(run, "command_rejected", notAppliedText(tag, command, out.reason, board));
        return;
      }
      live.staged ??= { board, items: [], after: [] };
      live.staged.board = out.board;
      const entry: TraceEntry = { atMs, tag, status: "staged", command };
      live.staged.items.push({ command, n: this.addEntry(run, entry), entry });
      noteApplied(live.policy, asked, command);
      return;
    }
    // The trace entry commits in the same transaction as the event it
    // describes: after a crash the trace never misses an applied command.
    const n = run.trace.commands.length;
    const out = core.execute(command, AGENT, run.id, (c) => this.deps.chat.putTraceEntry(run.id, n, { atMs, tag, status: "applied", command, seq: c.seq }));
    if (out.ok) {
      noteApplied(live.policy, asked, command);
      live.events.push(out.value.event);
      run.trace.commands.push({ atMs, tag, status: "applied", command, seq: out.value.seq });
      this.deps.broadcast("board_event", { event: out.value.event }, out.value.seq);
    } else {
      this.addEntry(run, { atMs, tag, status: "rejected", command, reason: out.reason });
      this.warn(run, "command_rejected", notAppliedText(tag, command, out.reason, board));
    }
  }

  /** Places a replacing run's new board: its commands in one transaction, then what waited for it. */
  private placeStaged(live: Live, staged: Staged): void {
    const run = live.record;
    const core = this.deps.core();
    const board = core.board;
    const results = core.executeAll(
      staged.items.map((i) => i.command),
      AGENT,
      run.id,
      (i, c) => this.deps.chat.putTraceEntry(run.id, staged.items[i]!.n, { ...staged.items[i]!.entry, status: "applied", seq: c.seq }),
    );
    results.forEach((out, i) => {
      const item = staged.items[i]!;
      if (out.ok) {
        run.trace.commands[item.n] = { ...item.entry, status: "applied", seq: out.value.seq };
        live.events.push(out.value.event);
        this.deps.broadcast("board_event", { event: out.value.event }, out.value.seq);
      } else {
        // A person changed the board meanwhile so that this one no longer fits: the rest is placed without it.
        this.rewrite(run, item.n, { ...item.entry, status: "rejected", reason: out.reason });
        this.warn(run, "command_rejected", notAppliedText(item.entry.tag, item.command, out.reason, board));
      }
    });
    for (const a of staged.after) a.go();
  }

  /** Drops a replacing run's held-back board: nothing of it reaches the board. */
  private dropStaged(live: Live, staged: Staged, why: string): void {
    for (const item of [...staged.items, ...staged.after]) this.rewrite(live.record, item.n, { ...item.entry, status: "rejected", reason: why });
  }

  private handle(live: Live, e: ParseEvent, started: number, gate: RedactingStream, ending?: RunStatus): void {
    const run = live.record;
    const atMs = Math.round(this.now() - started);
    switch (e.kind) {
      case "prose":
        this.emitProse(live, gate.push(e.text));
        return;
      case "command":
        // What the model writes onto the board is redacted too.
        this.applyCommand(live, e.tag, redactDeep(e.command, this.deps.redact), atMs);
        return;
      case "generate": {
        const verdict = judgeGenerate(live.policy, e.frameId);
        // A frame's picture is asked for once a run, whenever it starts.
        if (verdict.kind === "apply") live.policy.applied.add(keyOf(verdict.command));
        this.sideAction(live, "generate", verdict, atMs, (n, entry) => this.startJob(run, e.frameId, n, entry));
        return;
      }
      case "resolve":
        this.sideAction(live, "resolve", judgeResolve(live.policy, e.commentId), atMs, (n, entry) => this.resolve(live, e.commentId, n, entry));
        return;
      case "rejected":
        this.addEntry(run, { atMs, tag: e.tag, status: "rejected", reason: e.reason });
        // A Stop or a failure mid-tag is said once, in the answer's closing line.
        if (ending && ending !== "completed" && STILL_OPEN.test(e.reason)) {
          live.open = openTagAt(run.trace.raw, e.tag, live.staged?.board ?? this.deps.core().board);
          return;
        }
        this.warn(run, "tag_rejected", notAppliedText(e.tag, undefined, e.reason, this.deps.core().board));
        return;
    }
  }

  /** A picture request or a note's resolution: traced and warned about when refused, else run now or once the new board is placed. */
  private sideAction(live: Live, tag: string, verdict: Verdict, atMs: number, go: (n: number, entry: TraceEntry) => void): void {
    // A suggestion changes nothing until someone accepts it: no render starts, no note is marked done.
    if (verdict.kind === "apply" && this.deps.suggesting?.(live.record.id)) {
      const reason =
        tag === "generate"
          ? "A suggestion starts no render: render the shot once its changes are accepted."
          : "A suggestion marks no note done: its changes are not on the board yet.";
      this.addEntry(live.record, { atMs, tag, status: "rejected", command: verdict.command, reason });
      this.warn(live.record, "command_rejected", reason);
      return;
    }
    if (verdict.kind === "apply") this.later(live, { atMs, tag, command: verdict.command }, go);
    else {
      this.addEntry(live.record, { atMs, tag, status: verdict.kind, command: verdict.command, reason: verdict.reason });
      if (verdict.kind === "rejected") this.warn(live.record, verdict.code, notAppliedText(tag, verdict.command, verdict.reason, this.deps.core().board));
    }
  }

  /** Runs an action now, or, in a run holding its new board back, once that board is placed. */
  private later(live: Live, base: Omit<TraceEntry, "status">, go: (n: number, entry: TraceEntry) => void): void {
    if (!live.staged) {
      const entry: TraceEntry = { ...base, status: "applied" };
      go(this.addEntry(live.record, entry), entry);
      return;
    }
    const entry: TraceEntry = { ...base, status: "staged" };
    const n = this.addEntry(live.record, entry);
    live.staged.after.push({ n, entry, go: () => go(n, { ...entry, status: "applied" }) });
  }

  private resolve(live: Live, commentId: string, n: number, entry: TraceEntry): void {
    const run = live.record;
    const scope = live.policy.scope;
    const out = this.deps.resolveNote
      ? this.deps.resolveNote(commentId, run.id, (frameId) => !scope || scope.has(frameId))
      : { ok: false as const, reason: "notes cannot be resolved here" };
    if (out.ok) {
      live.policy.applied.add(keyOf(entry.command));
      this.rewrite(run, n, entry);
      return;
    }
    this.rewrite(run, n, { ...entry, status: "rejected", reason: out.reason });
    this.warn(run, "command_rejected", `The agent's resolving of a note was not applied: ${plainReason(out.reason)}.`);
  }

  private startJob(run: RunRecord, frameId: string, n: number, entry: TraceEntry): void {
    const what = subjectOf("generate", { generate: frameId }, this.deps.core().board);
    if (!this.deps.generate) {
      this.rewrite(run, n, { ...entry, status: "rejected", reason: "media generation is not available here" });
      return;
    }
    // Starting a job waits on D1 and the queue; the answer streams on meanwhile.
    this.deps.keepAlive(
      this.deps
        .generate(frameId, run.userId)
        .catch(() => ({ ok: false as const, message: "the job could not be started" }))
        .then((out) => {
          this.rewrite(run, n, out.ok ? { ...entry, reason: `job ${out.jobId}` } : { ...entry, status: "rejected", reason: out.message });
          if (!out.ok) this.warn(run, "generate_rejected", `The picture for ${what.replace(/^a /, "the ")} was not started: ${plainReason(out.message)}.`);
        }),
    );
  }

  private async run(
    live: Live,
    provider: AgentProvider,
    req: { messages: PromptMessage[]; latest: string; scope?: { frameIds: string[] }; notes?: NoteRecord[] },
  ): Promise<void> {
    const run = live.record;
    const controller = live.controller;
    const parser = new TagStreamParser();
    const gate = new RedactingStream(this.deps.redact);
    // Told by the provider why the stream ended: "length" means the model was cut off.
    const finished: { reason?: string } = {};
    const started = this.now();
    let lastSave = started;
    const finish = (status: "completed" | "stopped" | "failed", error?: { kind: string; message: string; retryable: boolean }) => {
      for (const e of parser.end()) this.handle(live, e, started, gate, status);
      this.emitProse(live, gate.flush());
      const staged = live.staged;
      live.staged = null;
      if (staged && status === "completed") this.placeStaged(live, staged);
      else if (staged) this.dropStaged(live, staged, `held back: the run ${status} before its new board was placed`);
      if (status !== "completed") {
        const line = endingText({
          status,
          before: live.before,
          events: live.events,
          ...(live.open ? { open: live.open } : {}),
          heldBack: staged?.items.length ?? 0,
        });
        this.emitProse(live, `${run.prose ? "\n\n" : ""}${line}`);
      }
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
        if (status === "completed" || run.prose) this.commitAssistant(run, run.prose, status !== "completed");
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
      for await (const piece of provider.stream({ ...req, board: this.deps.core().board, signal: controller.signal, finished })) {
        if (controller.signal.aborted) break;
        if (run.trace.timings.firstTokenMs === undefined) {
          run.trace.timings.firstTokenMs = Math.round(this.now() - started);
          run.status = "streaming";
          this.deps.broadcast("agent_status", { runId: run.id, status: "streaming" });
        }
        run.trace.raw += piece;
        for (const e of parser.write(piece)) this.handle(live, e, started, gate);
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
      else if (err instanceof ProviderError) finish("failed", { kind: err.kind, message: plainProviderError(err.kind, err.message), retryable: err.retryable });
      else {
        console.error(JSON.stringify({ at: "agent-run", runId: run.id, error: this.deps.redact(String(err)) }));
        finish("failed", { kind: "internal", message: "The agent run failed unexpectedly.", retryable: true });
      }
    }
  }
}
