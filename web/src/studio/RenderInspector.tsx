// The detail view's render section: the page's one progress bar and stage
// inspector of the frame's current render, its actions, and the media's
// history. It loads with the detail view (FrameDetail.tsx), not the board.
import { For, Show } from "solid-js";
import type { Frame } from "../../../worker/domain/board";
import { shownImage } from "../../../worker/domain/frame-media";
import { PLUGINS } from "../../../worker/domain/jobs";
import { useConnection, useJobs } from "./context";
import { active, useRetry } from "./Media";
import { MEDIA_LABEL } from "./model/frames";

/** The detail view's render section: one #progress-bar and one #plugin-inspector on the page, the actions, and the media's history. */
export function RenderInspector(props: { frame: Frame; shot: string }) {
  const j = useJobs();
  const retry = useRetry();
  const c = useConnection();
  const m = () => props.frame.media;
  const live = () => {
    const l = j.live()[props.frame.id];
    return l && l.jobId === m().jobId ? l : undefined;
  };
  const progress = () => (m().state === "ready" ? 100 : (live()?.progress ?? 0));
  const timed = () => Object.values(live()?.plugins ?? {}).some((p) => p.ms !== undefined);
  const maxMs = () => Math.max(1, ...Object.values(live()?.plugins ?? {}).map((p) => p.ms ?? 0));
  const history = () => j.jobList().filter((x) => x.frameId === props.frame.id);
  // Say what the button does: the offline sketch provider freezes the live sketch into a kept picture.
  const sketching = () => j.mediaProvider() === "sketch";
  const renderWord = () => (sketching() ? "Keep sketch as picture" : shownImage(m()) ? "Re-render image" : "Render image");
  return (
    <section class="render" aria-labelledby="render-h">
      <h3 id="render-h">
        Render {/* "Not rendered" beside an uploaded picture would read as "no picture": a shot never rendered says nothing here. */}
        <Show when={m().state !== "none" || !shownImage(m())}>
          <span class={`media media-${m().state}`}>{MEDIA_LABEL[m().state]}</span>
        </Show>
      </h3>
      <Show when={active(props.frame) || live()}>
        <div
          id="progress-bar"
          class="progress-bar"
          role="progressbar"
          aria-label={`Render progress for shot ${props.shot}`}
          aria-valuemin={0}
          aria-valuemax={100}
          aria-valuenow={progress()}
        >
          <div class="progress-fill" style={{ width: `${progress()}%` }} />
        </div>
      </Show>
      <Show when={live() && (active(props.frame) || timed())}>
        {/* biome-ignore lint/a11y/useSemanticElements: a group of stage rows, not a form section */}
        <div id="plugin-inspector" class="plugin-inspector" role="group" aria-label={`Stage timings for shot ${props.shot}`}>
          <For each={PLUGINS}>
            {(name) => {
              const p = () => live()?.plugins[name];
              return (
                <div class={`stage stage-${p()?.status ?? "waiting"}`}>
                  <span class="stage-name">{name.replace(/_/g, " ")}</span>
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
      <Show when={m().reason && (m().state === "blocked" || m().state === "failed" || m().state === "canceled")}>
        <p class="media-reason">{m().reason}</p>
      </Show>
      <Show when={shownImage(m()) && (m().state === "queued" || m().state === "running")}>
        <p class="muted small">The picture shown now stays on the card until this render succeeds.</p>
      </Show>
      <Show when={c.canEdit()}>
        <div class="media-actions">
          <Show when={active(props.frame) && m().jobId}>
            <button
              type="button"
              class="btn btn-secondary btn-small"
              aria-label={`Cancel the render of shot ${props.shot}`}
              onClick={() => j.cancelJob(m().jobId!)}
            >
              Cancel render
            </button>
          </Show>
          {/* A canceled render is final: "Render" below starts a new one. */}
          <Show when={(m().state === "failed" || m().state === "blocked") && m().jobId}>
            <button type="button" class="btn btn-secondary btn-small" aria-label={`Retry the render of shot ${props.shot}`} onClick={() => retry(props.frame)}>
              Retry render
            </button>
          </Show>
          <Show when={!active(props.frame)}>
            <button
              type="button"
              class="btn btn-primary btn-small"
              aria-label={`${renderWord()} for shot ${props.shot}`}
              onClick={() => j.generate(props.frame.id)}
            >
              {renderWord()}
            </button>
          </Show>
        </div>
        <Show when={sketching()}>
          <p class="muted small render-note">The sketch provider saves the live sketch, as the shot is now, as a picture you keep.</p>
        </Show>
      </Show>
      <Show when={history().length > 0}>
        <details class="render-history">
          <summary>
            {history().length} render{history().length === 1 ? "" : "s"} of this shot
          </summary>
          <ol class="job-list">
            <For each={history()}>
              {(x) => (
                <li class={`job job-${x.status}`}>
                  <span class={`job-status status-${x.status}`}>{x.status}</span>
                  <span class="muted small">
                    {x.provider} · attempt {x.attempt} · {new Date(x.createdAt).toLocaleString()}
                  </span>
                  <Show when={x.blockedReason}>
                    <span class="small">{x.blockedReason}</span>
                  </Show>
                </li>
              )}
            </For>
          </ol>
        </details>
      </Show>
    </section>
  );
}
