// The episode studio: the live storyboard (script, beats, assets, frames)
// beside the chat with the production agent. The board comes from the
// episode's room over the realtime connection and stays in step with it.
import { useParams } from "@solidjs/router";
import { createResource, createSignal, Match, Show, Switch } from "solid-js";
import { api, describeError } from "../api";
import { Layout } from "../components/Layout";
import { Alert, Loading } from "../components/ui";
import { ChatPanel } from "../studio/Chat";
import { FramesPanel } from "../studio/Frames";
import { JobsPanel } from "../studio/Media";
import { AssetsPanel, BeatsPanel, ConnectionBar, HistoryControls, ResetControl, ScriptPanel } from "../studio/Panels";
import { createStudio } from "../studio/studio-state";

export function Studio() {
  const params = useParams<{ projectId: string; episodeId: string }>();
  const key = () => ({ projectId: params.projectId, episodeId: params.episodeId });
  const [project] = createResource(
    () => params.projectId,
    (id) => api.project(id),
  );
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

const CHAT_MIN = 280;
const CHAT_MAX = 720;
const clampWidth = (w: number) => Math.round(Math.min(CHAT_MAX, Math.max(CHAT_MIN, w)));

/** The divider between board and chat: drag it, or focus it and use ←/→. */
function Splitter(props: { width: number; onChange: (w: number) => void }) {
  const drag = (e: PointerEvent) => {
    const startX = e.clientX;
    const start = props.width;
    const target = e.currentTarget as HTMLElement;
    target.setPointerCapture(e.pointerId);
    const move = (ev: PointerEvent) => props.onChange(clampWidth(start + (startX - ev.clientX)));
    const up = () => {
      target.removeEventListener("pointermove", move);
      target.removeEventListener("pointerup", up);
    };
    target.addEventListener("pointermove", move);
    target.addEventListener("pointerup", up);
  };
  return (
    // biome-ignore lint/a11y/useSemanticElements: a focusable, draggable splitter is a separator widget; <hr> cannot take focus or keys
    <div
      class="splitter"
      role="separator"
      aria-orientation="vertical"
      aria-label="Resize the chat"
      aria-valuemin={CHAT_MIN}
      aria-valuemax={CHAT_MAX}
      aria-valuenow={props.width}
      tabindex="0"
      onPointerDown={drag}
      onKeyDown={(e) => {
        if (e.key === "ArrowLeft") props.onChange(clampWidth(props.width + 24));
        else if (e.key === "ArrowRight") props.onChange(clampWidth(props.width - 24));
        else return;
        e.preventDefault();
      }}
    />
  );
}

function Room(props: { projectId: string; episodeId: string; title: string }) {
  const studio = createStudio(props.projectId, props.episodeId);
  const saved = Number(localStorage.getItem("reelroom.chatWidth"));
  const [chatWidth, setWidth] = createSignal(saved ? clampWidth(saved) : 380);
  const setChatWidth = (w: number) => {
    setWidth(w);
    localStorage.setItem("reelroom.chatWidth", String(w));
  };
  return (
    <div class="studio" style={{ "--chat-w": `${chatWidth()}px` }}>
      <section class="board-area" aria-labelledby="board-h">
        <div class="page-head studio-head">
          <h1 id="board-h">{props.title}</h1>
          <Show when={studio.role()}>
            <span class={`role-badge role-${studio.role()}`}>{studio.role()}</span>
          </Show>
          <ConnectionBar studio={studio} />
          <HistoryControls studio={studio} />
          <ResetControl studio={studio} title={props.title} />
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
          <JobsPanel studio={studio} />
        </Show>
      </section>
      <Splitter width={chatWidth()} onChange={setChatWidth} />
      <ChatPanel studio={studio} />
    </div>
  );
}
