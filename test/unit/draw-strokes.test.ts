// The drawing's stroke model (CONTRACT 12): each tool its own pen, points
// kept small, a history where clear is undone like a stroke, and the Drawing
// JSON written and read back through the shared schema.
import { describe, expect, it } from "vitest";
import { Aspect } from "../../worker/domain/board";
import { Drawing, STROKES_MAX_BYTES } from "../../worker/domain/drawing";
import {
  addPoints,
  beginStroke,
  canRedo,
  canUndo,
  clearStrokes,
  commitStroke,
  createHistory,
  DRAW_SIZE,
  drawingBytes,
  freehandOptions,
  hasRealPressure,
  MAX_POINTS,
  NO_PRESSURE,
  outlinePath,
  pencilColor,
  readDrawing,
  redo,
  type Stroke,
  type StrokePoint,
  strokeOutline,
  strokeSize,
  strokeStyle,
  TOOL_OPACITY,
  toDrawing,
  toPoint,
  tooLarge,
  UNDO_DEPTH,
  undo,
} from "../../web/src/studio/draw/strokes";

const SIZE = DRAW_SIZE["16:9"];

/** A horizontal line from x0 to x1 at y, one point every `gap` pixels, with a pressure per point. */
function line(tool: Stroke["tool"], pressure: (t: number) => number, { x0 = 100, x1 = 900, y = 400, gap = 4, step = 1 as 0 | 1 | 2 | 3 } = {}): Stroke {
  const pts: StrokePoint[] = [];
  for (let x = x0; x <= x1; x += gap) pts.push([x, y, pressure((x - x0) / (x1 - x0))]);
  return addPoints(beginStroke(strokeStyle(tool, "#1b1b1b", step, SIZE), pts[0]!), pts.slice(1));
}

/** The outline's thickness across x = at (the spread of its points' y within a pixel band). */
function thickness(outline: [number, number][], at: number, band = 6): number {
  const ys = outline.filter(([x]) => Math.abs(x - at) < band).map(([, y]) => y);
  return ys.length ? Math.max(...ys) - Math.min(...ys) : 0;
}

const stroke = (n: number): Stroke => ({ tool: "ink", color: "#1b1b1b", size: 8, opacity: 1, points: [[n, n, 0.5]] });

describe("the drawing's pixels", () => {
  it("has a size for every aspect, in that aspect's ratio, with a long side of at least 1200", () => {
    for (const aspect of Aspect.options) {
      const { width, height } = DRAW_SIZE[aspect];
      const [w, h] = aspect.split(":").map(Number) as [number, number];
      expect(Math.abs(width / height - w / h)).toBeLessThan(0.01);
      expect(Math.max(width, height)).toBeGreaterThanOrEqual(1200);
    }
  });
});

