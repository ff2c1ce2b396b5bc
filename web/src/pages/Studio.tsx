// The episode studio: the live storyboard (script, beats, assets, frames)
// beside the chat with the production agent. The board comes from the
// episode's room over the realtime connection and stays in step with it.
import { useParams } from "@solidjs/router";
import { createResource, Match, Show, Switch } from "solid-js";
import { api, describeError } from "../api";
import { Layout } from "../components/Layout";
import { Alert, EmptyState, Loading } from "../components/ui";
import { FramesPanel } from "../studio/Frames";
import { AssetsPanel, BeatsPanel, ConnectionBar, HistoryControls, ScriptPanel } from "../studio/Panels";
import { createStudio } from "../studio/studio-state";

export function Studio() {
  const params = useParams<{ projectId: string; episodeId: string }>();
  const key = () => ({ projectId: params.projectId, episodeId: params.episodeId });
  const [project] = createResource(() => params.projectId, (id) => api.project(id));
  const [episode, { refetch: refetchEpisode }] = createResource(key, (k) => api.episode(k.projectId, k.episodeId));

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
        <Match when={episode()}>{(ep) => <Room projectId={params.projectId} episodeId={params.episodeId} title={ep().episode.title} />}</Match>
        <Match when={episode.loading}>
          <Loading label="Opening the studio…" />
        </Match>
      </Switch>
    </Layout>
  );
}

function Room(props: { projectId: string; episodeId: string; title: string }) {
  const studio = createStudio(props.projectId, props.episodeId);
  return (
    <div class="studio">
      <section class="board-area" aria-labelledby="board-h">
        <div class="page-head studio-head">
          <h1 id="board-h">{props.title}</h1>
          <Show when={studio.role()}>
            <span class={`role-badge role-${studio.role()}`}>{studio.role()}</span>
          </Show>
          <ConnectionBar studio={studio} />
          <HistoryControls studio={studio} />
        </div>
        <Show when={studio.notice()}>
          {(n) => (
            <div class={`alert alert-${n().kind} notice`} role={n().kind === "error" ? "alert" : "status"}>
              <span>{n().text}</span>
              <button type="button" class="btn btn-secondary btn-small" onClick={() => studio.dismissNotice()}>
                Dismiss
              </button>
            </div>
          )}
        </Show>
        <Show when={studio.board.board} fallback={<Loading label="Loading storyboard…" />}>
          <div class="board-top">
            <ScriptPanel studio={studio} />
            <div class="board-side">
              <BeatsPanel studio={studio} />
              <AssetsPanel studio={studio} />
            </div>
          </div>
          <FramesPanel studio={studio} />
        </Show>
      </section>
      <aside class="chat-area" aria-labelledby="chat-h">
        <h2 id="chat-h">Production agent</h2>
        <EmptyState title="Start with an idea" icon="chat">
          <p>
            Describe the episode you want: for example <q>a 30-second ad for a night-time coffee shop, 6 shots</q>. The agent will write the
            script, plan the beats and draw up the storyboard here, live.
          </p>
          <p class="muted small">The production agent is not connected to this room yet.</p>
        </EmptyState>
      </aside>
    </div>
  );
}
