// The episode studio: the storyboard (script, beats, assets, frames) beside
// the chat with the production agent. It shows the room's authoritative board.
import { useParams } from "@solidjs/router";
import { createResource, For, Match, Show, Switch } from "solid-js";
import { shotLabel, type Board } from "../../../worker/domain/board";
import { api, describeError } from "../api";
import { Layout } from "../components/Layout";
import { Alert, EmptyState, Loading } from "../components/ui";

export function Studio() {
  const params = useParams<{ projectId: string; episodeId: string }>();
  const key = () => ({ projectId: params.projectId, episodeId: params.episodeId });
  const [project] = createResource(() => params.projectId, (id) => api.project(id));
  const [episode, { refetch: refetchEpisode }] = createResource(key, (k) => api.episode(k.projectId, k.episodeId));
  const [board, { refetch: refetchBoard }] = createResource(key, (k) => api.board(k.projectId, k.episodeId));

  return (
    <Layout
      wide
      crumbs={[
        { label: "Projects", href: "/projects" },
        { label: project()?.project.name ?? "Project", href: `/projects/${params.projectId}` },
        { label: episode()?.episode.title ?? "Episode" },
      ]}
    >
      <Switch>
        <Match when={episode.error}>
          <Alert onRetry={refetchEpisode}>{describeError(episode.error)}</Alert>
        </Match>
        <Match when={episode()}>
          {(ep) => (
            <div class="studio">
              <section class="board-area" aria-labelledby="board-h">
                <div class="page-head">
                  <h1 id="board-h">{ep().episode.title}</h1>
                  <span class={`role-badge role-${ep().role}`}>{ep().role}</span>
                </div>
                <Switch>
                  <Match when={board.loading}>
                    <Loading label="Loading storyboard…" />
                  </Match>
                  <Match when={board.error}>
                    <Alert onRetry={refetchBoard}>{describeError(board.error)}</Alert>
                  </Match>
                  <Match when={board()}>{(snap) => <BoardView board={snap().board} />}</Match>
                </Switch>
              </section>
              <aside class="chat-area" aria-labelledby="chat-h">
                <h2 id="chat-h">Production agent</h2>
                <EmptyState title="Start with an idea" icon="chat">
                  <p>
                    Describe the episode you want: for example <q>a 30-second ad for a night-time coffee shop, 6 shots</q>. The agent
                    will write the script, plan the beats and draw up the storyboard here, live.
                  </p>
                  <p class="muted small">The chat connects once this episode's live room is open.</p>
                </EmptyState>
              </aside>
            </div>
          )}
        </Match>
        <Match when={episode.loading}>
          <Loading label="Opening the studio…" />
        </Match>
      </Switch>
    </Layout>
  );
}

function BoardView(props: { board: Board }) {
  const isEmpty = () =>
    props.board.frames.length === 0 && props.board.script.text === "" && props.board.plan.beats.length === 0 && props.board.assets.length === 0;
  return (
    <Show
      when={!isEmpty()}
      fallback={
        <EmptyState title="This storyboard is empty" icon="frames">
          Ask the production agent for a script and shots in the chat beside the board. Frames appear here as they are written, and
          everyone on this episode sees them at once.
        </EmptyState>
      }
    >
      <Show when={props.board.script.text}>
        <section class="panel" aria-label="Script">
          <h2>Script</h2>
          <pre class="script">{props.board.script.text}</pre>
        </section>
      </Show>
      <Show when={props.board.frames.length > 0}>
        <section aria-label="Frames">
          <h2>Frames</h2>
          <ol class="frame-grid">
            <For each={props.board.frames}>
              {(f, i) => (
                <li class="frame-card">
                  <div class="frame-shot">Shot {shotLabel(f, i())}</div>
                  <h3>{f.title}</h3>
                  <p class="muted small">
                    {f.camera}
                    <Show when={f.durationSec !== null}> · {f.durationSec}s</Show>
                  </p>
                </li>
              )}
            </For>
          </ol>
        </section>
      </Show>
    </Show>
  );
}
