// Shots moved, by number, range or position.
import { type Example, order } from "../examples";

export const EXAMPLES: Example[] = [
  {
    board: "coffee",
    say: "move shot 5 to the start",
    change: [order("f5", "f1", "f2", "f3", "f4", "f6")],
    says: ["Moved shot 5 to the start; it is now shot 1."],
  },
  { board: "coffee", say: "move shot 2 after shot 4", change: [order("f1", "f3", "f4", "f2", "f5", "f6")] },
  { board: "coffee", say: "move shot 1 to the end", change: [order("f2", "f3", "f4", "f5", "f6", "f1")] },
  { board: "coffee", say: "move shot 6 before shot 2", change: [order("f1", "f6", "f2", "f3", "f4", "f5")] },
  { board: "coffee", say: "move shot 5 up one", change: [order("f1", "f2", "f3", "f5", "f4", "f6")] },
  { board: "coffee", say: "move shot 5 to the start, then swap shots 2 and 3", change: [order("f5", "f1", "f3", "f2", "f4", "f6")] },
  { board: "coffee", say: "move the last shot to the start", change: [order("f6", "f1", "f2", "f3", "f4", "f5")] },
  { board: "coffee", say: "move the last two shots to the start", change: [order("f5", "f6", "f1", "f2", "f3", "f4")] },
  { board: "coffee", say: "move the opening shot to the end", change: [order("f2", "f3", "f4", "f5", "f6", "f1")] },
  { board: "coffee", say: "move shots 2-3 to the end", change: [order("f1", "f4", "f5", "f6", "f2", "f3")] },
  { board: "coffee", say: "move the one with the sign after shot 4", change: [order("f1", "f3", "f4", "f2", "f5", "f6")] },
  { board: "coffee", say: "make shot 4 the first shot", change: [order("f4", "f1", "f2", "f3", "f5", "f6")] },
  { board: "coffee", say: "move shot 2", change: "refuses" },
];
