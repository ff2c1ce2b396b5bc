// The episode's exports (CONTRACT 10): editors start a storyboard PDF (1, 3
// or 6 panels a page), the shot list as CSV or every frame's image as a ZIP;
// everyone sees the list with each export's status and progress, and a
// Download link once it is ready. The list is read again every 1.5 s while
// an export is queued or running, and not at all once none is.
import { createEffect, createSignal, createUniqueId, For, on, onCleanup, Show } from "solid-js";
import {
  EXPORT_STATUS_LABEL,
  type ExportFormat,
  type ExportItem,
  type ExportLayout,
  exportLabel,
  formatBytes,
  inFlight,
  pendingItem,
} from "../../../worker/domain/exports";
import { api, describeError } from "../api";
import "./exports.css";

export interface ExportsPanelProps {
  projectId: string;
  episodeId: string;
  canEdit: () => boolean;
  /** The board's seq as the studio knows it; null until the board has loaded, when there is nothing to export yet. */
  seq: () => number | null;
}

export const EXPORT_POLL_MS = 1500;
const LAYOUTS: ExportLayout[] = [1, 3, 6];

export function ExportsPanel(props: ExportsPanelProps) {
  const [items, setItems] = createSignal<ExportItem[]>([]);
  const [loaded, setLoaded] = createSignal(false);
  const [error, setError] = createSignal<string>();
  const [starting, setStarting] = createSignal<ExportFormat | null>(null);
  const [layout, setLayout] = createSignal<ExportLayout>(3);
  const [announce, setAnnounce] = createSignal("");
  const ids = { title: createUniqueId(), layout: createUniqueId() };

  let timer: ReturnType<typeof setTimeout> | undefined;
  let controller: AbortController | undefined;
  let disposed = false;

  /** Reads the list; a newer read makes an older one's answer irrelevant. Polls again only while something is under way. */
  async function load(): Promise<void> {
    clearTimeout(timer);
    controller?.abort();
    const mine = new AbortController();
    controller = mine;
    try {
      const res = await api.exports(props.projectId, props.episodeId, mine.signal);
      if (controller !== mine) return;
      noteFinished(items(), res.exports);
      setItems(res.exports);
      setError();
    } catch (err) {
      if (mine.signal.aborted) return;
      setError(describeError(err));
    } finally {
      if (controller === mine) {
        setLoaded(true);
        if (!disposed && inFlight(items())) timer = setTimeout(() => void load(), EXPORT_POLL_MS);
      }
    }
  }

  /** Says so, for assistive tech, when an export this tab watched finishes. */
  function noteFinished(before: ExportItem[], after: ExportItem[]): void {
    const was = new Map(before.map((e) => [e.id, e.status]));
    const done = after.find((e) => (was.get(e.id) === "pending" || was.get(e.id) === "running") && (e.status === "success" || e.status === "failure"));
    if (done) setAnnounce(`${exportLabel(done)}: ${done.status === "success" ? "ready to download" : "failed"}.`);
  }

  createEffect(on([() => props.projectId, () => props.episodeId], () => void load()));
  onCleanup(() => {
    disposed = true;
    clearTimeout(timer);
    controller?.abort();
  });

  async function start(format: ExportFormat): Promise<void> {
    setStarting(format);
    setError();
    try {
      const { job } = await api.createExport(props.projectId, props.episodeId, format === "pdf" ? { format, layout: layout() } : { format });
      const item = pendingItem(job);
      if (item) {
        setItems((list) => [item, ...list.filter((e) => e.id !== item.id)]);
        setAnnounce(`${exportLabel(item)}: queued.`);
      }
      await load();
    } catch (err) {
      setError(describeError(err));
    } finally {
      setStarting(null);
    }
  }

  const disabled = () => starting() !== null || props.seq() === null;

  return (
    <section class="exports" aria-labelledby={ids.title}>
      <h2 id={ids.title} class="exports-title">
        Exports
      </h2>
      <Show when={props.canEdit()} fallback={<p class="muted small">Editors can export this episode; ready exports can be downloaded here.</p>}>
        <div class="exports-actions">
          <fieldset class="exports-layout">
            <legend id={ids.layout}>PDF panels a page</legend>
            <For each={LAYOUTS}>
              {(n) => (
                <label class="exports-layout-option">
                  <input type="radio" name={`${ids.layout}-layout`} value={n} checked={layout() === n} onChange={() => setLayout(n)} />
                  {n}
                </label>
              )}
            </For>
          </fieldset>
          <button type="button" class="btn btn-primary btn-small" disabled={disabled()} onClick={() => void start("pdf")}>
            {starting() === "pdf" ? "Starting…" : "Export PDF"}
          </button>
          <button type="button" class="btn btn-secondary btn-small" disabled={disabled()} onClick={() => void start("csv")}>
            {starting() === "csv" ? "Starting…" : "Export shot list (CSV)"}
          </button>
          <button type="button" class="btn btn-secondary btn-small" disabled={disabled()} onClick={() => void start("zip")}>
            {starting() === "zip" ? "Starting…" : "Export images (ZIP)"}
          </button>
        </div>
      </Show>
      <Show when={error()}>
        <p class="exports-error" role="alert">
          {error()}
        </p>
      </Show>
      <Show when={items().length > 0} fallback={<Show when={loaded() && !error()}>{<p class="muted small">No exports yet.</p>}</Show>}>
        <ul class="exports-list" aria-label="Exports of this episode">
          <For each={items()}>{(e) => <ExportRow item={e} />}</For>
        </ul>
      </Show>
      <p class="sr-only" role="status">
        {announce()}
      </p>
    </section>
  );
}

function ExportRow(props: { item: ExportItem }) {
  const e = () => props.item;
  const busy = () => e().status === "pending" || e().status === "running";
  return (
    <li class="exports-item">
      <span class="exports-name">{exportLabel(e())}</span>
      <span class={`exports-status status-${e().status}`}>{EXPORT_STATUS_LABEL[e().status]}</span>
      <Show when={busy()}>
        <progress class="exports-progress" max={100} value={e().progress} aria-label={`${exportLabel(e())} progress`}>
          {e().progress}%
        </progress>
      </Show>
      <Show when={e().downloadUrl}>
        {(url) => (
          <a class="exports-download" href={url()} download="">
            Download<span class="sr-only"> {exportLabel(e())}</span>
            <Show when={e().size !== null}>
              <span class="exports-size"> ({formatBytes(e().size ?? 0)})</span>
            </Show>
          </a>
        )}
      </Show>
      <Show when={e().status === "failure" && e().error}>
        <span class="exports-reason small">{e().error}</span>
      </Show>
      <time class="exports-when muted small" datetime={e().createdAt} title={new Date(e().createdAt).toLocaleString()}>
        {new Date(e().createdAt).toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" })}
      </time>
    </li>
  );
}
