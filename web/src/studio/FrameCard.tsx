// One frame on the board, the way a storyboard artist reads it: the picture
// large in the episode's aspect, then shot label, camera chips, duration,
// action and dialogue. Clicking it opens the frame's detail; its grip drags
// it (mouse or touch); on a focused card Alt+←/→ moves it, Space picks it,
// Enter opens it, Delete removes it.
import { createSortable } from "@thisbeyond/solid-dnd";
import { For, Show } from "solid-js";
import type { Frame } from "../../../worker/domain/board";
import { onEarlierVersion, verdictWords } from "../../../worker/domain/comments";
import { useBoard, useConnection, useSelection, useStudio } from "./context";
import { CardRenderState, FramePicture } from "./Media";
import { cameraChips, dialogueLines } from "./model/frames";
import { changedFields } from "./model/ghosts";
import { CardProposals } from "./Proposals";
import { useFileDrop } from "./PictureUpload";

export interface CardActions {
  open: (frame: Frame) => void;
  move: (frame: Frame, delta: -1 | 1) => void;
  remove: (frame: Frame) => void;
}

export function FrameCard(props: { frame: Frame; index: number; shot: string; actions: CardActions }) {
  const b = useBoard();
  const c = useConnection();
  const sel = useSelection();
  const studio = useStudio();
  const notes = () => studio.comments.open().get(props.frame.id) ?? 0;
  const approvals = () => studio.comments.reviews().filter((r) => r.frameId === props.frame.id);
  const sortable = createSortable(props.frame.id);
  const f = () => props.frame;
  const picked = () => sel.has(f().id);
  // A picture file dropped on the card is uploaded to it (editors only).
  const drop = useFileDrop({ enabled: c.canEdit, onFiles: (files) => void studio.uploads.upload(f().id, files) });
  const uploadError = () => studio.uploads.error(f().id);
  // What a proposal would change here (CONTRACT 14): marked in place, decided from the strip below.
  const ghosts = () => studio.proposals.ghosts().cards.get(f().id) ?? [];
  const proposed = () => changedFields(ghosts());
  const removal = () => ghosts().some((g) => g.kind === "remove");

  const onKey = (e: KeyboardEvent) => {
    if (e.target !== e.currentTarget) return;
    if (e.key === "Enter") {
      e.preventDefault();
      props.actions.open(f());
      return;
    }
    if (!c.canEdit()) return;
    if (e.altKey && (e.key === "ArrowUp" || e.key === "ArrowLeft")) {
      e.preventDefault();
      props.actions.move(f(), -1);
    } else if (e.altKey && (e.key === "ArrowDown" || e.key === "ArrowRight")) {
      e.preventDefault();
      props.actions.move(f(), 1);
    } else if (e.key === " ") {
      e.preventDefault();
      if (e.shiftKey) sel.extendTo(f().id);
      else sel.toggle(f().id);
    } else if (e.key === "Delete") {
      e.preventDefault();
      props.actions.remove(f());
    }
  };

  // A click opens the frame; with Shift or Ctrl/⌘ it picks instead, as in a file list.
  const onClick = (e: MouseEvent) => {
    if ((e.target as HTMLElement).closest("button, input, label, a")) return;
    if (c.canEdit() && e.shiftKey) sel.extendTo(f().id);
    else if (c.canEdit() && (e.ctrlKey || e.metaKey)) sel.toggle(f().id);
    else props.actions.open(f());
  };

  return (
    <li
      ref={(el) => sortable(el)}
      id={`frame-${f().id}`}
      class="frame-card"
      classList={{
        flash: b.flash().has(f().id),
        selected: picked(),
        dragging: sortable.isActiveDraggable,
        "ghost-changed": ghosts().length > 0 && !removal(),
        "ghost-removed": removal(),
      }}
      data-frame-id={f().id}
      tabindex="0"
      aria-label={`Shot ${props.shot}: ${f().title || "untitled"}`}
      onKeyDown={onKey}
      onClick={onClick}
      {...drop.handlers}
    >
      <FramePicture frame={f()} shot={props.shot} marks dropping={drop.over()} uploading={studio.uploads.uploading(f().id)} />
      <div class="card-top">
        <Show when={c.canEdit()} fallback={<span class="frame-shot">Shot {props.shot}</span>}>
          <label class="frame-pick">
            <input
              type="checkbox"
              checked={picked()}
              onClick={(e) => {
                if (e.shiftKey) {
                  e.preventDefault();
                  sel.extendTo(f().id);
                } else sel.toggle(f().id);
              }}
            />
            <span class="frame-shot">Shot {props.shot}</span>
            <span class="sr-only">: pick</span>
          </label>
          <button type="button" class="drag-handle" {...sortable.dragActivators} aria-label={`Drag shot ${props.shot} to reorder`} title="Drag to reorder">
            <span aria-hidden="true">⠿</span>
          </button>
        </Show>
        <Show when={f().durationSec !== null}>
          <span class="frame-duration" classList={{ "field-proposed": proposed().has("durationSec") }} title="Duration">
            {f().durationSec}s
          </span>
        </Show>
      </div>
      <p class="frame-meta" classList={{ "field-proposed": proposed().has("camera") || proposed().has("status") }}>
        <For each={cameraChips(f().camera)}>
          {(chip) => (
            <span class={`cam cam-${chip.kind}`} title={chip.title}>
              {chip.text}
            </span>
          )}
        </For>
        <Show when={cameraChips(f().camera).length === 0}>
          <span class="cam cam-none">{f().camera || "No camera yet"}</span>
        </Show>
        <Show when={f().status !== "draft"}>
          <span class={`status status-${f().status}`}>{f().status}</span>
        </Show>
        <Show when={notes() > 0}>
          <span class="note-count" title="Open notes on this shot">
            {notes()} open note{notes() === 1 ? "" : "s"}
          </span>
        </Show>
        <For each={approvals()}>
          {(r) => (
            <Show
              when={onEarlierVersion(r, f())}
              fallback={
                <span class={`verdict verdict-${r.verdict}`} title={`${r.by.name}, ${new Date(r.at).toLocaleString()}`}>
                  {r.verdict === "approved" ? "✓ Approved" : "Changes asked"} · {r.by.name}
                </span>
              }
            >
              <span class="verdict verdict-earlier" title={`${r.by.name}, ${new Date(r.at).toLocaleString()}, on a picture this shot no longer shows`}>
                {r.by.name} {verdictWords(r, f())}
              </span>
            </Show>
          )}
        </For>
      </p>
      <h3 class="frame-title" classList={{ "field-proposed": proposed().has("title") }}>
        <button
          type="button"
          class="frame-open"
          aria-label={`Edit shot ${props.shot}: ${f().title || "Untitled"}`}
          onClick={(e) => {
            // Shift or Ctrl/⌘ on the title picks, as anywhere on the card.
            if (c.canEdit() && (e.shiftKey || e.ctrlKey || e.metaKey)) {
              e.stopPropagation();
              if (e.shiftKey) sel.extendTo(f().id);
              else sel.toggle(f().id);
            } else props.actions.open(f());
          }}
        >
          {f().title || "Untitled"}
        </button>
      </h3>
      <Show when={f().action}>
        <p class="frame-action" classList={{ "field-proposed": proposed().has("action") }}>
          {f().action}
        </p>
      </Show>
      <Show when={dialogueLines(f().dialogue).length > 0}>
        <div class="frame-dialogue">
          <For each={dialogueLines(f().dialogue)}>
            {(d) => (
              <p>
                <Show when={d.speaker}>
                  <span class="speaker">{d.speaker}</span>{" "}
                </Show>
                “{d.line.replace(/^["“”]+|["“”]+$/g, "")}”
              </p>
            )}
          </For>
        </div>
      </Show>
      <Show when={ghosts().length > 0}>
        <CardProposals ghosts={ghosts()} shot={props.shot} />
      </Show>
      <CardRenderState frame={f()} shot={props.shot} />
      <Show when={uploadError()}>
        <p class="field-error upload-error" role="alert">
          {uploadError()}{" "}
          <button
            type="button"
            class="link-btn"
            aria-label={`Dismiss the upload message of shot ${props.shot}`}
            onClick={() => studio.uploads.clearError(f().id)}
          >
            Dismiss
          </button>
        </p>
      </Show>
    </li>
  );
}
