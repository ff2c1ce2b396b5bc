// The studio's history controls: an Undo button that names what it undoes
// (the step the server offers, so it works after a reload and after an
// agent's answer) and a Rewind dialog that lists the steps in words; choosing
// one previews, in the direction it goes, what rewinding to it changes.
import { createEffect, createMemo, createSignal, createUniqueId, For, on, onCleanup, Show } from "solid-js";
import type { Impact } from "../../../worker/domain/events";
import { describeImpact, type HistoryPage, type HistoryStep, type StepKind } from "../../../worker/domain/history";
import { api, describeError } from "../api";
import { showModalWhile } from "../components/ui";
import { relativeTime } from "../lib/relative-time";
import "./history.css";

export interface HistoryControlsProps {
  projectId: string;
  episodeId: string;
  /** The board's seq as the studio knows it: the history is read again when it moves. */
  seq: () => number | null;
  canEdit: () => boolean;
  previewRewind: (toSeq: number) => Promise<{ ok: true; impact: Impact; events: number } | { ok: false; message: string }>;
  rewind: (toSeq: number) => Promise<{ ok: boolean; message?: string }>;
  undoRun: (runId: string) => Promise<void>;
}

/** A burst of board events (an agent writing) reads the history once, after it settles. */
const REFETCH_AFTER_MS = 1_200;
/** Arrow keys walk the list quickly; only the step they stop on is previewed. */
const PREVIEW_AFTER_MS = 200;
const PAGE_SIZE = 50;

const KIND_LABEL: Record<StepKind, string> = {
  edit: "Edit",
  agent: "Agent answer",
  undo: "Undo",
  rewind: "Rewind",
  reset: "Reset",
  media: "Media",
  proposal: "Accepted proposal",
};

type Preview = { ok: true; text: string; later: number } | { ok: false; text: string };

