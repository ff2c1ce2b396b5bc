// The studio's board panels besides the frames: connection and presence,
// the script and the reset. The beat plan (Beats.tsx), the episode's assets
// (Cast.tsx) and the history (History.tsx) live in their own files, and
// chunks. Each change is one board_command.
import { createSignal, For, Show } from "solid-js";
import { LIMITS } from "../../../worker/domain/board";
import { showModalWhile } from "../components/ui";
import { ConnectionBadge } from "./Connection";
import type { Studio } from "./studio-state";

export function ConnectionBar(props: { studio: Studio }) {
  const s = props.studio;
  return (
    <div class="conn-bar">
      <ConnectionBadge
        state={() => s.connStatus().state}
        detail={() => s.connStatus().detail}
        waiting={() => s.connStatus().waiting}
        offline={() => s.connStatus().offline}
        retryable={() => s.connStatus().retryable}
        lastConnectedAt={() => s.connStatus().lastConnectedAt}
        onRetry={() => s.reconnect()}
      />
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
