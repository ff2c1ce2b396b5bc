// Pointer input for the drawing surface: one stroke at a time from a mouse, a
// finger or a stylus. A stylus gives real pressure and its coalesced samples
// (a fast line stays smooth); a mouse or a finger is drawn at NO_PRESSURE and
// its outline simulates pressure from speed. While a pen is down or hovering,
// touches are ignored (a resting palm draws nothing), and a palm stroke already
// begun is dropped when the pen lands.
import { addPoints, beginStroke, NO_PRESSURE, type Stroke, type StrokePoint } from "./strokes";

/** How long after the last sign of a pen (down or hovering) a touch still counts as a palm, in ms. */
export const PALM_MS = 600;

export interface PenInputOptions {
  canvas: () => HTMLCanvasElement;
  /** The drawing's own pixels, which pointer positions are mapped onto. */
  size: { width: number; height: number };
  /** True while nothing may be drawn (saving, or asking whether to discard). */
  blocked: () => boolean;
  /** The style of a new stroke; `eraser` when the pen's eraser end is down. */
  styleFor: (eraser: boolean) => Omit<Stroke, "points">;
  /** A stroke began. */
  onBegin: () => void;
  /** The stroke being drawn changed (or ended, with null): paint it. */
  onLive: (stroke: Stroke | null) => void;
  /** A stroke was finished: keep it. */
  onCommit: (stroke: Stroke) => void;
}

type Active = { id: number; type: string; rect: DOMRect };

export function createPenInput(o: PenInputOptions) {
  let active: Active | null = null;
  let live: Stroke | null = null;
  let lastPenAt = Number.NEGATIVE_INFINITY;

  const pointOf = (e: PointerEvent, a: Active): StrokePoint => {
    const x = ((e.clientX - a.rect.left) / a.rect.width) * o.size.width;
    const y = ((e.clientY - a.rect.top) / a.rect.height) * o.size.height;
    // Only a pen reports real pressure.
    const pressure = a.type === "pen" ? (e.pressure > 0 ? e.pressure : NO_PRESSURE) : NO_PRESSURE;
    return [x, y, pressure];
  };

  const samples = (e: PointerEvent): PointerEvent[] => {
    const coalesced = typeof e.getCoalescedEvents === "function" ? e.getCoalescedEvents() : [];
    return coalesced.length > 0 ? coalesced : [e];
  };

  const notePen = (e: PointerEvent) => {
    if (e.pointerType === "pen") lastPenAt = e.timeStamp;
  };

  /** Abandons the stroke being drawn, if any. */
  const drop = () => {
    try {
      const canvas = o.canvas();
      if (active && canvas.hasPointerCapture(active.id)) canvas.releasePointerCapture(active.id);
    } catch {
      // The pointer is gone already.
    }
    active = null;
    live = null;
    o.onLive(null);
  };

  const down = (e: PointerEvent) => {
    if (o.blocked()) return;
    if (e.pointerType === "pen") {
      lastPenAt = e.timeStamp;
      // The palm landed first: its stroke goes, the pen's begins.
      if (active && active.type === "touch") drop();
    }
    if (e.pointerType === "touch" && e.timeStamp - lastPenAt < PALM_MS) return;
    if (active) return; // A second finger draws nothing.
    // The left button, a finger, the pen's tip (0) or its eraser end (5).
    if (e.button !== 0 && e.button !== 5) return;
    e.preventDefault();
    const canvas = o.canvas();
    const a: Active = { id: e.pointerId, type: e.pointerType, rect: canvas.getBoundingClientRect() };
    active = a;
    try {
      canvas.setPointerCapture(e.pointerId);
    } catch {
      // A synthetic pointer cannot be captured; its moves still come to the canvas.
    }
    live = beginStroke(o.styleFor(e.button === 5 || (e.buttons & 32) !== 0), pointOf(e, a));
    o.onBegin();
    o.onLive(live);
  };

  const move = (e: PointerEvent) => {
    notePen(e);
    if (!active || !live || e.pointerId !== active.id) return;
    const a = active;
    live = addPoints(
      live,
      samples(e).map((s) => pointOf(s, a)),
    );
    o.onLive(live);
  };

  const finish = (e: PointerEvent) => {
    notePen(e);
    if (!active || !live || e.pointerId !== active.id) return;
    const done = addPoints(live, [pointOf(e, active)]);
    active = null;
    live = null;
    o.onCommit(done);
    o.onLive(null);
  };

  return {
    /** True while a stroke is being drawn: undo, redo and clear wait for it. */
    busy: () => active !== null,
    drop,
    /** The canvas's pointer handlers. */
    handlers: {
      onPointerDown: down,
      onPointerMove: move,
      onPointerUp: finish,
      onPointerCancel: (e: PointerEvent) => {
        if (active && e.pointerId === active.id) drop();
      },
      onLostPointerCapture: (e: PointerEvent) => {
        if (active && e.pointerId === active.id) finish(e);
      },
    },
  };
}
