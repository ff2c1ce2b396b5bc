// What the studio shows of its frames, as pure functions of the board: the
// card's words and chips, the shot list with timecodes, which frames a batch
// renders, and the move a drop asks for. Tested in plain vitest; the
// components only lay these out.
import type { Asset, Board, Frame } from "../../../../worker/domain/board";
import { readCamera, sizeName } from "../../../../worker/domain/camera";
import type { Command } from "../../../../worker/domain/commands";
import { shownImage } from "../../../../worker/domain/frame-media";

export const MEDIA_LABEL: Record<Frame["media"]["state"], string> = {
  none: "Not rendered",
  queued: "Queued",
  running: "Rendering",
  ready: "Rendered",
  failed: "Render failed",
  canceled: "Render canceled",
  blocked: "Blocked",
};

export interface CameraChip {
  kind: "size" | "angle" | "movement";
  text: string;
  /** The long form, for a tooltip and assistive tech. */
  title: string;
}

/** Size, angle and movement from the shared camera reader; eye level and static say nothing and are left out. */
export function cameraChips(camera: string): CameraChip[] {
  const r = readCamera(camera);
  const chips: CameraChip[] = [];
  if (r.size) chips.push({ kind: "size", text: r.size, title: sizeName(r.size) });
  if (r.angle !== "eye level") chips.push({ kind: "angle", text: r.angle, title: `${r.angle} angle` });
  if (r.movement !== "static") {
    const text = r.direction ? `${r.movement} ${r.direction}` : r.movement;
    chips.push({ kind: "movement", text, title: `Camera movement: ${text}` });
  }
  return chips;
}

// The shot list moved to the shared domain so the worker's exports print the same timecodes.
export { type ShotRow, shotList, timecode } from "../../../../worker/domain/shot-list";

const busy = (f: Frame) => f.media.state === "queued" || f.media.state === "running";

/**
 * The frames a batch renders (CONTRACT 7): "missing" is Generate all, the
 * frames with no image and no render under way; "all" is Re-render all,
 * confirmed first, every frame not rendering now. `among` narrows it to a
 * selection.
 */
export function renderTargets(frames: readonly Frame[], mode: "missing" | "all", among?: readonly string[]): Frame[] {
  const pool = among?.length ? frames.filter((f) => among.includes(f.id)) : frames;
  return pool.filter((f) => !busy(f) && (mode === "all" || !shownImage(f.media)));
}

/**
 * The move_frame command that puts frame `id` at position `to` of the list as
 * it is now (the position the person dropped it on), or null when it would
 * not move.
 */
export function moveTo(frames: readonly Pick<Frame, "id">[], id: string, to: number): Command | null {
  const from = frames.findIndex((f) => f.id === id);
  if (from < 0) return null;
  const target = Math.max(0, Math.min(frames.length - 1, to));
  if (target === from) return null;
  const rest = frames.filter((f) => f.id !== id);
  const after = target === 0 ? null : rest[target - 1]!.id;
  return { type: "move_frame", id, after };
}

/** The frame's assets, in the order the frame lists them, skipping ids the board no longer has. */
export function frameAssets(board: Pick<Board, "assets">, frame: Frame): Asset[] {
  const byId = new Map(board.assets.map((a) => [a.id, a]));
  return frame.continuity.assetIds.map((id) => byId.get(id)).filter((a): a is Asset => a !== undefined);
}

/** Dialogue as a card shows it: the speaker's name apart when the line starts with one ("MIA: …"). */
export function dialogueLines(dialogue: string): { speaker?: string; line: string }[] {
  return dialogue
    .split(/\n+/)
    .map((l) => l.trim())
    .filter(Boolean)
    .map((l) => {
      const m = /^([A-Z][A-Za-z .'-]{0,30}):\s*(.+)$/.exec(l);
      return m ? { speaker: m[1]!.trim(), line: m[2]! } : { line: l };
    });
}
