// Sketch renders stored before pictures were pictures only (CONTRACT 12) are
// whole cards: a shot label and chips above the panel, the caption under it,
// a 20 px margin round it. Such a card is 40 px wider than the panel, so the
// animatic, which paints pixels it has loaded, shows only its panel; the card
// and the review page crop by the revision's recorded size (model/pictures.ts
// cardCrop).
import type { Aspect } from "../../../worker/domain/board";
import { PANEL_SIZES } from "../../../worker/sketch/scene";

/** Where the panel sits in an old whole-card sketch `width` px wide, or null when the image is a picture already. */
export function legacyPanel(width: number, aspect: Aspect): { x: number; y: number; w: number; h: number } | null {
  const panel = PANEL_SIZES[aspect] ?? PANEL_SIZES["16:9"];
  if (width !== panel.w + 40) return null;
  return { x: 20, y: 56, w: panel.w, h: panel.h };
}
