// The backdrop's tones by time of day: paper-light by day, warm at dusk, blue-grey at night.
import type { Tones } from "../geometry";
import { INK } from "../palette";
import type { Place } from "../types";

export function tones(s: Place): Tones {
  if (s.time === "night")
    return s.interior
      ? {
          sky: "#2a3140",
          ground: "#4a4640",
          wall: "#8a8379",
          side: "#7a746b",
          floor: "#6a645b",
          ceiling: "#7f786f",
          line: "#3a3835",
          far: "#5c574f",
          glass: "#2a3242",
          hills: "#3a4150",
        }
      : {
          sky: "#3a4254",
          ground: "#2f343f",
          wall: "#4a5060",
          side: "#434959",
          floor: "#2f343f",
          ceiling: "#3a4254",
          line: "#cfcabe",
          far: "#4d5568",
          glass: "#e9c46a",
          hills: "#454d60",
        };
  if (s.time === "dusk")
    return {
      sky: "#f0d8c0",
      ground: "#d9ccb6",
      wall: "#eadccb",
      side: "#e0d0bc",
      floor: "#d6c6ae",
      ceiling: "#efe3d4",
      line: INK,
      far: "#c9a98f",
      glass: "#f3c99b",
      hills: "#d9bfa8",
    };
  return {
    sky: "#e5ecef",
    ground: "#e4ddce",
    wall: "#efe9de",
    side: "#e5ded1",
    floor: "#ddd3c1",
    ceiling: "#f4f0e8",
    line: INK,
    far: "#b8b4aa",
    glass: "#d7e5eb",
    hills: "#d6d9cf",
  };
}
