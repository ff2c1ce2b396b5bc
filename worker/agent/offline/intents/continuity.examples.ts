// The continuity check and its fixes.
import { type Example, durations, set } from "../examples";

export const EXAMPLES: Example[] = [
  {
    board: "coffee-mia-watches",
    say: "fix continuity",
    change: [set("f5", { action: "The regular takes the first sip as Mia watches.", assets: ["cup", "cafe", "mia"] })],
    says: ['Shot 5 "First sip": attached Mia (named in the shot).', "found 1 issue: resolved 1."],
  },
  {
    board: "timed-f4-bare",
    say: "check continuity",
    change: [set("f4", { camera: "MS", duration: 5 })],
    says: ['Shot 4 "A regular arrives": camera MS (it had none); 5 s (it had no length; its share of the 30 s asked for).'],
  },
  {
    board: "base-f4-bare",
    say: "fix the continuity issues",
    change: [set("f4", { camera: "MS", duration: 3 })],
    says: ['Shot 4 "A regular arrives": camera MS (it had none); 3 s (it had no length).'],
  },
  {
    board: "coffee-f3-medium",
    say: "fix the continuity issues",
    change: [set("f3", { camera: "CU, overhead" })],
    says: ['Shot 3 "The pour": camera CU, overhead (was MS, overhead: shot 2 before it is also a medium shot of the same cast, a jump cut).'],
  },
  {
    board: "coffee-cup-undescribed",
    say: "fix continuity",
    notDone: ['"fix continuity": The cup (prop), attached to shot 3, has no description or prompt; how The cup looks is for you to say'],
    says: ["found 1 issue: none I can fix offline, so nothing changed on the board.", "An owner can connect a model in Settings"],
  },
  {
    board: "coffee-asks-20",
    say: "fix continuity",
    change: [durations(3.5, 3.5, 2.5, 3.5, 3.5, 3.5)],
    says: ["Retimed the episode to 20 s (was 30 s)"],
  },
  { board: "timed", say: "check continuity", says: ["I checked continuity: the board is clean.", "within 10 % of the 30 s asked for"] },
  { board: "empty", say: "check continuity", says: ["The board has no shots yet"] },
  { board: "timed", say: "continuity check", says: ["I checked continuity: the board is clean."] },
];
