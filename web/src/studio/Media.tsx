// A frame's picture and its renders. On a card: the rendered image, or while
// there is none a live sketch of the shot drawn in the browser from the same
// scene description the sketch renderer uses, so frames show the shot the
// moment the agent writes them. Plus the batch actions and the episode's
// renders. The detail view's render section is RenderInspector.tsx, which
// loads with the detail view.
import { createMemo, createSignal, For, Show } from "solid-js";
import type { Aspect, Frame, Revision } from "../../../worker/domain/board";
import { type BatchEstimate, estimateBatch, formatDuration, formatUsd, isPaid, type ProjectSettings, roundUsd } from "../../../worker/domain/costs";
import { shownRevision } from "../../../worker/domain/frame-media";
import { outOfDateText, pictureState } from "../../../worker/domain/picture-basis";
import { sketchDataUrl } from "../../../worker/sketch";
import { showModalWhile } from "../components/ui";
import { useBoard, useConnection, useJobs, useSelection } from "./context";
import type { BatchMode } from "./studio-state";
import { frameAssets, MEDIA_LABEL } from "./model/frames";
import { cardCrop, outOfDateKept, pictureAlt, revisionKind } from "./model/pictures";

export const ASPECT_RATIO: Record<Aspect, string> = { "16:9": "16 / 9", "9:16": "9 / 16", "1:1": "1 / 1", "4:5": "4 / 5", "2.39:1": "2.39 / 1" };

/** The board's aspect, 16:9 until someone sets another (CONTRACT 4). */
export function useAspect(): () => Aspect {
  const b = useBoard();
  return () => b.board.board?.format?.aspect ?? "16:9";
}

/**
 * One stored picture, alone: an old sketch card with its shot label and
 * caption drawn in shows only its panel (the board's own words are beside
 * it), in a box of the episode's aspect.
 */
export function RevisionImage(props: { revision: Revision; alt: string; lazy?: boolean }) {
  const aspect = useAspect();
  const crop = () => cardCrop(props.revision, aspect());
  return (
    <img
      class="picture-img"
      classList={{ "picture-crop": !!crop() }}
      style={crop()}
      src={props.revision.url}
      alt={props.alt}
      loading={props.lazy === false ? undefined : "lazy"}
      draggable={false}
    />
  );
}

/** "Render", "Upload" or "Drawing", and which of the frame's pictures it is when it has several. */
function keptTag(frame: Frame, rev: Revision): string {
  const kind = rev.kind === "render" ? "Render" : rev.kind === "upload" ? "Upload" : "Drawing";
  const n = frame.media.revisions.length;
  return n > 1 ? `${kind} · ${frame.media.revisions.indexOf(rev) + 1} of ${n}` : kind;
}

/**
 * The frame's picture: the revision it shows, else a sketch drawn here from
 * the frame itself. The picture is only the picture: labels are the card's.
 * With `marks` it also says whether it is out of date and what it is (a live
 * sketch, a kept render, an upload, a drawing); `dropping` and `uploading`
 * show a drop target and an upload under way over it.
 */
