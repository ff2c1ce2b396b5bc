// A frame opened from the board: its picture large (a picture file dropped
// anywhere on it is uploaded), Upload picture, its pictures (revisions), its
// current render with the page's one #progress-bar and #plugin-inspector,
// the media's history, and every field of the frame to edit. ←/→ buttons
// walk the shots. The form starts from the frame as it was when opened and
// sends only the fields the person changed, so a concurrent edit to another
// field survives.
import { createSignal, For, Show, untrack } from "solid-js";
import { type Frame, LIMITS, shotLabel } from "../../../worker/domain/board";
import type { FramePatch } from "../../../worker/domain/commands";
import { showModalWhile } from "../components/ui";
import { FrameComments } from "./Comments";
import { useBoard, useConnection, useStudio } from "./context";
import { DrawButton } from "./draw/DrawButton";
import { FramePicture } from "./Media";
import { cameraChips } from "./model/frames";
import { StorageLine, UploadButton, useFileDrop } from "./PictureUpload";
import { RenderInspector } from "./RenderInspector";
import { Revisions } from "./Revisions";

export function FrameDetail(props: { frameId: string | null; onOpen: (id: string | null) => void }) {
  const b = useBoard();
  const c = useConnection();
  const studio = useStudio();
  let dialog!: HTMLDialogElement;
  showModalWhile(
    () => dialog,
    () => props.frameId !== null && index() >= 0,
  );
  const index = () => b.frames().findIndex((f) => f.id === props.frameId);
  const frame = () => b.frames()[index()];
  const close = () => props.onOpen(null);
  // A picture file dropped anywhere on the open shot is uploaded to it (editors only).
  const drop = useFileDrop({ enabled: c.canEdit, onFiles: (files) => frame() && void studio.uploads.upload(frame()!.id, files) });
  const step = (d: -1 | 1) => {
    const next = b.frames()[index() + d];
    if (next) props.onOpen(next.id);
  };

  return (
    <dialog ref={dialog} class="dialog dialog-detail" aria-labelledby="frame-detail-h" onClose={close}>
      <Show when={frame()}>
        {(f) => (
          <div class="detail" classList={{ "detail-dropping": drop.over() }} {...drop.handlers}>
            <div class="detail-head">
              <h2 id="frame-detail-h">
                Shot {shotLabel(f(), index())}
                <Show when={f().title}>
                  <span class="detail-title"> · {f().title}</span>
                </Show>
              </h2>
              <div class="detail-nav">
                <button type="button" class="btn btn-secondary btn-small" disabled={index() <= 0} onClick={() => step(-1)} aria-label="Previous shot">
                  ←
                </button>
                <span class="muted small">
                  {index() + 1} of {b.frames().length}
                </span>
                <button
                  type="button"
                  class="btn btn-secondary btn-small"
                  disabled={index() >= b.frames().length - 1}
                  onClick={() => step(1)}
                  aria-label="Next shot"
                >
                  →
                </button>
                <button type="button" class="btn btn-secondary btn-small" onClick={close}>
                  Close
                </button>
              </div>
            </div>
            <div class="detail-body">
              <div class="detail-media">
                <FramePicture frame={f()} shot={shotLabel(f(), index())} large marks dropping={drop.over()} uploading={studio.uploads.uploading(f().id)} />
                <Show when={c.canEdit()}>
                  <div class="picture-actions">
                    <UploadButton frameId={f().id} shot={shotLabel(f(), index())} />
                    <DrawButton frame={f()} />
                    <StorageLine />
                  </div>
                </Show>
                <Revisions frame={f()} shot={shotLabel(f(), index())} />
                <RenderInspector frame={f()} shot={shotLabel(f(), index())} />
                <FrameComments
                  frame={f}
                  frameId={f().id}
                  comments={studio.comments.comments}
                  reviews={studio.comments.reviews}
                  me={studio.me}
                  role={studio.role}
                  send={studio.sendComment}
                />
              </div>
              {/* Keyed by frame: walking to the next shot starts a fresh form. */}
              <Show when={f().id} keyed>
                {(_id) => <FrameForm frame={untrack(f)} onDone={close} />}
              </Show>
            </div>
          </div>
        )}
      </Show>
    </dialog>
  );
}

