// The storyboard's frames, as a card grid or as a table: two views of one
// board. Add, edit, remove and reorder by mouse or keyboard (on a focused
// card: Alt+↑/↓ moves, Enter edits, Delete removes); every change is one
// board_command, and a frame changed elsewhere flashes briefly.
import { createEffect, createSignal, For, Show } from "solid-js";
import { type Frame, LIMITS, shotLabel } from "../../../worker/domain/board";
import type { FramePatch } from "../../../worker/domain/commands";
import { EmptyState, showModalWhile } from "../components/ui";
import { askedLength, formatDuration, offTarget, runningTime, untimed } from "../../../worker/domain/running-time";
import { ContinuityPanel } from "./Continuity";
import { FrameMedia } from "./Media";
import { newFrameId, type Studio } from "./studio-state";

const MEDIA_LABEL: Record<Frame["media"]["state"], string> = {
  none: "No media",
  queued: "Queued",
  running: "Rendering",
  ready: "Media ready",
  failed: "Render failed",
  canceled: "Canceled",
  blocked: "Blocked",
};

export function FramesPanel(props: { studio: Studio }) {
  const s = props.studio;
  const frames = () => s.board.board?.frames ?? [];
  const [view, setView] = createSignal<"grid" | "table">("grid");
  const [editing, setEditing] = createSignal<Frame | null>(null);
  const assetName = (id: string) => s.board.board?.assets.find((a) => a.id === id)?.name ?? id;
  const beatTitle = (id: string | null) => (id ? (s.board.board?.plan.beats.find((b) => b.id === id)?.title ?? "") : "");
  const total = () => runningTime(frames());
  const asked = () => askedLength(s.board.board?.script.text ?? "");

  const addFrame = async () => {
    const id = newFrameId();
    const n = frames().length + 1;
    const r = await s.send({ type: "add_frame", frame: { id, title: `Shot ${n}`, camera: "WS", durationSec: 3 } });
    if (r.ok) requestAnimationFrame(() => document.getElementById(`frame-${id}`)?.focus());
  };

  const move = (i: number, delta: -1 | 1) => {
    const list = frames();
    const j = i + delta;
    if (j < 0 || j >= list.length) return;
    const frame = list[i]!;
    // Moving up puts it after the frame two above (or first); moving down after the next one.
    const after = delta === -1 ? (j === 0 ? null : list[j - 1]!.id) : list[j]!.id;
    void s.send({ type: "move_frame", id: frame.id, after }).then(() => requestAnimationFrame(() => document.getElementById(`frame-${frame.id}`)?.focus()));
  };

  // No confirm dialog: removal is one Undo away, which the notice offers.
  const remove = (f: Frame, i: number) => {
    void s.send({ type: "remove_frame", id: f.id }).then((r) => r.ok && s.announce(`Removed shot ${shotLabel(f, i)}. Undo brings it back.`));
  };

  // From the continuity list: the frame's card, in the card view, scrolled to and focused.
  const showFrame = (frameId: string) => {
    setView("grid");
    requestAnimationFrame(() => {
      const card = document.getElementById(`frame-${frameId}`);
      if (!card) return;
      card.scrollIntoView({ block: "center", behavior: "smooth" });
      card.focus({ preventScroll: true });
    });
  };

  const onCardKey = (e: KeyboardEvent, f: Frame, i: number) => {
    if (e.target !== e.currentTarget || !s.canEdit()) return;
    if (e.altKey && (e.key === "ArrowUp" || e.key === "ArrowLeft")) {
      e.preventDefault();
      move(i, -1);
    } else if (e.altKey && (e.key === "ArrowDown" || e.key === "ArrowRight")) {
      e.preventDefault();
      move(i, 1);
    } else if (e.key === "Enter") {
      e.preventDefault();
      setEditing(f);
    } else if (e.key === "Delete") {
      e.preventDefault();
      remove(f, i);
    }
  };

  return (
    <section aria-labelledby="frames-h" class="frames">
      <div class="panel-head">
        <h2 id="frames-h">Frames</h2>
        {/* The running time against the length asked for, always beside the frames (CONTRACT 4). */}
        <p class="running-time" classList={{ "running-time-off": offTarget(total(), asked()) }} aria-live="polite">
          Running time <strong>{formatDuration(total())}</strong>
          <Show when={asked()}>{(a) => <> of {formatDuration(a())} asked</>}</Show>
          <Show when={untimed(frames()) > 0}> · {untimed(frames())} without a length</Show>
        </p>
        {/* biome-ignore lint/a11y/useSemanticElements: a toggle-button group, not a form section */}
        <div class="view-toggle" role="group" aria-label="Frames view">
          <button type="button" class="btn btn-secondary btn-small" aria-pressed={view() === "grid"} onClick={() => setView("grid")}>
            Cards
          </button>
          <button type="button" class="btn btn-secondary btn-small" aria-pressed={view() === "table"} onClick={() => setView("table")}>
            Table
          </button>
        </div>
        <Show when={s.canEdit()}>
          <button type="button" class="btn btn-primary btn-small" onClick={addFrame} disabled={frames().length >= LIMITS.frames}>
            Add frame
          </button>
        </Show>
      </div>
      <Show
        when={frames().length > 0}
        fallback={
          <EmptyState title="This storyboard is empty" icon="frames">
            {s.canEdit()
              ? "Add the first frame, or ask the production agent for a script and shots. Everyone on this episode sees changes at once."
              : "Frames appear here as the team adds them, live."}
          </EmptyState>
        }
      >
        <Show when={s.canEdit()}>
          <p class="hint">Tip: focus a card, then Alt+↑/↓ to move it, Enter to edit, Delete to remove.</p>
        </Show>
        <Show
          when={view() === "grid"}
          fallback={
            <div class="table-wrap">
              <table class="frame-table">
                <caption class="sr-only">Frames in order</caption>
                <thead>
                  <tr>
                    <th scope="col">Shot</th>
                    <th scope="col">Title</th>
                    <th scope="col">Camera</th>
                    <th scope="col">Duration</th>
                    <th scope="col">Beat</th>
                    <th scope="col">Assets</th>
                    <th scope="col">Status</th>
                    <th scope="col">Media</th>
                    <Show when={s.canEdit()}>
                      <th scope="col">
                        <span class="sr-only">Actions</span>
                      </th>
                    </Show>
                  </tr>
                </thead>
                <tbody>
                  <For each={frames()}>
                    {(f, i) => (
                      <tr classList={{ flash: s.flash().has(f.id) }} data-frame-id={f.id}>
                        <td>{shotLabel(f, i())}</td>
                        <td>{f.title}</td>
                        <td>{f.camera}</td>
                        <td>{f.durationSec === null ? "" : `${f.durationSec}s`}</td>
                        <td>{beatTitle(f.beatId)}</td>
                        <td>{f.continuity.assetIds.map(assetName).join(", ")}</td>
                        <td>{f.status}</td>
                        <td>{MEDIA_LABEL[f.media.state]}</td>
                        <Show when={s.canEdit()}>
                          <td>
                            <button type="button" class="link-btn" aria-label={`Edit shot ${shotLabel(f, i())}`} onClick={() => setEditing(f)}>
                              Edit
                            </button>
                          </td>
                        </Show>
                      </tr>
                    )}
                  </For>
                </tbody>
              </table>
            </div>
          }
        >
          <ol class="frame-grid">
            <For each={frames()}>
              {(f, i) => (
                <li
                  id={`frame-${f.id}`}
                  class="frame-card"
                  classList={{ flash: s.flash().has(f.id), selected: s.selected().includes(f.id) }}
                  data-frame-id={f.id}
                  tabindex="0"
                  aria-label={`Shot ${shotLabel(f, i())}: ${f.title || "untitled"}`}
                  onKeyDown={(e) => onCardKey(e, f, i())}
                >
                  <div class="frame-top">
                    <Show when={s.canEdit()} fallback={<span class="frame-shot">Shot {shotLabel(f, i())}</span>}>
                      {/* Picked shots scope the next message to the agent: it may change only them. */}
                      <label class="frame-pick">
                        <input type="checkbox" checked={s.selected().includes(f.id)} onChange={() => s.toggleSelected(f.id)} />
                        <span class="frame-shot">Shot {shotLabel(f, i())}</span>
                        <span class="sr-only">: select for the next message to the agent</span>
                      </label>
                    </Show>
                    <span class={`status status-${f.status}`}>{f.status}</span>
                  </div>
                  <h3 class="frame-title">{f.title || "Untitled"}</h3>
                  <p class="frame-meta">
                    <span>{f.camera || "—"}</span>
                    <Show when={f.durationSec !== null}>
                      <span>{f.durationSec}s</span>
                    </Show>
                    <Show when={beatTitle(f.beatId)}>
                      <span>{beatTitle(f.beatId)}</span>
                    </Show>
                  </p>
                  <Show when={f.prompt}>
                    <p class="frame-prompt">{f.prompt}</p>
                  </Show>
                  <Show when={f.continuity.assetIds.length > 0}>
                    <ul class="chips" aria-label="Assets">
                      <For each={f.continuity.assetIds}>{(a) => <li class="chip">{assetName(a)}</li>}</For>
                    </ul>
                  </Show>
                  <p class={`media media-${f.media.state}`}>{MEDIA_LABEL[f.media.state]}</p>
                  <FrameMedia studio={s} frame={f} shot={shotLabel(f, i())} />
                  <Show when={s.canEdit()}>
                    <div class="frame-actions">
                      <button type="button" class="link-btn" aria-label={`Edit shot ${shotLabel(f, i())}`} onClick={() => setEditing(f)}>
                        Edit
                      </button>
                      <button
                        type="button"
                        class="icon-btn"
                        aria-label={`Move shot ${shotLabel(f, i())} earlier`}
                        disabled={i() === 0}
                        onClick={() => move(i(), -1)}
                      >
                        ↑
                      </button>
                      <button
                        type="button"
                        class="icon-btn"
                        aria-label={`Move shot ${shotLabel(f, i())} later`}
                        disabled={i() === frames().length - 1}
                        onClick={() => move(i(), 1)}
                      >
                        ↓
                      </button>
                      <button type="button" class="link-btn danger" aria-label={`Remove shot ${shotLabel(f, i())}`} onClick={() => remove(f, i())}>
                        Remove
                      </button>
                    </div>
                  </Show>
                </li>
              )}
            </For>
          </ol>
        </Show>
      </Show>
      <Show when={frames().length > 0}>
        <ContinuityPanel studio={s} onShowFrame={showFrame} />
      </Show>
      <FrameEditor studio={s} frame={editing()} onClose={() => setEditing(null)} />
    </section>
  );
}

