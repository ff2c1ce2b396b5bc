// Camera words in an instruction: size ("close-up", "wide"), angle ("low
// angle", "overhead") and movement ("push in", "handheld"), merged into a
// shot's camera so "make it a close-up" keeps its angle and movement. Read
// as part of a shot edit (shot.ts) or a new shot (add.ts).
import type { Frame } from "../../../domain/board";
import { mergeCamera } from "../framing";
import { anyTerm, type FrameChanges, rx } from "../intent";
import { Reader } from "../reader";
import { ANGLE_TERMS, type CameraChange, MOVE_TERMS, SIZE_TERMS } from "../vocabulary";

/** Any camera term, as a regex source. */
export const CAM = `(?:${anyTerm(SIZE_TERMS)}|${anyTerm(ANGLE_TERMS)}|${anyTerm(MOVE_TERMS)})`;

export function takeCamera(r: Reader): CameraChange {
  const c: CameraChange = {};
  for (const [src, size] of SIZE_TERMS) {
    if (c.size) break;
    if (r.take(rx(`\\b(?:${src})\\b`))) c.size = size;
  }
  for (const [src, angle] of ANGLE_TERMS) {
    if (c.angle) break;
    if (r.take(rx(`\\b(?:${src})\\b`))) c.angle = angle;
  }
  for (const [src, movement] of MOVE_TERMS) {
    if (c.movement) break;
    const m = r.take(rx(`\\b(?:${src})\\b`));
    if (m) {
      c.movement = movement;
      const dir = /\b(left|right|up|down)\b/.exec(m[0]);
      if (dir && movement !== "push in" && movement !== "pull out" && movement !== "zoom") c.direction = dir[1] as CameraChange["direction"];
    }
  }
  return c;
}

export const hasCamera = (c: CameraChange) => c.size !== undefined || c.angle !== undefined || c.movement !== undefined;

/** A camera change read from a phrase on its own ("low-angle close-up"). */
export function cameraOf(phrase: string): CameraChange {
  return takeCamera(new Reader({ text: phrase, masked: phrase.toLowerCase(), quotes: [], sep: "start" }));
}

/** The shot edit's camera part: what it reads from the clause. */
export function readCamera(r: Reader, changes: FrameChanges): void {
  const camera = takeCamera(r);
  if (hasCamera(camera)) changes.camera = camera;
}

/** The shot edit's camera part on one frame: the patch and the words for it. */
export function patchCamera(f: Frame, change: CameraChange, patch: Partial<Frame>, said: string[]): void {
  const camera = mergeCamera(f.camera, change);
  if (camera === f.camera) return;
  patch.camera = camera;
  said.push(`camera ${camera || "cleared"}${f.camera ? ` (was ${f.camera})` : ""}`);
}
