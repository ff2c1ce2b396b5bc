// Shots taken out, by number, range, position or what they show.
import { type Example, drop, set } from "../examples";

export const EXAMPLES: Example[] = [
  { board: "coffee", say: "remove shot 4", then: [drop("f4")], says: ['Removed shot 4 "A regular arrives"; 5 shots left.'] },
  { board: "coffee", say: "remove shots 2 and 5", then: [drop("f2", "f5")] },
  { board: "coffee", say: "delete the last shot", then: [drop("f6")] },
  { board: "coffee", say: "remove shot 2 and shot 4", then: [drop("f2", "f4")] },
  { board: "coffee", say: "remove shot 2 and make shot 3 a close-up", then: [drop("f2"), set("f3", { camera: "CU, overhead" })] },
];
