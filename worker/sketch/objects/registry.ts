// The props a sketch can draw, by name, and the words that name them. Adding
// a prop is adding its file and a row here. Rows that name several words
// ("coffee machine", "wine glass", "bread oven") come before the rows their
// words would otherwise match, and a matched word is used up.
import { bag } from "./bag";
import { bicycle } from "./bicycle";
import { book } from "./book";
import { bottle } from "./bottle";
import { box } from "./box";
import { bread } from "./bread";
import { cake } from "./cake";
import { camera } from "./camera";
import { car } from "./car";
import { chair } from "./chair";
import { clock } from "./clock";
import { coffeeMachine } from "./coffee-machine";
import { cup } from "./cup";
import { door } from "./door";
import { flowers } from "./flowers";
import { glass } from "./glass";
import { guitar } from "./guitar";
import { key } from "./key";
import { knife } from "./knife";
import { lamp } from "./lamp";
import { laptop } from "./laptop";
import { letter } from "./letter";
import { oven } from "./oven";
import { phone } from "./phone";
import { plate } from "./plate";
import { table } from "./table";
import type { PropDef } from "./types";
import { umbrella } from "./umbrella";
import { window } from "./window";

export type { PropDef, PropStyle } from "./types";

export const PROPS: readonly PropDef[] = [
  coffeeMachine,
  oven,
  glass,
  knife,
  cake,
  bread,
  cup,
  phone,
  laptop,
  book,
  bag,
  umbrella,
  bicycle,
  car,
  door,
  window,
  bottle,
  plate,
  flowers,
  key,
  letter,
  lamp,
  chair,
  table,
  clock,
  camera,
  guitar,
  box,
];

const BY_NAME = new Map(PROPS.map((p) => [p.name, p]));
/** Every row's words in one pattern, a named group per row in table order: one pass over the text finds them all. */
const ANY = new RegExp(PROPS.map((p, i) => `(?<p${i}>${p.words.source})`).join("|"), "gi");

export function propNamed(name: string): PropDef | undefined {
  return BY_NAME.get(name);
}

/**
 * The props `text` names, in the order it names them, each once. Where rows
 * match at the same word the higher row wins and takes the words it matched,
 * so "coffee machine" is a coffee machine and not also a cup.
 */
export function propsIn(text: string): string[] {
  const found: string[] = [];
  ANY.lastIndex = 0;
  for (let m = ANY.exec(text); m; m = ANY.exec(text)) {
    if (m[0] === "") {
      ANY.lastIndex++;
      continue;
    }
    const groups = m.groups!;
    const i = PROPS.findIndex((_, k) => groups[`p${k}`] !== undefined);
    const name = PROPS[i]!.name;
    if (!found.includes(name)) found.push(name);
  }
  return found;
}
