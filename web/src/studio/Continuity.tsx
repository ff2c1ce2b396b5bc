// The continuity list: what checkContinuity (worker/domain/continuity.ts)
// finds on the live board, each entry a button that brings its frame's card
// into view and focuses it, so the person can fix it there (Enter edits).
import { createEffect, createSignal, For, on, onCleanup, Show } from "solid-js";
import { checkContinuity, type Issue } from "../../../worker/domain/continuity";
import type { Studio } from "./studio-state";

const KIND_LABEL: Record<Issue["kind"], string> = {
  unattached: "Not attached",
  undescribed: "Not described",
  no_camera: "No camera",
  no_duration: "No duration",
  jump_cut: "Jump cut",
  uncast: "Not in the cast",
  running_time: "Running time",
};

export function ContinuityPanel(props: { studio: Studio; onShowFrame: (frameId: string) => void }) {
  // The check reads every frame's text against every asset: on a big board while the agent
  // writes, it runs once the board has been quiet for a moment, not on every event.
  const [issues, setIssues] = createSignal<Issue[]>([]);
  let timer: ReturnType<typeof setTimeout> | undefined;
  // A board half-written by the agent is not a board with problems: the check waits for the answer to end.
  const writing = () => props.studio.agentBusy();
  createEffect(
    on(
      () => [props.studio.board.seq, writing()] as const,
      ([, busy]) => {
        clearTimeout(timer);
        if (busy) return;
        timer = setTimeout(() => {
          const board = props.studio.board.board;
          setIssues(board ? checkContinuity(board) : []);
        }, 250);
      },
    ),
  );
  onCleanup(() => clearTimeout(timer));
  return (
    <section class="panel continuity-panel" aria-labelledby="continuity-h">
      <div class="panel-head">
        <h2 id="continuity-h">Continuity</h2>
        <span class="muted small" role="status">
          {writing()
            ? "Checked when the agent has finished"
            : issues().length === 0
              ? "No issues"
              : `${issues().length} issue${issues().length === 1 ? "" : "s"}`}
        </span>
      </div>
      <Show
        when={!writing() && issues().length > 0}
        fallback={
          <Show when={!writing()}>
            <p class="muted small">Every named cast member, place and prop is attached; shots have a camera and a length.</p>
          </Show>
        }
      >
        <ul class="asset-list continuity-list">
          <For each={issues()}>
            {(issue) => (
              <li class={`asset continuity-issue continuity-${issue.kind}`} data-kind={issue.kind}>
                <span class="chip">{KIND_LABEL[issue.kind]}</span>{" "}
                <Show when={issue.frameId} fallback={<span>{issue.message}</span>}>
                  {(frameId) => (
                    <button type="button" class="link-btn" title="Show this shot" onClick={() => props.onShowFrame(frameId())}>
                      {issue.message}
                    </button>
                  )}
                </Show>
              </li>
            )}
          </For>
        </ul>
      </Show>
    </section>
  );
}
