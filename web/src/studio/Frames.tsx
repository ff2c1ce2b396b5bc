// The storyboard: the episode's frames as cards (the main view) or as a shot
// list, with the running time always in view, the aspect ratio, add, the
// batch renders, and what to do with the picked frames. Cards reorder by
// drag and drop (mouse and touch, @thisbeyond/solid-dnd) or from the
// keyboard; every change is one board_command.
import { closestCenter, DragDropProvider, DragDropSensors, type DragEvent, DragOverlay, SortableProvider } from "@thisbeyond/solid-dnd";
import { createMemo, createSignal, For, lazy, Show } from "solid-js";
import { Aspect, LIMITS, shotLabel } from "../../../worker/domain/board";
import { askedLength, formatDuration, offTarget, runningTime, untimed } from "../../../worker/domain/running-time";
import { deferred, Loaded } from "../components/deferred";
import { EmptyState } from "../components/ui";
import { useBoard, useConnection, useSelection, useStudio } from "./context";
import { type CardActions, FrameCard } from "./FrameCard";
import { BatchActions, FramePicture, JobsPanel, useAspect } from "./Media";
import { moveTo } from "./model/frames";
import { usePastePictures } from "./PictureUpload";
import { ShotList } from "./ShotList";
import { newFrameId } from "./studio-state";
import { START_ANCHOR } from "./model/ghosts";
import { GhostCard, ProposalsPanel } from "./Proposals";

// The player (and the video encoder it loads on demand) comes when first opened.
const AnimaticPlayer = lazy(() => import("./Animatic").then((m) => ({ default: m.AnimaticPlayer })));
// A shot's detail view (its form, render inspector and notes thread) comes when a
// shot is first opened, or pointed at; the continuity check once the board shows frames.
const FrameDetail = deferred(() => import("./FrameDetail").then((m) => m.FrameDetail));
const ContinuityPanel = deferred(() => import("./Continuity").then((m) => m.ContinuityPanel));

const ASPECT_NAME: Record<Aspect, string> = {
  "16:9": "16:9 widescreen",
  "9:16": "9:16 vertical",
  "1:1": "1:1 square",
  "4:5": "4:5 portrait",
  "2.39:1": "2.39:1 scope",
};

