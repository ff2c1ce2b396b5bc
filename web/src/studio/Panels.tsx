// The studio's board panels besides the frames: connection and presence,
// history (undo and rewind with its impact preview), the script, the beat
// plan (Beats.tsx) and the episode's assets (Cast.tsx). Each change is one
// board_command.
import { createEffect, createSignal, For, Show } from "solid-js";
import { LIMITS } from "../../../worker/domain/board";
import type { Impact } from "../../../worker/domain/events";
import { showModalWhile } from "../components/ui";
import type { ConnState } from "../lib/realtime";
import type { Studio } from "./studio-state";

export { BeatsPanel } from "./Beats";
export { AssetsPanel } from "./Cast";

const CONN_LABEL: Record<ConnState, string> = {
  IDLE: "Not connected",
  CONNECTING: "Connecting…",
  CONNECTED: "Live",
  DISCONNECTED: "Disconnected",
  RECONNECTING: "Reconnecting…",
  CLOSED: "Offline",
};

export function ConnectionBar(props: { studio: Studio }) {
  const s = props.studio;
  return (
    <div class="conn-bar">
      <span class={`conn conn-${s.conn().toLowerCase()}`} role="status" aria-live="polite" data-state={s.conn()}>
        <span class="conn-dot" aria-hidden="true" />
        {CONN_LABEL[s.conn()]}
      </span>
      <Show when={s.conn() === "CLOSED"}>
        <span class="muted small">{s.connDetail()}</span>
        <button type="button" class="btn btn-secondary btn-small" onClick={() => s.reconnect()}>
          Reconnect
        </button>
      </Show>
      <ul class="peers" aria-label="People here now">
        <For each={s.peers()}>
          {(p) => (
            <li class="peer" title={p.name}>
              <span aria-hidden="true">{p.name.slice(0, 1).toUpperCase()}</span>
              <span class="sr-only">{p.name}</span>
            </li>
          )}
        </For>
      </ul>
    </div>
  );
}

function describeImpact(impact: Impact, events: number): string {
  const parts: string[] = [];
  const f = impact.frames;
  if (f.added) parts.push(`${f.added} frame${f.added === 1 ? "" : "s"} back`);
  if (f.removed) parts.push(`${f.removed} frame${f.removed === 1 ? "" : "s"} removed`);
  if (f.changed) parts.push(`${f.changed} frame${f.changed === 1 ? "" : "s"} changed`);
  if (impact.script) parts.push("the script restored");
  if (impact.plan) parts.push("the beat plan restored");
  if (impact.assets) parts.push(`${impact.assets} asset${impact.assets === 1 ? "" : "s"} restored`);
  return `Reverts ${events} change${events === 1 ? "" : "s"}: ${parts.join(", ") || "no visible difference"}.`;
}

export function HistoryControls(props: { studio: Studio }) {
  const s = props.studio;
  const [open, setOpen] = createSignal(false);
  const [toSeq, setToSeq] = createSignal(0);
  const [preview, setPreview] = createSignal<string>();
  const [busy, setBusy] = createSignal(false);
  let dialog!: HTMLDialogElement;

  createEffect(() => {
    if (open()) {
      setToSeq(Math.max(0, (s.board.seq ?? 1) - 1));
      setPreview();
      dialog.showModal();
    } else dialog?.close();
  });

  const runPreview = async () => {
    setBusy(true);
    const r = await s.previewRewind(toSeq());
    setBusy(false);
    setPreview(r.ok ? describeImpact(r.impact, r.events) : r.message);
  };
  const confirm = async () => {
    setBusy(true);
    const r = await s.rewind(toSeq());
    setBusy(false);
    if (r.ok) setOpen(false);
  };

  return (
    <div class="history">
      <button type="button" class="btn btn-secondary btn-small" disabled={!s.canEdit() || !s.canUndo()} onClick={() => s.undo()}>
        Undo
      </button>
      <button type="button" class="btn btn-secondary btn-small" disabled={!s.canEdit() || !s.board.seq} onClick={() => setOpen(true)}>
        Rewind…
      </button>
      <span class="muted small">Step {s.board.seq ?? "–"}</span>
      <dialog ref={dialog} class="dialog" aria-labelledby="rewind-h" onClose={() => setOpen(false)}>
        <form
          method="dialog"
          onSubmit={(e) => {
            e.preventDefault();
            void (preview() ? confirm() : runPreview());
          }}
        >
          <h2 id="rewind-h">Rewind the board</h2>
          <p class="muted small">The board goes back to how it was after the step you choose. Nothing is erased: the rewind is itself a step you can undo.</p>
          <div class="field">
            <label for="rewind-seq">Go back to step (0 – {s.board.seq ?? 0})</label>
            <input
              id="rewind-seq"
              type="number"
              min="0"
              max={s.board.seq ?? 0}
              value={toSeq()}
              onInput={(e) => {
                setToSeq(Math.max(0, Math.min(Number(e.currentTarget.value) || 0, s.board.seq ?? 0)));
                setPreview();
              }}
            />
          </div>
          <Show when={preview()}>
            <p class="impact" role="status">
              {preview()}
            </p>
          </Show>
          <div class="dialog-actions">
            <button type="button" class="btn btn-secondary" onClick={() => setOpen(false)}>
              Cancel
            </button>
            <Show
              when={preview()}
              fallback={
                <button type="submit" class="btn btn-primary" disabled={busy()}>
                  Preview impact
                </button>
              }
            >
              <button type="submit" class="btn btn-danger" disabled={busy()}>
                Rewind to step {toSeq()}
              </button>
            </Show>
          </div>
        </form>
      </dialog>
    </div>
  );
}

