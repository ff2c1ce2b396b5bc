// What offline cannot do, refused in a director's words with what it can do instead.
import { type Example, set } from "../examples";

export const EXAMPLES: Example[] = [
  {
    board: "coffee",
    say: "make shot 3 a close-up and make it funnier",
    then: [set("f3", { camera: "CU, overhead" })],
    notDone: ['"make it funnier"'],
    says: ["I can't judge what's funny without a model", "An owner can connect a model in Settings"],
  },
  {
    board: "coffee",
    say: "make shot 3 wider and moodier",
    then: [set("f3", { camera: "WS, overhead" })],
    notDone: ['"make shot 3 wider and moodier": I did not act on "moodier" in it'],
  },
  { board: "coffee", say: "approve shot 2", notDone: ["\"approve shot 2\": a shot's status is the team's call"] },
];