export function FramesPanel() {
  const b = useBoard();
  const c = useConnection();
  const sel = useSelection();
  const studio = useStudio();
  const aspect = useAspect();
  const frames = () => b.frames();
  const [view, setView] = createSignal<"cards" | "list">((localStorage.getItem("reelroom.view") as "cards" | "list") ?? "cards");
  const [open, setOpen] = createSignal<string | null>(null);
  // Mounted from the first open on, and kept: the dialog closes and reopens as before.
  let opened = false;
  const detailWanted = createMemo(() => (opened ||= open() !== null));
  const [playing, setPlaying] = createSignal(false);
  const total = () => runningTime(frames());
  // New cards the live proposals would add, after the card they would follow (CONTRACT 14).
  const newAfter = (anchor: string) => studio.proposals.ghosts().newAfter.get(anchor) ?? [];
  const hasNewCards = () => studio.proposals.ghosts().newAfter.size > 0;
  /** "Apply notes" for the picked frames with open notes, or every frame's when none is picked (CONTRACT 9). */
  const notesTarget = () => {
    const open = studio.comments.open();
    const picked = sel.ids();
    if (picked.length) return picked.some((id) => (open.get(id) ?? 0) > 0) ? "Apply notes" : null;
    return frames().some((f) => (open.get(f.id) ?? 0) > 0) ? "Apply all open notes" : null;
  };
  const asked = () => askedLength(b.board.board?.script.text ?? "");
  const switchView = (v: "cards" | "list") => {
    setView(v);
    localStorage.setItem("reelroom.view", v);
  };

  const focusCard = (id: string) => requestAnimationFrame(() => document.getElementById(`frame-${id}`)?.focus());

  const addFrame = async () => {
    const id = newFrameId();
    const last = frames().at(-1);
    const r = await b.send({ type: "add_frame", frame: { id, title: `Shot ${frames().length + 1}`, camera: last?.camera || "WS", durationSec: 3 } });
    if (r.ok) focusCard(id);
  };

  // The mouseup that ends a drag also clicks whatever card is under the pointer: not an "open".
  let dragEndedAt = 0;
  const actions: CardActions = {
    open: (f) => {
      if (Date.now() - dragEndedAt > 400) setOpen(f.id);
    },
    move: (f, delta) => {
      const i = frames().findIndex((x) => x.id === f.id);
      const cmd = moveTo(frames(), f.id, i + delta);
      if (cmd) void b.send(cmd).then(() => focusCard(f.id));
    },
    // No confirm: removal is one Undo away, which the notice says.
    remove: (f) => {
      const i = frames().findIndex((x) => x.id === f.id);
      void b.send({ type: "remove_frame", id: f.id }).then((r) => r.ok && b.announce(`Removed shot ${shotLabel(f, i)}. Undo brings it back.`));
    },
  };

  const removePicked = async () => {
    const ids = sel.ids();
    let done = 0;
    for (const id of ids) if ((await b.send({ type: "remove_frame", id })).ok) done++;
    sel.clear();
    if (done) b.announce(`Removed ${done} shot${done === 1 ? "" : "s"}. Undo brings back the last one removed; Rewind brings back all.`);
  };

  const [dragging, setDragging] = createSignal<string | null>(null);
  const onDragEnd = ({ draggable, droppable }: DragEvent) => {
    setDragging(null);
    dragEndedAt = Date.now();
    if (!droppable) return;
    const to = frames().findIndex((f) => f.id === droppable.id);
    // The frame it was dropped on was removed meanwhile: nowhere to put it.
    if (to < 0) return;
    const cmd = moveTo(frames(), String(draggable.id), to);
    if (cmd) void b.send(cmd);
  };
  const dragged = () => frames().find((f) => f.id === dragging());

  // From the continuity list: the frame's card, scrolled to and focused.
  const showFrame = (frameId: string) => {
    switchView("cards");
    requestAnimationFrame(() => {
      const card = document.getElementById(`frame-${frameId}`);
      if (!card) return;
      card.scrollIntoView({ block: "center", behavior: "smooth" });
      card.focus({ preventScroll: true });
    });
  };

  // A picture pasted goes to the open shot, else the focused card's, else the one picked (CONTRACT 12).
  usePastePictures(() => {
    const focused = document.activeElement instanceof HTMLElement ? document.activeElement.closest<HTMLElement>(".frame-card")?.dataset.frameId : undefined;
    const picked = sel.ids().length === 1 ? sel.ids()[0] : undefined;
    const id = open() ?? focused ?? picked;
    const i = frames().findIndex((f) => f.id === id);
    return i < 0 ? null : { id: frames()[i]!.id, shot: shotLabel(frames()[i]!, i) };
  });

  // A pointer over the board or a focused card is the likely step before opening a shot.
  const preloadDetail = () => void FrameDetail.preload();

  return (
    <section aria-labelledby="frames-h" class="frames" id="board" tabindex="-1" onPointerOver={preloadDetail} onFocusIn={preloadDetail}>
      <div class="board-toolbar">
        <h2 id="frames-h">Storyboard</h2>
        {/* The running time against the length asked for, always beside the frames (CONTRACT 4). */}
        <p class="running-time" classList={{ "running-time-off": offTarget(total(), asked()) }} aria-live="polite">
          <span class="muted">
            {frames().length} shot{frames().length === 1 ? "" : "s"} ·
          </span>{" "}
          <strong>{formatDuration(total())}</strong>
          <Show when={asked()}>{(a) => <span class="muted"> of {formatDuration(a())} asked</span>}</Show>
          <Show when={untimed(frames()) > 0}>
            <span class="muted"> · {untimed(frames())} without a length</span>
          </Show>
        </p>
        <div class="toolbar-end">
          <label class="aspect-pick">
            <span class="sr-only">Aspect ratio</span>
            <select
              value={aspect()}
              disabled={!c.canEdit()}
              onChange={(e) => {
                const next = Aspect.safeParse(e.currentTarget.value);
                if (next.success) void b.setAspect(next.data);
              }}
            >
              <For each={Aspect.options}>{(a) => <option value={a}>{ASPECT_NAME[a]}</option>}</For>
            </select>
          </label>
          <button type="button" class="btn btn-secondary btn-small" disabled={frames().length === 0} onClick={() => setPlaying(true)}>
            Play animatic
          </button>
          {/* biome-ignore lint/a11y/useSemanticElements: a toggle-button group, not a form section */}
          <div class="view-toggle" role="group" aria-label="Storyboard view">
            <button type="button" class="btn btn-secondary btn-small" aria-pressed={view() === "cards"} onClick={() => switchView("cards")}>
              Cards
            </button>
            <button type="button" class="btn btn-secondary btn-small" aria-pressed={view() === "list"} onClick={() => switchView("list")}>
              Shot list
            </button>
          </div>
          <Show when={c.canEdit()}>
            <button type="button" class="btn btn-primary btn-small" onClick={addFrame} disabled={frames().length >= LIMITS.frames}>
              Add frame
            </button>
          </Show>
        </div>
      </div>
      <Show when={c.canEdit() && frames().length > 0}>
        <div class="selection-bar" classList={{ active: sel.ids().length > 0 }}>
          <Show
            when={sel.ids().length > 0}
            fallback={
              <Show when={view() === "cards"}>
                <span class="muted small hint-pointer">
                  Click a shot to open it · Shift-click to pick several · drag ⠿ to reorder · Alt+←/→ moves a focused card
                </span>
              </Show>
            }
          >
            <span role="status">
              {sel.ids().length} picked
              <span class="muted small"> · the next message to the agent is about them only</span>
            </span>
            <button type="button" class="btn btn-secondary btn-small" onClick={() => void removePicked()}>
              Delete {sel.ids().length}
            </button>
            <button type="button" class="link-btn" onClick={() => sel.clear()}>
              Clear
            </button>
          </Show>
          <Show when={notesTarget()}>
            {(label) => (
              <button type="button" class="btn btn-secondary btn-small" disabled={studio.agentBusy()} onClick={() => void studio.applyNotes()}>
                {label()}
              </button>
            )}
          </Show>
          <span class="spacer" />
          <BatchActions />
        </div>
      </Show>
      <ProposalsPanel />
      <Show
        when={frames().length > 0 || hasNewCards()}
        fallback={
          <EmptyState title="This storyboard is empty" icon="frames">
            {c.canEdit()
              ? studio.agentBusy()
                ? "The agent is writing: frames appear here as soon as it adds them."
                : "Ask the production agent for an idea, or add the first frame. Everyone on this episode sees changes at once."
              : "Frames appear here as the team adds them, live."}
          </EmptyState>
        }
      >
        <Show when={view() === "cards"} fallback={<ShotList onOpen={actions.open} />}>
          <DragDropProvider onDragStart={({ draggable }) => setDragging(String(draggable.id))} onDragEnd={onDragEnd} collisionDetector={closestCenter}>
            <DragDropSensors />
            <ol class="frame-grid" classList={{ [`aspect-${aspect().replace(/[:.]/g, "-")}`]: true }} aria-label="Frames in order">
              <SortableProvider ids={frames().map((f) => f.id)}>
                <For each={newAfter(START_ANCHOR)}>{(g) => <GhostCard ghost={g} />}</For>
                <For each={frames()}>
                  {(f, i) => (
                    <>
                      <FrameCard frame={f} index={i()} shot={shotLabel(f, i())} actions={actions} />
                      <For each={newAfter(f.id)}>{(g) => <GhostCard ghost={g} />}</For>
                    </>
                  )}
                </For>
              </SortableProvider>
            </ol>
            <DragOverlay class="drag-overlay">
              <Show when={dragged()}>{(f) => <FramePicture frame={f()} shot={shotLabel(f(), frames().indexOf(f()))} />}</Show>
            </DragOverlay>
          </DragDropProvider>
        </Show>
        <Loaded part={ContinuityPanel} fallback={<ContinuityPending />}>
          <ContinuityPanel studio={studio} onShowFrame={showFrame} />
        </Loaded>
      </Show>
      <JobsPanel />
      <Show when={detailWanted()}>
        <Loaded
          part={FrameDetail}
          fallback={
            <p class="sr-only" role="status" aria-busy="true">
              Opening the shot…
            </p>
          }
        >
          <FrameDetail frameId={open()} onOpen={setOpen} />
        </Loaded>
      </Show>
      <Show when={playing()}>
        <AnimaticPlayer board={() => b.board.board} onClose={() => setPlaying(false)} />
      </Show>
    </section>
  );
}

/** The continuity panel's box and heading while its code loads; it checks the board once it is here. */
function ContinuityPending() {
  return (
    <section class="panel continuity-panel" aria-labelledby="continuity-pending-h" aria-busy="true">
      <div class="panel-head">
        <h2 id="continuity-pending-h">Continuity</h2>
        <span class="muted small" role="status">
          Checking…
        </span>
      </div>
      <p class="muted small">Checking every named cast member, place and prop, and each shot's camera and length.</p>
    </section>
  );
}
