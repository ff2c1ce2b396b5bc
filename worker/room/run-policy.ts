// What a run may do with each thing its answer asks for (CONTRACT 5, 6, 9):
// a verdict per command, before the board sees it. A command identical to
// one the run already applied is a duplicate; a scoped run changes only its
// frames; a run resolves only the notes it was given. Pure: the orchestrator
// applies, traces and warns.
import { type Board, shotLabel } from "../domain/board";

/** What a run has done so far that later verdicts depend on. */
export interface PolicyState {
  /** Keys of what this run (and the chain it continues) already applied. */
  applied: Set<string>;
  /** The frames a scoped run may change; frames it adds join them. */
  scope?: Set<string>;
  /** In a notes run, the comments it was given: the only ones it may resolve. */
  notes?: Set<string>;
}

/**
 * `apply`: goes to the board as `command` (a scoped addition placed after the
 * scope's last frame); `duplicate`: ignored; `rejected`: not applied, and why.
 * (A proposals verdict, "propose", belongs here too: the run would route
 * the command to a proposal instead of the board.)
 */
export type Verdict =
  | { kind: "apply"; command: Record<string, unknown> }
  | { kind: "duplicate"; command: Record<string, unknown>; reason: string }
  | { kind: "rejected"; command: Record<string, unknown>; code: "out_of_scope" | "command_rejected"; reason: string };

const DUPLICATE = "identical to a command already applied in this run";

/** The key a command is deduplicated by. */
export const keyOf = (command: unknown): string => JSON.stringify(command);

function shotOf(board: Board, frameId: string): string {
  const i = board.frames.findIndex((f) => f.id === frameId);
  return i < 0 ? "a shot not on the board" : `shot ${shotLabel(board.frames[i]!, i)}`;
}

/**
 * A scoped run may change only its frames (CONTRACT 6): the reason a frame
 * command falls outside the scope, or undefined when it may apply.
 */
export function outOfScope(scope: ReadonlySet<string> | undefined, board: Board, command: Record<string, unknown>): string | undefined {
  if (!scope) return undefined;
  const outside = (id: string) => `${shotOf(board, id)} is outside the message's scope`;
  switch (command.type) {
    case "update_frame":
    case "remove_frame":
    case "move_frame": {
      const id = String(command.id);
      return scope.has(id) ? undefined : outside(id);
    }
    case "clear_frames":
      return "clearing the board reaches every shot, not only the selected ones";
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

/** In a scoped run a new frame goes after the last scoped frame, unless the model placed it after one of them. */
export function placeInScope(scope: ReadonlySet<string> | undefined, board: Board, command: Record<string, unknown>): Record<string, unknown> {
  if (!scope || command.type !== "add_frame") return command;
  const after = command.after;
  if (typeof after === "string" && scope.has(after)) return command;
  const last = [...board.frames].reverse().find((f) => scope.has(f.id));
  return last ? { ...command, after: last.id } : command;
}

/** The verdict on a board command, against the board it would apply to. */
export function judgeCommand(state: PolicyState, board: Board, command: Record<string, unknown>): Verdict {
  // One that was rejected may be tried again once the board allows it: only applied ones count.
  if (state.applied.has(keyOf(command))) return { kind: "duplicate", command, reason: DUPLICATE };
  const outside = outOfScope(state.scope, board, command);
  if (outside) return { kind: "rejected", command, code: "out_of_scope", reason: outside };
  return { kind: "apply", command: placeInScope(state.scope, board, command) };
}

/** Records an applied command: later identical ones are duplicates, and a frame a scoped run added is its own to change. */
export function noteApplied(state: PolicyState, asked: Record<string, unknown>, applied: Record<string, unknown>): void {
  state.applied.add(keyOf(asked));
  if (applied.type === "add_frame") state.scope?.add(String((applied.frame as { id?: unknown } | undefined)?.id));
}

/** The verdict on `<generate frame>`: a generation job is started once per frame and run, inside the scope. */
export function judgeGenerate(state: PolicyState, frameId: string): Verdict {
  const command = { generate: frameId };
  if (state.applied.has(keyOf(command))) return { kind: "duplicate", command, reason: DUPLICATE };
  if (state.scope && !state.scope.has(frameId)) return { kind: "rejected", command, code: "out_of_scope", reason: "that shot is outside the message's scope" };
  return { kind: "apply", command };
}

/** The verdict on `<resolve comment>`: only a note this run was given (the room then checks its frame is in scope). */
export function judgeResolve(state: PolicyState, commentId: string): Verdict {
  const command = { resolve: commentId };
  if (state.applied.has(keyOf(command))) return { kind: "duplicate", command, reason: DUPLICATE };
  if (!state.notes?.has(commentId)) return { kind: "rejected", command, code: "command_rejected", reason: "this run was not given that note" };
  return { kind: "apply", command };
}
