// The whole episode's running time, said many ways.
import { type Example, durations } from "../examples";

export const EXAMPLES: Example[] = [
  {
    board: "coffee",
    say: "make it 20 seconds",
    then: [durations(3.5, 3.5, 2.5, 3.5, 3.5, 3.5)],
    total: 20,
  },
  { board: "coffee", say: "make it 45 seconds", then: [durations(7.5, 7.5, 6, 7.5, 7.5, 9)] },
  { board: "coffee", say: "cut the ad down to 24 seconds", then: [durations(4, 4, 3, 4, 4, 5)] },
];