export function HistoryControls(props: HistoryControlsProps) {
  const [page, setPage] = createSignal<HistoryPage>();
  const [older, setOlder] = createSignal<HistoryStep[]>([]);
  const [olderBefore, setOlderBefore] = createSignal<number | null>(null);
  const [loadError, setLoadError] = createSignal<string>();
  const [busy, setBusy] = createSignal(false);
  const [open, setOpen] = createSignal(false);
  const [chosen, setChosen] = createSignal<number | null>(null);
  const [preview, setPreview] = createSignal<Preview>();
  const [previewing, setPreviewing] = createSignal(false);
  const [now, setNow] = createSignal(Date.now());
  const ids = { title: createUniqueId(), reason: createUniqueId(), group: createUniqueId() };
  let dialog: HTMLDialogElement | undefined;
  showModalWhile(() => dialog, open);

  // ---- reading the history ----

  let controller: AbortController | undefined;
  /** Reads the newest page; a newer read makes an older one's answer irrelevant. */
  async function load(): Promise<void> {
    controller?.abort();
    const mine = new AbortController();
    controller = mine;
    try {
      const next = await api.history(props.projectId, props.episodeId, { limit: PAGE_SIZE, signal: mine.signal });
      if (controller !== mine) return;
      setPage(next);
      setOlder([]);
      setOlderBefore(next.nextBefore);
      setLoadError();
    } catch (err) {
      if (!mine.signal.aborted) setLoadError(describeError(err));
    }
  }

  async function loadOlder(): Promise<void> {
    const before = olderBefore();
    if (before === null) return;
    try {
      const more = await api.history(props.projectId, props.episodeId, { before, limit: PAGE_SIZE });
      setOlder((s) => [...s, ...more.steps]);
      setOlderBefore(more.nextBefore);
    } catch (err) {
      setLoadError(describeError(err));
    }
  }

  let refetch: ReturnType<typeof setTimeout> | undefined;
  createEffect(
    on(props.seq, (seq, previous) => {
      clearTimeout(refetch);
      // The first read goes at once; later ones wait for the board to settle, and only for people
      // who can undo (a viewer's list is read when the Rewind dialog opens).
      if (previous === undefined) void load();
      else if (seq !== null && props.canEdit()) refetch = setTimeout(() => void load(), REFETCH_AFTER_MS);
    }),
  );
  const clock = setInterval(() => setNow(Date.now()), 30_000);
  onCleanup(() => {
    clearTimeout(refetch);
    clearTimeout(previewTimer);
    clearInterval(clock);
    controller?.abort();
  });

  const steps = createMemo(() => [...(page()?.steps ?? []), ...older()]);
  const bySeq = createMemo(() => new Map(steps().map((s) => [s.seq, s])));
  const head = () => page()?.seq ?? 0;

  // ---- undo ----

  const offered = () => page()?.undo ?? null;
  const undoBlocked = (): string | undefined => {
    if (!props.canEdit()) return "Only editors can undo changes.";
    if (!page()) return loadError() ? `The history could not be read: ${loadError()}` : "Reading the history…";
    const step = offered();
    if (!step) return "Nothing to undo yet.";
    if (!step.undoable) return "That change cannot be undone.";
    return undefined;
  };

  async function undo(): Promise<void> {
    const step = offered();
    const runId = step?.runId;
    if (!step || !runId) return;
    setBusy(true);
    try {
      // Undoing a run replays the log without it, and a rewind (or reset) after it restores whole boards,
      // which would bring the run's changes straight back ("nothing to change"). Every step since the
      // offered one is an undo or undone, so going back to just before it is the same Undo, and it works.
      const since = (page()?.steps ?? []).filter((s) => s.seq > step.seq);
      if (since.some((s) => s.kind === "rewind" || s.kind === "reset")) await props.rewind(step.fromSeq);
      else await props.undoRun(runId);
      // Until the new page arrives the button would offer the same step again.
      await load();
    } finally {
      setBusy(false);
    }
  }

  // ---- rewind ----

  function openRewind(): void {
    setChosen(null);
    setPreview();
    setNow(Date.now());
    setOpen(true);
    void load();
  }

  let previewTimer: ReturnType<typeof setTimeout> | undefined;
  let previewToken = 0;
  createEffect(
    on([chosen, props.seq, open], ([toSeq, , isOpen]) => {
      clearTimeout(previewTimer);
      const token = ++previewToken;
      setPreview();
      setPreviewing(false);
      if (!isOpen || toSeq === null) return;
      setPreviewing(true);
      previewTimer = setTimeout(async () => {
        const r = await props.previewRewind(toSeq).catch((err: unknown) => ({ ok: false as const, message: describeError(err) }));
        if (token !== previewToken) return;
        setPreviewing(false);
        const later = steps().filter((s) => s.seq > toSeq).length;
        setPreview(r.ok ? { ok: true, text: describeImpact(r.impact), later } : { ok: false, text: r.message });
      }, PREVIEW_AFTER_MS);
    }),
  );

  async function confirm(): Promise<void> {
    const toSeq = chosen();
    if (toSeq === null) return;
    setBusy(true);
    try {
      const r = await props.rewind(toSeq);
      if (r.ok) {
        setOpen(false);
        await load();
      } else setPreview({ ok: false, text: r.message ?? "The rewind was refused." });
    } finally {
      setBusy(false);
    }
  }

  const laterWords = (p: Preview) => {
    if (!p.ok || p.later === 0) return "";
    return p.later === 1 ? "This reverts the one step after it." : `This reverts the ${p.later} steps after it.`;
  };

  return (
    <div class="history">
      <button
        type="button"
        class="btn btn-secondary btn-small history-undo"
        disabled={!!undoBlocked() || busy()}
        aria-describedby={undoBlocked() ? ids.reason : undefined}
        title={undoBlocked() ?? offered()?.summary}
        onClick={() => void undo()}
      >
        {undoBlocked() ? "Undo" : `Undo: ${offered()?.summary}`}
      </button>
      <span id={ids.reason} class="sr-only">
        {undoBlocked()}
      </span>
      <button type="button" class="btn btn-secondary btn-small" disabled={!props.canEdit() || !props.seq()} onClick={openRewind}>
        Rewind…
      </button>
      <dialog ref={dialog} class="dialog dialog-wide" aria-labelledby={ids.title} onClose={() => setOpen(false)}>
        <form
          method="dialog"
          onSubmit={(e) => {
            e.preventDefault();
            void confirm();
          }}
        >
          <h2 id={ids.title}>Rewind the board</h2>
          <p class="muted small">
            Choose a step: the board goes back to how it was right after it. Nothing is erased; the rewind is itself a step you can undo.
          </p>
          <Show when={loadError()}>
            <p class="field-error">{loadError()}</p>
          </Show>
          <fieldset class="history-steps">
            <legend class="sr-only">Steps, newest first</legend>
            <ol>
              {/* Keyed by seq, not by object: a re-read of the history keeps the rows, and the focus in them. */}
              <For each={steps().map((s) => s.seq)}>
                {(seq) => {
                  const step = () => bySeq().get(seq);
                  const isNow = () => seq >= head();
                  return (
                    <Show when={step()}>
                      {(st) => (
                        <li>
                          <label class="history-step" classList={{ "history-step-undone": st().undone }}>
                            <input type="radio" name={ids.group} value={seq} checked={chosen() === seq} disabled={isNow()} onChange={() => setChosen(seq)} />
                            <span class="history-step-text">
                              <span class="history-step-summary">{st().summary}</span>
                              <span class="history-step-meta">
                                Step {seq} · {KIND_LABEL[st().kind]} ·{" "}
                                <time datetime={st().at} title={new Date(st().at).toLocaleString()}>
                                  {relativeTime(st().at, now())}
                                </time>
                                {st().undone ? " · undone" : ""}
                                {isNow() ? " · the board now" : ""}
                              </span>
                            </span>
                          </label>
                        </li>
                      )}
                    </Show>
                  );
                }}
              </For>
              <Show when={page() && olderBefore() === null && steps().length > 0}>
                <li>
                  <label class="history-step">
                    <input type="radio" name={ids.group} value={0} checked={chosen() === 0} onChange={() => setChosen(0)} />
                    <span class="history-step-text">
                      <span class="history-step-summary">The empty board</span>
                      <span class="history-step-meta">Before step 1</span>
                    </span>
                  </label>
                </li>
              </Show>
            </ol>
          </fieldset>
          <Show when={olderBefore() !== null}>
            <button type="button" class="btn btn-secondary btn-small history-more" onClick={() => void loadOlder()}>
              Show older steps
            </button>
          </Show>
          <div class="history-preview" role="status" aria-live="polite">
            <Show when={chosen() === null}>
              <p class="muted small">Choose a step to see what rewinding to it changes.</p>
            </Show>
            <Show when={chosen() !== null && previewing()}>
              <p class="muted small">Working out what changes…</p>
            </Show>
            <Show when={preview()}>
              {(p) => (
                <>
                  <p class={p().ok ? "impact" : "field-error"}>{p().text}</p>
                  <Show when={laterWords(p())}>
                    <p class="muted small">{laterWords(p())}</p>
                  </Show>
                </>
              )}
            </Show>
          </div>
          <div class="dialog-actions">
            <button type="button" class="btn btn-secondary" onClick={() => setOpen(false)}>
              Cancel
            </button>
            <button type="submit" class="btn btn-danger" disabled={busy() || previewing() || !preview()?.ok}>
              {chosen() === 0 ? "Rewind to the empty board" : "Rewind to after this step"}
            </button>
          </div>
        </form>
      </dialog>
    </div>
  );
}
