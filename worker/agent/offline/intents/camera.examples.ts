// Camera size, angle and movement on existing shots.
import { type Example, set } from "../examples";

export const EXAMPLES: Example[] = [
  { board: "coffee", say: "shot 2 low angle", then: [set("f2", { camera: "MS, low angle" })] },
  { board: "coffee", say: "push in on shot 4", then: [set("f4", { camera: "WS, push in" })] },
  {
    board: "coffee",
    say: "make shots 2 to 4 handheld",
    then: [set("f2", { camera: "MS, handheld" }), set("f3", { camera: "INSERT, overhead, handheld" }), set("f4", { camera: "WS, handheld" })],
  },
  {
    board: "coffee",
    say: "make shot 3 a close-up and shot 4 an extreme wide",
    then: [set("f3", { camera: "CU, overhead" }), set("f4", { camera: "EWS, track" })],
  },
  { board: "coffee", say: "make shot 1 a low-angle close-up with a slow push in", then: [set("f1", { camera: "CU, low angle, push in" })] },
  {
    board: "coffee",
    say: "make shot 9 a close-up",
    notDone: ['"make shot 9 a close-up": there is no shot 9 (the board has shots 1-6)'],
    says: ["Nothing changed on the board."],
  },
  { board: "coffee", say: "push in on it", notDone: ['"push in on it": say which shot or shots'] },
  { board: "empty", say: "make shot 3 a close-up", notDone: ['"make shot 3 a close-up": there is no shot 3 (the board has no shots yet)'] },
];