/**
 * The owner's "Reset episode": the board empties in one step, confirmed by
 * typing the episode's title; history is kept, so Undo or Rewind brings it back.
 */
export function ResetControl(props: { studio: Studio; title: string }) {
  const s = props.studio;
  const [open, setOpen] = createSignal(false);
  const [typed, setTyped] = createSignal("");
  const [error, setError] = createSignal<string>();
  const [busy, setBusy] = createSignal(false);
  let dialog: HTMLDialogElement | undefined;
  showModalWhile(
    () => dialog,
    () => open(),
  );
  const matches = () => typed().trim() === props.title.trim();
  const confirm = async (e: Event) => {
    e.preventDefault();
    if (!matches()) return;
    setBusy(true);
    const r = await s.reset(typed());
    setBusy(false);
    if (r.ok) setOpen(false);
    else setError(r.message);
  };
  return (
    <Show when={s.role() === "owner"}>
      <button
        type="button"
        class="btn btn-secondary btn-small"
        disabled={s.agentBusy() || !s.board.seq}
        onClick={() => {
          setTyped("");
          setError();
          setOpen(true);
        }}
      >
        Reset…
      </button>
      <dialog ref={dialog} class="dialog" aria-labelledby="reset-h" onClose={() => setOpen(false)}>
        <form method="dialog" onSubmit={confirm}>
          <h2 id="reset-h">Reset the episode</h2>
          <p class="muted small">
            The script, beats, cast and frames of “{props.title}” are cleared in one step. Nothing is erased from history: Undo or Rewind brings it all back.
          </p>
          <div class="field">
            <label for="reset-confirm">Type the episode's title to confirm</label>
            <input id="reset-confirm" autocomplete="off" value={typed()} onInput={(e) => setTyped(e.currentTarget.value)} />
          </div>
          <Show when={error()}>
            <p class="field-error" role="alert">
              {error()}
            </p>
          </Show>
          <div class="dialog-actions">
            <button type="button" class="btn btn-secondary" onClick={() => setOpen(false)}>
              Cancel
            </button>
            <button type="submit" class="btn btn-danger" disabled={busy() || !matches()}>
              Reset episode
            </button>
          </div>
        </form>
      </dialog>
    </Show>
  );
}

export function ScriptPanel(props: { studio: Studio }) {
  const s = props.studio;
  const [draft, setDraft] = createSignal<string>();
  const text = () => draft() ?? s.board.board?.script.text ?? "";
  const dirty = () => draft() !== undefined && draft() !== s.board.board?.script.text;
  const save = async (e: SubmitEvent) => {
    e.preventDefault();
    const r = await s.send({ type: "set_script", text: text() });
    if (r.ok) setDraft();
  };
  return (
    <section class="panel" aria-labelledby="script-h">
      <form onSubmit={save}>
        <div class="panel-head">
          <h2 id="script-h">Script</h2>
          <Show when={s.canEdit()}>
            <button type="submit" class="btn btn-primary btn-small" disabled={!dirty()}>
              Save script
            </button>
          </Show>
        </div>
        <label class="sr-only" for="script-text">
          Script text
        </label>
        <textarea
          id="script-text"
          class="script-editor"
          rows={6}
          maxLength={LIMITS.scriptChars}
          readOnly={!s.canEdit()}
          placeholder={s.canEdit() ? "Write the episode's script, or ask the agent for one." : "No script yet."}
          value={text()}
          onInput={(e) => setDraft(e.currentTarget.value)}
        />
        <Show when={dirty()}>
          <p class="hint">Unsaved changes. Others see the script once you save.</p>
        </Show>
      </form>
    </section>
  );
}
