// The episode studio, storyboard first: the frames are the main view from
// the moment the first one is applied; the script, beats and cast sit in a
// side panel that folds away; the chat with the production agent is docked
// on the right, resizable and collapsible. Under 760 px the studio becomes
// four views (Board, Chat, Script, Cast), each one tap away.
import { useParams } from "@solidjs/router";
import { createResource, createSignal, For, Match, onCleanup, Show, Switch } from "solid-js";
import { api, describeError } from "../api";
import { Layout } from "../components/Layout";
import { deferred, Loaded, PanelPending } from "../components/deferred";
import { Alert, Loading } from "../components/ui";
import { StudioProvider } from "../studio/context";
import { FramesPanel } from "../studio/Frames";
import { ConnectionBar, ResetControl, ScriptPanel } from "../studio/Panels";
import { SettingsControl } from "../studio/SettingsControl";
import { createStudio } from "../studio/studio-state";
import "../studio/studio.css";
// With the history controls' stand-in, so the Undo button looks the same before and after they load.
import "../studio/history.css";

// What the board does not need comes as its own chunk, requested once the
// board is in (so nothing competes with its state), in a same-size stand-in
// until it arrives: the chat and the history controls at once, the side
// panel's Beats, Cast and Share tabs when first opened.
const ChatPanel = deferred(() => import("../studio/Chat").then((m) => m.ChatPanel));
const HistoryControls = deferred(() => import("../studio/History").then((m) => m.HistoryControls));
const BeatsPanel = deferred(() => import("../studio/Beats").then((m) => m.BeatsPanel));
const AssetsPanel = deferred(() => import("../studio/Cast").then((m) => m.AssetsPanel));
const SharePanel = deferred(() => import("../studio/Share").then((m) => m.SharePanel));

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

/** A media query as a signal. */
function useMedia(query: string) {
  const mq = window.matchMedia(query);
  const [matches, setMatches] = createSignal(mq.matches);
  const on = () => setMatches(mq.matches);
  mq.addEventListener("change", on);
  onCleanup(() => mq.removeEventListener("change", on));
  return matches;
}

type View = "board" | "chat" | "script" | "cast";
type SideTab = "script" | "beats" | "cast" | "share";
const VIEWS: { id: View; label: string }[] = [
  { id: "board", label: "Board" },
  { id: "chat", label: "Chat" },
  { id: "script", label: "Script" },
  { id: "cast", label: "Cast" },
];
const SIDE_TABS: { id: SideTab; label: string }[] = [
  { id: "script", label: "Script" },
  { id: "beats", label: "Beats" },
  { id: "cast", label: "Cast" },
  { id: "share", label: "Share" },
];

/** The history controls as they first render (nothing read yet), while their code loads. */
function HistoryPending() {
  return (
    <div class="history" aria-busy="true">
      <button type="button" class="btn btn-secondary btn-small history-undo" disabled>
        Undo
      </button>
      <button type="button" class="btn btn-secondary btn-small" disabled>
        Rewind…
      </button>
    </div>
  );
}

/** The docked chat's box and heading, while its code loads. */
function ChatPending() {
  return (
    <aside class="chat-area" aria-labelledby="chat-pending-h" aria-busy="true">
      <div class="chat-head">
        <h2 id="chat-pending-h">Production agent</h2>
      </div>
      <Loading label="Loading the chat…" />
    </aside>
  );
}

function stored<T extends string>(key: string, allowed: readonly T[], fallback: T): T {
  const v = localStorage.getItem(key);
  return allowed.includes(v as T) ? (v as T) : fallback;
}