export function FramePicture(props: { frame: Frame; shot: string; large?: boolean; marks?: boolean; dropping?: boolean; uploading?: boolean }) {
  const b = useBoard();
  const aspect = useAspect();
  const shown = () => shownRevision(props.frame.media);
  const sketch = createMemo(() => {
    if (shown()) return undefined;
    const board = b.board.board;
    const assets = board ? frameAssets(board, props.frame) : [];
    // The sketch is the picture only (no shot label, words or chips), so a renumbering or a caption edit that
    // leaves what it shows alone redraws the same picture; its alt says what it shows.
    return sketchDataUrl(props.frame, assets, aspect(), `p${props.frame.id}`);
  });
  const stale = createMemo(() => {
    const board = b.board.board;
    if (!props.marks || !board) return undefined;
    const state = pictureState(board, props.frame);
    return state.state === "out of date" ? outOfDateText(state.changed) : undefined;
  });
  return (
    <div class="picture" classList={{ "picture-large": props.large, "picture-dropping": props.dropping }} style={{ "aspect-ratio": ASPECT_RATIO[aspect()] }}>
      <Show when={shown()} fallback={<img class="picture-img" src={sketch()?.src} alt={sketch()?.alt ?? ""} decoding="async" draggable={false} />}>
        {(rev) => <RevisionImage revision={rev()} alt={pictureAlt(rev(), props.shot, props.frame.title)} />}
      </Show>
      <Show when={props.marks}>
        <Show when={stale()}>
          {(text) => (
            <span class="picture-stale" title="The shot changed since this picture was made. Re-render it, or upload or draw a new one.">
              {text()}
            </span>
          )}
        </Show>
        <Show
          when={shown()}
          fallback={
            <span class="picture-tag picture-tag-live" title="Drawn in your browser from the shot as it is now; render or upload to keep a picture.">
              Live sketch
            </span>
          }
        >
          {(rev) => (
            <span class="picture-tag" title={`${revisionKind(rev())}, kept with the shot`}>
              {keptTag(props.frame, rev())}
            </span>
          )}
        </Show>
      </Show>
      <Show when={props.dropping || props.uploading}>
        <span class="picture-drop" role="status">
          {props.uploading ? "Uploading…" : `Drop to add a picture to shot ${props.shot}`}
        </span>
      </Show>
    </div>
  );
}

export const active = (f: Frame) => f.media.state === "queued" || f.media.state === "running";

/**
 * Retry: a failed or blocked job gets its next attempt; a canceled one is
 * final (CONTRACT 7), so the frame gets a new render instead.
 */
export function useRetry() {
  const j = useJobs();
  return (f: Frame) => {
    if (f.media.state === "canceled" || !f.media.jobId) void j.generate(f.id);
    else void j.retryJob(f.media.jobId);
  };
}

/** The small render state on a card: a thin progress line while rendering, Retry after a failure or cancel. */
export function CardRenderState(props: { frame: Frame; shot: string }) {
  const j = useJobs();
  const retry = useRetry();
  const c = useConnection();
  const m = () => props.frame.media;
  const progress = () => (m().jobId && j.live()[props.frame.id]?.jobId === m().jobId ? (j.live()[props.frame.id]?.progress ?? 0) : 0);
  return (
    <div class="card-render">
      <Show when={m().state !== "none" && m().state !== "ready"}>
        <span class={`media media-${m().state}`}>{MEDIA_LABEL[m().state]}</span>
      </Show>
      <Show when={active(props.frame)}>
        <div
          class="card-progress"
          role="progressbar"
          aria-label={`Render progress for shot ${props.shot}`}
          aria-valuemin={0}
          aria-valuemax={100}
          aria-valuenow={progress()}
        >
          <div class="progress-fill" style={{ width: `${progress()}%` }} />
        </div>
      </Show>
      <Show when={c.canEdit() && (m().state === "failed" || m().state === "canceled" || m().state === "blocked") && m().jobId}>
        <button type="button" class="link-btn" aria-label={`Retry the render of shot ${props.shot}`} onClick={() => retry(props.frame)}>
          Retry
        </button>
      </Show>
    </div>
  );
}

