// One episode's live studio: the composition root of its domain stores
// (connection, board, chat, jobs, selection), wired to one realtime
// connection. Each store is its own module with a pure, tested core; the
// contexts in context.tsx hand them to the components. Every board change
// goes out as a board_command through `send`.
import { createSignal, onCleanup } from "solid-js";
import type { Role } from "../../../worker/domain/api";
import type { Aspect, Frame } from "../../../worker/domain/board";
import type { Command } from "../../../worker/domain/commands";
import type { ProjectSettings } from "../../../worker/domain/costs";
import type { Impact } from "../../../worker/domain/events";
import type { Peer, ServerMessage } from "../../../worker/domain/protocol";
import { api, describeError } from "../api";
import { createBoardState, touchedFrames } from "../lib/board-state";
import { type ConnectionStatus, type ConnState, RealtimeConnection } from "../lib/realtime";
import { renderTargets } from "./model/frames";
import { outOfDateTargets } from "./model/pictures";
import type { CommentSend } from "./Comments";
import { createChat } from "./stores/chat";
import { createComments } from "./stores/comments";
import { createJobs } from "./stores/jobs";
import { createProposals } from "./stores/proposals";
import { createSelection } from "./stores/selection";
import { createUploads } from "./stores/uploads";

export type { AgentStatus, ChatMessage } from "../../../worker/domain/chat";

const FLASH_MS = 1600;

export interface SendResult {
  ok: boolean;
  message?: string;
}

