// What an agent run leaves behind (CONTRACT 6): its record, its streamed
// prose and its trace, each bounded so no stored row grows with the run,
// and the shapes the room's chat store keeps them in. Pure: the orchestrator
// (agent-runs.ts) decides when to store what.
import type { PromptMessage } from "../domain/agent/prompt";
import { type Redactor, redactDeep } from "../domain/agent/redact";
import type { ChatMessage, RunStatus } from "../domain/chat";
import { capJsonText, jsonBytes, MAX_STORED_BYTES } from "./storage-limits";

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

export interface TraceEntry {
  atMs: number;
  tag: string;
  /** `staged`: held for a replacing run's new board, placed (applied) or dropped when the run ends. */
  status: "applied" | "staged" | "proposed" | "rejected" | "duplicate";
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

export const AGENT_AUTHOR = { id: "agent", name: "Production agent" };

/** A new run's record, its trace redacted from the start. */
export function newRunRecord(
  input: { runId: string; userId: string; provider: { name: string; model: string }; startedAt: string; scope?: string[] },
  built: { messages: PromptMessage[]; tokens: number; trimmed: Trace["trimmed"] },
  redact: Redactor,
): RunRecord {
  return {
    id: input.runId,
    userId: input.userId,
    status: "pending",
    prose: "",
    ...(input.scope ? { scope: input.scope } : {}),
    trace: redactDeep(
      {
        runId: input.runId,
        provider: input.provider.name,
        model: input.provider.model,
        prompt: built.messages,
        promptTokens: built.tokens,
        trimmed: built.trimmed,
        raw: "",
        commands: [],
        timings: { startedAt: input.startedAt },
      },
      redact,
    ),
  };
}

/** The run's header as it is stored: redacted (a raw answer can echo a secret back) and bounded. */
export function storedHeader(run: RunRecord, redact: Redactor): RunHeader {
  const { prose: _p, trace, ...rest } = run;
  const { commands: _c, ...header } = trace;
  const raw = capJsonText(header.raw, RAW_CAP_BYTES, "raw output").text;
  let prompt = header.prompt.map((m) => ({ ...m, content: capJsonText(m.content, PROMPT_CAP_BYTES, "prompt").text }));
  // A prompt of many long turns could still pass the row's budget: then only its shape is kept.
  if (prompt.reduce((n, m) => n + jsonBytes(m.content), 0) > MAX_STORED_BYTES / 2) {
    prompt = prompt.map((m) => ({ ...m, content: `[${m.content.length} characters, not kept: the prompt was too large to store]` }));
  }
  return redactDeep({ ...rest, trace: { ...header, raw, prompt } }, redact);
}

/** The run's prose as it streams: pieces counted for their rows, cut with a marker at PROSE_CAP_BYTES. */
export class ProseMeter {
  parts = 0;
  private bytes = 0;
  private cut = false;

  /** The part of `text` that may still be stored and sent ("" once the cap is reached). */
  take(text: string): string {
    if (!text || this.cut) return "";
    let piece = text;
    const bytes = jsonBytes(piece);
    if (this.bytes + bytes > PROSE_CAP_BYTES) {
      piece = capJsonText(piece, Math.max(0, PROSE_CAP_BYTES - this.bytes), "answer").text;
      this.cut = true;
    }
    this.bytes += bytes;
    return piece;
  }
}

/** The answer as a committed chat message. */
export function assistantMessage(run: RunRecord, text: string, truncated: boolean, id: string, createdAt: string): ChatMessage {
  return {
    id,
    role: "assistant",
    text,
    author: AGENT_AUTHOR,
    runId: run.id,
    ...(truncated ? { truncated: true } : {}),
    ...(run.cutOff ? { cutOff: true } : {}),
    createdAt,
  };
}
