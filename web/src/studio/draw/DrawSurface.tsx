// The drawing surface (CONTRACT 12): a full-screen dialog with a canvas in
// the episode's aspect, drawn on with Pointer Events so a mouse, a finger and
// a stylus all work (pen-input.ts: pressure, palm rejection).
// The current picture (or the live sketch) shows underneath and the previous
// shot as an onion skin, each at its own opacity; neither is ever part of the
// saved PNG, which is the strokes alone on white at the drawing's own pixels.
import { createEffect, createMemo, createSignal, on, onCleanup, onMount, Show } from "solid-js";
import type { Aspect } from "../../../../worker/domain/board";
import { DrawToolbar } from "./DrawToolbar";
import { offscreen, paintStroke, paintStrokes, renderPng } from "./paint";
import { createPenInput } from "./pen-input";
import {
  COLORS,
  canRedo,
  canUndo,
  clearStrokes,
  commitStroke,
  createHistory,
  DRAW_SIZE,
  type Drawing,
  type DrawTool,
  type History,
  readDrawing,
  redo,
  type SizeStep,
  type Stroke,
  strokeStyle,
  TOOL_INFO,
  TOOLS,
  toDrawing,
  tooLarge,
  undo,
} from "./strokes";
import "./draw.css";

export interface DrawSurfaceProps {
  aspect: Aspect;
  underlayUrl?: string;
  onionUrl?: string;
  initial?: Drawing;
  /** The dialog's heading, "Draw" unless told (e.g. "Draw shot 3"). */
  title?: string;
  onSave(png: Blob, drawing: Drawing): Promise<void>;
  onCancel(): void;
}

const plural = (n: number, one: string) => `${n} ${one}${n === 1 ? "" : "s"}`;

