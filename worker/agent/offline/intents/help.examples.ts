// Help, thanks and undo.
import type { Example } from "../examples";

export const EXAMPLES: Example[] = [
  { board: "coffee", say: "thanks!", says: ["Glad it helps."] },
  { board: "coffee", say: "undo", notDone: ['"undo": I can\'t undo offline: use Undo on the answer'] },
  { board: "coffee", say: "help", says: ["I'm the offline demo agent", "make shot 3 a close-up"] },
  { board: "coffee", say: "what can you do?", says: ["I'm the offline demo agent"] },
  { board: "coffee", say: "hello", says: ["I'm the offline demo agent"] },
];
