// Hair styles, as shapes in head units (the head is 0.74 wide and 1 tall, its top at y = 0).
import type { Cmd } from "../types";

/** Hair on top of the head (drawn after the head) and behind it (drawn before). */
export function hairShapes(style: number, facing: number): { back: Cmd[] | null; top: Cmd[] } {
  const f = facing * 0.06;
  const cap: Cmd[] = [
    ["M", -0.4, 0.52],
    ["C", -0.47, -0.22, 0.47, -0.22, 0.4, 0.52],
    ["C", 0.35, 0.32, 0.2 + f, 0.2, 0.02 + f, 0.22],
    ["C", -0.16 + f, 0.2, -0.34, 0.3, -0.39, 0.52],
    ["Z"],
  ];
  switch (style) {
    case 1: // long
      return {
        back: [
          ["M", 0, 0.02],
          ["C", -0.56, 0.02, -0.5, 0.7, -0.58, 1.3],
          ["Q", -0.5, 1.5, -0.3, 1.4],
          ["L", 0.3, 1.4],
          ["Q", 0.5, 1.5, 0.58, 1.3],
          ["C", 0.5, 0.7, 0.56, 0.02, 0, 0.02],
          ["Z"],
        ],
        top: cap,
      };
    case 2: // bun
      return { back: [["M", 0, -0.3], ["C", 0.22, -0.3, 0.22, 0.02, 0, 0.02], ["C", -0.22, 0.02, -0.22, -0.3, 0, -0.3], ["Z"]], top: cap };
    case 3: // curly
      return {
        back: null,
        top: [
          ["M", -0.42, 0.55],
          ["Q", -0.56, 0.3, -0.4, 0.12],
          ["Q", -0.38, -0.12, -0.14, -0.1],
          ["Q", 0.02, -0.24, 0.18, -0.08],
          ["Q", 0.42, -0.1, 0.42, 0.14],
          ["Q", 0.56, 0.32, 0.42, 0.55],
          ["C", 0.36, 0.3, 0.2 + f, 0.24, 0.02 + f, 0.25],
          ["C", -0.16 + f, 0.24, -0.36, 0.3, -0.42, 0.55],
          ["Z"],
        ],
      };
    case 4: // cropped
      return {
        back: null,
        top: [["M", -0.39, 0.4], ["C", -0.44, -0.16, 0.44, -0.16, 0.39, 0.4], ["C", 0.3, 0.2, -0.3, 0.2, -0.39, 0.4], ["Z"]],
      };
    default: // short with a side part
      return { back: null, top: cap };
  }
}
