// What offline cannot do, refused in a director's words with what it can do instead.
import { type Example, set } from "../examples";

export const EXAMPLES: Example[] = [
  {
    board: "coffee",
    say: "make shot 3 a close-up and make it funnier",
    change: [set("f3", { camera: "CU, overhead" })],
    notDone: ['"make it funnier"'],
    says: ["I can't judge what's funny without a model", "An owner can connect a model in Settings"],
  },
  {
    board: "coffee",
    say: "make shot 3 wider and moodier",
    change: [set("f3", { camera: "WS, overhead" })],
    notDone: ['"make shot 3 wider and moodier": I did not act on "moodier" in it'],
  },
  { board: "coffee", say: "approve shot 2", notDone: ["\"approve shot 2\": a shot's status is the team's call"] },
  // Asked alone, a judgement is refused with what offline can do instead, and never with a setting's internal name.
  {
    board: "coffee",
    say: "make it moodier",
    change: "refuses",
    notDone: ["I can't judge mood without a model. I can change the camera, lengths, dialogue or cast"],
  },
  { board: "coffee", say: "make it funnier", change: "refuses", notDone: ["I can't judge what's funny without a model"] },
  { board: "coffee", say: "rewrite the dialogue to be snappier", change: "refuses", notDone: ["I can't rewrite words without a model"] },
  { board: "coffee", say: "make the story better", change: "refuses", notDone: ["I can't rework the story without a model"] },
  { board: "coffee", say: "make it look more cinematic", change: "refuses", notDone: ["I can't judge a look without a model"] },
  { board: "coffee", say: "add more jokes", change: "refuses", notDone: ["I can't judge what's funny without a model"] },
  { board: "coffee", say: "make it more energetic", change: "refuses", notDone: ["I can't judge pace without a model"] },
  { board: "coffee", say: "make it moodier", change: "refuses", says: ["An owner can connect a model in Settings"] },
  { board: "coffee", say: "make it moodier", owner: true, change: "refuses", says: ["Connect a model in Project settings → Agent"] },
  { board: "coffee", say: "asdf qwerty", change: "refuses", notDone: ["I didn't follow that offline"] },
  { board: "coffee", say: "banana", change: "refuses", notDone: ["I didn't follow that offline"] },
  { board: "coffee", say: "make it feel warmer", change: "refuses", notDone: ["I can't judge mood without a model"] },
  { board: "coffee", say: "can you make it more exciting?", change: "refuses", notDone: ["I can't judge pace without a model"] },
  { board: "coffee", say: "turn it into a horror film", change: "refuses", notDone: ["I can't rework the story without a model"] },
  { board: "coffee", say: "make it pop", change: "refuses", notDone: ["I can't judge a look without a model"] },
];
