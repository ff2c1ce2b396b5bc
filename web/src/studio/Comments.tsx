// One frame's notes (CONTRACT 9): the latest verdicts (approved, changes
// asked) with who and when, Approve / Ask for changes, and the comment
// threads with add, reply, edit, resolve and delete as the shared rules
// allow. Used in the studio's frame detail and on the review page; it needs
// no studio context, only the props. Every text is rendered as text.
import { createMemo, createSignal, For, type JSX, Show } from "solid-js";
import {
  type Comment,
  type CommentActor,
  COMMENT_TEXT_MAX,
  type FrameReview,
  frameReviews,
  mayAdd,
  mayDelete,
  mayEdit,
  mayResolve,
  onEarlierVersion,
  openCount as openCountOf,
  REVIEW_NOTE_MAX,
  type Verdict,
  verdictWords,
} from "../../../worker/domain/comments";
import type { Frame } from "../../../worker/domain/board";
import { RoomRole } from "../../../worker/domain/api";
import type { ClientPayloads } from "../../../worker/domain/protocol";
import { relativeTime } from "../lib/relative-time";
import "./comments.css";

export type CommentMessageType = "comment_add" | "comment_edit" | "comment_resolve" | "comment_delete" | "frame_review";
type Payload<T extends CommentMessageType> = ClientPayloads[T];
/** Sends one comment or review message and resolves with whether the room took it (and why not). */
export type CommentSend = <T extends CommentMessageType>(type: T, payload: Payload<T>) => Promise<{ ok: boolean; message?: string }>;
type Run = <T extends CommentMessageType>(type: T, payload: Payload<T>) => Promise<boolean>;

/** Open notes on a frame: its unresolved top-level comments. */
export function openCount(comments: readonly Comment[], frameId: string): number {
  return openCountOf(comments, frameId);
}

export const VERDICT_LABEL: Record<Verdict, string> = { approved: "Approved", changes_requested: "Changes asked" };

export interface FrameCommentsProps {
  frameId: string;
  /** The frame as it is now: a verdict on a picture it no longer shows reads "approved an earlier version" (CONTRACT 12). */
  frame?: () => Frame | undefined;
  comments: () => Comment[];
  reviews: () => FrameReview[];
  /** The id of whoever this tab is (a member's user id, or a reviewer's id). */
  me: () => string | undefined;
  /** Their role in the room: owner, editor, viewer or reviewer. */
  role: () => string | undefined;
  send: CommentSend;
  /** Whether this person may add comments; a review link may not allow it. Defaults to true. */
  canComment?: () => boolean;
  /** The clock, for "5 minutes ago"; tests and stories pass their own. */
  now?: () => number;
}

export function FrameComments(props: FrameCommentsProps) {
  const actor = createMemo<CommentActor | null>(() => {
    const id = props.me();
    const role = RoomRole.safeParse(props.role());
    if (!id || !role.success) return null;
    return { author: { type: role.data === "reviewer" ? "reviewer" : "user", id, name: "" }, role: role.data };
  });
  const now = () => props.now?.() ?? Date.now();
  const mine = createMemo(() => props.comments().filter((c) => c.frameId === props.frameId));
  const threads = createMemo(() =>
    mine()
      .filter((c) => c.parentId === null)
      .map((c) => ({ comment: c, replies: mine().filter((r) => r.parentId === c.id) })),
  );
  const verdicts = createMemo(() => frameReviews(props.reviews(), props.frameId));
  const canAdd = () => {
    const a = actor();
    return a !== null && mayAdd(a, props.canComment?.() ?? true).ok;
  };
  const [error, setError] = createSignal<string>();
  const run: Run = async (type, payload) => {
    setError(undefined);
    const out = await props.send(type, payload);
    if (!out.ok) setError(out.message ?? "The room refused that.");
    return out.ok;
  };

  return (
    <section class="frame-comments" aria-label="Notes on this frame">
      <ReviewBar
        verdicts={verdicts()}
        frame={props.frame?.()}
        now={now}
        canReview={actor() !== null}
        onReview={(verdict, note) => run("frame_review", { frameId: props.frameId, verdict, ...(note ? { note } : {}) })}
      />
      <h3 class="frame-comments-title">
        Comments <span class="muted small">{openCountOf(props.comments(), props.frameId)} open</span>
      </h3>
      <Show when={error()}>
        <p class="field-error" role="alert">
          {error()}
        </p>
      </Show>
      <Show when={threads().length > 0} fallback={<p class="muted small">No comments on this frame yet.</p>}>
        <ol class="comment-threads">
          <For each={threads()}>
            {(t) => (
              <li class="comment-thread">
                <CommentItem comment={t.comment} actor={actor()} now={now} run={run} />
                <Show when={t.replies.length > 0}>
                  <ol class="comment-replies">
                    <For each={t.replies}>
                      {(r) => (
                        <li>
                          <CommentItem comment={r} actor={actor()} now={now} run={run} />
                        </li>
                      )}
                    </For>
                  </ol>
                </Show>
                <Show when={canAdd()}>
                  <Composer label="Reply" compact onSend={(text) => run("comment_add", { frameId: props.frameId, text, parentId: t.comment.id })} />
                </Show>
              </li>
            )}
          </For>
        </ol>
      </Show>
      <Show
        when={canAdd()}
        fallback={
          <Show when={props.role() === "reviewer"}>
            <p class="muted small">This review link does not allow comments.</p>
          </Show>
        }
      >
        <Composer label="Add a comment" onSend={(text) => run("comment_add", { frameId: props.frameId, text })} />
      </Show>
    </section>
  );
}

