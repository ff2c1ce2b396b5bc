// The chat with the production agent: messages (model text rendered through
// a safe markdown subset), the answer as it streams, its state, Stop, Retry,
// Regenerate, undo of one answer's board changes, and each run's trace.
import { createEffect, createResource, createSignal, For, Match, Show, Switch } from "solid-js";
import { api } from "../api";
import { Markdown } from "../lib/markdown";
import { showModalWhile } from "../components/ui";
import { createProjectAgent } from "./stores/project-agent";
import type { ChatMessage, Studio } from "./studio-state";

const STATUS_LABEL: Record<string, string> = {
  idle: "Ready",
  pending: "Thinking…",
  streaming: "Writing…",
  stopping: "Stopping…",
  stopped: "Stopped",
  completed: "Ready",
  failed: "Error",
};

export function ChatPanel(props: { studio: Studio; onCollapse?: () => void }) {
  const s = props.studio;
  const [text, setText] = createSignal("");
  const [traceRun, setTraceRun] = createSignal<string | null>(null);
  const agent = createProjectAgent(s.projectId);
  const offline = () => agent() === "offline";
  const connected = () => s.conn() === "CONNECTED";
  // While the socket reconnects a message waits in the outbox and goes out on return; only a closed connection refuses it.
  const canSend = () => s.conn() !== "CLOSED" && s.canEdit() && !s.agentBusy() && !s.chat.sending() && text().trim().length > 0;
  let list!: HTMLDivElement;
  // Keyboard tips mean nothing on a touch screen.
  const coarse = window.matchMedia("(pointer: coarse)").matches;

  // Keep the newest message in view while the answer streams.
  createEffect(() => {
    s.messages();
    s.draft();
    if (list) list.scrollTop = list.scrollHeight;
  });

  const submit = async (e?: Event) => {
    e?.preventDefault();
    if (!canSend()) return;
    const value = text();
    // The text leaves the box at once and shows as "Sending…" until the room acknowledges it; a refusal puts it back.
    setText("");
    const r = await s.chatSend(value.trim());
    if (!r.ok && !text()) setText(value);
  };

  // Answers are numbered so each one's buttons have a name of their own ("Trace of answer 2").
  const answerNo = (m: ChatMessage) =>
    s
      .messages()
      .filter((x) => x.role === "assistant" && !x.supersededBy)
      .indexOf(m) + 1;
  const lastAssistant = () => [...s.messages()].reverse().find((m) => m.role === "assistant" && !m.supersededBy);
  const lastUser = () => [...s.messages()].reverse().find((m) => m.role === "user" && !m.supersededBy);
  const status = () => s.agent().status;
  const stateLabel = () => (connected() ? (STATUS_LABEL[status()] ?? status()) : s.conn() === "CLOSED" ? "Disconnected" : "Connecting…");

  return (
    <aside class="chat-area" id="chat" aria-labelledby="chat-h">
      <div class="chat-head">
        <h2 id="chat-h">Production agent</h2>
        <Show when={offline()}>
          <span class="agent-label" title="Runs without a key or network: a deterministic demo of the agent">
            Offline demo agent
          </span>
        </Show>
        <span class={`agent-state agent-${connected() ? status() : "disconnected"}`} role="status" aria-live="polite">
          {stateLabel()}
        </span>
        <Show when={props.onCollapse}>
          {(collapse) => (
            <button type="button" class="icon-btn chat-collapse" aria-label="Hide the chat" title="Hide the chat" onClick={() => collapse()()}>
              <span aria-hidden="true">⟩</span>
            </button>
          )}
        </Show>
      </div>
      <div class="chat-log" ref={list} role="log" aria-live="polite" aria-label="Conversation">
        <Show when={s.messages().length === 0 && !s.draft()}>
          <div class="chat-empty">
            <p>
              <strong>Start with an idea.</strong> Describe the episode you want, for example <q>a 30-second ad for a night-time coffee shop, 6 shots</q>. The
              script, beats, cast and frames appear on the board as the agent writes.
            </p>
            <p class="muted small">Then refine: “make shot 3 a close-up”, “add a shot after 2”.</p>
          </div>
        </Show>
        {/* Answers replaced by an edit or a regenerate are kept on the server, and hidden here. */}
        <For each={s.messages().filter((m) => !m.supersededBy)}>
          {(m) => <Message studio={s} message={m} answerNo={answerNo(m)} isLast={m === lastAssistant()} isLastUser={m === lastUser()} onTrace={setTraceRun} />}
        </For>
        <Show when={s.chat.sending()}>
          {(t) => (
            <div class="msg msg-user msg-sending" aria-busy="true">
              <div class="msg-author">You</div>
              <div class="msg-body">
                <p>{t()}</p>
              </div>
              <p class="msg-sending-state small" role="status">
                {connected() ? "Sending…" : "Waiting for the connection: it goes out when you are back online."}
              </p>
            </div>
          )}
        </Show>
        <Show when={s.draft()}>
          {(d) => (
            <div class="msg msg-assistant msg-streaming" aria-busy="true">
              <div class="msg-author">Production agent</div>
              <div class="msg-body">
                <Markdown text={d().text} />
                <span class="cursor" aria-hidden="true" />
              </div>
            </div>
          )}
        </Show>
      </div>
      <Show when={status() === "failed" && s.agent().reason}>
        <div class="alert alert-error chat-error" role="alert">
          <span>{s.agent().reason}</span>
          <Show when={s.agent().retryable && s.canEdit()}>
            <button type="button" class="btn btn-secondary btn-small" onClick={() => s.regenerate()}>
              Retry
            </button>
          </Show>
        </div>
      </Show>
      <Show when={s.selected().length > 0}>
        <p class="chat-scope" role="status">
          About {s.selected().length === 1 ? "1 selected shot" : `${s.selected().length} selected shots`} only: the agent may change just those.{" "}
          <button type="button" class="link-btn" onClick={() => s.clearSelected()}>
            Clear selection
          </button>
        </p>
      </Show>
      <form class="composer" onSubmit={submit}>
        <label for="chat-input" class="sr-only">
          Message the production agent
        </label>
        <textarea
          id="chat-input"
          rows={3}
          maxLength={8000}
          placeholder={
            !s.canEdit()
              ? "Viewers can read the chat but not send."
              : coarse
                ? "Describe an idea or ask for a change…"
                : "Describe an idea or ask for a change…  (Enter to send, Shift+Enter for a new line)"
          }
          disabled={!s.canEdit()}
          value={text()}
          onInput={(e) => setText(e.currentTarget.value)}
          onKeyDown={(e) => {
            if (e.key === "Enter" && !e.shiftKey && !e.isComposing) {
              e.preventDefault();
              void submit();
            }
          }}
        />
        <div class="composer-actions">
          {/* "Suggest first" (CONTRACT 14): the answer's changes wait on the board as proposals; remembered per person. */}
          <label class="suggest-toggle" title="The agent's changes wait as proposals you accept or reject, instead of landing on the board">
            <input type="checkbox" checked={s.proposals.suggest()} disabled={!s.canEdit()} onChange={(e) => s.proposals.setSuggest(e.currentTarget.checked)} />
            Suggest first
          </label>
          <Show
            when={s.agentBusy()}
            fallback={
              <button type="submit" class="btn btn-primary" disabled={!canSend()}>
                Send
              </button>
            }
          >
            <button type="button" class="btn btn-danger" onClick={() => s.stop()} disabled={status() === "stopping"}>
              Stop
            </button>
          </Show>
        </div>
      </form>
      <TraceDialog studio={s} runId={traceRun()} onClose={() => setTraceRun(null)} />
    </aside>
  );
}

