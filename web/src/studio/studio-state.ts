// One episode's live studio state: the realtime connection, the board it
// keeps in step with the room, presence, and the person's own edits (for
// undo). Pages read it; every change goes out as a board_command.
import { createSignal, onCleanup } from "solid-js";
import { createStore, produce } from "solid-js/store";
import type { ProjectSettings } from "../../../worker/domain/costs";
import type { Job } from "../../../worker/domain/jobs";
import { api, describeError } from "../api";
import { z } from "zod";
import type { Role } from "../../../worker/domain/api";
import type { Command } from "../../../worker/domain/commands";
import type { Impact } from "../../../worker/domain/events";
import type { Peer, ServerMessage } from "../../../worker/domain/protocol";
import { type AgentStatus, ChatMessage } from "../../../worker/domain/chat";

export type { AgentStatus, ChatMessage };
import { createBoardState, touchedFrames } from "../lib/board-state";
import { type ConnState, RealtimeConnection } from "../lib/realtime";

const FLASH_MS = 1600;

export interface SendResult {
  ok: boolean;
  message?: string;
}

export function createStudio(projectId: string, episodeId: string) {
  const board = createBoardState();
  const [conn, setConn] = createSignal<ConnState>("IDLE");
  const [connDetail, setConnDetail] = createSignal<string>();
  const [peers, setPeers] = createSignal<Peer[]>([]);
  const [role, setRole] = createSignal<Role>();
  const [me, setMe] = createSignal<string>();
  // Frames picked on the board: the next message to the agent is about them only (CONTRACT 6 scope).
  const [selected, setSelected] = createSignal<string[]>([]);
  const [flash, setFlash] = createSignal<ReadonlySet<string>>(new Set());
  const [notice, setNotice] = createSignal<{ kind: "error" | "info"; text: string }>();
  const [undoStack, setUndoStack] = createSignal<string[]>([]);
  const [messages, setMessages] = createSignal<ChatMessage[]>([]);
  const [draft, setDraft] = createSignal<{ runId: string; text: string } | null>(null);
  const [agent, setAgent] = createSignal<AgentStatus>({ status: "idle" });
  // A message sent again under its id (marked superseded by an edit or a regenerate) replaces the one held.
  const addMessage = (m: ChatMessage) => setMessages((list) => (list.some((x) => x.id === m.id) ? list.map((x) => (x.id === m.id ? m : x)) : [...list, m]));
  const loadMessages = async () => {
    try {
      const res = await fetch(`/api/v1/projects/${encodeURIComponent(projectId)}/episodes/${encodeURIComponent(episodeId)}/messages`, {
        credentials: "same-origin",
      });
      if (!res.ok) return;
      const parsed = z.object({ messages: z.array(ChatMessage) }).safeParse(await res.json());
      if (parsed.success) setMessages(parsed.data.messages);
    } catch {
      // the connection state already tells the person; the next metadata retries
    }
  };

  // Live job state per frame, from progress / plugin_status / warning events.
  const [live, setLive] = createStore<
    Record<string, { jobId: string; progress: number; plugins: Record<string, { status: string; ms?: number }>; warnings: string[] }>
  >({});
  const [jobs, setJobs] = createSignal<Job[]>([]);
  const jobFrame = new Map<string, string>();
  let jobsTimer: ReturnType<typeof setTimeout> | undefined;
  const refreshJobs = () => {
    clearTimeout(jobsTimer);
    jobsTimer = setTimeout(async () => {
      try {
        setJobs((await api.jobs(projectId, episodeId)).jobs);
      } catch {
        // the list is a convenience; the board already shows each frame's state
      }
    }, 150);
  };
  const liveFor = (jobId: string, frameId: string) => {
    jobFrame.set(jobId, frameId);
    if (live[frameId]?.jobId !== jobId) setLive(frameId, { jobId, progress: 0, plugins: {}, warnings: [] });
  };

  // Frames this tab just changed: their events are not highlighted as news.
  const mine = new Set<string>();

  const highlight = (ids: string[]) => {
    const fresh = ids.filter((id) => !mine.delete(id));
    if (fresh.length === 0) return;
    setFlash((s) => new Set([...s, ...fresh]));
    setTimeout(() => setFlash((s) => new Set([...s].filter((id) => !fresh.includes(id)))), FLASH_MS);
  };

  const onMessage = (msg: ServerMessage) => {
    switch (msg.type) {
      case "metadata":
        setRole(msg.payload.role);
        setMe(msg.payload.user.id);
        setPeers(msg.payload.peers);
        {
          const { text, ...status } = msg.payload.agent;
          setAgent(status);
          // A tab that joins mid-run shows the answer whole: the prose so far, then the deltas that follow.
          if (status.status === "idle" || !status.runId) setDraft(null);
          else setDraft({ runId: status.runId, text: text ?? "" });
        }
        // Messages and jobs committed while this tab was away come with a fresh list.
        void loadMessages();
        refreshJobs();
        if (board.applyMetadata(msg.payload) === "gap") connection.resync();
        break;
      case "board_event": {
        const result = board.applyEvent(msg.seq ?? -1, msg.payload.event);
        if (result === "gap") connection.resync();
        if (result === "applied") highlight(touchedFrames(msg.payload.event));
        if (msg.payload.event.kind === "set_frame_media") {
          const { id, media } = msg.payload.event.data;
          if (media.jobId && (media.state === "queued" || media.state === "running")) liveFor(media.jobId, id);
          refreshJobs();
        }
        break;
      }
      case "progress": {
        const p = msg.payload;
        liveFor(p.jobId, p.frameId);
        // Never backwards within an attempt.
        setLive(p.frameId, "progress", (old) => Math.max(old ?? 0, p.progress));
        break;
      }
      case "plugin_status": {
        const p = msg.payload;
        const frameId = jobFrame.get(p.jobId);
        if (frameId) setLive(frameId, "plugins", p.plugin, { status: p.status, ms: p.timing_ms });
        break;
      }
      case "frame":
        refreshJobs();
        break;
      case "presence":
        setPeers(msg.payload.peers);
        break;
      case "chat_message":
        addMessage(msg.payload);
        if (msg.payload.role === "assistant") setDraft(null);
        break;
      case "partial_result": {
        const p = msg.payload;
        // Job stage data travels as partial_result too; only a run's prose goes to the chat.
        if ("delta" in p) setDraft((d) => (d && d.runId === p.runId ? { runId: d.runId, text: d.text + p.delta } : { runId: p.runId, text: p.delta }));
        break;
      }
      case "agent_status":
        setAgent(msg.payload);
        break;
      case "error":
        setNotice({ kind: "error", text: msg.payload.message });
        break;
      case "warning": {
        const frameId = msg.payload.jobId ? jobFrame.get(msg.payload.jobId) : undefined;
        if (frameId)
          setLive(
            frameId,
            "warnings",
            produce((w) => void w.push(msg.payload.message)),
          );
        else setNotice({ kind: "info", text: msg.payload.message });
        break;
      }
    }
  };

  const url = (since: number | null) => {
    const proto = location.protocol === "https:" ? "wss:" : "ws:";
    const q = new URLSearchParams({ project: projectId, episode: episodeId });
    if (since !== null) q.set("since", String(since));
    return `${proto}//${location.host}/api/v1/realtime?${q}`;
  };

  const connection = new RealtimeConnection({
    url,
    currentSeq: () => board.state.seq,
    onMessage,
    onState: (s, detail) => {
      setConn(s);
      setConnDetail(detail);
    },
  });
  connection.start();
  const online = () => connection.reconnectNow();
  window.addEventListener("online", online);
  onCleanup(() => {
    window.removeEventListener("online", online);
    connection.close();
  });

  /** Sends one board command; resolves once the room accepted or refused it. */
  async function send(command: Command): Promise<SendResult> {
    const frameId = "id" in command ? command.id : command.type === "add_frame" ? command.frame.id : undefined;
    if (frameId) mine.add(frameId);
    const ack = await connection.request("board_command", { command });
    if (!ack.ok) {
      if (frameId) mine.delete(frameId);
      setNotice({ kind: "error", text: `Not applied: ${ack.error.message}` });
      return { ok: false, message: ack.error.message };
    }
    setUndoStack((s) => [...s.slice(-49), ack.result.runId]);
    return { ok: true };
  }

  async function undo(): Promise<void> {
    const runId = undoStack().at(-1);
    if (!runId) return;
    const ack = await connection.request("undo_run", { runId });
    setUndoStack((s) => s.slice(0, -1));
    if (!ack.ok) setNotice({ kind: "error", text: `Could not undo: ${ack.error.message}` });
    else setNotice({ kind: "info", text: "Undone." });
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
    if (!ack.ok) {
      setNotice({ kind: "error", text: `Could not rewind: ${ack.error.message}` });
      return { ok: false, message: ack.error.message };
    }
    const runId = "runId" in ack.result ? ack.result.runId : undefined;
    if (runId) setUndoStack((s) => [...s, runId]);
    setNotice({ kind: "info", text: `Rewound to step ${toSeq}. Undo brings the changes back.` });
    return { ok: true };
  }

  const agentBusy = () => ["pending", "streaming", "stopping"].includes(agent().status);

  async function chat(text: string): Promise<SendResult> {
    // Only frames still on the board can scope a message.
    const frameIds = selected().filter((id) => board.state.board?.frames.some((f) => f.id === id));
    const ack = await connection.request("chat_send", frameIds.length ? { text, scope: { frameIds } } : { text });
    if (!ack.ok) {
      setNotice({ kind: "error", text: ack.error.message });
      return { ok: false, message: ack.error.message };
    }
    setSelected([]);
    return { ok: true };
  }

  /** Redoes the last message with new words; its answer is reverted and hidden. */
  async function editMessage(messageId: string, text: string): Promise<SendResult> {
    const ack = await connection.request("chat_edit", { messageId, text });
    if (!ack.ok) {
      setNotice({ kind: "error", text: ack.error.message });
      return { ok: false, message: ack.error.message };
    }
    return { ok: true };
  }

  /** Empties the board (owner, confirmed by the episode's title); a rewind brings it back. */
  async function reset(confirm: string): Promise<SendResult> {
    const ack = await connection.request("reset", { confirm });
    if (!ack.ok) return { ok: false, message: ack.error.message };
    setUndoStack((s) => [...s, ack.result.runId]);
    setNotice({ kind: "info", text: "The episode was reset. Undo or Rewind brings everything back." });
    return { ok: true };
  }

  async function stop(): Promise<void> {
    const runId = agent().runId;
    const ack = await connection.request("chat_stop", runId ? { runId } : {});
    if (!ack.ok) setNotice({ kind: "error", text: ack.error.message });
  }

  async function regenerate(): Promise<void> {
    const ack = await connection.request("chat_regenerate", {});
    if (!ack.ok) setNotice({ kind: "error", text: ack.error.message });
  }

  /** Picks up an answer the model cut off at its length limit. */
  async function continueAnswer(): Promise<void> {
    const ack = await connection.request("chat_continue", {});
    if (!ack.ok) setNotice({ kind: "error", text: ack.error.message });
  }

  async function undoRun(runId: string): Promise<void> {
    const ack = await connection.request("undo_run", { runId });
    if (!ack.ok) setNotice({ kind: "error", text: `Could not undo: ${ack.error.message}` });
    else {
      const undoId = ack.result.runId;
      setUndoStack((s) => [...s, undoId]);
      setNotice({ kind: "info", text: "The agent's changes from that answer were undone. Undo brings them back." });
    }
  }

  async function generate(frameId: string): Promise<void> {
    try {
      const { job } = await api.generate(projectId, episodeId, frameId);
      liveFor(job.id, frameId);
      refreshJobs();
    } catch (err) {
      setNotice({ kind: "error", text: `Could not start the render: ${describeError(err)}` });
    }
  }

  /** The frames "Generate all" renders (CONTRACT 7): those with no ready image and no render under way. */
  function batchFrames() {
    const frames = board.state.board?.frames ?? [];
    return frames.filter((f) => f.media.state !== "queued" && f.media.state !== "running" && f.media.state !== "ready");
  }

  async function generateAll(): Promise<void> {
    const todo = batchFrames();
    if (todo.length === 0) {
      setNotice({ kind: "info", text: "Every frame already has an image or a render under way. Use Regenerate on a frame to render it again." });
      return;
    }
    for (const f of todo) await generate(f.id);
    setNotice({ kind: "info", text: `Queued ${todo.length} render${todo.length === 1 ? "" : "s"}.` });
  }

  /** The project's media provider, budget and spend, for the cost shown before a batch; undefined when they cannot be read. */
  async function projectSettings(): Promise<ProjectSettings | undefined> {
    try {
      return await api.consent(projectId);
    } catch (err) {
      setNotice({ kind: "error", text: `Could not read the project's render settings: ${describeError(err)}` });
      return undefined;
    }
  }

  async function jobAction(kind: "cancel" | "retry", jobId: string): Promise<void> {
    try {
      const { job } = kind === "cancel" ? await api.cancelJob(jobId) : await api.retryJob(jobId);
      if (kind === "retry") liveFor(job.id, job.frameId);
      refreshJobs();
    } catch (err) {
      setNotice({ kind: "error", text: describeError(err) });
    }
  }

  return {
    live,
    jobs,
    generate,
    generateAll,
    batchFrames,
    projectSettings,
    cancelJob: (jobId: string) => jobAction("cancel", jobId),
    retryJob: (jobId: string) => jobAction("retry", jobId),
    messages,
    draft,
    agent,
    agentBusy,
    chat,
    editMessage,
    reset,
    me,
    selected,
    toggleSelected: (id: string) => setSelected((list) => (list.includes(id) ? list.filter((x) => x !== id) : [...list, id])),
    clearSelected: () => setSelected([]),
    stop,
    regenerate,
    continueAnswer,
    undoRun,
    projectId,
    episodeId,
    board: board.state,
    conn,
    connDetail,
    peers,
    role,
    canEdit: () => role() === "owner" || role() === "editor",
    flash,
    notice,
    dismissNotice: () => setNotice(),
    announce: (text: string) => setNotice({ kind: "info", text }),
    canUndo: () => undoStack().length > 0,
    send,
    undo,
    previewRewind,
    rewind,
    reconnect: () => connection.reconnectNow(),
  };
}
export type Studio = ReturnType<typeof createStudio>;

export function newFrameId(): string {
  return `f${Math.random().toString(36).slice(2, 10)}`;
}
