// The shapes every intent module shares: what one clause asks for (an
// intent, with shot references still symbolic), what carrying it out gave
// (outcomes), and the state edits share within one message.
import type { Aspect, Asset, Board } from "../../domain/board";
import type { Draft } from "./draft";
import type { Reader } from "./reader";
import type { CameraChange, LabelItem } from "./vocabulary";

export type AssetKind = Asset["kind"];

export type Target =
  | { kind: "labels"; items: LabelItem[] }
  | { kind: "all" }
  | { kind: "ordinal"; from: "start" | "end"; index: number; count: number }
  /** "the one with the cup": the shot whose assets or words name it. */
  | { kind: "mention"; phrase: string }
  | { kind: "it" };

export type Where =
  | { kind: "start" }
  | { kind: "end" }
  | { kind: "after" | "before"; target: Target }
  | { kind: "position"; index: number }
  | { kind: "shift"; by: number };

export interface Dialogue {
  speaker: string | null;
  line: string;
}

export interface FrameChanges {
  camera?: CameraChange;
  duration?: { set: number } | { delta: number } | { factor: number };
  /** null clears the dialogue. */
  dialogue?: Dialogue | null;
  title?: string;
  action?: string;
  prompt?: string;
  sound?: string;
  label?: string | null;
  status?: "draft" | "ready" | "approved";
}

/** What offline cannot judge, so the reply can say it in a director's words. */
export type Beyond = "mood" | "humour" | "rewrite" | "pace" | "look" | "story" | "unknown";

export type IntentBody =
  | { kind: "help" }
  | { kind: "breakdown"; replace: boolean }
  | { kind: "continuity" }
  | { kind: "add_shot"; where: Where | null; description: string; camera: CameraChange; duration: number | null; dialogue: Dialogue | null; count: number }
  | { kind: "remove_shots"; targets: Target }
  | { kind: "move"; targets: Target; where: Where }
  | { kind: "swap"; a: Target; b: Target }
  | { kind: "modify"; targets: Target; changes: FrameChanges }
  | { kind: "retime"; total: number }
  | { kind: "format"; aspect: Aspect }
  | { kind: "render"; targets: Target }
  | { kind: "asset_add"; assetKind: AssetKind; name: string; description: string; targets: Target | null }
  | { kind: "asset_attach"; name: string; targets: Target; detach: boolean }
  | { kind: "asset_rename"; name: string; to: string }
  | { kind: "asset_remove"; name: string }
  /** `beyond` set: something only a model can do; otherwise `why` says what to say instead. */
  /** `unread`: no handler read the clause (on an empty board it may be an idea). */
  | { kind: "decline"; why: string; beyond?: Beyond; unread?: boolean }
  | { kind: "note"; text: string };

export type Intent = IntentBody & { source: string; ignored: string[] };

export interface Understanding {
  board: Board;
  /** Whether an earlier clause of the same message touched shots that "it" can mean. */
  hasIt: boolean;
  /** Whether the message was scoped to frames. */
  scoped: boolean;
}

/** Reads one clause; null when the clause is not this intent's. */
export type Handler = (r: Reader, u: Understanding) => IntentBody | null;

export type Outcome =
  | { kind: "done"; text: string; tags: string[] }
  | { kind: "note"; text: string }
  /** `beyond`: only a model can do it, and what it is, for the director's words; `model`: whether only a model can do it, without saying what. */
  | { kind: "not_done"; what: string; why: string; beyond?: Beyond; model?: boolean };

export interface EditState {
  draft: Draft;
  /** Frames the previous clause touched: what "it" and "them" mean. */
  lastFrames: string[];
  /** Whether any frame was added, removed, moved or changed, so the script's shot list follows. */
  framesChanged: boolean;
}

export const notDone = (what: string, why: string, beyond?: Beyond): Outcome =>
  beyond ? { kind: "not_done", what, why, beyond } : { kind: "not_done", what, why, model: false };
export const note = (text: string): Outcome => ({ kind: "note", text });
export const done = (text: string, tags: string[]): Outcome => ({ kind: "done", text, tags });

export const rx = (source: string) => new RegExp(source);
export const anyTerm = (terms: [string, unknown][]) => terms.map(([s]) => s).join("|");