describe("the tools", () => {
  it("gives each tool its own look: pencil in graphite, ink as picked, a see-through marker and an eraser", () => {
    const pencil = strokeStyle("pencil", "#1b1b1b", 1, SIZE);
    const ink = strokeStyle("ink", "#D0312D", 1, SIZE);
    const marker = strokeStyle("marker", "#1f5fd1", 1, SIZE);
    const eraser = strokeStyle("eraser", "#d0312d", 1, SIZE);
    expect(pencil.color).toBe(pencilColor("#1b1b1b"));
    expect(pencil.color).not.toBe("#1b1b1b");
    expect(pencil.opacity).toBeLessThan(1);
    expect(ink).toEqual({ tool: "ink", color: "#d0312d", size: strokeSize("ink", 1, SIZE.width, SIZE.height), opacity: 1 });
    expect(marker.opacity).toBe(0.35);
    expect(marker.size).toBeGreaterThan(ink.size * 2);
    expect(pencil.size).toBeLessThan(ink.size);
    expect(eraser.opacity).toBe(TOOL_OPACITY.eraser);
  });

  it("pulls the pencil's colour toward grey: black becomes graphite, and the result is still #rrggbb", () => {
    const graphite = pencilColor("#000000");
    expect(graphite).toMatch(/^#[0-9a-f]{6}$/);
    const level = Number.parseInt(graphite.slice(1, 3), 16);
    expect(level).toBeGreaterThan(0x20);
    expect(level).toBeLessThan(0x60);
    expect(pencilColor("#ffffff")).toMatch(/^#[0-9a-f]{6}$/);
    expect(Number.parseInt(pencilColor("#ffffff").slice(1, 3), 16)).toBeLessThan(0xff);
  });

  it("grows every tool's pen with the size step, and scales it with the drawing's long side", () => {
    for (const tool of ["pencil", "ink", "marker", "eraser"] as const) {
      const sizes = ([0, 1, 2, 3] as const).map((s) => strokeSize(tool, s, 1600, 900));
      expect(sizes).toEqual([...sizes].sort((a, b) => a - b));
      expect(new Set(sizes).size).toBe(4);
    }
    expect(strokeSize("ink", 2, 1912, 800)).toBeGreaterThan(strokeSize("ink", 2, 1600, 900));
    expect(strokeSize("ink", 2, 900, 1600)).toBe(strokeSize("ink", 2, 1600, 900));
  });

  it("thins ink with pressure and the pencil a little, never the marker or the eraser", () => {
    const opts = (tool: Stroke["tool"]) =>
      freehandOptions(
        line(tool, () => 0.5),
        true,
      );
    expect(opts("ink").thinning).toBeGreaterThan(0.5);
    expect(opts("pencil").thinning).toBeGreaterThan(0);
    expect(opts("pencil").thinning).toBeLessThan(opts("ink").thinning!);
    expect(opts("marker").thinning).toBe(0);
    expect(opts("eraser").thinning).toBe(0);
  });

  it("simulates pressure for a mouse or finger (every point at 0.5) and uses a pen's own", () => {
    const mouse = line("ink", () => NO_PRESSURE);
    const pen = line("ink", (t) => 0.2 + 0.6 * t);
    expect(hasRealPressure(mouse)).toBe(false);
    expect(hasRealPressure(pen)).toBe(true);
    expect(freehandOptions(mouse, true).simulatePressure).toBe(true);
    expect(freehandOptions(pen, true).simulatePressure).toBe(false);
  });
});

describe("points", () => {
  it("rounds to a tenth of a pixel and a hundredth of pressure, within the schema's bounds", () => {
    expect(toPoint(12.345, 67.891, 0.4567)).toEqual([12.3, 67.9, 0.46]);
    expect(toPoint(-20_000, 20_000, 3)).toEqual([-10_000, 10_000, 1]);
    expect(toPoint(1, 2, Number.NaN)).toEqual([1, 2, NO_PRESSURE]);
    expect(toPoint(1, 2, -1)).toEqual([1, 2, 0]);
  });

  it("drops points that did not move, keeping the firmer pressure of a pen pressed in place", () => {
    const s = beginStroke(strokeStyle("ink", "#1b1b1b", 1, SIZE), [10, 10, 0.3]);
    const same = addPoints(s, [
      [10.2, 10.1, 0.2],
      [10.3, 10, 0.7],
    ]);
    expect(same.points).toEqual([[10, 10, 0.7]]);
    const moved = addPoints(same, [
      [20, 10, 0.5],
      [20.1, 10, 0.4],
      [30, 10, 0.5],
    ]);
    expect(moved.points).toEqual([
      [10, 10, 0.7],
      [20, 10, 0.5],
      [30, 10, 0.5],
    ]);
  });

  it("returns the same stroke when nothing is added, and never the one it was given changed", () => {
    const s = beginStroke(strokeStyle("ink", "#1b1b1b", 1, SIZE), [10, 10, 0.5]);
    expect(addPoints(s, [[10.1, 10, 0.5]])).toBe(s);
    const longer = addPoints(s, [[50, 50, 0.5]]);
    expect(longer).not.toBe(s);
    expect(s.points).toHaveLength(1);
  });

  it("stops at the schema's 10,000 points a stroke", () => {
    const many: StrokePoint[] = Array.from({ length: MAX_POINTS + 500 }, (_, i) => [(i % 2000) * 2, Math.floor(i / 2000) * 5, 0.5]);
    const s = addPoints(beginStroke(strokeStyle("ink", "#1b1b1b", 1, SIZE), [-5, 0, 0.5]), many);
    expect(s.points).toHaveLength(MAX_POINTS);
  });
});

describe("outlines", () => {
  it("swells ink where the pen presses harder", () => {
    const light = strokeOutline(line("ink", () => 0.15));
    const hard = strokeOutline(line("ink", () => 0.95));
    expect(thickness(hard, 500)).toBeGreaterThan(thickness(light, 500) * 1.5);
  });

  it("tapers ink to a point at both ends", () => {
    const ink = strokeOutline(line("ink", () => 0.6, { step: 2 }));
    const middle = thickness(ink, 500);
    expect(middle).toBeGreaterThan(0);
    expect(thickness(ink, 104)).toBeLessThan(middle * 0.5);
    expect(thickness(ink, 896)).toBeLessThan(middle * 0.5);
  });

  it("keeps the marker flat: the same width at the start, the middle and the end, whatever the pressure", () => {
    const marker = line("marker", (t) => 0.1 + 0.9 * t, { step: 1 });
    const outline = strokeOutline(marker);
    // A flat, even outline has few points: look across a band as wide as the pen.
    const widths = [250, 500, 750].map((x) => thickness(outline, x, marker.size));
    for (const w of widths) expect(Math.abs(w - marker.size)).toBeLessThan(marker.size * 0.15);
  });

  it("gives a mouse's ink line some taper from its speed (simulated pressure)", () => {
    const pts: StrokePoint[] = [];
    // Slow, then fast, then slow again, as a hand moves.
    let x = 100;
    for (let i = 0; i < 60; i++) {
      x += 1 + 10 * Math.sin((i / 59) * Math.PI);
      pts.push([x, 400, NO_PRESSURE]);
    }
    const s = addPoints(beginStroke(strokeStyle("ink", "#1b1b1b", 2, SIZE), [100, 400, NO_PRESSURE]), pts);
    const outline = strokeOutline(s);
    const mid = thickness(outline, (100 + x) / 2);
    expect(mid).toBeGreaterThan(0);
    expect(thickness(outline, 104)).toBeLessThan(mid);
  });

  it("makes SVG path data a Path2D can fill: a move, quadratic curves, closed", () => {
    const d = outlinePath(strokeOutline(line("ink", () => 0.5)));
    expect(d).toMatch(/^M[\d.-]+,[\d.-]+Q/);
    expect(d.endsWith("Z")).toBe(true);
    expect(outlinePath([])).toBe("");
    expect(outlinePath([[5, 6]])).toBe("M5,6Z");
  });

  it("outlines a tap or a tick as a round dot, not a taper to nothing", () => {
    const dot = beginStroke(strokeStyle("ink", "#1b1b1b", 2, SIZE), [300, 300, 0.5]);
    const tick = addPoints(dot, [[305, 302, 0.5]]);
    for (const s of [dot, tick]) {
      const outline = strokeOutline(s);
      expect(outline.length).toBeGreaterThan(8);
      const xs = outline.map(([x]) => x);
      expect(Math.max(...xs) - Math.min(...xs)).toBeGreaterThan(s.size * 0.4);
    }
  });
});

describe("the history", () => {
  it("adds strokes, undoes and redoes them in order", () => {
    let h = createHistory();
    expect(canUndo(h)).toBe(false);
    h = commitStroke(h, stroke(1));
    h = commitStroke(h, stroke(2));
    expect(h.strokes).toEqual([stroke(1), stroke(2)]);
    h = undo(h);
    expect(h.strokes).toEqual([stroke(1)]);
    expect(canRedo(h)).toBe(true);
    h = undo(h);
    expect(h.strokes).toEqual([]);
    expect(canUndo(h)).toBe(false);
    expect(undo(h)).toBe(h);
    h = redo(redo(h));
    expect(h.strokes).toEqual([stroke(1), stroke(2)]);
    expect(canRedo(h)).toBe(false);
    expect(redo(h)).toBe(h);
  });

  it("undoes a clear like a stroke, and clearing nothing is not a step", () => {
    let h = commitStroke(commitStroke(createHistory(), stroke(1)), stroke(2));
    h = clearStrokes(h);
    expect(h.strokes).toEqual([]);
    expect(clearStrokes(h)).toBe(h);
    h = undo(h);
    expect(h.strokes).toEqual([stroke(1), stroke(2)]);
    h = redo(h);
    expect(h.strokes).toEqual([]);
  });

  it("forgets what could be redone once a new stroke is drawn", () => {
    let h = commitStroke(commitStroke(createHistory(), stroke(1)), stroke(2));
    h = commitStroke(undo(h), stroke(3));
    expect(h.strokes).toEqual([stroke(1), stroke(3)]);
    expect(canRedo(h)).toBe(false);
  });

  it("starts from reopened strokes with nothing to undo, and undo returns to exactly them", () => {
    const initial = [stroke(1), stroke(2)];
    let h = createHistory(initial);
    expect(canUndo(h)).toBe(false);
    h = undo(commitStroke(h, stroke(3)));
    expect(h.strokes).toBe(initial);
  });

  it("ignores a stroke with no point", () => {
    const h = createHistory();
    expect(commitStroke(h, { ...stroke(1), points: [] })).toBe(h);
  });

  it("keeps at most UNDO_DEPTH steps to undo", () => {
    let h = createHistory();
    for (let i = 0; i < UNDO_DEPTH + 20; i++) h = commitStroke(h, stroke(i));
    expect(h.past).toHaveLength(UNDO_DEPTH);
    for (let i = 0; i < UNDO_DEPTH; i++) h = undo(h);
    expect(h.strokes).toHaveLength(20);
    expect(canUndo(h)).toBe(false);
  });
});

describe("the Drawing JSON", () => {
  const strokes = [line("ink", (t) => 0.3 + 0.5 * t), line("marker", () => NO_PRESSURE, { y: 500 }), line("eraser", () => NO_PRESSURE, { y: 450 })];

  it("writes what the shared schema accepts, at the aspect's pixels", () => {
    const d = toDrawing("16:9", strokes);
    expect(Drawing.safeParse(d).success).toBe(true);
    expect(d).toMatchObject({ version: 1, aspect: "16:9", width: 1600, height: 900 });
    expect(d.strokes).toEqual(strokes);
  });

  it("reads back what it wrote, unchanged", () => {
    const d = toDrawing("9:16", strokes);
    const read = readDrawing(JSON.parse(JSON.stringify(d)), "9:16");
    expect(read).toEqual({ ok: true, drawing: d });
  });

  it("refuses what is not a drawing, saying where", () => {
    const good = toDrawing("16:9", strokes);
    const cases: unknown[] = [
      null,
      "strokes",
      { ...good, version: 2 },
      { ...good, strokes: [{ ...strokes[0], color: "red" }] },
      { ...good, strokes: [{ ...strokes[0], tool: "spray" }] },
      { ...good, strokes: [{ ...strokes[0], points: [] }] },
      { ...good, extra: true },
    ];
    for (const json of cases) {
      const read = readDrawing(json, "16:9");
      expect(read.ok).toBe(false);
      expect(read).toMatchObject({ message: expect.stringMatching(/^The saved strokes could not be read/) });
    }
    expect(readDrawing({ ...good, strokes: [{ ...strokes[0], color: "red" }] }, "16:9")).toMatchObject({ message: expect.stringContaining("strokes.0.color") });
  });

  it("fits a drawing made in another aspect inside this one, centred, pens scaled alike", () => {
    const wide = toDrawing("16:9", [
      {
        tool: "ink",
        color: "#1b1b1b",
        size: 16,
        opacity: 1,
        points: [
          [0, 0, 0.5],
          [1600, 900, 0.5],
        ],
      },
    ]);
    const read = readDrawing(wide, "9:16");
    expect(read.ok).toBe(true);
    const d = read.ok ? read.drawing : wide;
    expect(d).toMatchObject({ aspect: "9:16", width: 900, height: 1600 });
    const k = 900 / 1600;
    const top = (1600 - 900 * k) / 2;
    expect(d.strokes[0]!.points).toEqual([
      [0, Math.round(top * 10) / 10, 0.5],
      [900, Math.round((top + 900 * k) * 10) / 10, 0.5],
    ]);
    expect(d.strokes[0]!.size).toBe(9);
    expect(Drawing.safeParse(d).success).toBe(true);
  });

  it("knows a drawing past the 2 MB the worker keeps", () => {
    const small = toDrawing("16:9", strokes);
    expect(tooLarge(small)).toBe(false);
    expect(drawingBytes(small)).toBe(new TextEncoder().encode(JSON.stringify(small)).length);
    const heavy: Stroke[] = Array.from({ length: 20 }, (_, i) => ({
      tool: "ink",
      color: "#1b1b1b",
      size: 8,
      opacity: 1,
      points: Array.from({ length: MAX_POINTS }, (_, j): StrokePoint => [1000.1 + (j % 500), 100.1 + i, 0.55]),
    }));
    const big = toDrawing("16:9", heavy);
    expect(drawingBytes(big)).toBeGreaterThan(STROKES_MAX_BYTES);
    expect(tooLarge(big)).toBe(true);
  });
});
