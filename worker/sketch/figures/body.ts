// A standing storyboard figure, seen from the front (or three-quarter) or
// from behind, standing or mid-stride, in head units: 7.4 heads tall.
import { clamp, SHOES, SKIN, TROUSERS } from "../palette";
import type { Pen, Pt } from "../pen";
import type { Cmd, Paint, Prim } from "../types";
import { face } from "./face";
import { hairShapes } from "./hair";
import type { FigureStyle, Placed } from "./types";

/** A standing storyboard figure seen from the front (or three-quarter) or from behind, in head units. */
export function drawFigure(world: Pen, p: Placed, st: FigureStyle, fore: number): Prim[] {
  const u = p.u;
  // High angles shorten the body towards the feet; low angles lengthen it.
  const warp = fore ? (y: number) => y * (1 - (fore * y) / 14.8) : undefined;
  const pen = world.local(p.x, p.top, u, u, warp);
  const sw = clamp(u * 0.045, 0.9, 4.2);
  const thin = Math.max(0.7, sw * 0.55);
  const ink = st.line;
  const f = p.view === "back" ? 0 : p.facing;
  const detail = u < 9 ? 0 : u < 30 ? 1 : u < 150 ? 2 : 3;
  const line: Paint = { stroke: ink, sw, fill: "none" };

  if (u > 14 && p.role === "subject") pen.ellipse(0.05, 7.35, 1.05, 0.16, { fill: "#000", opacity: 0.1 });
  // Legs and shoes: standing, or mid-stride towards where the figure faces.
  const walk = p.pose === "walk";
  const dir = f || 1;
  if (walk) {
    const legs: Cmd[][] = [
      [
        ["M", -0.28, 3.95],
        ["Q", -0.2 + dir * 0.3, 5.4, -0.15 + dir * 0.62, 7.05],
      ],
      [
        ["M", 0.28, 3.95],
        ["Q", 0.3 - dir * 0.1, 5.5, 0.15 - dir * 0.58, 6.95],
      ],
    ];
    const back = dir > 0 ? 1 : 0;
    for (const i of [back, 1 - back]) {
      pen.path(legs[i]!, { stroke: ink, sw: u * 0.4 + sw * 2, fill: "none" });
      pen.path(legs[i]!, { stroke: TROUSERS, sw: u * 0.4, fill: "none" });
    }
    pen.path([["M", -0.6, 3.8], ["L", 0.6, 3.8], ["L", 0.5, 4.4], ["Q", 0, 4.55, -0.5, 4.4], ["Z"]], { fill: TROUSERS, stroke: ink, sw });
    pen.ellipse(-0.15 + dir * 0.72, 7.14, 0.25, 0.11, { fill: SHOES, stroke: ink, sw: thin });
    pen.ellipse(0.15 - dir * 0.5, 7.04, 0.25, 0.11, { fill: SHOES, stroke: ink, sw: thin });
  } else {
    pen.path(
      [
        ["M", -0.6, 3.8],
        ["L", 0.6, 3.8],
        ["L", 0.57, 5.4],
        ["L", 0.48, 7.15],
        ["L", 0.12, 7.15],
        ["L", 0.05, 4.35],
        ["L", -0.05, 4.35],
        ["L", -0.12, 7.15],
        ["L", -0.48, 7.15],
        ["L", -0.57, 5.4],
        ["Z"],
      ],
      { fill: TROUSERS, stroke: ink, sw },
    );
    pen.ellipse(-0.3 + f * 0.12, 7.22, 0.24, 0.11, { fill: SHOES, stroke: ink, sw: thin });
    pen.ellipse(0.3 + f * 0.12, 7.22, 0.24, 0.11, { fill: SHOES, stroke: ink, sw: thin });
  }

  const hair = hairShapes(st.hair.style, f);
  if (p.view !== "back" && hair.back) pen.path(hair.back, { fill: st.hair.color, stroke: ink, sw: thin });

  // Torso: shoulders, chest, waist, hips; three-quarter views are a little narrower.
  const k = f ? 0.92 : 1;
  const torso: Cmd[] = [
    ["M", -0.2 * k, 1.17],
    ["C", -0.5 * k, 1.2, -0.74 * k, 1.25, -0.76 * k, 1.6],
    ["L", -0.64 * k, 2.4],
    ["Q", -0.55 * k, 3.0, -0.57 * k, 3.3],
    ["L", -0.61 * k, 3.92],
    ["L", 0.61 * k, 3.92],
    ["L", 0.57 * k, 3.3],
    ["Q", 0.55 * k, 3.0, 0.64 * k, 2.4],
    ["L", 0.76 * k, 1.6],
    ["C", 0.74 * k, 1.25, 0.5 * k, 1.2, 0.2 * k, 1.17],
    ["Q", 0, 1.34, -0.2 * k, 1.17],
    ["Z"],
  ];
  // Arms hang beside the torso, a little bent; drawn as an inked stroke with the sleeve colour inside.
  // Walking, each arm swings against its leg.
  // In three-quarter view the arm swinging forward and the one swinging back both leave the body's outline.
  const swing = (s: number) => (walk ? s * (s === dir ? 0.36 : 0.28) : 0);
  const hand = (s: number): Pt => [s * 0.78 * k + swing(s) * 1.3, 3.6 - Math.abs(swing(s)) * 0.35];
  const arm = (s: number): Cmd[] => [
    ["M", s * 0.66 * k, 1.45],
    ["Q", s * 0.84 * k + swing(s) * 0.2, 2.0, s * 0.83 * k + swing(s) * 0.6, 2.65],
    ["Q", s * 0.82 * k + swing(s) * 1.0, 3.15, ...hand(s)],
  ];
  for (const s of [-1, 1]) {
    pen.path(arm(s), { stroke: ink, sw: u * 0.3 + sw * 2, fill: "none" });
    pen.path(arm(s), { stroke: st.color, sw: u * 0.3, fill: "none" });
  }
  pen.path(torso, { fill: st.color, stroke: ink, sw });
  if (detail >= 2) {
    pen.path(
      [
        ["M", -0.02, 1.32],
        ["L", 0, 2.2],
      ],
      { stroke: ink, sw: thin, fill: "none", opacity: 0.45 },
    );
    pen.path(
      [
        ["M", -0.6 * k, 3.3],
        ["Q", 0, 3.36, 0.6 * k, 3.3],
      ],
      { stroke: ink, sw: thin, fill: "none", opacity: 0.5 },
    );
  }
  for (const s of [-1, 1]) pen.ellipse(hand(s)[0], hand(s)[1] + 0.16, 0.13, 0.16, { fill: SKIN, stroke: ink, sw: thin });
  // Neck and head.
  pen.path([["M", -0.15, 0.8], ["L", 0.15, 0.8], ["L", 0.17, 1.25], ["Q", 0, 1.33, -0.17, 1.25], ["Z"]], { fill: SKIN, stroke: ink, sw: thin });
  const hx = f * 0.03;
  if (p.view === "back") {
    // The back of the head, turned a little: a sliver of cheek and the ear on the side it turns to.
    const s = p.facing || 1;
    pen.ellipse(0, 0.5, 0.38, 0.5, { fill: SKIN, stroke: ink, sw });
    pen.path(
      [
        ["M", s * 0.12, -0.03],
        ["C", -s * 0.34, -0.06, -s * 0.47, 0.3, -s * 0.41, 0.62],
        ["C", -s * 0.37, 0.92, -s * 0.12, 1.06, s * 0.1, 1.0],
        ["C", s * 0.2, 0.86, s * 0.2, 0.62, s * 0.24, 0.42],
        ["C", s * 0.28, 0.2, s * 0.3, 0.02, s * 0.12, -0.03],
        ["Z"],
      ],
      { fill: st.hair.color, stroke: ink, sw },
    );
    if (hair.back)
      pen.path(
        [
          ["M", -s * 0.4, 0.5],
          ["C", -s * 0.52, 0.9, -s * 0.52, 1.2, -s * 0.46, 1.42],
          ["L", s * 0.2, 1.42],
          ["C", s * 0.22, 1.1, s * 0.16, 0.9, s * 0.18, 0.6],
          ["Z"],
        ],
        { fill: st.hair.color, stroke: ink, sw: thin },
      );
    pen.ellipse(s * 0.31, 0.56, 0.07, 0.12, { fill: SKIN, stroke: ink, sw: thin });
    for (const [a, b] of [
      [-0.05, -0.2],
      [0.08, -0.02],
      [-0.2, -0.32],
    ] as const)
      pen.path(
        [
          ["M", s * a, 0.06],
          ["Q", s * (b - 0.12), 0.45, s * b, 0.9],
        ],
        { ...line, sw: thin, opacity: 0.35 },
      );
    return pen.out;
  }
  // Ears: both from the front, the far one hidden in three-quarter.
  if (f === 0) {
    pen.ellipse(-0.38, 0.54, 0.06, 0.1, { fill: SKIN, stroke: ink, sw: thin });
    pen.ellipse(0.38, 0.54, 0.06, 0.1, { fill: SKIN, stroke: ink, sw: thin });
  } else pen.ellipse(-f * 0.3, 0.54, 0.07, 0.11, { fill: SKIN, stroke: ink, sw: thin });
  pen.ellipse(hx, 0.5, 0.37, 0.5, { fill: SKIN, stroke: ink, sw });
  if (f !== 0) pen.ellipse(-f * 0.3, 0.54, 0.07, 0.11, { fill: SKIN, stroke: ink, sw: thin });
  pen.path(hair.top, { fill: st.hair.color, stroke: ink, sw: thin });
  face(pen, f, detail, ink, sw, thin);
  if (detail >= 2) {
    // A second, fainter pencil pass a hair off the first: the storyboard sketch line.
    const ghost = world.local(p.x + 0.6 + u * 0.012, p.top + 0.4 + u * 0.008, u, u, warp);
    ghost.path(torso, { stroke: ink, sw: thin, fill: "none", opacity: 0.28 });
    ghost.ellipse(hx, 0.5, 0.37, 0.5, { stroke: ink, sw: thin, fill: "none", opacity: 0.28 });
    pen.out.push(...ghost.out);
  }
  return pen.out;
}
