// The studio's board panels besides the frames: connection and presence,
// history (undo and rewind with its impact preview), the script, the beat
// plan and the episode's assets. Each change is one board_command.
import { createEffect, createSignal, For, Show } from "solid-js";
import type { Asset, Beat } from "../../../worker/domain/board";
import { LIMITS } from "../../../worker/domain/board";
import type { Impact } from "../../../worker/domain/events";
import { showModalWhile } from "../components/ui";
import type { ConnState } from "../lib/realtime";
import type { Studio } from "./studio-state";

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

export function BeatsPanel(props: { studio: Studio }) {
  const s = props.studio;
  const beats = () => s.board.board?.plan.beats ?? [];
  const [title, setTitle] = createSignal("");
  const setPlan = (next: Beat[]) => s.send({ type: "set_plan", beats: next });
  const add = async (e: SubmitEvent) => {
    e.preventDefault();
    if (!title().trim()) return;
    const id = `b${Math.random().toString(36).slice(2, 8)}`;
    const r = await setPlan([...beats().map((b) => ({ ...b })), { id, title: title().trim(), summary: "" }]);
    if (r.ok) setTitle("");
  };
  return (
    <section class="panel" aria-labelledby="beats-h">
      <h2 id="beats-h">Beat plan</h2>
      <Show when={beats().length > 0} fallback={<p class="muted small">No beats yet: the story's turns, in order.</p>}>
        <ol class="beat-list">
          <For each={beats()}>
            {(b) => (
              <li>
                <strong>{b.title}</strong>
                <Show when={b.summary}>
                  <span class="muted"> — {b.summary}</span>
                </Show>
                <Show when={s.canEdit()}>
                  <button
                    type="button"
                    class="link-btn"
                    aria-label={`Remove beat ${b.title}`}
                    onClick={() =>
                      setPlan(
                        beats()
                          .filter((x) => x.id !== b.id)
                          .map((x) => ({ ...x })),
                      )
                    }
                  >
                    Remove
                  </button>
                </Show>
              </li>
            )}
          </For>
        </ol>
      </Show>
      <Show when={s.canEdit()}>
        <form class="row-form" onSubmit={add}>
          <label class="sr-only" for="beat-title">
            New beat title
          </label>
          <input
            id="beat-title"
            placeholder="New beat, e.g. Hook"
            maxLength={LIMITS.textChars}
            value={title()}
            onInput={(e) => setTitle(e.currentTarget.value)}
          />
          <button type="submit" class="btn btn-secondary btn-small">
            Add beat
          </button>
        </form>
      </Show>
    </section>
  );
}

export function AssetsPanel(props: { studio: Studio }) {
  const s = props.studio;
  const assets = () => s.board.board?.assets ?? [];
  const [kind, setKind] = createSignal<Asset["kind"]>("character");
  const [name, setName] = createSignal("");
  const [prompt, setPrompt] = createSignal("");
  const add = async (e: SubmitEvent) => {
    e.preventDefault();
    if (!name().trim()) return;
    const id =
      name()
        .trim()
        .toLowerCase()
        .replace(/[^a-z0-9_-]+/g, "-")
        .slice(0, 30) || "asset";
    const unique = assets().some((a) => a.id === id) ? `${id}-${Math.random().toString(36).slice(2, 6)}` : id;
    const r = await s.send({ type: "upsert_asset", asset: { id: unique, kind: kind(), name: name().trim(), description: "", prompt: prompt() } });
    if (r.ok) {
      setName("");
      setPrompt("");
    }
  };
  return (
    <section class="panel" aria-labelledby="assets-h">
      <h2 id="assets-h">Cast, places and look</h2>
      <Show when={assets().length > 0} fallback={<p class="muted small">No assets yet. Frames point at them so a character looks the same in every shot.</p>}>
        <ul class="asset-list">
          <For each={assets()}>
            {(a) => (
              <li class="asset">
                <span class={`chip chip-${a.kind}`}>{a.kind}</span>
                <strong>{a.name}</strong>
                <Show when={a.prompt}>
                  <span class="muted small asset-prompt">{a.prompt}</span>
                </Show>
                <Show when={s.canEdit()}>
                  <button type="button" class="link-btn" aria-label={`Remove ${a.name}`} onClick={() => s.send({ type: "remove_asset", id: a.id })}>
                    Remove
                  </button>
                </Show>
              </li>
            )}
          </For>
        </ul>
      </Show>
      <Show when={s.canEdit()}>
        <form class="asset-form" onSubmit={add}>
          <div class="field">
            <label for="asset-kind">Kind</label>
            <select id="asset-kind" value={kind()} onChange={(e) => setKind(e.currentTarget.value as Asset["kind"])}>
              <option value="character">Character</option>
              <option value="location">Location</option>
              <option value="prop">Prop</option>
              <option value="style">Style</option>
            </select>
          </div>
          <div class="field">
            <label for="asset-name">Name</label>
            <input id="asset-name" maxLength={LIMITS.textChars} value={name()} onInput={(e) => setName(e.currentTarget.value)} />
          </div>
          <div class="field">
            <label for="asset-prompt">Look (prompt)</label>
            <input id="asset-prompt" maxLength={LIMITS.promptChars} value={prompt()} onInput={(e) => setPrompt(e.currentTarget.value)} />
          </div>
          <button type="submit" class="btn btn-secondary btn-small">
            Add asset
          </button>
        </form>
      </Show>
    </section>
  );
}