function FrameForm(props: { frame: Frame; onDone: () => void }) {
  const b = useBoard();
  const c = useConnection();
  const [error, setError] = createSignal<string>();
  const [busy, setBusy] = createSignal(false);
  const [camera, setCamera] = createSignal(props.frame.camera);
  const f = props.frame;
  const readOnly = () => !c.canEdit();

  const save = async (e: SubmitEvent) => {
    e.preventDefault();
    const data = new FormData(e.currentTarget as HTMLFormElement);
    const str = (k: string) => String(data.get(k) ?? "");
    const duration = str("durationSec").trim();
    const seconds = duration === "" ? null : Number(duration);
    if (seconds !== null && !(seconds > 0 && seconds <= 600)) {
      setError("The duration is in seconds, more than 0 and at most 600.");
      return;
    }
    const next: FramePatch = {
      title: str("title"),
      camera: str("camera"),
      durationSec: seconds,
      action: str("action"),
      dialogue: str("dialogue"),
      sound: str("sound"),
      prompt: str("prompt"),
      beatId: str("beatId") || null,
      status: str("status") as Frame["status"],
      continuity: { assetIds: data.getAll("assetIds").map(String), notes: str("notes") },
    };
    const patch: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(next)) {
      if (JSON.stringify(v) !== JSON.stringify(f[k as keyof Frame])) patch[k] = v;
    }
    if (Object.keys(patch).length === 0) return props.onDone();
    setError();
    const sent = b.send({ type: "update_frame", id: f.id, patch: patch as FramePatch });
    // Away from the room the change waits in the outbox (counted beside the connection badge) and goes out on
    // return; the form need not wait for that. A refusal then shows as a notice.
    if (c.conn() !== "CONNECTED") return props.onDone();
    setBusy(true);
    const r = await sent;
    setBusy(false);
    if (r.ok) props.onDone();
    else setError(r.message);
  };

  return (
    <form class="detail-form" onSubmit={save}>
      <Show when={error()}>
        <div class="alert alert-error" role="alert">
          {error()}
        </div>
      </Show>
      <fieldset disabled={readOnly()} class="plain">
        <div class="field">
          <label for="fe-title">Title</label>
          <input id="fe-title" name="title" maxLength={LIMITS.textChars} value={f.title} />
        </div>
        <div class="form-grid">
          <div class="field">
            <label for="fe-camera">Camera</label>
            <input
              id="fe-camera"
              name="camera"
              maxLength={LIMITS.textChars}
              value={f.camera}
              placeholder="CU, low angle, push in"
              aria-describedby="fe-camera-read"
              onInput={(e) => setCamera(e.currentTarget.value)}
            />
            <p id="fe-camera-read" class="cam-read small">
              <For each={cameraChips(camera())} fallback={<span class="muted">Size, angle and movement appear here as you type.</span>}>
                {(chip) => (
                  <span class={`cam cam-${chip.kind}`} title={chip.title}>
                    {chip.text}
                  </span>
                )}
              </For>
            </p>
          </div>
          <div class="field">
            <label for="fe-duration">Duration (seconds)</label>
            <input id="fe-duration" name="durationSec" type="number" min="0.1" max="600" step="0.1" value={f.durationSec ?? ""} />
          </div>
          <div class="field">
            <label for="fe-status">Status</label>
            <select id="fe-status" name="status" value={f.status}>
              <option value="draft">Draft</option>
              <option value="ready">Ready</option>
              <option value="approved">Approved</option>
            </select>
          </div>
          <div class="field">
            <label for="fe-beat">Beat</label>
            <select id="fe-beat" name="beatId" value={f.beatId ?? ""}>
              <option value="">No beat</option>
              <For each={b.board.board?.plan.beats ?? []}>{(x) => <option value={x.id}>{x.title}</option>}</For>
            </select>
          </div>
        </div>
        <div class="field">
          <label for="fe-action">Action</label>
          <textarea id="fe-action" name="action" rows={2} maxLength={LIMITS.textChars} value={f.action} placeholder="What happens in the shot: the caption" />
        </div>
        <div class="field">
          <label for="fe-dialogue">Dialogue</label>
          <textarea id="fe-dialogue" name="dialogue" rows={2} maxLength={LIMITS.textChars} value={f.dialogue} placeholder="MIA: Last one of the night." />
        </div>
        <div class="field">
          <label for="fe-sound">Sound</label>
          <input id="fe-sound" name="sound" maxLength={LIMITS.textChars} value={f.sound} placeholder="Music and effects" />
        </div>
        <div class="field">
          <label for="fe-prompt">Prompt</label>
          <textarea
            id="fe-prompt"
            name="prompt"
            rows={3}
            maxLength={LIMITS.promptChars}
            value={f.prompt}
            placeholder="What the image shows, for the renderer"
          />
        </div>
        <Show when={(b.board.board?.assets.length ?? 0) > 0}>
          <fieldset class="field">
            <legend>Cast, places and look in this shot</legend>
            <div class="checks">
              <For each={b.board.board?.assets ?? []}>
                {(a) => (
                  <label class="check">
                    <input type="checkbox" name="assetIds" value={a.id} checked={f.continuity.assetIds.includes(a.id)} />
                    {a.name}
                  </label>
                )}
              </For>
            </div>
          </fieldset>
        </Show>
        <div class="field">
          <label for="fe-notes">Continuity notes</label>
          <input id="fe-notes" name="notes" maxLength={LIMITS.textChars} value={f.continuity.notes} />
        </div>
      </fieldset>
      <Show when={c.canEdit()}>
        <div class="dialog-actions">
          <button type="button" class="btn btn-secondary" onClick={() => props.onDone()}>
            Cancel
          </button>
          <button type="submit" class="btn btn-primary" disabled={busy()}>
            {busy() ? "Saving…" : "Save frame"}
          </button>
        </div>
      </Show>
    </form>
  );
}
