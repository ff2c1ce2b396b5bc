// What a prop drawer is: one named thing, the words that name it, its size
// in head units (a person is 7.4 heads tall, so a head unit is about 24 cm),
// where it rests, and how to draw it as a line drawing in a unit box.
import type { Pen } from "../pen";
import type { Paint } from "../types";

export interface PropStyle {
  ink: string;
  /** The outline's width in px at the size the prop is drawn. */
  sw: number;
  night: boolean;
}

export interface PropDef {
  /** The registry name, as the scene description lists it ("bread", "coffee machine"). */
  name: string;
  /** The words and synonyms that name it (whole words, any case). */
  words: RegExp;
  /** Height in head units, and width over height. */
  h: number;
  ratio: number;
  /** On a table or counter, on the floor or ground, or on a wall. */
  rest: "table" | "floor" | "wall";
  /**
   * Draws the prop in a unit box: 1 unit is the prop's height, the base's
   * centre is (0, 0), the top is y = -1 and it spans x = ±ratio/2.
   */
  draw(pen: Pen, st: PropStyle): void;
}

/** A filled shape with the prop's outline. */
export const solid = (fill: string, st: PropStyle, k = 1): Paint => ({ fill, stroke: st.ink, sw: st.sw * k });
/** A bare line in the prop's ink. */
export const stroke = (st: PropStyle, k = 1, opacity?: number): Paint => ({ fill: "none", stroke: st.ink, sw: st.sw * k, ...(opacity ? { opacity } : {}) });
