// A frame's media, live: the rendered image when it is ready, a progress
// bar and the pipeline inspector (stage badges, timings as bars, warnings)
// while a job runs, and Generate / Cancel / Retry. Plus the episode's jobs.
import { createSignal, For, Show } from "solid-js";
import type { Frame } from "../../../worker/domain/board";
import { shownImage } from "../../../worker/domain/frame-media";
import { PLUGINS } from "../../../worker/domain/jobs";
import { type BatchEstimate, estimateBatch, formatDuration, formatUsd, isPaid, roundUsd } from "../../../worker/domain/costs";
import type { ProjectSettings } from "../../../worker/domain/costs";
import { showModalWhile } from "../components/ui";
import type { Studio } from "./studio-state";

export function FrameMedia(props: { studio: Studio; frame: Frame; shot: string }) {
  const s = props.studio;
  const live = () => s.live[props.frame.id];
  const m = () => props.frame.media;
  const active = () => m().state === "queued" || m().state === "running";
  const maxMs = () => Math.max(1, ...Object.values(live()?.plugins ?? {}).map((p) => p.ms ?? 0));
  return (
    <div class="frame-media">
      {/* The last good image stays while a re-render runs, and after one is canceled or fails. */}
      <Show when={shownImage(m())}>{(url) => <img class="frame-image" src={url()} alt={`Storyboard panel for shot ${props.shot}`} loading="lazy" />}</Show>
      <Show when={active() || (live() && live()!.jobId === m().jobId && Object.keys(live()!.plugins).length > 0)}>
        <div
          class="progress-bar"
          role="progressbar"
          aria-label={`Render progress for shot ${props.shot}`}
          aria-valuemin={0}
          aria-valuemax={100}
          aria-valuenow={m().state === "ready" ? 100 : (live()?.progress ?? 0)}
        >
          <div class="progress-fill" style={{ width: `${m().state === "ready" ? 100 : (live()?.progress ?? 0)}%` }} />
        </div>
        {/* biome-ignore lint/a11y/useSemanticElements: a group of status badges, not a form section */}
        <div class="plugin-inspector" role="group" aria-label={`Pipeline stages for shot ${props.shot}`}>
          <For each={PLUGINS}>
            {(name) => {
              const p = () => live()?.plugins[name];
              return (
                <div class={`stage stage-${p()?.status ?? "waiting"}`}>
                  <span class="stage-name">{name}</span>
                  <span class="stage-bar" aria-hidden="true">
                    <span style={{ width: `${p()?.ms !== undefined ? Math.max(4, (p()!.ms! / maxMs()) * 100) : 0}%` }} />
                  </span>
                  <span class="stage-ms">{p()?.ms !== undefined ? `${p()!.ms} ms` : (p()?.status ?? "waiting")}</span>
                </div>
              );
            }}
          </For>
          <For each={live()?.warnings ?? []}>{(w) => <p class="stage-warning">{w}</p>}</For>
        </div>
      </Show>
      <Show when={m().reason && (m().state === "blocked" || m().state === "failed")}>
        <p class="media-reason">{m().reason}</p>
      </Show>
      <Show when={s.canEdit()}>
        <div class="media-actions">
          <Show when={active()}>
            <button
              type="button"
              class="btn btn-secondary btn-small"
              aria-label={`Cancel render of shot ${props.shot}`}
              onClick={() => m().jobId && s.cancelJob(m().jobId!)}
            >
              Cancel render
            </button>
          </Show>
          <Show when={(m().state === "failed" || m().state === "blocked") && m().jobId}>
            <button type="button" class="btn btn-secondary btn-small" onClick={() => s.retryJob(m().jobId!)}>
              Retry render
            </button>
          </Show>
          <Show when={!active()}>
            <button
              type="button"
              class="btn btn-secondary btn-small"
              aria-label={`${shownImage(m()) ? "Regenerate" : "Generate"} image for shot ${props.shot}`}
              onClick={() => s.generate(props.frame.id)}
            >
              {shownImage(m()) ? "Regenerate" : "Generate"}
            </button>
          </Show>
        </div>
      </Show>
    </div>
  );
}