/** "Approved", or on a picture the frame no longer shows "Approved an earlier version". */
export function verdictLabel(r: FrameReview, frame: Frame | undefined): string {
  if (!frame || !onEarlierVersion(r, frame)) return VERDICT_LABEL[r.verdict];
  const words = verdictWords(r, frame);
  return words.charAt(0).toUpperCase() + words.slice(1);
}

function ReviewBar(props: {
  verdicts: FrameReview[];
  frame: Frame | undefined;
  now: () => number;
  canReview: boolean;
  onReview: (v: Verdict, note?: string) => Promise<boolean>;
}) {
  const [note, setNote] = createSignal("");
  const [busy, setBusy] = createSignal<Verdict>();
  const review = async (v: Verdict) => {
    setBusy(v);
    const ok = await props.onReview(v, note().trim() || undefined);
    setBusy(undefined);
    if (ok) setNote("");
  };
  return (
    <div class="review-bar">
      <Show when={props.verdicts.length > 0} fallback={<p class="muted small">No one has reviewed this frame yet.</p>}>
        <ul class="verdicts">
          <For each={props.verdicts}>
            {(r) => (
              <li class={`verdict verdict-${r.verdict}`} classList={{ "verdict-earlier": !!props.frame && onEarlierVersion(r, props.frame) }}>
                <span class="chip">{verdictLabel(r, props.frame)}</span> by <strong>{r.by.name}</strong>
                <Show when={r.by.type === "reviewer"}>
                  <span class="muted small"> (reviewer)</span>
                </Show>{" "}
                <time class="muted small" dateTime={r.at} title={new Date(r.at).toLocaleString()}>
                  {relativeTime(r.at, props.now())}
                </time>
                <Show when={r.note}>
                  <p class="verdict-note">{r.note}</p>
                </Show>
              </li>
            )}
          </For>
        </ul>
      </Show>
      <Show when={props.canReview}>
        <div class="review-actions">
          <input
            class="review-note"
            type="text"
            placeholder="Note (optional)"
            aria-label="Note with your review"
            maxLength={REVIEW_NOTE_MAX}
            value={note()}
            onInput={(e) => setNote(e.currentTarget.value)}
          />
          <button type="button" class="btn btn-primary btn-small" disabled={busy() !== undefined} onClick={() => void review("approved")}>
            Approve
          </button>
          <button type="button" class="btn btn-secondary btn-small" disabled={busy() !== undefined} onClick={() => void review("changes_requested")}>
            Ask for changes
          </button>
        </div>
      </Show>
    </div>
  );
}

