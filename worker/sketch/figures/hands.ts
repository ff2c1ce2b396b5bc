// Hands: the looker's forearms in a POV, a hand reaching in towards a prop,
// and a pair of hands seen from the front filling a close-up.
import { INK, SKIN } from "../palette";
import { Pen, type Pt } from "../pen";
import type { Prim } from "../types";
import type { FigureStyle } from "./types";

/** The looker's forearms and hands reaching into a POV shot from the bottom corners, backs of the hands to camera. */
export function drawHands(st: FigureStyle, w: number, h: number): Prim[] {
  const pen = new Pen((x, y) => [x, y], [1, 1]);
  const ink = st.line;
  const sw = 2.4;
  const k = Math.min(w, h) / 540;
  for (const s of [-1, 1]) {
    const wrist: Pt = [w / 2 + s * w * 0.2, h * 0.8];
    const elbow: Pt = [w / 2 + s * w * 0.42, h * 1.12];
    const len = Math.hypot(wrist[0] - elbow[0], wrist[1] - elbow[1]);
    const d: Pt = [(wrist[0] - elbow[0]) / len, (wrist[1] - elbow[1]) / len];
    const nrm: Pt = [-d[1], d[0]];
    const at = (a: number, b: number): Pt => [wrist[0] + d[0] * a * k + nrm[0] * b * k, wrist[1] + d[1] * a * k + nrm[1] * b * k];
    // Sleeve.
    const sl = 34;
    const e1 = [elbow[0] + nrm[0] * sl * 1.3 * k, elbow[1] + nrm[1] * sl * 1.3 * k];
    const e2 = [elbow[0] - nrm[0] * sl * 1.3 * k, elbow[1] - nrm[1] * sl * 1.3 * k];
    const c1 = at(-14, sl);
    const c2 = at(-14, -sl);
    pen.poly([e1[0]!, e1[1]!, c1[0], c1[1], c2[0], c2[1], e2[0]!, e2[1]!], { fill: st.color, stroke: ink, sw });
    // Fingers: an inked stroke with skin inside, fanned a little, the thumb on the inner side.
    const fingers: [Pt, Pt][] = [-1.5, -0.5, 0.5, 1.5].map((i) => [at(52, i * 12), at(52 + 44 - Math.abs(i) * 7, i * 16)] as [Pt, Pt]);
    const thumb: [Pt, Pt] = [at(18, -s * 26), at(46, -s * 46)];
    for (const [a, b] of [...fingers, thumb]) pen.line(a[0], a[1], b[0], b[1], { stroke: ink, sw: 17 * k + 2 * sw });
    const palm = [at(-12, -24), at(-12, 24), at(54, 27), at(58, 0), at(54, -27)];
    pen.path(
      [["M", ...palm[0]!], ["L", ...palm[1]!], ["Q", ...at(30, 34), ...palm[2]!], ["Q", ...palm[3]!, ...palm[4]!], ["Q", ...at(30, -34), ...palm[0]!], ["Z"]],
      { fill: SKIN, stroke: ink, sw },
    );
    for (const [a, b] of [...fingers, thumb]) pen.line(a[0], a[1], b[0], b[1], { stroke: SKIN, sw: 17 * k });
    // Knuckles and a cuff.
    for (const i of [-1.5, -0.5, 0.5, 1.5]) {
      const q = at(50, i * 12);
      pen.ellipse(q[0], q[1], 2 * k, 2 * k, { fill: ink, opacity: 0.35 });
    }
    pen.line(...c1, ...c2, { stroke: ink, sw: sw * 1.4 });
  }
  return pen.out;
}

/** A forearm entering from the right edge, the hand reaching left, fingers together and the thumb on top. */
export function reachingHand(w: number, y: number, k: number, sleeve: string): Prim[] {
  const pen = new Pen((x, yy) => [x, yy], [1, 1]);
  const sw = 2.4;
  const wx = w * 0.8;
  pen.poly([w + 20, y - 62 * k, wx, y - 40 * k, wx, y + 40 * k, w + 20, y + 66 * k], { fill: sleeve, stroke: INK, sw });
  const fingers: [Pt, Pt][] = [-1.5, -0.5, 0.5, 1.5].map(
    (i) =>
      [
        [wx - 62 * k, y + i * 13 * k],
        [wx - (120 - Math.abs(i) * 10) * k, y + (i * 14 + 6) * k],
      ] as [Pt, Pt],
  );
  const thumb: [Pt, Pt] = [
    [wx - 40 * k, y - 30 * k],
    [wx - 84 * k, y - 44 * k],
  ];
  for (const [a, b] of [...fingers, thumb]) pen.line(a[0], a[1], b[0], b[1], { stroke: INK, sw: 15 * k + 2 * sw });
  pen.path(
    [
      ["M", wx + 4, y - 38 * k],
      ["Q", wx - 40 * k, y - 44 * k, wx - 66 * k, y - 22 * k],
      ["L", wx - 68 * k, y + 26 * k],
      ["Q", wx - 40 * k, y + 46 * k, wx + 4, y + 38 * k],
      ["Z"],
    ],
    { fill: SKIN, stroke: INK, sw },
  );
  for (const [a, b] of [...fingers, thumb]) pen.line(a[0], a[1], b[0], b[1], { stroke: SKIN, sw: 15 * k });
  for (const i of [-1.5, -0.5, 0.5, 1.5])
    pen.line(wx - 66 * k, y + i * 13 * k + 6 * k, wx - 76 * k, y + i * 13.5 * k + 6 * k, { stroke: INK, sw: 1.2, opacity: 0.4 });
  pen.line(wx, y - 40 * k, wx, y + 40 * k, { stroke: INK, sw: sw * 1.4 });
  return pen.out;
}