/** The episode's renders, newest first, at the foot of the board. */
export function JobsPanel() {
  const j = useJobs();
  const b = useBoard();
  const c = useConnection();
  const shotOf = (frameId: string) => {
    const i = b.frames().findIndex((f) => f.id === frameId);
    return i < 0 ? "a removed shot" : `Shot ${i + 1}`;
  };
  const running = () => j.jobList().filter((x) => x.status === "pending" || x.status === "running").length;
  return (
    <details class="panel jobs-panel">
      <summary>
        <h2 id="jobs-h">Renders</h2>
        <span class="muted small">{j.jobList().length === 0 ? "none yet" : `${j.jobList().length} recent${running() ? ` · ${running()} under way` : ""}`}</span>
      </summary>
      <Show when={j.jobList().length > 0} fallback={<p class="muted small">No renders yet. Render a frame to see its job here.</p>}>
        <ul class="job-list">
          <For each={j.jobList().slice(0, 20)}>
            {(x) => (
              <li class={`job job-${x.status}`}>
                <span class="job-shot">{shotOf(x.frameId)}</span>
                <span class={`job-status status-${x.status}`}>{x.status}</span>
                <span class="muted small">
                  {x.provider} · attempt {x.attempt}
                </span>
                <Show when={c.canEdit() && (x.status === "pending" || x.status === "running" || x.status === "blocked")}>
                  <button type="button" class="link-btn" aria-label={`Cancel the render of ${shotOf(x.frameId)}`} onClick={() => j.cancelJob(x.id)}>
                    Cancel
                  </button>
                </Show>
                <Show when={c.canEdit() && (x.status === "failure" || x.status === "blocked")}>
                  <button type="button" class="link-btn" aria-label={`Retry the render of ${shotOf(x.frameId)}`} onClick={() => j.retryJob(x.id)}>
                    Retry
                  </button>
                </Show>
              </li>
            )}
          </For>
        </ul>
      </Show>
    </details>
  );
}

type Pending = { mode: BatchMode; count: number; estimate: BatchEstimate | null; settings: ProjectSettings | null };

/**
 * "Generate all" renders the frames without a picture at once (after the
 * count and cost when the provider is paid); "Re-render all" and "Re-render
 * out of date (N)" always ask first, since they replace pictures people have
 * seen (CONTRACT 7, 12). All keep to the picked frames when some are picked.
 */
