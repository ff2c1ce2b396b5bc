// Shots taken out, by number, range, position or what they show.
import { type Example, drop, set } from "../examples";

export const EXAMPLES: Example[] = [
  { board: "coffee", say: "remove shot 4", change: [drop("f4")], says: ['Removed shot 4 "A regular arrives"; 5 shots left.'] },
  { board: "coffee", say: "remove shots 2 and 5", change: [drop("f2", "f5")] },
  { board: "coffee", say: "delete the last shot", change: [drop("f6")] },
  { board: "coffee", say: "remove shot 2 and shot 4", change: [drop("f2", "f4")] },
  { board: "coffee", say: "remove shot 2 and make shot 3 a close-up", change: [drop("f2"), set("f3", { camera: "CU, overhead" })] },
  { board: "coffee", say: "remove the last two shots", change: [drop("f5", "f6")] },
  { board: "coffee", say: "delete shots 3-5", change: [drop("f3", "f4", "f5")] },
  { board: "coffee", say: "remove shots 3 to 5", change: [drop("f3", "f4", "f5")] },
  { board: "coffee", say: "remove the opening shot", change: [drop("f1")] },
  { board: "coffee", say: "remove the final shot", change: [drop("f6")] },
  { board: "coffee", say: "cut the first three shots", change: [drop("f1", "f2", "f3")] },
  { board: "coffee", say: "remove the second shot", change: [drop("f2")] },
  { board: "coffee", say: "remove the one with the sign", change: [drop("f2")] },
  { board: "coffee", say: "remove the one with the cup", change: "refuses", notDone: ["2 shots show the cup (shots 3 and 5)"] },
  { board: "coffee", say: "remove shot 7", change: "refuses", notDone: ["there is no shot 7 (the board has shots 1-6)"] },
  { board: "coffee", say: "remove", change: "refuses" },
  { board: "coffee", say: "delete the first shot", change: [drop("f1")] },
];