function Message(props: { studio: Studio; message: ChatMessage; answerNo: number; isLast: boolean; isLastUser: boolean; onTrace: (runId: string) => void }) {
  const s = props.studio;
  const m = () => props.message;
  const [editing, setEditing] = createSignal<string | null>(null);
  // The person's own last message can be edited: the agent answers it again, and the old answer is reverted and hidden.
  const canEditText = () => props.isLastUser && m().author.id === s.me() && s.canEdit() && !s.agentBusy();
  const save = async (e: Event) => {
    e.preventDefault();
    const text = editing()?.trim();
    if (!text || text === m().text) return setEditing(null);
    if ((await s.editMessage(m().id, text)).ok) setEditing(null);
  };
  return (
    <div class={`msg msg-${m().role}`}>
      <div class="msg-author">{m().role === "user" ? m().author.name : "Production agent"}</div>
      <Show
        when={editing() !== null}
        fallback={
          <div class="msg-body">
            <Show when={m().text} fallback={<p class="muted small">(no text)</p>}>
              <Markdown text={m().text} />
            </Show>
          </div>
        }
      >
        <form class="msg-edit" onSubmit={save}>
          <label for={`edit-${m().id}`} class="sr-only">
            Edit your message
          </label>
          <textarea id={`edit-${m().id}`} rows={3} maxLength={8000} value={editing() ?? ""} onInput={(e) => setEditing(e.currentTarget.value)} />
          <div class="msg-actions">
            <button type="submit" class="btn btn-primary btn-small">
              Send again
            </button>
            <button type="button" class="btn btn-secondary btn-small" onClick={() => setEditing(null)}>
              Cancel
            </button>
          </div>
        </form>
      </Show>
      <Show when={canEditText() && editing() === null}>
        <div class="msg-actions">
          <button type="button" class="link-btn" onClick={() => setEditing(m().text)}>
            Edit
          </button>
        </div>
      </Show>
      <Show when={m().truncated}>
        <p class="msg-truncated">This answer was cut short; changes it made before that are kept.</p>
      </Show>
      <Show when={m().cutOff}>
        <p class="msg-truncated">The model reached its length limit here; what it wrote so far is applied.</p>
      </Show>
      <Show when={m().scope}>
        {(scope) => <p class="muted small">About {scope().frameIds.length === 1 ? "1 selected shot" : `${scope().frameIds.length} selected shots`} only</p>}
      </Show>
      <Show when={m().role === "assistant" && m().runId}>
        {(runId) => (
          <div class="msg-actions">
            <button type="button" class="link-btn" onClick={() => props.onTrace(runId())}>
              Trace<span class="sr-only"> of answer {props.answerNo}</span>
            </button>
            <Show when={s.canEdit()}>
              <button type="button" class="link-btn" onClick={() => s.undoRun(runId())}>
                Undo its changes<span class="sr-only"> (answer {props.answerNo})</span>
              </button>
              <Show when={props.isLast && !s.agentBusy()}>
                <button type="button" class="link-btn" onClick={() => s.regenerate()}>
                  Regenerate
                </button>
                <Show when={m().cutOff}>
                  <button type="button" class="link-btn" onClick={() => s.continueAnswer()}>
                    Continue
                  </button>
                </Show>
              </Show>
            </Show>
          </div>
        )}
      </Show>
    </div>
  );
}

