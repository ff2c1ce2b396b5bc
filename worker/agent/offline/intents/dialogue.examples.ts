// Lines, and the speaker put in the shot.
import { type Example, set, upsertAsset } from "../examples";

export const EXAMPLES: Example[] = [
  { board: "coffee", say: "have Mia say 'We're open' on shot 6", change: [set("f6", { dialogue: "Mia: We're open" })] },
  { board: "coffee", say: 'have Mia say "Come in" in shot 1', change: [set("f1", { dialogue: "Mia: Come in", assets: ["cafe", "look", "mia"] })] },
  { board: "coffee", say: "remove the dialogue from shot 4", change: [set("f4", { dialogue: "" })] },
  { board: "coffee", say: "shot 6 dialogue: See you tomorrow", change: [set("f6", { dialogue: "See you tomorrow" })] },
  {
    board: "coffee",
    say: "have Mia say 'Nice try' on shot 5",
    change: [set("f5", { dialogue: "Mia: Nice try", assets: ["cup", "cafe", "mia"] })],
    says: ["with Mia"],
  },
  { board: "coffee", say: "have the barista say 'Coming up' in shot 1", change: [set("f1", { dialogue: "Mia: Coming up", assets: ["cafe", "look", "mia"] })] },
  { board: "coffee", say: "Mia says 'See you' in shot 2", change: [set("f2", { dialogue: "Mia: See you" })] },
  {
    board: "coffee",
    say: "have Leo say 'Hi' on shot 5",
    change: [
      upsertAsset({ id: "leo", kind: "character", name: "Leo", description: "", prompt: "Leo" }),
      set("f5", { dialogue: "Leo: Hi", assets: ["cup", "cafe", "leo"] }),
    ],
    says: ["Added Leo (character) to the cast, to speak the line."],
  },
  {
    board: "coffee",
    say: "add a character Leo: a delivery cyclist, and have Leo say 'Evening' on the last shot",
    change: [
      upsertAsset({ id: "leo", kind: "character", name: "Leo", description: "a delivery cyclist", prompt: "Leo, delivery cyclist" }),
      set("f6", { dialogue: "Leo: Evening", assets: ["mia", "cafe", "look", "leo"] }),
    ],
  },
  { board: "coffee", say: "have Mia say 'Hi'", change: "refuses", notDone: ["say which shot or shots"] },
  { board: "coffee", say: "remove the dialogue from the last shot", change: [set("f6", { dialogue: "" })] },
  { board: "coffee", say: "make the dialogue in shot 4 'Hi there'", change: [set("f4", { dialogue: "Hi there" })] },
  { board: "coffee", say: "have Mia say 'Welcome' in the opening shot", change: [set("f1", { dialogue: "Mia: Welcome", assets: ["cafe", "look", "mia"] })] },
];