export function createStudio(projectId: string, episodeId: string) {
  const board = createBoardState();
  const [conn, setConn] = createSignal<ConnState>("IDLE");
  const [connDetail, setConnDetail] = createSignal<string>();
  const [connStatus, setConnStatus] = createSignal<ConnectionStatus>({ state: "IDLE", waiting: 0, offline: false, retryable: true });
  const [peers, setPeers] = createSignal<Peer[]>([]);
  const [role, setRole] = createSignal<Role>();
  const [me, setMe] = createSignal<string>();
  const [flash, setFlash] = createSignal<ReadonlySet<string>>(new Set());
  const [notice, setNotice] = createSignal<{ kind: "error" | "info"; text: string }>();
  // An info notice ("Queued 7 renders.") goes after a few seconds; an error stays until dismissed.
  let noticeTimer: ReturnType<typeof setTimeout> | undefined;
  const notify = (kind: "error" | "info", text: string) => {
    const n = { kind, text };
    setNotice(n);
    clearTimeout(noticeTimer);
    if (kind === "info") noticeTimer = setTimeout(() => setNotice((cur) => (cur === n ? undefined : cur)), 8_000);
  };
  onCleanup(() => clearTimeout(noticeTimer));

  const chat = createChat(projectId, episodeId);
  // Comments and frame reviews live beside the board in the room (CONTRACT 9).
  const comments = createComments();
  const jobs = createJobs(projectId, episodeId, notify);
  // Pictures people upload, drop or paste (CONTRACT 12).
  const uploads = createUploads(projectId, episodeId);
  const frameIds = () => board.state.board?.frames.map((f) => f.id) ?? [];
  // Frames picked on the board: batch actions and the next message to the agent are about them (CONTRACT 6 scope).
  const selection = createSelection(frameIds);

  // Frames this tab just changed: their events are not highlighted as news.
  const mine = new Set<string>();
  const highlight = (ids: string[]) => {
    const fresh = ids.filter((id) => !mine.delete(id));
    if (fresh.length === 0) return;
    setFlash((s) => new Set([...s, ...fresh]));
    setTimeout(() => setFlash((s) => new Set([...s].filter((id) => !fresh.includes(id)))), FLASH_MS);
  };

  const onMessage = (msg: ServerMessage) => {
    comments.onMessage(msg);
    proposals.onMessage(msg);
    chat.onMessage(msg);
    jobs.onMessage(msg);
    switch (msg.type) {
      case "metadata":
        setRole(msg.payload.role);
        setMe(msg.payload.user.id);
        setPeers(msg.payload.peers);
        // Messages and jobs committed while this tab was away come with a fresh list.
        chat.onMetadata(msg.payload.agent);
        jobs.refresh();
        if (board.applyMetadata(msg.payload) === "gap") connection.resync();
        break;
      case "board_event": {
        const result = board.applyEvent(msg.seq ?? -1, msg.payload.event);
        if (result === "gap") connection.resync();
        if (result === "applied") highlight(touchedFrames(msg.payload.event));
        break;
      }
      case "presence":
        setPeers(msg.payload.peers);
        break;
      case "error":
        notify("error", msg.payload.message);
        break;
      case "warning":
        // A job's warning shows on its frame; the rest (a rejected agent command, …) as a notice.
        if (!msg.payload.jobId || !jobs.knows(msg.payload.jobId)) notify("info", msg.payload.message);
        break;
    }
  };

  const url = (since: number | null) => {
    const proto = location.protocol === "https:" ? "wss:" : "ws:";
    const q = new URLSearchParams({ project: projectId, episode: episodeId });
    if (since !== null) q.set("since", String(since));
    return `${proto}//${location.host}/api/v1/realtime?${q}`;
  };

  // What the agent proposes instead of applying (CONTRACT 14), shown as ghosts on the cards.
  const proposals = createProposals({
    board: () => board.state.board,
    me,
    request: (payload) => connection.request("proposal_decide", payload),
  });

  const connection = new RealtimeConnection({
    url,
    currentSeq: () => board.state.seq,
    onMessage,
    onState: (s, detail) => {
      setConn(s);
      setConnDetail(detail);
    },
    // The connection follows the browser's online/offline itself and counts what waits in its outbox.
    onStatus: setConnStatus,
  });
  connection.start();
  onCleanup(() => connection.close());

  const fail = (prefix: string, message: string): SendResult => {
    notify("error", `${prefix}${message}`);
    return { ok: false, message };
  };

  /** Sends one board command; resolves once the room accepted or refused it. */
  async function send(command: Command): Promise<SendResult> {
    const frameId = "id" in command ? command.id : command.type === "add_frame" ? command.frame.id : undefined;
    if (frameId) mine.add(frameId);
    const ack = await connection.request("board_command", { command });
    if (!ack.ok) {
      if (frameId) mine.delete(frameId);
      return fail("Not applied: ", ack.error.message);
    }
    return { ok: true };
  }

  async function previewRewind(toSeq: number): Promise<{ ok: true; impact: Impact; events: number } | { ok: false; message: string }> {
    const ack = await connection.request("rewind", { toSeq, dryRun: true });
    if (!ack.ok) return { ok: false, message: ack.error.message };
    const r = ack.result;
    if (!("dryRun" in r)) return { ok: false, message: "The room rewound instead of previewing." };
    return { ok: true, impact: r.impact, events: r.events };
  }

  async function rewind(toSeq: number): Promise<SendResult> {
    const ack = await connection.request("rewind", { toSeq });
    if (!ack.ok) return fail("Could not rewind: ", ack.error.message);
    notify("info", `Rewound to step ${toSeq}. Undo brings the changes back.`);
    return { ok: true };
  }

  async function sendChat(text: string): Promise<SendResult> {
    const frameIds = selection.ids();
    chat.setSending(text);
    const ack = await connection.request("chat_send", {
      text,
      ...(frameIds.length ? { scope: { frameIds } } : {}),
      // "Suggest first": the answer's changes wait as a proposal instead of landing on the board.
      ...(proposals.suggest() ? { mode: "suggest" as const } : {}),
    });
    chat.setSending(null);
    if (!ack.ok) return fail("", ack.error.message);
    selection.clear();
    return { ok: true };
  }

  /**
   * "Apply the notes" (CONTRACT 9): the agent gets the open comments of the
   * picked frames (of every frame when none is picked) as its instruction,
   * scoped to those frames, and resolves the ones it acted on.
   */
  async function applyNotes(): Promise<SendResult> {
    const frameIds = selection.ids();
    const text = "Apply the open notes";
    chat.setSending(text);
    const ack = await connection.request("chat_send", {
      text,
      notes: true,
      ...(frameIds.length ? { scope: { frameIds } } : {}),
      ...(proposals.suggest() ? { mode: "suggest" as const } : {}),
    });
    chat.setSending(null);
    if (!ack.ok) return fail("", ack.error.message);
    selection.clear();
    return { ok: true };
  }

  /** Redoes the last message with new words; its answer is reverted and hidden. */
  async function editMessage(messageId: string, text: string): Promise<SendResult> {
    const ack = await connection.request("chat_edit", { messageId, text });
    return ack.ok ? { ok: true } : fail("", ack.error.message);
  }

  /** Empties the board (owner, confirmed by the episode's title); a rewind brings it back. */
  async function reset(confirm: string): Promise<SendResult> {
    const ack = await connection.request("reset", { confirm });
    if (!ack.ok) return { ok: false, message: ack.error.message };
    notify("info", "The episode was reset. Undo or Rewind brings everything back.");
    return { ok: true };
  }

  const simple = async (type: "chat_stop" | "chat_regenerate" | "chat_continue", payload: object) => {
    const ack = await connection.request(type, payload as never);
    if (!ack.ok) notify("error", ack.error.message);
  };

  /** Reverts one run (a person's edit, an agent answer, a rewind); the history's Undo undoes the undo. */
  async function undoRun(runId: string): Promise<void> {
    const ack = await connection.request("undo_run", { runId });
    if (!ack.ok) notify("error", `Could not undo: ${ack.error.message}`);
    else notify("info", "Undone. Undo again, or Rewind, brings it back.");
  }

  const frames = (): Frame[] => board.state.board?.frames ?? [];
  const board_ = () => board.state.board;

  const sendComment: CommentSend = async (type, payload) => {
    const ack = await connection.request(type, payload as never);
    return ack.ok ? { ok: true } : { ok: false, message: ack.error.message };
  };

  /** The frames a batch would render: "missing", "all", or "outdated" (renders whose shot changed since), within the selection when there is one. */
  const batchTargets = (mode: BatchMode): Frame[] => {
    const board = board_();
    if (mode === "outdated") return board ? outOfDateTargets(board, selection.ids()) : [];
    return renderTargets(frames(), mode, selection.ids());
  };

  // The media provider a render gets (MEDIA_PROVIDER), read once when first asked: the render buttons say what it does.
  const [provider, setProvider] = createSignal<string>();
  let providerAsked = false;
  const mediaProvider = () => {
    if (!providerAsked) {
      providerAsked = true;
      api.consent(projectId).then(
        (s) => setProvider(s.mediaProvider),
        () => setProvider(undefined),
      );
    }
    return provider();
  };

  /** The project's media provider, budget and spend, for the cost shown before a batch; undefined when they cannot be read. */
  async function projectSettings(): Promise<ProjectSettings | undefined> {
    try {
      const settings = await api.consent(projectId);
      setProvider(settings.mediaProvider);
      return settings;
    } catch (err) {
      notify("error", `Could not read the project's render settings: ${describeError(err)}`);
      return undefined;
    }
  }

  return {
    projectId,
    episodeId,
    // connection
    conn,
    connDetail,
    connStatus,
    peers,
    role,
    me,
    canEdit: () => role() === "owner" || role() === "editor",
    reconnect: () => connection.reconnectNow(),
    // board
    board: board.state,
    frames,
    flash,
    send,
    setAspect: (aspect: Aspect) => send({ type: "set_format", aspect }),
    previewRewind,
    rewind,
    reset,
    // chat
    chat,
    messages: chat.messages,
    draft: chat.draft,
    agent: chat.agent,
    agentBusy: chat.busy,
    chatSend: sendChat,
    applyNotes,
    editMessage,
    stop: () => simple("chat_stop", chat.agent().runId ? { runId: chat.agent().runId } : {}),
    regenerate: () => simple("chat_regenerate", {}),
    /** Picks up an answer the model cut off at its length limit. */
    continueAnswer: () => simple("chat_continue", {}),
    undoRun,
    // jobs
    jobList: jobs.jobs,
    live: () => jobs.live(),
    generate: (frameId: string) => jobs.generate(frameId),
    /** The frames a batch would render now: "missing" (Generate all), "all" (Re-render all) or "outdated" (Re-render out of date). */
    batchFrames: (mode: BatchMode = "missing") => batchTargets(mode),
    renderBatch: (mode: BatchMode) => jobs.generateMany(batchTargets(mode), mediaProvider() === "sketch"),
    projectSettings,
    /** The provider renders use ("sketch" keeps the live sketch as a picture); undefined until read. */
    mediaProvider,
    cancelJob: (jobId: string) => jobs.cancel(jobId),
    retryJob: (jobId: string) => jobs.retry(jobId),
    // pictures
    uploads,
    // comments and approvals
    comments,
    // proposals (CONTRACT 14)
    proposals,
    sendComment,
    // selection
    selection,
    selected: selection.ids,
    toggleSelected: selection.toggle,
    clearSelected: selection.clear,
    // notices
    notice,
    dismissNotice: () => setNotice(),
    announce: (text: string) => notify("info", text),
  };
}
export type Studio = ReturnType<typeof createStudio>;
export type BatchMode = "missing" | "all" | "outdated";

export function newFrameId(): string {
  return `f${Math.random().toString(36).slice(2, 10)}`;
}
