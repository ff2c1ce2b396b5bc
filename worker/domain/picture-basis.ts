// What a frame's picture depends on, and whether the shown one still matches
// it (CONTRACT 12). One pure function makes the digest the worker stores on a
// revision and the SPA, the exports and the review page compare against, so
// "out of date" means the same everywhere.
import type { Asset, Board, Frame } from "./board";
import { shownRevision } from "./frame-media";

/** The parts of a basis, in the order they are written; each names what changed in a person's words. */
const PARTS = [
  { key: "prompt", said: "prompt" },
  { key: "action", said: "action" },
  { key: "camera", said: "camera" },
  { key: "aspect", said: "aspect ratio" },
  { key: "cast", said: "cast" },
] as const;
type PartKey = (typeof PARTS)[number]["key"];

const VERSION = "b1";

/** cyrb53: a small, well-spread 53-bit string hash, the same in the worker and the browser. */
function digest(text: string): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(36).padStart(11, "0");
}

function frameAssets(board: Board, frame: Frame): Asset[] {
  return frame.continuity.assetIds.flatMap((id) => board.assets.find((a) => a.id === id) ?? []);
}

function parts(board: Board, frame: Frame): Record<PartKey, string> {
  return {
    prompt: frame.prompt.trim(),
    action: frame.action.trim(),
    camera: frame.camera.trim(),
    aspect: board.format.aspect,
    cast: frameAssets(board, frame)
      .map((a) => `${a.name}\u0000${a.prompt}`)
      .join("\u0001"),
  };
}

/** The digest of what a picture of `frame` depends on: its prompt, action, camera, the aspect ratio and its assets' names and prompts. */
export function pictureBasis(board: Board, frame: Frame): string {
  const p = parts(board, frame);
  return [VERSION, ...PARTS.map(({ key }) => digest(p[key]))].join("-");
}

export type PictureState = { state: "none" } | { state: "current" } | { state: "out of date"; changed: string[] };

/**
 * Whether the picture a frame shows still matches it. `changed` names what
 * differs ("camera", "prompt", "aspect ratio", ...); a picture made before
 * bases were kept says it was made "earlier", since nothing is known of it.
 */
export function pictureState(board: Board, frame: Frame): PictureState {
  const shown = shownRevision(frame.media);
  if (!shown) return { state: "none" };
  const now = pictureBasis(board, frame);
  if (shown.basis === now) return { state: "current" };
  const was = shown.basis.split("-");
  const is = now.split("-");
  if (was.length !== is.length || was[0] !== VERSION) return { state: "out of date", changed: [] };
  const changed = PARTS.filter((_, i) => was[i + 1] !== is[i + 1]).map((p) => p.said);
  return { state: "out of date", changed };
}

/** "Out of date: camera changed", "Out of date: prompt and cast changed", or for an unknown basis "Out of date: made before this version of the shot". */
export function outOfDateText(changed: string[]): string {
  if (changed.length === 0) return "Out of date: made before this version of the shot";
  const list = changed.length === 1 ? changed[0] : `${changed.slice(0, -1).join(", ")} and ${changed.at(-1)}`;
  return `Out of date: ${list} changed`;
}

/** The shot list's and CSV's `picture` column (CONTRACT 12). */
export function pictureColumn(board: Board, frame: Frame): "current" | "out of date" | "none" {
  return pictureState(board, frame).state;
}