function TraceDialog(props: { studio: Studio; runId: string | null; onClose: () => void }) {
  let dialog!: HTMLDialogElement;
  const [trace] = createResource(
    () => props.runId,
    async (runId) => (await api.trace(props.studio.projectId, props.studio.episodeId, runId)).trace,
  );
  showModalWhile(
    () => dialog,
    () => !!props.runId,
  );
  return (
    <dialog ref={dialog} class="dialog dialog-wide" aria-labelledby="trace-h" onClose={() => props.onClose()}>
      <h2 id="trace-h">Run trace</h2>
      <Switch>
        <Match when={trace.loading}>
          <p class="muted">Loading…</p>
        </Match>
        <Match when={trace.error}>
          <p class="alert alert-error">{String((trace.error as Error).message)}</p>
        </Match>
        <Match when={trace()}>
          {(t) => (
            <div class="trace">
              <p class="small">
                {t().provider} · {t().model} · prompt ≈ {t().promptTokens} tokens · first token {t().timings.firstTokenMs ?? "–"} ms · total{" "}
                {t().timings.totalMs ?? "–"} ms
              </p>
              <Show when={t().error}>
                <p class="alert alert-error">{t().error!.message}</p>
              </Show>
              <h3>Commands</h3>
              <Show when={t().commands.length} fallback={<p class="muted small">No board tags in this answer.</p>}>
                <div class="table-wrap">
                  <table class="frame-table">
                    <thead>
                      <tr>
                        <th scope="col">At</th>
                        <th scope="col">Tag</th>
                        <th scope="col">Result</th>
                        <th scope="col">Why</th>
                      </tr>
                    </thead>
                    <tbody>
                      <For each={t().commands}>
                        {(c) => (
                          <tr>
                            <td>{c.atMs} ms</td>
                            <td>&lt;{c.tag}&gt;</td>
                            <td>
                              {c.status}
                              {c.seq ? ` (step ${c.seq})` : ""}
                            </td>
                            <td>{c.reason ?? ""}</td>
                          </tr>
                        )}
                      </For>
                    </tbody>
                  </table>
                </div>
              </Show>
              <details>
                <summary>Prompt as sent ({t().prompt.length} messages, secrets redacted)</summary>
                <For each={t().prompt}>
                  {(p) => (
                    <pre class="trace-pre">
                      <strong>{p.role}:</strong> {p.content}
                    </pre>
                  )}
                </For>
              </details>
              <details>
                <summary>Raw output</summary>
                <pre class="trace-pre">{t().raw}</pre>
              </details>
            </div>
          )}
        </Match>
      </Switch>
      <div class="dialog-actions">
        <button type="button" class="btn btn-secondary" onClick={() => props.onClose()}>
          Close
        </button>
      </div>
    </dialog>
  );
}