function CommentItem(props: { comment: Comment; actor: CommentActor | null; now: () => number; run: Run }) {
  const [editing, setEditing] = createSignal(false);
  const c = () => props.comment;
  const allowed = (check: (a: CommentActor) => { ok: boolean }) => props.actor !== null && check(props.actor).ok;
  return (
    <article class="comment" classList={{ "comment-resolved": c().resolved }} aria-label={`Comment by ${c().author.name}`}>
      <header class="comment-head">
        <strong>{c().author.name}</strong>
        <Show when={c().author.type === "reviewer"}>
          <span class="chip chip-small">reviewer</span>
        </Show>
        <time class="muted small" dateTime={c().createdAt} title={new Date(c().createdAt).toLocaleString()}>
          {relativeTime(c().createdAt, props.now())}
        </time>
        <Show when={c().editedAt}>
          <span class="muted small">(edited)</span>
        </Show>
        <Show when={c().resolved}>
          <span class="chip chip-small">Resolved{c().resolvedBy ? ` by ${c().resolvedBy?.name}` : ""}</span>
        </Show>
      </header>
      <Show when={editing()} fallback={<p class="comment-text">{c().text}</p>}>
        <Composer
          label="Save"
          initial={c().text}
          onCancel={() => setEditing(false)}
          onSend={async (text) => {
            const ok = await props.run("comment_edit", { id: c().id, text });
            if (ok) setEditing(false);
            return ok;
          }}
        />
      </Show>
      <div class="comment-actions">
        <Show when={!editing() && allowed((a) => mayEdit(a, c()))}>
          <button type="button" class="link-btn" onClick={() => setEditing(true)}>
            Edit
          </button>
        </Show>
        <Show when={c().parentId === null && allowed(mayResolve)}>
          <button type="button" class="link-btn" onClick={() => void props.run("comment_resolve", { id: c().id, resolved: !c().resolved })}>
            {c().resolved ? "Reopen" : "Resolve"}
          </button>
        </Show>
        <Show when={allowed((a) => mayDelete(a, c()))}>
          <button
            type="button"
            class="link-btn link-danger"
            onClick={() => {
              const replies = c().parentId === null ? " and its replies" : "";
              if (confirm(`Delete this comment${replies}?`)) void props.run("comment_delete", { id: c().id });
            }}
          >
            Delete
          </button>
        </Show>
      </div>
    </article>
  );
}

function Composer(props: { label: string; initial?: string; compact?: boolean; onSend: (text: string) => Promise<boolean>; onCancel?: () => void }) {
  const [text, setText] = createSignal(props.initial ?? "");
  const [open, setOpen] = createSignal(!props.compact);
  const [busy, setBusy] = createSignal(false);
  const submit: JSX.EventHandler<HTMLFormElement, SubmitEvent> = async (e) => {
    e.preventDefault();
    const value = text().trim();
    if (!value || busy()) return;
    setBusy(true);
    const ok = await props.onSend(value);
    setBusy(false);
    if (ok && props.initial === undefined) {
      setText("");
      if (props.compact) setOpen(false);
    }
  };
  return (
    <Show
      when={open()}
      fallback={
        <button type="button" class="link-btn" onClick={() => setOpen(true)}>
          {props.label}
        </button>
      }
    >
      <form class="comment-composer" onSubmit={submit}>
        <textarea
          aria-label={props.label}
          rows={props.compact ? 2 : 3}
          maxLength={COMMENT_TEXT_MAX}
          value={text()}
          onInput={(e) => setText(e.currentTarget.value)}
          onKeyDown={(e) => {
            // Ctrl/Cmd+Enter sends, as in most comment boxes; Enter alone is a new line.
            if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) e.currentTarget.form?.requestSubmit();
          }}
        />
        <div class="comment-composer-actions">
          <span class="muted small">
            {text().length} / {COMMENT_TEXT_MAX}
          </span>
          <Show when={props.onCancel || props.compact}>
            <button
              type="button"
              class="btn btn-secondary btn-small"
              onClick={() => {
                if (props.onCancel) props.onCancel();
                else setOpen(false);
              }}
            >
              Cancel
            </button>
          </Show>
          <button type="submit" class="btn btn-primary btn-small" disabled={busy() || text().trim().length === 0}>
            {props.label === "Add a comment" ? "Comment" : props.label}
          </button>
        </div>
      </form>
    </Show>
  );
}
