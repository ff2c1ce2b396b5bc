// The drawing surface's toolbar: tool, colour, size, history and the two
// guide layers (the shot's picture underneath, the previous shot as an onion
// skin). It holds no state of its own; the surface passes its signals in.
import { type Accessor, For, type Setter, Show } from "solid-js";
import { COLORS, type DrawTool, SIZE_NAMES, type SizeStep, TOOL_INFO, TOOLS } from "./strokes";

/** A guide layer shown under the strokes, never saved with them. */
export interface GuideLayer {
  on: Accessor<boolean>;
  setOn: Setter<boolean>;
  opacity: Accessor<number>;
  setOpacity: Setter<number>;
}

export interface DrawToolbarProps {
  tool: Accessor<DrawTool>;
  setTool: (t: DrawTool) => void;
  color: Accessor<string>;
  setColor: (hex: string) => void;
  sizeStep: Accessor<SizeStep>;
  setSizeStep: (s: SizeStep) => void;
  canUndo: boolean;
  canRedo: boolean;
  strokes: number;
  onUndo: () => void;
  onRedo: () => void;
  onClear: () => void;
  /** The guide layers that have a picture to show. */
  underlay?: GuideLayer;
  onion?: GuideLayer;
}

const isMac = () => typeof navigator !== "undefined" && /Mac|iPhone|iPad/.test(navigator.platform);

export function DrawToolbar(props: DrawToolbarProps) {
  const mod = isMac() ? "Cmd" : "Ctrl";
  return (
    <div class="draw-toolbar" role="toolbar" aria-label="Drawing tools">
      <fieldset class="draw-group" aria-label="Tool">
        <For each={TOOLS}>
          {(t) => (
            <button
              type="button"
              class="draw-tool"
              aria-pressed={props.tool() === t}
              title={`${TOOL_INFO[t].label} (${TOOL_INFO[t].key}): ${TOOL_INFO[t].hint}`}
              aria-keyshortcuts={TOOL_INFO[t].key}
              onClick={() => props.setTool(t)}
            >
              <ToolGlyph tool={t} />
              <span>{TOOL_INFO[t].label}</span>
            </button>
          )}
        </For>
      </fieldset>

      <fieldset class="draw-group draw-colors" aria-label="Colour" classList={{ "draw-off": props.tool() === "eraser" }}>
        <For each={COLORS}>
          {(c) => (
            <button
              type="button"
              class="draw-swatch"
              classList={{ "draw-swatch-white": c.hex === "#ffffff" }}
              style={{ "--swatch": c.hex }}
              aria-pressed={props.color() === c.hex}
              aria-label={c.name}
              title={c.name}
              onClick={() => {
                props.setColor(c.hex);
                if (props.tool() === "eraser") props.setTool("ink");
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
              aria-pressed={props.sizeStep() === s}
              aria-label={`${SIZE_NAMES[s]} size`}
              title={`${SIZE_NAMES[s]} ([ smaller, ] larger)`}
              onClick={() => props.setSizeStep(s)}
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
          onClick={props.onUndo}
          disabled={!props.canUndo}
          title={`Undo the last stroke (${mod}+Z)`}
          aria-keyshortcuts="Control+Z Meta+Z"
        >
          Undo
        </button>
        <button
          type="button"
          class="draw-cmd"
          onClick={props.onRedo}
          disabled={!props.canRedo}
          title={`Redo (Shift+${mod}+Z or Ctrl+Y)`}
          aria-keyshortcuts="Shift+Control+Z Shift+Meta+Z Control+Y"
        >
          Redo
        </button>
        <button type="button" class="draw-cmd" onClick={props.onClear} disabled={props.strokes === 0} title="Clear every stroke (Undo brings them back)">
          Clear
        </button>
      </fieldset>

      <Show when={props.underlay || props.onion}>
        <div class="draw-layers">
          <Show when={props.underlay}>
            {(layer) => (
              <LayerControl
                layer={layer()}
                group="Picture underneath"
                label="Picture"
                what="the picture underneath"
                title="Show the shot's current picture underneath while you draw; it is not saved in the drawing"
              />
            )}
          </Show>
          <Show when={props.onion}>
            {(layer) => (
              <LayerControl
                layer={layer()}
                group="Previous shot"
                label="Previous shot"
                what="the previous shot"
                title="Show the previous shot faintly (onion skin); it is not saved in the drawing"
              />
            )}
          </Show>
        </div>
      </Show>
    </div>
  );
}

/** A guide layer's switch and its opacity. */
function LayerControl(props: { layer: GuideLayer; group: string; label: string; what: string; title: string }) {
  return (
    <fieldset class="draw-group draw-layer" aria-label={props.group}>
      <label class="draw-check" title={props.title}>
        <input type="checkbox" checked={props.layer.on()} onChange={(e) => props.layer.setOn(e.currentTarget.checked)} />
        {props.label}
      </label>
      <input
        type="range"
        min="5"
        max="100"
        step="5"
        value={props.layer.opacity()}
        disabled={!props.layer.on()}
        aria-label={`Opacity of ${props.what}`}
        aria-valuetext={`${props.layer.opacity()}%`}
        onInput={(e) => props.layer.setOpacity(Number(e.currentTarget.value))}
      />
      <span class="draw-pct small">{props.layer.opacity()}%</span>
    </fieldset>
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
