// Pictures asked for.
import type { Example } from "../examples";

export const EXAMPLES: Example[] = [
  { board: "coffee", say: "render shots 1-3", renders: ["f1", "f2", "f3"] },
  { board: "coffee", say: "render all", renders: ["f1", "f2", "f3", "f4", "f5", "f6"] },
  { board: "coffee", say: "regenerate shot 2", renders: ["f2"] },
  { board: "coffee", say: "render the last two shots", renders: ["f5", "f6"] },
  { board: "coffee", say: "render the opening shot", renders: ["f1"] },
];
