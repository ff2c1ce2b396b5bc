// Lines, and the speaker put in the shot.
import { type Example, set } from "../examples";

export const EXAMPLES: Example[] = [
  { board: "coffee", say: "have Mia say 'We're open' on shot 6", then: [set("f6", { dialogue: "Mia: We're open" })] },
  { board: "coffee", say: 'have Mia say "Come in" in shot 1', then: [set("f1", { dialogue: "Mia: Come in", assets: ["cafe", "look", "mia"] })] },
  { board: "coffee", say: "remove the dialogue from shot 4", then: [set("f4", { dialogue: "" })] },
  { board: "coffee", say: "shot 6 dialogue: See you tomorrow", then: [set("f6", { dialogue: "See you tomorrow" })] },
];