export function JobsPanel(props: { studio: Studio }) {
  const s = props.studio;
  const shotOf = (frameId: string) => {
    const i = s.board.board?.frames.findIndex((f) => f.id === frameId) ?? -1;
    return i < 0 ? "removed" : String(i + 1);
  };
  return (
    <section class="panel jobs-panel" aria-labelledby="jobs-h">
      <div class="panel-head">
        <h2 id="jobs-h">Renders</h2>
        <Show when={s.canEdit() && (s.board.board?.frames.length ?? 0) > 0}>
          <GenerateAll studio={s} />
        </Show>
      </div>
      <Show when={s.jobs().length > 0} fallback={<p class="muted small">No renders yet. Generate a frame to see its job here.</p>}>
        <ul class="job-list">
          <For each={s.jobs().slice(0, 20)}>
            {(j) => (
              <li class={`job job-${j.status}`}>
                <span class="job-shot">Shot {shotOf(j.frameId)}</span>
                <span class={`job-status status-${j.status}`}>{j.status}</span>
                <span class="muted small">
                  {j.provider} · attempt {j.attempt}
                </span>
                <Show when={s.canEdit() && (j.status === "pending" || j.status === "running" || j.status === "blocked")}>
                  <button type="button" class="link-btn" onClick={() => s.cancelJob(j.id)}>
                    Cancel
                  </button>
                </Show>
                <Show when={s.canEdit() && (j.status === "failure" || j.status === "blocked")}>
                  <button type="button" class="link-btn" onClick={() => s.retryJob(j.id)}>
                    Retry
                  </button>
                </Show>
              </li>
            )}
          </For>
        </ul>
      </Show>
    </section>
  );
}

/**
 * "Generate all": with a paid media provider, first a confirmation with the
 * number of renders, their estimated cost and time, and the project's
 * budget; with the free sketch renderer it starts at once.
 */
function GenerateAll(props: { studio: Studio }) {
  const s = props.studio;
  const [pending, setPending] = createSignal<{ estimate: BatchEstimate; settings: ProjectSettings } | null>(null);
  const [busy, setBusy] = createSignal(false);
  let dialog: HTMLDialogElement | undefined;
  showModalWhile(
    () => dialog,
    () => pending() !== null,
  );

  const start = async () => {
    setBusy(true);
    const settings = await s.projectSettings();
    setBusy(false);
    if (!settings) return;
    const count = s.batchFrames().length;
    if (count > 0 && isPaid(settings.mediaProvider)) setPending({ estimate: estimateBatch(settings.mediaProvider, count), settings });
    else void s.generateAll();
  };
  const confirm = () => {
    setPending(null);
    void s.generateAll();
  };
  const left = (p: { settings: ProjectSettings }) => (p.settings.budgetUsd === null ? null : roundUsd(Math.max(0, p.settings.budgetUsd - p.settings.spentUsd)));

  return (
    <>
      <button type="button" class="btn btn-secondary btn-small" disabled={busy()} onClick={() => void start()}>
        Generate all
      </button>
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
              <h2 id="batch-h">
                Render {p().estimate.count} frame{p().estimate.count === 1 ? "" : "s"} with a paid provider?
              </h2>
              <div id="batch-d">
                <p>
                  <strong>{p().estimate.count}</strong> render{p().estimate.count === 1 ? "" : "s"} with <strong>{p().settings.mediaProvider}</strong>:
                  estimated cost <strong data-testid="batch-cost">{formatUsd(p().estimate.costUsd)}</strong>, estimated time{" "}
                  <strong>{formatDuration(p().estimate.seconds)}</strong>.
                </p>
                <p class="muted small">Estimates from the provider's list price per image; the provider bills what it measures.</p>
                <Show when={p().settings.budgetUsd !== null}>
                  <p class="small">
                    Project budget {formatUsd(p().settings.budgetUsd ?? 0)}, estimated spend so far {formatUsd(p().settings.spentUsd)}:{" "}
                    {formatUsd(left(p()) ?? 0)} left.
                    <Show when={p().estimate.costUsd > (left(p()) ?? 0)}> Renders beyond the budget will be blocked.</Show>
                  </p>
                </Show>
                <Show when={!p().settings.paidMedia}>
                  <p class="small">The project owner has not allowed paid providers yet, so these renders will be blocked until they do.</p>
                </Show>
              </div>
              <div class="dialog-actions">
                <button type="button" class="btn btn-secondary" onClick={() => setPending(null)}>
                  Cancel
                </button>
                <button type="submit" class="btn btn-primary">
                  Render {p().estimate.count} frame{p().estimate.count === 1 ? "" : "s"}
                </button>
              </div>
            </form>
          )}
        </Show>
      </dialog>
    </>
  );
}
