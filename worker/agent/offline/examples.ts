// The shape of the example tables beside each intent (intents/*.examples.ts):
// one row per sentence, with the board it starts from (by name: the boards
// are in test/support/offline-boards.ts) and the change it must make, as
// data. test/unit/offline-agent-examples.test.ts turns every row into a test
// that streams the answer through the real TagStreamParser and applies each
// command with tryCommand, as the room does.
import type { Aspect, Asset } from "../../domain/board";

export type BoardName =
  | "coffee"
  | "coffee-base"
  | "labelled"
  | "timed"
  | "empty"
  | "scripted"
  | "plain"
  | "coffee-mia-watches"
  | "timed-f4-bare"
  | "base-f4-bare"
  | "coffee-f3-medium"
  | "coffee-cup-undescribed"
  | "coffee-asks-20";

/** A frame as the tables see it. */
export interface FrameView {
  id: string;
  shot: string | null;
  beat: string | null;
  title: string;
  camera: string;
  duration: number | null;
  action: string;
  prompt: string;
  dialogue: string;
  sound: string;
  assets: string[];
}

export type Step =
  | { set: string; patch: Partial<FrameView> }
  | { drop: string[] }
  | { order: string[] }
  | { add: Partial<FrameView> & { id: string }; after: string | null | "end" }
  | { durations: number[] }
  | { aspect: Aspect }
  | { upsert: Asset }
  | { removeAsset: string };

export interface Example {
  board: BoardName;
  say: string;
  /** The board change, step by step; "refuses": nothing changes and the reply says why. Absent: nothing changes. */
  change?: Step[] | "refuses";
  /** Text the reply must contain. */
  says?: string[];
  /** Text the reply's "Not done" part must contain. */
  notDone?: string[];
  /** Frames the answer asks to render. */
  renders?: string[];
  /** The running time afterwards, in seconds. */
  total?: number;
  /** Words the script must and must not have afterwards (whole words, any case). */
  script?: { has?: string[]; lacks?: string[] };
  /** The person asking owns the project. */
  owner?: boolean;
}

export const set = (id: string, patch: Partial<FrameView>): Step => ({ set: id, patch });
export const each = (ids: string[], patch: Partial<FrameView>): Step[] => ids.map((id) => set(id, patch));
export const drop = (...ids: string[]): Step => ({ drop: ids });
export const order = (...ids: string[]): Step => ({ order: ids });
/** A new frame after `after` (null: first; "end": last). */
export const add = (after: string | null | "end", frame: Partial<FrameView> & { id: string }): Step => ({ add: frame, after });
export const durations = (...secs: number[]): Step => ({ durations: secs });
export const aspect = (a: Aspect): Step => ({ aspect: a });
export const upsertAsset = (a: Asset): Step => ({ upsert: a });
export const removeAsset = (id: string): Step => ({ removeAsset: id });

/** Mia as the coffee board has her. */
export const MIA: Asset = { id: "mia", kind: "character", name: "Mia", description: "the barista", prompt: "Mia, woman in her 30s, green canvas apron" };
