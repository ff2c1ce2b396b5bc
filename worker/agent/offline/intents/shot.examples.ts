// Shot references: labels as shown, ordinals, ranges, "the one with …".
import { type Example, set } from "../examples";

export const EXAMPLES: Example[] = [
  { board: "labelled", say: "make shot 3 a close-up", change: [set("f4", { camera: "CU, track" })] },
  { board: "labelled", say: "make shot 2A a wide", change: [set("f3", { camera: "WS, overhead" })] },
  { board: "labelled", say: "remove shot 4", notDone: ["there is no shot 4 (the board has shots 1, 2, 2A and 3)"] },
];
