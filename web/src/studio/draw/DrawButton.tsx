// Draw and "Edit drawing" in the frame detail (CONTRACT 12), for editors.
// Draw opens an empty surface over the shot's current picture (or its live
// sketch); "Edit drawing", when the shot shows a drawing, reopens its strokes
// over the picture it was drawn on. Saving uploads the PNG as a `drawing`
// revision, then keeps the strokes beside it; the room's add_revision event
// puts the picture on the board. The previous shot is the onion skin.
import { createSignal, lazy, Show, Suspense } from "solid-js";
import type { Aspect, Board, Frame } from "../../../../worker/domain/board";
import { shotLabel } from "../../../../worker/domain/board";
import { shownImage, shownRevision } from "../../../../worker/domain/frame-media";
import { sketchDataUrl } from "../../../../worker/sketch";
import { ApiFailure, describeError } from "../../api";
import { useBoard, useConnection, useStudio } from "../context";
import { useAspect } from "../Media";
import { frameAssets } from "../model/frames";
import { type FrameRef, loadStrokes, saveStrokes, uploadDrawing } from "./draw-api";
import type { Drawing } from "./strokes";
import "./draw.css";

// The surface and perfect-freehand load on the first Draw, not with the board.
const DrawSurface = lazy(() => import("./DrawSurface").then((m) => ({ default: m.DrawSurface })));

/** The live sketch of a frame as the card shows it when it has no picture: an SVG data URL. */
export function sketchUrl(board: Pick<Board, "assets"> | null | undefined, frame: Frame, aspect: Aspect): string {
  return sketchDataUrl(frame, board ? frameAssets(board, frame) : [], aspect, `p${frame.id}`).src;
}

type Open = { mode: "new" | "edit"; aspect: Aspect; initial?: Drawing; underlay: string; onion?: string };

export function DrawButton(props: { frame: Frame }) {
  const studio = useStudio();
  const b = useBoard();
  const c = useConnection();
  const aspect = useAspect();
  const [open, setOpen] = createSignal<Open | null>(null);
  const [loading, setLoading] = createSignal(false);
  const [error, setError] = createSignal<string>();

  const ref = (): FrameRef => ({ projectId: studio.projectId, episodeId: studio.episodeId, frameId: props.frame.id });
  const index = () => b.frames().findIndex((f) => f.id === props.frame.id);
  const label = () => shotLabel(props.frame, Math.max(0, index()));
  const shown = () => shownRevision(props.frame.media);
  const editable = () => shown()?.kind === "drawing";
  const sketch = (f: Frame) => sketchUrl(b.board.board, f, aspect());
  /** The previous shot, by its picture or else its sketch. */
  const onion = () => {
    const prev = b.frames()[index() - 1];
    return prev ? (shownImage(prev.media) ?? sketch(prev)) : undefined;
  };
  /** What a drawing was drawn over: the newest picture that is not itself a drawing, else the sketch. */
  const basePicture = () => props.frame.media.revisions.findLast((r) => r.kind !== "drawing")?.url ?? sketch(props.frame);

  const startNew = () => {
    setError();
    setOpen({ mode: "new", aspect: aspect(), underlay: shownImage(props.frame.media) ?? sketch(props.frame), onion: onion() });
  };

  const startEdit = async () => {
    const rev = shown();
    if (!rev || loading()) return;
    setError();
    setLoading(true);
    try {
      // strokes.ts (and perfect-freehand) load with the surface, not with the board.
      const [json, { readDrawing }] = await Promise.all([loadStrokes(ref(), rev.id), import("./strokes")]);
      const read = readDrawing(json, aspect());
      if (!read.ok) throw new Error(read.message);
      setOpen({ mode: "edit", aspect: aspect(), initial: read.drawing, underlay: basePicture(), onion: onion() });
    } catch (err) {
      const gone = err instanceof ApiFailure && err.status === 404;
      setError(
        gone
          ? "This drawing's strokes were not kept, so it cannot be reopened. Draw starts a new drawing over it."
          : `Could not open the drawing: ${err instanceof Error ? err.message : describeError(err)}`,
      );
    } finally {
      setLoading(false);
    }
  };

  // A PNG already stored whose strokes failed to follow is not uploaded again when the same drawing is saved again.
  let stored: { json: string; revisionId: string } | undefined;
  const save = async (png: Blob, drawing: Drawing) => {
    const json = JSON.stringify(drawing);
    let revisionId = stored?.json === json ? stored.revisionId : undefined;
    if (!revisionId) {
      revisionId = (await uploadDrawing(ref(), png)).id;
      stored = { json, revisionId };
    }
    try {
      await saveStrokes(ref(), revisionId, drawing);
    } catch (err) {
      throw new Error(`The picture was saved, but not its strokes, so it cannot be reopened for editing yet: ${describeError(err)} Save again to retry.`);
    }
    stored = undefined;
    setOpen(null);
  };

  return (
    <Show when={c.canEdit()}>
      <div class="draw-actions">
        <button
          type="button"
          class="btn btn-secondary btn-small"
          onClick={startNew}
          title="Draw this shot by hand: pen, finger or mouse, over its current picture"
        >
          Draw
        </button>
        <Show when={editable()}>
          <button
            type="button"
            class="btn btn-secondary btn-small"
            onClick={() => void startEdit()}
            disabled={loading()}
            aria-busy={loading() ? "true" : undefined}
            title="Reopen this drawing's strokes to change them"
          >
            {loading() ? "Opening…" : "Edit drawing"}
          </button>
        </Show>
        <Show when={error()}>
          <p class="field-error small" role="alert">
            {error()}
          </p>
        </Show>
      </div>
      <Show when={open()} keyed>
        {(o) => (
          <Suspense>
            <DrawSurface
              aspect={o.aspect}
              title={`${o.mode === "edit" ? "Edit drawing" : "Draw"} · Shot ${label()}`}
              underlayUrl={o.underlay}
              onionUrl={o.onion}
              initial={o.initial}
              onSave={save}
              onCancel={() => {
                stored = undefined;
                setOpen(null);
              }}
            />
          </Suspense>
        )}
      </Show>
    </Show>
  );
}
