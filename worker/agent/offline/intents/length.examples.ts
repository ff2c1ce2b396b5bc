// A shot's own length.
import { type Example, each, set } from "../examples";

export const EXAMPLES: Example[] = [
  { board: "coffee", say: "make shot 1 7 seconds", change: [set("f1", { duration: 7 })] },
  { board: "coffee", say: "make shots 2-4 3 seconds each", change: each(["f2", "f3", "f4"], { duration: 3 }) },
  { board: "coffee", say: "make all shots 4 seconds", change: each(["f1", "f2", "f3", "f4", "f5", "f6"], { duration: 4 }) },
  { board: "coffee", say: "make shot 3 longer", change: [set("f3", { duration: 5 })] },
  { board: "coffee", say: "lengthen shot 4 by 2 seconds", change: [set("f4", { duration: 7 })] },
  { board: "coffee", say: "cut shot 3 to 2 seconds", change: [set("f3", { duration: 2 })] },
  { board: "coffee", say: "make shot 3 a close-up and 5 seconds", change: [set("f3", { camera: "CU, overhead", duration: 5 })] },
  { board: "coffee", say: "make shot 3 a close-up, 2 seconds", change: [set("f3", { camera: "CU, overhead", duration: 2 })] },
  { board: "coffee", say: "make the last two shots 3 seconds each", change: each(["f5", "f6"], { duration: 3 }) },
  { board: "coffee", say: "make shots 3-5 2 seconds", change: each(["f3", "f4", "f5"], { duration: 2 }) },
  { board: "coffee", say: "make shots 3 to 5 6 seconds each", change: each(["f3", "f4", "f5"], { duration: 6 }) },
  { board: "coffee", say: "make the opening shot 3 seconds", change: [set("f1", { duration: 3 })] },
  { board: "coffee", say: "make the final shot 4 seconds", change: [set("f6", { duration: 4 })] },
  { board: "coffee", say: "make the first three shots 2 seconds each", change: each(["f1", "f2", "f3"], { duration: 2 }) },
  { board: "coffee", say: "make the second shot twice as long", change: [set("f2", { duration: 10 })] },
  { board: "coffee", say: "make the one with the sign a bit shorter", change: [set("f2", { duration: 4 })] },
  { board: "coffee", say: "make the last shot longer", change: [set("f6", { duration: 7 })] },
  { board: "coffee", say: "make every shot 5 seconds", change: each(["f3", "f6"], { duration: 5 }) },
];