function FrameEditor(props: { studio: Studio; frame: Frame | null; onClose: () => void }) {
  const s = props.studio;
  let dialog!: HTMLDialogElement;
  const [error, setError] = createSignal<string>();
  const [busy, setBusy] = createSignal(false);

  createEffect(() => {
    if (props.frame) {
      setError();
    }
  });
  showModalWhile(
    () => dialog,
    () => !!props.frame,
  );

  const save = async (e: SubmitEvent) => {
    e.preventDefault();
    const f = props.frame;
    if (!f) return;
    const data = new FormData(e.currentTarget as HTMLFormElement);
    const str = (k: string) => String(data.get(k) ?? "");
    const duration = str("durationSec").trim();
    const next: FramePatch = {
      title: str("title"),
      camera: str("camera"),
      durationSec: duration === "" ? null : Number(duration),
      prompt: str("prompt"),
      dialogue: str("dialogue"),
      beatId: str("beatId") || null,
      status: str("status") as Frame["status"],
      continuity: { assetIds: data.getAll("assetIds").map(String), notes: str("notes") },
    };
    // Only what changed goes out, so a concurrent edit to another field survives.
    const patch: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(next)) {
      if (JSON.stringify(v) !== JSON.stringify(f[k as keyof Frame])) patch[k] = v;
    }
    if (Object.keys(patch).length === 0) return props.onClose();
    setBusy(true);
    const r = await s.send({ type: "update_frame", id: f.id, patch: patch as FramePatch });
    setBusy(false);
    if (r.ok) props.onClose();
    else setError(r.message);
  };

  return (
    <dialog ref={dialog} class="dialog dialog-wide" aria-labelledby="frame-edit-h" onClose={() => props.onClose()}>
      <Show when={props.frame}>
        {(f) => (
          <form onSubmit={save}>
            <h2 id="frame-edit-h">Edit frame</h2>
            <Show when={error()}>
              <div class="alert alert-error" role="alert">
                {error()}
              </div>
            </Show>
            <div class="form-grid">
              <div class="field">
                <label for="fe-title">Title</label>
                <input id="fe-title" name="title" maxLength={LIMITS.textChars} value={f().title} />
              </div>
              <div class="field">
                <label for="fe-camera">Camera</label>
                <input id="fe-camera" name="camera" maxLength={LIMITS.textChars} value={f().camera} placeholder="WS, MS, CU…" />
              </div>
              <div class="field">
                <label for="fe-duration">Duration (seconds)</label>
                <input id="fe-duration" name="durationSec" type="number" min="0.1" max="600" step="0.1" value={f().durationSec ?? ""} />
              </div>
              <div class="field">
                <label for="fe-status">Status</label>
                <select id="fe-status" name="status" value={f().status}>
                  <option value="draft">Draft</option>
                  <option value="ready">Ready</option>
                  <option value="approved">Approved</option>
                </select>
              </div>
              <div class="field">
                <label for="fe-beat">Beat</label>
                <select id="fe-beat" name="beatId" value={f().beatId ?? ""}>
                  <option value="">No beat</option>
                  <For each={s.board.board?.plan.beats ?? []}>{(b) => <option value={b.id}>{b.title}</option>}</For>
                </select>
              </div>
            </div>
            <div class="field">
              <label for="fe-prompt">Prompt</label>
              <textarea id="fe-prompt" name="prompt" rows={3} maxLength={LIMITS.promptChars} value={f().prompt} />
            </div>
            <div class="field">
              <label for="fe-dialogue">Dialogue</label>
              <textarea id="fe-dialogue" name="dialogue" rows={2} maxLength={LIMITS.textChars} value={f().dialogue} />
            </div>
            <Show when={(s.board.board?.assets.length ?? 0) > 0}>
              <fieldset class="field">
                <legend>Assets in this shot</legend>
                <div class="checks">
                  <For each={s.board.board?.assets ?? []}>
                    {(a) => (
                      <label class="check">
                        <input type="checkbox" name="assetIds" value={a.id} checked={f().continuity.assetIds.includes(a.id)} />
                        {a.name}
                      </label>
                    )}
                  </For>
                </div>
              </fieldset>
            </Show>
            <div class="field">
              <label for="fe-notes">Continuity notes</label>
              <input id="fe-notes" name="notes" maxLength={LIMITS.textChars} value={f().continuity.notes} />
            </div>
            <div class="dialog-actions">
              <button type="button" class="btn btn-secondary" onClick={() => props.onClose()}>
                Cancel
              </button>
              <button type="submit" class="btn btn-primary" disabled={busy()}>
                Save frame
              </button>
            </div>
          </form>
        )}
      </Show>
    </dialog>
  );
}
