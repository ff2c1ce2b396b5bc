// What the studio's connection badge says, as a pure function of the
// connection's status, so each wording is unit-tested: never "Live" when the
// room is out of reach, and edits waiting to go out are counted, not hidden.
import type { ConnectionStatus } from "./realtime";

export type ConnectionLabel = "Live" | "Connecting…" | "Reconnecting…" | "Disconnected";

export interface ConnectionView {
  label: ConnectionLabel;
  tone: "ok" | "warn" | "error";
  /** "2 changes waiting", shown while they cannot go out. */
  waitingText?: string;
  /** A "Reconnect now" button would help: nothing is being tried this moment and a retry can succeed. */
  canRetryNow: boolean;
  detail?: string;
  /** "Last live 45 s ago.": kept apart from the live region so a ticking clock is not read aloud. */
  since?: string;
}

export type ConnectionFacts = Pick<ConnectionStatus, "state" | "waiting"> & Partial<Omit<ConnectionStatus, "state" | "waiting">>;

export function waitingText(waiting: number): string | undefined {
  if (waiting <= 0) return undefined;
  return `${waiting} change${waiting === 1 ? "" : "s"} waiting`;
}

/** "Last live 45 s ago", "Last live 3 min ago", or nothing under a few seconds. */
export function sinceText(lastConnectedAt: number | undefined, now: number): string | undefined {
  if (lastConnectedAt === undefined) return undefined;
  const s = Math.floor((now - lastConnectedAt) / 1000);
  if (s < 5) return undefined;
  if (s < 60) return `Last live ${s} s ago.`;
  const m = Math.floor(s / 60);
  if (m < 60) return `Last live ${m} min ago.`;
  return `Last live ${Math.floor(m / 60)} h ago.`;
}

export function connectionView(facts: ConnectionFacts, now: number = Date.now()): ConnectionView {
  const { state } = facts;
  if (state === "CONNECTED") return { label: "Live", tone: "ok", canRetryNow: false };
  const view = (label: ConnectionLabel, tone: ConnectionView["tone"], canRetryNow: boolean, detail?: string): ConnectionView => {
    // Only out of reach: while connected an unacknowledged edit is a round trip in flight, not something waiting.
    const waiting = waitingText(facts.waiting);
    const since = sinceText(facts.lastConnectedAt, now);
    return { label, tone, canRetryNow, ...(waiting ? { waitingText: waiting } : {}), ...(detail ? { detail } : {}), ...(since ? { since } : {}) };
  };
  if (state === "IDLE" || state === "CONNECTING") return view("Connecting…", "warn", false);
  // The room is out of reach either way; the detail says why. Retrying cannot help until the
  // browser has a network again, and it reconnects by itself then.
  if (facts.offline) return view("Reconnecting…", "error", false, facts.detail);
  if (state === "RECONNECTING") return view("Reconnecting…", "warn", false);
  // DISCONNECTED is the pause between two tries: the next one is coming, the person may skip the wait.
  if (state === "DISCONNECTED") return view("Reconnecting…", "warn", true, facts.detail);
  return view("Disconnected", "error", facts.retryable ?? true, facts.detail);
}
