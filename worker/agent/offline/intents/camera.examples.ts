// Camera size, angle and movement on existing shots.
import { type Example, set } from "../examples";

export const EXAMPLES: Example[] = [
  { board: "coffee", say: "shot 2 low angle", change: [set("f2", { camera: "MS, low angle" })] },
  { board: "coffee", say: "push in on shot 4", change: [set("f4", { camera: "WS, push in" })] },
  {
    board: "coffee",
    say: "make shots 2 to 4 handheld",
    change: [set("f2", { camera: "MS, handheld" }), set("f3", { camera: "INSERT, overhead, handheld" }), set("f4", { camera: "WS, handheld" })],
  },
  {
    board: "coffee",
    say: "make shot 3 a close-up and shot 4 an extreme wide",
    change: [set("f3", { camera: "CU, overhead" }), set("f4", { camera: "EWS, track" })],
  },
  { board: "coffee", say: "make shot 1 a low-angle close-up with a slow push in", change: [set("f1", { camera: "CU, low angle, push in" })] },
  {
    board: "coffee",
    say: "make shot 9 a close-up",
    notDone: ['"make shot 9 a close-up": there is no shot 9 (the board has shots 1-6)'],
    says: ["Nothing changed on the board."],
  },
  { board: "coffee", say: "push in on it", notDone: ['"push in on it": say which shot or shots'] },
  { board: "empty", say: "make shot 3 a close-up", notDone: ['"make shot 3 a close-up": there is no shot 3 (the board has no shots yet)'] },
  { board: "coffee", say: "make the opening shot a close-up", change: [set("f1", { camera: "CU" })] },
  { board: "coffee", say: "make the final shot a wide", change: [set("f6", { camera: "WS, low angle" })] },
  { board: "coffee", say: "make the second shot handheld", change: [set("f2", { camera: "MS, handheld" })] },
  { board: "coffee", say: "make the last two shots overhead", change: [set("f5", { camera: "CU, overhead, push in" }), set("f6", { camera: "MS, overhead" })] },
  {
    board: "coffee",
    say: "make shots 3 to 5 low angle",
    change: [set("f3", { camera: "INSERT, low angle" }), set("f4", { camera: "WS, low angle, track" }), set("f5", { camera: "CU, low angle, push in" })],
  },
  {
    board: "coffee",
    say: "shots 3-5 handheld",
    change: [set("f3", { camera: "INSERT, overhead, handheld" }), set("f4", { camera: "WS, handheld" }), set("f5", { camera: "CU, handheld" })],
  },
  { board: "labelled", say: "make the one with the cup a close-up", change: [set("f3", { camera: "CU, overhead" })] },
  { board: "coffee", say: "make the one with the sign a close-up", change: [set("f2", { camera: "CU" })] },
  { board: "coffee", say: "make the one with the cup a close-up", change: "refuses", notDone: ["2 shots show the cup (shots 3 and 5)"] },
  { board: "coffee", say: "make the one with the piano a close-up", change: "refuses", notDone: ["no shot shows the piano"] },
  { board: "coffee", say: "make shot 3 purple", change: "refuses" },
  { board: "coffee", say: "make shot 2 and shot 3 close-ups", change: [set("f2", { camera: "CU" }), set("f3", { camera: "CU, overhead" })] },
  { board: "coffee", say: "make the third shot a close-up", change: [set("f3", { camera: "CU, overhead" })] },
  { board: "coffee", say: "give the opening shot a slow push in", change: [set("f1", { camera: "EWS, push in" })] },
  { board: "coffee", say: "close-up on shot 2", change: [set("f2", { camera: "CU" })] },
];
