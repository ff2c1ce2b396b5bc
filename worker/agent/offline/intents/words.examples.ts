// A shot's title, action, prompt, sound and label.
import { type Example, each, set } from "../examples";

export const EXAMPLES: Example[] = [
  { board: "coffee", say: "call shot 2 'The sign flips'", change: [set("f2", { title: "The sign flips" })] },
  { board: "coffee", say: "rename shot 5 to The first sip", change: [set("f5", { title: "The first sip" })] },
  { board: "coffee", say: "shot 3 action: Mia pours slowly", change: [set("f3", { action: "Mia pours slowly." })] },
  { board: "coffee", say: "shot 2: Mia unlocks the door", change: [set("f2", { action: "Mia unlocks the door.", prompt: "Mia unlocks the door" })] },
  { board: "coffee", say: "shots 1-2 sound: thunder", change: each(["f1", "f2"], { sound: "thunder" }) },
  { board: "coffee", say: "label shot 4 as 3A", change: [set("f4", { shot: "3A" })] },
];
