// A figure placed in a panel, and how it is drawn: its colours and line.
import { castColor, GENERIC_TONES, hairOf, personKey } from "../palette";
import type { Figure, Person } from "../types";

export interface Placed {
  person: Person | null;
  x: number;
  top: number;
  u: number;
  facing: -1 | 0 | 1;
  view: "front" | "back" | "top";
  role: Figure["role"];
  blur?: number;
  opacity?: number;
  pose?: "walk";
}

export interface FigureStyle {
  color: string;
  hair: { color: string; style: number };
  generic: boolean;
  line: string;
}

/** A named person's colour and hair stay the same in every shot; unnamed people take quiet tones. */
export function styleOf(person: Person | null, index: number, line: string): FigureStyle {
  if (person?.id) {
    const key = personKey(person.id, person.name);
    return { color: castColor(key), hair: hairOf(key), generic: false, line };
  }
  return {
    color: GENERIC_TONES[index % GENERIC_TONES.length]!,
    hair: { color: ["#4a4642", "#6b6660", "#8a847c"][index % 3]!, style: [0, 1, 3][index % 3]! },
    generic: true,
    line,
  };
}
