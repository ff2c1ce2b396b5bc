// One interface for every agent provider: a stream of text chunks that stops
// when its AbortSignal fires, and one error type whose kind says whether a
// retry can help.
import type { Board } from "../domain/board";
import type { PromptMessage } from "../domain/agent/prompt";

/** A reviewer's note given to an "apply the notes" run (CONTRACT 14): data, never parsed back out of text. */
export interface NoteRecord {
  commentId: string;
  frameId: string;
  text: string;
}

export interface AgentRequest {
  messages: PromptMessage[];
  /** The person's message as typed, for the offline agent, which reads it directly. */
  latest: string;
  board: Board;
  signal: AbortSignal;
  /** The provider says here why the stream ended: "length" when the model hit its output limit. */
  finished?: { reason?: string };
  /** A scoped message: the frames it may change (CONTRACT 6). */
  scope?: { frameIds: string[] };
  /** Whether the person asking owns the project (the offline agent tells only an owner how to connect a model). */
  owner?: boolean;
  /** 0 for the first answer to a message, n for its nth Regenerate: the offline agent gives a different take. */
  variant?: number;
  /** An "apply the notes" run: the notes to carry out, each on its frame; labels need not be unique. */
  notes?: NoteRecord[];
}

export interface AgentProvider {
  readonly name: string;
  readonly model: string;
  stream(req: AgentRequest): AsyncIterable<string>;
}

export type ProviderErrorKind = "auth" | "rate_limited" | "server" | "timeout" | "network" | "bad_response" | "not_configured";

export class ProviderError extends Error {
  constructor(
    readonly kind: ProviderErrorKind,
    message: string,
    readonly retryable: boolean,
    readonly status?: number,
  ) {
    super(message);
  }
}

/** Resolves after ms, or rejects as soon as the signal aborts. */
export function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const t = setTimeout(() => {
      signal.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(t);
      reject(signal.reason);
    };
    signal.addEventListener("abort", onAbort, { once: true });
  });
}