export function DrawSurface(props: DrawSurfaceProps) {
  const size = DRAW_SIZE[props.aspect];
  const initialStrokes = (() => {
    if (!props.initial) return [];
    const read = readDrawing(props.initial, props.aspect);
    return read.ok ? read.drawing.strokes : [];
  })();
  const [history, setHistory] = createSignal<History>(createHistory(initialStrokes));
  const strokes = () => history().strokes;
  const [tool, setTool] = createSignal<DrawTool>("ink");
  const [color, setColor] = createSignal(COLORS[0]!.hex);
  const [sizeStep, setSizeStep] = createSignal<SizeStep>(1);
  const [underlayOn, setUnderlayOn] = createSignal(true);
  const [underlayOpacity, setUnderlayOpacity] = createSignal(35);
  const [onionOn, setOnionOn] = createSignal(false);
  const [onionOpacity, setOnionOpacity] = createSignal(30);
  const [saving, setSaving] = createSignal(false);
  const [error, setError] = createSignal<string>();
  const [asking, setAsking] = createSignal(false);
  const dirty = createMemo(() => strokes() !== initialStrokes);

  let dialog!: HTMLDialogElement;
  let canvas!: HTMLCanvasElement;
  let keepButton: HTMLButtonElement | undefined;
  let closing = false;

  // ---- painting: the finished strokes live on an off-page canvas; the page's canvas is that plus the live stroke ----
  const base = offscreen(size.width, size.height);
  let painted: readonly Stroke[] = [];
  let live: Stroke | null = null;
  let frame = 0;

  const repaint = () => {
    frame = 0;
    const ctx = canvas?.getContext("2d");
    if (!ctx) return;
    ctx.clearRect(0, 0, size.width, size.height);
    ctx.drawImage(base.canvas, 0, 0);
    if (live) paintStroke(ctx, live, false);
  };
  const schedule = () => {
    if (!frame) frame = requestAnimationFrame(repaint);
  };
  onCleanup(() => cancelAnimationFrame(frame));

  createEffect(
    on(strokes, (next) => {
      // A stroke added to the end paints just itself; undo, redo and clear paint everything again.
      const added = next.length === painted.length + 1 && (painted.length === 0 || next[painted.length - 1] === painted.at(-1));
      if (added) paintStroke(base, next.at(-1)!);
      else paintStrokes(base, next);
      painted = next;
      schedule();
    }),
  );

  const pen = createPenInput({
    canvas: () => canvas,
    size,
    blocked: () => saving() || asking(),
    styleFor: (eraser) => strokeStyle(eraser ? "eraser" : tool(), color(), sizeStep(), size),
    onBegin: () => setError(),
    onLive: (stroke) => {
      live = stroke;
      schedule();
    },
    onCommit: (stroke) => setHistory((h) => commitStroke(h, stroke)),
  });

  // ---- commands ----
  const doUndo = () => !pen.busy() && setHistory(undo);
  const doRedo = () => !pen.busy() && setHistory(redo);
  const doClear = () => !pen.busy() && setHistory(clearStrokes);
  const stepSize = (d: -1 | 1) => setSizeStep((s) => Math.min(3, Math.max(0, s + d)) as SizeStep);

  const save = async () => {
    if (saving() || strokes().length === 0) return;
    const drawing = toDrawing(props.aspect, strokes());
    if (tooLarge(drawing)) {
      setError("This drawing has too many points to save (the strokes may be at most 2 MB). Undo or clear a few heavy strokes and save again.");
      return;
    }
    setSaving(true);
    setError();
    try {
      const png = await renderPng(drawing);
      await props.onSave(png, drawing);
    } catch (err) {
      setError(err instanceof Error && err.message ? err.message : "The drawing could not be saved. Try again.");
    } finally {
      setSaving(false);
    }
  };

  /** Cancel, Escape: straight out when nothing changed, else ask first. */
  const requestClose = () => {
    if (saving()) return;
    if (!dirty()) return leave();
    setAsking(true);
    queueMicrotask(() => keepButton?.focus());
  };
  const leave = () => {
    closing = true;
    pen.drop();
    props.onCancel();
  };

  // ---- keys: tools, sizes, undo and redo; Tab stays inside ----
  const focusables = () =>
    [...dialog.querySelectorAll<HTMLElement>("button, input, [tabindex]:not([tabindex='-1'])")].filter(
      (el) => !(el as HTMLButtonElement).disabled && el.offsetParent !== null,
    );
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === "Escape") {
      e.preventDefault();
      e.stopPropagation();
      if (asking()) setAsking(false);
      else requestClose();
      return;
    }
    if (e.key === "Tab") {
      const els = focusables();
      const first = els[0];
      const last = els.at(-1);
      if (first && last && e.shiftKey && document.activeElement === first) {
        e.preventDefault();
        last.focus();
      } else if (first && last && !e.shiftKey && document.activeElement === last) {
        e.preventDefault();
        first.focus();
      }
      return;
    }
    if (asking() || saving()) return;
    const cmd = e.ctrlKey || e.metaKey;
    const k = e.key.toLowerCase();
    if (cmd && !e.altKey && (k === "z" || k === "y")) {
      e.preventDefault();
      if (k === "y" || e.shiftKey) doRedo();
      else doUndo();
      return;
    }
    if (cmd || e.altKey) return;
    const typing = e.target instanceof HTMLInputElement && e.target.type !== "range" && e.target.type !== "checkbox";
    if (typing) return;
    const t = TOOLS.find((x) => TOOL_INFO[x].key.toLowerCase() === k);
    if (t) {
      e.preventDefault();
      setTool(t);
    } else if (e.key === "[" || e.key === "]") {
      e.preventDefault();
      stepSize(e.key === "[" ? -1 : 1);
    }
  };

  onMount(() => {
    dialog.showModal();
    // Focus starts on the tool in hand, so the keys (P, I, M, E, [ ], undo) work at once.
    dialog.querySelector<HTMLButtonElement>(".draw-tool[aria-pressed='true']")?.focus();
    repaint();
  });
  onCleanup(() => {
    closing = true;
    if (dialog.open) dialog.close();
  });

  const count = () => strokes().length;

  return (
    <dialog
      ref={dialog}
      class="draw-dialog"
      aria-labelledby="draw-h"
      onKeyDown={onKeyDown}
      onCancel={(e) => {
        // The browser's own close request (Escape, a back gesture): ask rather than lose strokes.
        e.preventDefault();
        if (!asking()) requestClose();
      }}
      onClose={() => {
        // Closed by the browser after all while strokes wait: show it again and ask.
        if (closing) return;
        if (dirty()) {
          dialog.showModal();
          setAsking(true);
        } else leave();
      }}
    >
      <div class="draw">
        <header class="draw-head">
          <h2 id="draw-h">{props.title ?? "Draw"}</h2>
          <span class="draw-count muted small" aria-live="polite">
            {plural(count(), "stroke")}
          </span>
          <div class="draw-head-actions">
            <button type="button" class="btn btn-secondary btn-small" onClick={requestClose} disabled={saving()}>
              Cancel
            </button>
            <button
              type="button"
              class="btn btn-primary btn-small"
              onClick={() => void save()}
              disabled={saving() || count() === 0}
              aria-busy={saving() ? "true" : undefined}
              title={count() === 0 ? "Draw something first" : "Save the drawing as this shot's picture"}
            >
              <Show when={saving()}>
                <span class="spinner" aria-hidden="true" />
              </Show>
              {saving() ? "Saving…" : "Save drawing"}
            </button>
          </div>
        </header>

        <DrawToolbar
          tool={tool}
          setTool={setTool}
          color={color}
          setColor={setColor}
          sizeStep={sizeStep}
          setSizeStep={setSizeStep}
          canUndo={canUndo(history())}
          canRedo={canRedo(history())}
          strokes={count()}
          onUndo={doUndo}
          onRedo={doRedo}
          onClear={doClear}
          underlay={props.underlayUrl ? { on: underlayOn, setOn: setUnderlayOn, opacity: underlayOpacity, setOpacity: setUnderlayOpacity } : undefined}
          onion={props.onionUrl ? { on: onionOn, setOn: setOnionOn, opacity: onionOpacity, setOpacity: setOnionOpacity } : undefined}
        />

        <Show when={error()}>
          <div class="alert alert-error draw-error" role="alert">
            {error()}
          </div>
        </Show>

        <div class="draw-stage-wrap">
          <div class="draw-stage" style={{ "--ratio": String(size.width / size.height), "aspect-ratio": `${size.width} / ${size.height}` }}>
            <Show when={props.underlayUrl && underlayOn()}>
              <img class="draw-layer-img" src={props.underlayUrl} alt="" style={{ opacity: underlayOpacity() / 100 }} draggable={false} />
            </Show>
            <Show when={props.onionUrl && onionOn()}>
              <img class="draw-layer-img draw-onion" src={props.onionUrl} alt="" style={{ opacity: onionOpacity() / 100 }} draggable={false} />
            </Show>
            <canvas
              ref={canvas}
              class="draw-canvas"
              classList={{ "draw-erasing": tool() === "eraser" }}
              width={size.width}
              height={size.height}
              role="img"
              aria-label={`Drawing surface, ${props.aspect}: ${plural(count(), "stroke")}`}
              data-strokes={count()}
              {...pen.handlers}
              onContextMenu={(e) => e.preventDefault()}
            />
          </div>
        </div>

        <Show when={asking()}>
          <div class="draw-ask" role="alertdialog" aria-modal="true" aria-labelledby="draw-ask-h" aria-describedby="draw-ask-d">
            <div class="draw-ask-box">
              <h3 id="draw-ask-h">Discard this drawing?</h3>
              <p id="draw-ask-d">The strokes you made since opening it are not saved.</p>
              <div class="dialog-actions">
                <button type="button" class="btn btn-secondary" ref={keepButton} onClick={() => setAsking(false)}>
                  Keep drawing
                </button>
                <button type="button" class="btn btn-danger" onClick={leave}>
                  Discard
                </button>
              </div>
            </div>
          </div>
        </Show>
      </div>
    </dialog>
  );
}