function Room(props: { projectId: string; episodeId: string; title: string }) {
  const studio = createStudio(props.projectId, props.episodeId);
  const narrow = useMedia("(max-width: 760px)");
  const [chatWidth, setWidth] = createSignal(clampWidth(Number(localStorage.getItem("reelroom.chatWidth")) || 380));
  const [chatShown, setChatShown] = createSignal(localStorage.getItem("reelroom.chat") !== "hidden");
  const [sideOpen, setSideOpen] = createSignal(localStorage.getItem("reelroom.side") === "open");
  const [sideTab, setSideTab] = createSignal<SideTab>(stored("reelroom.sideTab", ["script", "beats", "cast", "share"], "script"));
  const [view, setView] = createSignal<View>("board");

  const setChatWidth = (w: number) => {
    setWidth(w);
    localStorage.setItem("reelroom.chatWidth", String(w));
  };
  const showChat = (shown: boolean) => {
    setChatShown(shown);
    localStorage.setItem("reelroom.chat", shown ? "shown" : "hidden");
  };
  const openSide = (tab: SideTab | null) => {
    setSideOpen(tab !== null);
    localStorage.setItem("reelroom.side", tab ? "open" : "closed");
    if (tab) {
      setSideTab(tab);
      localStorage.setItem("reelroom.sideTab", tab);
    }
  };
  const goView = (v: View) => {
    setView(v);
    if (v === "script" || v === "cast") openSide(v);
  };
  const toChat = (e: Event) => {
    e.preventDefault();
    showChat(true);
    setView("chat");
    requestAnimationFrame(() => document.getElementById("chat-input")?.focus());
  };
  const toBoard = (e: Event) => {
    e.preventDefault();
    setView("board");
    requestAnimationFrame(() => document.getElementById("board")?.focus());
  };

  return (
    <StudioProvider studio={studio}>
      <div
        class="studio"
        data-view={view()}
        classList={{ "chat-hidden": !chatShown(), "side-open": sideOpen(), narrow: narrow() }}
        style={{ "--chat-w": `${chatWidth()}px` }}
      >
        <div class="skip-links">
          {/* biome-ignore lint/a11y/useValidAnchor: a skip link is a link to its target; the click also brings a folded or off-screen view forward */}
          <a href="#board" class="skip-link" onClick={toBoard}>
            Skip to the storyboard
          </a>
          {/* biome-ignore lint/a11y/useValidAnchor: as above, for the chat */}
          <a href="#chat-input" class="skip-link" onClick={toChat}>
            Skip to the chat
          </a>
        </div>
        <div class="studio-head">
          <h1 id="board-h">{props.title}</h1>
          <Show when={studio.role()}>
            <span class={`role-badge role-${studio.role()}`}>{studio.role()}</span>
          </Show>
          <ConnectionBar studio={studio} />
          <div class="head-end">
            {/* Its code and its first read of the history wait for the board: nothing competes with the board's state. */}
            <Show when={studio.board.board} fallback={<HistoryPending />}>
              <Loaded part={HistoryControls} fallback={<HistoryPending />}>
                <HistoryControls
                  projectId={props.projectId}
                  episodeId={props.episodeId}
                  seq={() => studio.board.seq ?? null}
                  canEdit={studio.canEdit}
                  previewRewind={studio.previewRewind}
                  rewind={studio.rewind}
                  undoRun={studio.undoRun}
                />
              </Loaded>
            </Show>
            <ResetControl studio={studio} title={props.title} />
            <SettingsControl projectId={props.projectId} isOwner={() => studio.role() === "owner"} />
          </div>
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
        <Show when={narrow()}>
          <nav class="view-tabs" aria-label="Studio views">
            <For each={VIEWS}>
              {(v) => (
                <button type="button" class="view-tab" aria-pressed={view() === v.id} onClick={() => goView(v.id)}>
                  {v.label}
                  <Show when={v.id === "chat" && studio.agentBusy()}>
                    <span class="dot-busy" aria-hidden="true" />
                    <span class="sr-only"> (the agent is writing)</span>
                  </Show>
                </button>
              )}
            </For>
          </nav>
        </Show>
        <Show when={studio.board.board} fallback={<Loading label="Loading storyboard…" />}>
          <div class="studio-body">
            <aside class="side" classList={{ open: sideOpen() || narrow() }} aria-label="Script, beats and cast">
              {/* biome-ignore lint/a11y/useSemanticElements: a toggle-button group, not a form section */}
              <div class="side-tabs" role="group" aria-label="Side panel">
                <For each={SIDE_TABS}>
                  {(t) => (
                    <button
                      type="button"
                      class="side-tab"
                      aria-pressed={sideOpen() && sideTab() === t.id}
                      onClick={() => openSide(sideOpen() && sideTab() === t.id && !narrow() ? null : t.id)}
                    >
                      {t.label}
                    </button>
                  )}
                </For>
              </div>
              <Show when={sideOpen() || narrow()}>
                <div class="side-body">
                  <Switch>
                    <Match when={sideTab() === "script"}>
                      <ScriptPanel studio={studio} />
                    </Match>
                    <Match when={sideTab() === "beats"}>
                      <Loaded part={BeatsPanel} fallback={<PanelPending label="Loading the beats…" />}>
                        <BeatsPanel studio={studio} />
                      </Loaded>
                    </Match>
                    <Match when={sideTab() === "cast"}>
                      <Loaded part={AssetsPanel} fallback={<PanelPending label="Loading the cast…" />}>
                        <AssetsPanel studio={studio} />
                      </Loaded>
                    </Match>
                    <Match when={sideTab() === "share"}>
                      <Loaded part={SharePanel} fallback={<PanelPending label="Loading review links and exports…" />}>
                        <SharePanel projectId={props.projectId} episodeId={props.episodeId} canEdit={studio.canEdit} seq={() => studio.board.seq ?? null} />
                      </Loaded>
                    </Match>
                  </Switch>
                </div>
              </Show>
            </aside>
            <div class="board-area">
              <FramesPanel />
            </div>
            <Show
              when={chatShown() || narrow()}
              fallback={
                <button type="button" class="chat-rail" onClick={() => showChat(true)} aria-label="Show the chat">
                  <span aria-hidden="true">⟨</span>
                  <span class="chat-rail-label">Chat</span>
                  <Show when={studio.agentBusy()}>
                    <span class="dot-busy" aria-hidden="true" />
                  </Show>
                </button>
              }
            >
              <Show when={!narrow()}>
                <Splitter width={chatWidth()} onChange={setChatWidth} />
              </Show>
              <Loaded part={ChatPanel} fallback={<ChatPending />}>
                <ChatPanel studio={studio} onCollapse={narrow() ? undefined : () => showChat(false)} />
              </Loaded>
            </Show>
          </div>
        </Show>
      </div>
    </StudioProvider>
  );
}
