// What a backdrop is: one kind of place, the words that name it, whether it
// is inside, how the alt text says it, and how to draw it.
import type { Ctx } from "../geometry";
import type { PlaceKind } from "../types";

export interface BackdropDef {
  kind: PlaceKind;
  /** The words that name the place (whole words, any case). */
  words: RegExp;
  /** Inside unless the words say outside (and the reverse). */
  interior: boolean;
  /** How the alt text puts it: "in a bakery", "on a beach". */
  phrase: string;
  /** Draws the place behind everyone. */
  draw(c: Ctx): void;
  /** Draws what stands in front of everyone (a car's dashboard), when the place has it. */
  front?(c: Ctx): void;
}
