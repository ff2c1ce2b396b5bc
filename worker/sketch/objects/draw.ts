// Draws a registered prop at a size: its unit box scaled to `s` (in the
// pen's units), with outlines as wide as `px`, the prop's height in panel px, asks.
import { clamp } from "../palette";
import type { Pen } from "../pen";
import type { PropDef } from "./types";

export function drawProp(pen: Pen, def: PropDef, x: number, base: number, s: number, px: number, ink: string, night: boolean): void {
  const local = pen.local(x, base, s, s);
  def.draw(local, { ink, sw: clamp(px * 0.011, 0.6, 3.6), night });
  pen.take(local);
}
