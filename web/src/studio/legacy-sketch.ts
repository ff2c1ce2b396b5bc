// Sketch renders stored before pictures were pictures only (CONTRACT 12) are
// whole cards: a shot label and chips above the panel, the caption under it,
// a 20 px margin round it. Such a card is 40 px wider than the panel, so
// wherever one is shown only its panel is shown, and the card, the review
// page and the animatic print the words from the board as it is now.
import type { Aspect } from "../../../worker/domain/board";
import { PANEL_SIZES } from "../../../worker/sketch/scene";

/** Where the panel sits in an old whole-card sketch `width` px wide, or null when the image is a picture already. */
export function legacyPanel(width: number, aspect: Aspect): { x: number; y: number; w: number; h: number } | null {
  const panel = PANEL_SIZES[aspect] ?? PANEL_SIZES["16:9"];
  if (width !== panel.w + 40) return null;
  return { x: 20, y: 56, w: panel.w, h: panel.h };
}

/** CSS that crops an <img> of an old whole card to its panel, inside a box of the panel's aspect. */
export function legacyCrop(width: number, aspect: Aspect): Record<string, string> | undefined {
  const p = legacyPanel(width, aspect);
  if (!p) return undefined;
  return { width: `${(width / p.w) * 100}%`, "max-width": "none", left: `${(-p.x / p.w) * 100}%`, top: `${(-p.y / p.h) * 100}%` };
}
