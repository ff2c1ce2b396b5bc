// The drawing surface (CONTRACT 12): a full-screen dialog with a canvas in
// the episode's aspect, drawn on with Pointer Events so a mouse, a finger and
// a stylus all work. A stylus gives real pressure (and its coalesced samples,
// so a fast line stays smooth); a mouse or finger gets pressure simulated from
// speed. While a pen is down or hovering, touches are ignored (a resting palm
// draws nothing) and a palm stroke already begun is dropped when the pen lands.
// The current picture (or the live sketch) shows underneath and the previous
// shot as an onion skin, each at its own opacity; neither is ever part of the
// saved PNG, which is the strokes alone on white at the drawing's own pixels.
import { createEffect, createMemo, createSignal, For, on, onCleanup, onMount, Show } from "solid-js";
import type { Aspect } from "../../../../worker/domain/board";
import { offscreen, paintStroke, paintStrokes, renderPng } from "./paint";
import {
  beginStroke,
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
  NO_PRESSURE,
  readDrawing,
  redo,
  SIZE_NAMES,
  type SizeStep,
  type Stroke,
  type StrokePoint,
  strokeStyle,
  TOOL_INFO,
  TOOLS,
  toDrawing,
  tooLarge,
  undo,
  addPoints,
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

/** How long after the last sign of a pen (down or hovering) a touch still counts as a palm, in ms. */
const PALM_MS = 600;

const plural = (n: number, one: string) => `${n} ${one}${n === 1 ? "" : "s"}`;
const isMac = () => typeof navigator !== "undefined" && /Mac|iPhone|iPad/.test(navigator.platform);

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
  const mod = isMac() ? "Cmd" : "Ctrl";

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

  // ---- pointers ----
  type Active = { id: number; type: string; rect: DOMRect };
  let active: Active | null = null;
  let lastPenAt = Number.NEGATIVE_INFINITY;

  const pointOf = (e: PointerEvent, a: Active): StrokePoint => {
    const x = ((e.clientX - a.rect.left) / a.rect.width) * size.width;
    const y = ((e.clientY - a.rect.top) / a.rect.height) * size.height;
    // Only a pen reports real pressure; a mouse or a finger is drawn at NO_PRESSURE and its outline simulates it.
    const pressure = a.type === "pen" ? (e.pressure > 0 ? e.pressure : NO_PRESSURE) : NO_PRESSURE;
    return [x, y, pressure];
  };

  const samples = (e: PointerEvent): PointerEvent[] => {
    const coalesced = typeof e.getCoalescedEvents === "function" ? e.getCoalescedEvents() : [];
    return coalesced.length > 0 ? coalesced : [e];
  };

  const drop = () => {
    try {
      if (active && canvas.hasPointerCapture(active.id)) canvas.releasePointerCapture(active.id);
    } catch {
      // The pointer is gone already.
    }
    active = null;
    live = null;
    schedule();
  };

  const onPointerDown = (e: PointerEvent) => {
    if (saving() || asking()) return;
    if (e.pointerType === "pen") {
      lastPenAt = e.timeStamp;
      // The palm landed first: its stroke goes, the pen's begins.
      if (active && active.type === "touch") drop();
    }
    if (e.pointerType === "touch" && e.timeStamp - lastPenAt < PALM_MS) return;
    if (active) return; // One stroke at a time: a second finger draws nothing.
    // The left button, a finger, the pen's tip (0) or its eraser end (5).
    if (e.button !== 0 && e.button !== 5) return;
    e.preventDefault();
    const a: Active = { id: e.pointerId, type: e.pointerType, rect: canvas.getBoundingClientRect() };
    active = a;
    try {
      canvas.setPointerCapture(e.pointerId);
    } catch {
      // A synthetic pointer cannot be captured; its moves still come to the canvas.
    }
    const t = e.button === 5 || (e.buttons & 32) !== 0 ? "eraser" : tool();
    live = beginStroke(strokeStyle(t, color(), sizeStep(), size), pointOf(e, a));
    setError();
    schedule();
  };

  const onPointerMove = (e: PointerEvent) => {
    if (e.pointerType === "pen") lastPenAt = e.timeStamp;
    if (!active || !live || e.pointerId !== active.id) return;
    const a = active;
    live = addPoints(
      live,
      samples(e).map((s) => pointOf(s, a)),
    );
    schedule();
  };

  const finish = (e: PointerEvent) => {
    if (e.pointerType === "pen") lastPenAt = e.timeStamp;
    if (!active || !live || e.pointerId !== active.id) return;
    const done = addPoints(live, [pointOf(e, active)]);
    active = null;
    live = null;
    setHistory((h) => commitStroke(h, done));
    schedule();
  };

  const onPointerCancel = (e: PointerEvent) => {
    if (active && e.pointerId === active.id) drop();
  };

  // ---- commands ----
  const doUndo = () => !active && setHistory(undo);
  const doRedo = () => !active && setHistory(redo);
  const doClear = () => !active && setHistory(clearStrokes);
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
    drop();
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

        <div class="draw-toolbar" role="toolbar" aria-label="Drawing tools">
          <fieldset class="draw-group" aria-label="Tool">
            <For each={TOOLS}>
              {(t) => (
                <button
                  type="button"
                  class="draw-tool"
                  aria-pressed={tool() === t}
                  title={`${TOOL_INFO[t].label} (${TOOL_INFO[t].key}): ${TOOL_INFO[t].hint}`}
                  aria-keyshortcuts={TOOL_INFO[t].key}
                  onClick={() => setTool(t)}
                >
                  <ToolGlyph tool={t} />
                  <span>{TOOL_INFO[t].label}</span>
                </button>
              )}
            </For>
          </fieldset>

          <fieldset class="draw-group draw-colors" aria-label="Colour" classList={{ "draw-off": tool() === "eraser" }}>
            <For each={COLORS}>
              {(c) => (
                <button
                  type="button"
                  class="draw-swatch"
                  classList={{ "draw-swatch-white": c.hex === "#ffffff" }}
                  style={{ "--swatch": c.hex }}
                  aria-pressed={color() === c.hex}
                  aria-label={c.name}
                  title={c.name}
                  onClick={() => {
                    setColor(c.hex);
                    if (tool() === "eraser") setTool("ink");
                  }}
                />
              )}
            </For>
          </fieldset>

          <fieldset class="draw-group" aria-label="Size">
            <For each={[0, 1, 2, 3] as SizeStep[]}>
              {(s) => (
                <button
                  type="button"
                  class="draw-size"
                  aria-pressed={sizeStep() === s}
                  aria-label={`${SIZE_NAMES[s]} size`}
                  title={`${SIZE_NAMES[s]} ([ smaller, ] larger)`}
                  onClick={() => setSizeStep(s)}
                >
                  <span class="draw-size-dot" style={{ "--dot": `${4 + s * 4}px` }} />
                </button>
              )}
            </For>
          </fieldset>

          <fieldset class="draw-group" aria-label="History">
            <button
              type="button"
              class="draw-cmd"
              onClick={doUndo}
              disabled={!canUndo(history())}
              title={`Undo the last stroke (${mod}+Z)`}
              aria-keyshortcuts="Control+Z Meta+Z"
            >
              Undo
            </button>
            <button
              type="button"
              class="draw-cmd"
              onClick={doRedo}
              disabled={!canRedo(history())}
              title={`Redo (Shift+${mod}+Z or Ctrl+Y)`}
              aria-keyshortcuts="Shift+Control+Z Shift+Meta+Z Control+Y"
            >
              Redo
            </button>
            <button type="button" class="draw-cmd" onClick={doClear} disabled={count() === 0} title="Clear every stroke (Undo brings them back)">
              Clear
            </button>
          </fieldset>

          <Show when={props.underlayUrl || props.onionUrl}>
            <div class="draw-layers">
              <Show when={props.underlayUrl}>
                <fieldset class="draw-group draw-layer" aria-label="Picture underneath">
                  <label class="draw-check" title="Show the shot's current picture underneath while you draw; it is not saved in the drawing">
                    <input type="checkbox" checked={underlayOn()} onChange={(e) => setUnderlayOn(e.currentTarget.checked)} />
                    Picture
                  </label>
                  <input
                    type="range"
                    min="5"
                    max="100"
                    step="5"
                    value={underlayOpacity()}
                    disabled={!underlayOn()}
                    aria-label="Opacity of the picture underneath"
                    aria-valuetext={`${underlayOpacity()}%`}
                    onInput={(e) => setUnderlayOpacity(Number(e.currentTarget.value))}
                  />
                  <span class="draw-pct small">{underlayOpacity()}%</span>
                </fieldset>
              </Show>
              <Show when={props.onionUrl}>
                <fieldset class="draw-group draw-layer" aria-label="Previous shot">
                  <label class="draw-check" title="Show the previous shot faintly (onion skin); it is not saved in the drawing">
                    <input type="checkbox" checked={onionOn()} onChange={(e) => setOnionOn(e.currentTarget.checked)} />
                    Previous shot
                  </label>
                  <input
                    type="range"
                    min="5"
                    max="100"
                    step="5"
                    value={onionOpacity()}
                    disabled={!onionOn()}
                    aria-label="Opacity of the previous shot"
                    aria-valuetext={`${onionOpacity()}%`}
                    onInput={(e) => setOnionOpacity(Number(e.currentTarget.value))}
                  />
                  <span class="draw-pct small">{onionOpacity()}%</span>
                </fieldset>
              </Show>
            </div>
          </Show>
        </div>

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
              onPointerDown={onPointerDown}
              onPointerMove={onPointerMove}
              onPointerUp={finish}
              onPointerCancel={onPointerCancel}
              onLostPointerCapture={(e) => {
                if (active && e.pointerId === active.id) finish(e);
              }}
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

/** A small picture of each tool for its button. */
function ToolGlyph(props: { tool: DrawTool }) {
  return (
    <svg class="draw-glyph" viewBox="0 0 24 24" aria-hidden="true">
      {props.tool === "pencil" ? (
        <path d="M4 20l1.2-4.6L15.8 4.8a1.6 1.6 0 012.3 0l1.1 1.1a1.6 1.6 0 010 2.3L8.6 18.8 4 20z" fill="none" stroke="currentColor" stroke-width="1.6" />
      ) : props.tool === "ink" ? (
        <path d="M3 19c3-1 5-6 8-9s6-5 9-6c-1 3-3 6-6 9s-8 5-11 6z" fill="currentColor" />
      ) : props.tool === "marker" ? (
        <path d="M3 15h18v5H3z" fill="currentColor" opacity="0.4" />
      ) : (
        <path d="M8 20l-5-5L13 5l6 6-9 9H8zm-1.5-5L10 18.5M14 20h7" fill="none" stroke="currentColor" stroke-width="1.6" />
      )}
    </svg>
  );
}
