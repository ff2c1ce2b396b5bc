// Two shots trading places.
import { type Example, order } from "../examples";

export const EXAMPLES: Example[] = [
  { board: "coffee", say: "swap shots 1 and 3", change: [order("f3", "f2", "f1", "f4", "f5", "f6")] },
  { board: "coffee", say: "swap shot 2 with shot 6", change: [order("f1", "f6", "f3", "f4", "f5", "f2")] },
  { board: "coffee", say: "swap the first and last shots", change: [order("f6", "f2", "f3", "f4", "f5", "f1")] },
  { board: "coffee", say: "swap shots 1 and 9", notDone: ['"swap shots 1 and 9": there is no shot 9 (the board has shots 1-6)'] },
  { board: "coffee", say: "swap the opening shot with the final shot", change: [order("f6", "f2", "f3", "f4", "f5", "f1")] },
  { board: "coffee", say: "swap shot 2 and the last shot", change: [order("f1", "f6", "f3", "f4", "f5", "f2")] },
  { board: "coffee", say: "swap shots 1 and 1", change: "refuses", notDone: ["those are the same shot"] },
  { board: "coffee", say: "swap the last two shots", change: [order("f1", "f2", "f3", "f4", "f6", "f5")] },
  { board: "coffee", say: "swap the first two shots", change: [order("f2", "f1", "f3", "f4", "f5", "f6")] },
];