export function BatchActions() {
  const j = useJobs();
  const b = useBoard();
  const sel = useSelection();
  const [pending, setPending] = createSignal<Pending | null>(null);
  const [busy, setBusy] = createSignal(false);
  let dialog: HTMLDialogElement | undefined;
  showModalWhile(
    () => dialog,
    () => pending() !== null,
  );
  const scope = () => (sel.ids().length ? " picked" : "");
  // Read twice a render and recomputed only when the board or the pick changes.
  const outdated = createMemo(() => j.batchFrames("outdated").length);
  // Uploads and drawings out of date: marked, never replaced by a batch.
  const keptStale = () => {
    const board = b.board.board;
    return board ? outOfDateKept(board, sel.ids()).length : 0;
  };
  const sketching = () => j.mediaProvider() === "sketch";

  const start = async (mode: BatchMode) => {
    const count = j.batchFrames(mode).length;
    if (count === 0 && mode === "missing") {
      setPending({ mode, count, estimate: null, settings: null });
      return;
    }
    setBusy(true);
    const settings = (await j.projectSettings()) ?? null;
    setBusy(false);
    const estimate = settings && isPaid(settings.mediaProvider) ? estimateBatch(settings.mediaProvider, count) : null;
    if (mode === "missing" && !estimate) void j.renderBatch("missing");
    else setPending({ mode, count, estimate, settings });
  };
  const confirm = () => {
    const p = pending();
    setPending(null);
    if (p && p.count > 0) void j.renderBatch(p.mode);
  };
  const left = (s: ProjectSettings) => (s.budgetUsd === null ? null : roundUsd(Math.max(0, s.budgetUsd - s.spentUsd)));
  const frames = (n: number) => `${n} frame${n === 1 ? "" : "s"}`;
  const title = (p: Pending) => {
    if (p.count === 0) return "Nothing to render";
    if (p.estimate) return `Render ${frames(p.count)} with a paid provider?`;
    if (p.mode === "outdated") return `Re-render ${p.count} out-of-date picture${p.count === 1 ? "" : "s"}?`;
    return `Re-render ${frames(p.count)}?`;
  };

  return (
    <>
      <button type="button" class="btn btn-secondary btn-small" disabled={busy()} onClick={() => void start("missing")}>
        Generate all{scope()}
      </button>
      <button type="button" class="btn btn-secondary btn-small" disabled={busy()} onClick={() => void start("all")}>
        Re-render all{scope()}…
      </button>
      <Show when={outdated() > 0}>
        <button
          type="button"
          class="btn btn-secondary btn-small btn-stale"
          disabled={busy()}
          title="Renders again the shots whose picture no longer matches their prompt, action, camera, aspect or cast"
          onClick={() => void start("outdated")}
        >
          Re-render out of date{scope()} ({outdated()})…
        </button>
      </Show>
      <dialog ref={dialog} class="dialog" aria-labelledby="batch-h" aria-describedby="batch-d" onClose={() => setPending(null)}>
        <Show when={pending()}>
          {(p) => (
            <form
              method="dialog"
              onSubmit={(e) => {
                e.preventDefault();
                confirm();
              }}
            >
              <h2 id="batch-h">{title(p())}</h2>
              <div id="batch-d">
                <Show when={p().count === 0}>
                  <p>
                    {p().mode === "outdated"
                      ? "No render is out of date now."
                      : "Every frame already has a picture or a render under way. Use Re-render all to replace pictures."}
                  </p>
                </Show>
                <Show when={p().count > 0 && p().mode !== "missing"}>
                  <p>
                    Each new picture is shown once its render succeeds; until then, and if a render fails or is canceled, the frame keeps the picture it has
                    now. Earlier pictures stay in each shot's list.
                  </p>
                </Show>
                <Show when={p().mode === "outdated" && keptStale() > 0}>
                  <p class="small">
                    {keptStale()} uploaded or drawn picture{keptStale() === 1 ? " is" : "s are"} out of date too: marked, and left as{" "}
                    {keptStale() === 1 ? "it is" : "they are"}.
                  </p>
                </Show>
                <Show when={p().count > 0 && sketching()}>
                  <p class="small">The sketch provider keeps each shot's live sketch, as it is now, as its picture.</p>
                </Show>
                <Show when={p().estimate && p().settings}>
                  <p>
                    <strong>{p().estimate!.count}</strong> render{p().estimate!.count === 1 ? "" : "s"} with <strong>{p().settings!.mediaProvider}</strong>:
                    estimated cost <strong data-testid="batch-cost">{formatUsd(p().estimate!.costUsd)}</strong>, estimated time{" "}
                    <strong>{formatDuration(p().estimate!.seconds)}</strong>.
                  </p>
                  <p class="muted small">Estimates from the provider's list price per image; the provider bills what it measures.</p>
                  <Show when={p().settings!.budgetUsd !== null}>
                    <p class="small">
                      Project budget {formatUsd(p().settings!.budgetUsd ?? 0)}, estimated spend so far {formatUsd(p().settings!.spentUsd)}:{" "}
                      {formatUsd(left(p().settings!) ?? 0)} left.
                      <Show when={p().estimate!.costUsd > (left(p().settings!) ?? 0)}> Renders beyond the budget will be blocked.</Show>
                    </p>
                  </Show>
                  <Show when={!p().settings!.paidMedia}>
                    <p class="small">The project owner has not allowed paid providers yet, so these renders will be blocked until they do.</p>
                  </Show>
                </Show>
              </div>
              <div class="dialog-actions">
                <button type="button" class="btn btn-secondary" onClick={() => setPending(null)}>
                  {p().count === 0 ? "Close" : "Cancel"}
                </button>
                <Show when={p().count > 0}>
                  <button type="submit" class="btn btn-primary">
                    {p().mode === "missing" ? "Render" : "Re-render"} {frames(p().count)}
                  </button>
                </Show>
              </div>
            </form>
          )}
        </Show>
      </dialog>
    </>
  );
}
