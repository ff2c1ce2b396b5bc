// The whole episode's running time, said many ways.
import { type Example, durations } from "../examples";

export const EXAMPLES: Example[] = [
  {
    board: "coffee",
    say: "make it 20 seconds",
    change: [durations(3.5, 3.5, 2.5, 3.5, 3.5, 3.5)],
    total: 20,
  },
  { board: "coffee", say: "make it 45 seconds", change: [durations(7.5, 7.5, 6, 7.5, 7.5, 9)] },
  { board: "coffee", say: "cut the ad down to 24 seconds", change: [durations(4, 4, 3, 4, 4, 5)] },
  // The whole thing, said many ways: every shot keeps its share of the new total.
  { board: "coffee", say: "make the whole thing 45 seconds", change: [durations(7.5, 7.5, 6, 7.5, 7.5, 9)], total: 45 },
  { board: "coffee", say: "make the ad 45 seconds", change: [durations(7.5, 7.5, 6, 7.5, 7.5, 9)], total: 45 },
  { board: "coffee", say: "make it all 45 seconds", change: [durations(7.5, 7.5, 6, 7.5, 7.5, 9)], total: 45 },
  { board: "coffee", say: "make the cut 45 seconds", change: [durations(7.5, 7.5, 6, 7.5, 7.5, 9)], total: 45 },
  { board: "coffee", say: "45s total", change: [durations(7.5, 7.5, 6, 7.5, 7.5, 9)], total: 45 },
  { board: "coffee", say: "three quarters of a minute", change: [durations(7.5, 7.5, 6, 7.5, 7.5, 9)], total: 45 },
  { board: "coffee", say: "make it three quarters of a minute", change: [durations(7.5, 7.5, 6, 7.5, 7.5, 9)], total: 45 },
  { board: "coffee", say: "trim it to 20", change: [durations(3.5, 3.5, 2.5, 3.5, 3.5, 3.5)], total: 20 },
  { board: "coffee", say: "make it 20 seconds in total", change: [durations(3.5, 3.5, 2.5, 3.5, 3.5, 3.5)], total: 20 },
  { board: "coffee", say: "make it half a minute", says: ["It already runs 30 s; nothing to change."] },
  { board: "coffee", say: "a minute and a half", change: [durations(15, 15, 12, 15, 15, 18)], total: 90 },
  { board: "coffee", say: "make it a minute and a half", change: [durations(15, 15, 12, 15, 15, 18)], total: 90 },
  { board: "coffee", say: "make it one and a half minutes", change: [durations(15, 15, 12, 15, 15, 18)], total: 90 },
  { board: "coffee", say: "make it a minute", change: [durations(10, 10, 8, 10, 10, 12)], total: 60 },
  { board: "coffee", say: "the running time should be 60 seconds", change: [durations(10, 10, 8, 10, 10, 12)], total: 60 },
  { board: "coffee", say: "cut it down to 24 seconds", change: [durations(4, 4, 3, 4, 4, 5)], total: 24 },
  { board: "coffee", say: "make it 5000 seconds", change: "refuses", notDone: ["a shot can be at most 600 s"] },
  { board: "coffee", say: "make the whole ad 45 seconds", change: [durations(7.5, 7.5, 6, 7.5, 7.5, 9)], total: 45 },
  { board: "coffee", say: "shorten the whole thing to 20 seconds", change: [durations(3.5, 3.5, 2.5, 3.5, 3.5, 3.5)], total: 20 },
  { board: "coffee", say: "the ad should be 15 seconds", change: [durations(2.5, 2.5, 2, 2.5, 2.5, 3)], total: 15 },
  { board: "coffee", say: "make it 90 seconds long", change: [durations(15, 15, 12, 15, 15, 18)], total: 90 },
];
