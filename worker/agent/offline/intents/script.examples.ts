// The script panel and ideas.
import type { Example } from "../examples";

export const EXAMPLES: Example[] = [
  { board: "coffee", say: "storyboard the script", notDone: ['"storyboard the script": the board already has 6 shots'] },
  { board: "coffee", say: "a 15-second ad for a bakery", notDone: ["the board already has 6 shots", 'say "start over:'] },
  { board: "coffee", say: "break down the screenplay", change: "refuses", notDone: ["the board already has 6 shots"] },
  { board: "empty", say: "storyboard the script", change: "refuses", notDone: ["the script panel has no screenplay to break down yet"] },
];