/**
 * A pair of hands seen from the front, filling a close-up: the backs of both
 * hands to camera, fingers up and a little apart, thumbs turned in, the
 * sleeves in the person's colour coming up from the bottom of the frame.
 */
export function handsFront(st: FigureStyle, w: number, h: number): Prim[] {
  const out = Pen.flat();
  const L = Math.min(h * 0.56, w * 0.28);
  const sw = Math.max(1.6, L * 0.009);
  const ink = st.line;
  const gap = Math.max(L * 0.58, w * 0.16);
  for (const s of [-1, 1]) {
    // Local units: 1 = wrist to fingertip; x grows away from the middle of the frame.
    const pen = out.local(w / 2 + s * gap, h * 0.78, s * L, L);
    pen.path([["M", -0.34, 0.02], ["L", 0.34, 0.02], ["L", 0.42, 0.8], ["L", -0.42, 0.8], ["Z"]], { fill: st.color, stroke: ink, sw });
    pen.line(-0.34, 0.08, 0.34, 0.08, { stroke: ink, sw: sw * 0.8, opacity: 0.6 });
    const fingers: [number, number, number][] = [
      [-0.2, 0.4, -0.04],
      [-0.066, 0.45, -0.01],
      [0.068, 0.41, 0.02],
      [0.198, 0.31, 0.06],
    ];
    const tip = (bx: number, len: number, lean: number): Pt => [bx + lean + bx * 0.12, -0.5 - len];
    const width = 0.14;
    for (const [bx, len, lean] of fingers) {
      const t = tip(bx, len, lean);
      pen.line(bx, -0.46, t[0], t[1], { stroke: ink, sw: width * L + 2 * sw });
    }
    const thumbA: Pt = [-0.24, -0.16];
    const thumbB: Pt = [-0.5, -0.46];
    pen.line(...thumbA, ...thumbB, { stroke: ink, sw: 0.14 * L + 2 * sw });
    // The back of the hand, wider at the knuckles.
    pen.path(
      [["M", -0.27, 0.02], ["C", -0.31, -0.18, -0.33, -0.36, -0.29, -0.52], ["Q", 0, -0.58, 0.28, -0.5], ["C", 0.31, -0.34, 0.3, -0.14, 0.25, 0.02], ["Z"]],
      { fill: SKIN, stroke: ink, sw },
    );
    for (const [bx, len, lean] of fingers) {
      const t = tip(bx, len, lean);
      pen.line(bx, -0.46, t[0], t[1], { stroke: SKIN, sw: width * L });
      // A nail near the tip, the knuckle creases further down.
      const nx = bx + (t[0] - bx) * 0.9;
      const ny = -0.46 + (t[1] + 0.46) * 0.9;
      pen.ellipse(nx, ny, 0.035, 0.05, { fill: "#f6d9d0", stroke: ink, sw: sw * 0.6 });
      const kx = bx + (t[0] - bx) * 0.45;
      const ky = -0.46 + (t[1] + 0.46) * 0.45;
      pen.line(kx - 0.03, ky, kx + 0.03, ky, { stroke: ink, sw: sw * 0.6, opacity: 0.5 });
    }
    pen.line(...thumbA, ...thumbB, { stroke: SKIN, sw: 0.14 * L });
    pen.ellipse(thumbB[0] + 0.02, thumbB[1] + 0.04, 0.038, 0.05, { fill: "#f6d9d0", stroke: ink, sw: sw * 0.6 });
    for (const bx of [-0.2, -0.07, 0.07, 0.2]) pen.ellipse(bx * 1.05, -0.48, 0.02, 0.014, { fill: ink, opacity: 0.35 });
    for (const bx of [-0.12, 0.02, 0.14])
      pen.path(
        [
          ["M", bx * 0.6, -0.08],
          ["Q", bx * 0.9, -0.26, bx, -0.42],
        ],
        { fill: "none", stroke: ink, sw: sw * 0.5, opacity: 0.25 },
      );
    out.take(pen);
  }
  return out.out;
}
