// The episode's shape.
import { type Example, aspect, order } from "../examples";

export const EXAMPLES: Example[] = [
  { board: "coffee", say: "make it vertical", change: [aspect("9:16")] },
  { board: "coffee", say: "9:16", change: [aspect("9:16")] },
  { board: "coffee", say: "square", change: [aspect("1:1")] },
  { board: "coffee", say: "make it 4:5", change: [aspect("4:5")] },
  { board: "coffee", say: "cinemascope 2.39:1", change: [aspect("2.39:1")] },
  { board: "coffee", say: "make it widescreen", says: ["The episode is already landscape 16:9."] },
  {
    board: "coffee",
    say: "make it vertical; swap shots 1 and 2. Render shot 1",
    change: [aspect("9:16"), order("f2", "f1", "f3", "f4", "f5", "f6")],
    renders: ["f1"],
  },
  { board: "coffee", say: "go vertical", change: [aspect("9:16")] },
  { board: "coffee", say: "make it square for instagram", change: [aspect("1:1")] },
];
