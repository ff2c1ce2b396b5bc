// The review page (CONTRACT 9): someone without an account watches an
// episode's board live, read-only and in the episode's aspect, comments on
// frames and approves them or asks for changes. The link's address
// (/review/:token) is traded at once for this browser's reviewer cookie and
// replaced by /review/l/:linkId, so the token is in no later request, Referer
// or log. The display name is asked once per browser (localStorage); the
// socket is the review socket of CONTRACT 3, parsed with the reviewer's own
// protocol view.
import { useParams } from "@solidjs/router";
import { type Component, createMemo, createResource, createSignal, For, Match, onCleanup, Show, Switch } from "solid-js";
import type { Board, Frame } from "../../../worker/domain/board";
import { shotLabel } from "../../../worker/domain/board";
import { approvedFrames, onEarlierVersion, REVIEWER_NAME_MAX, ReviewerName } from "../../../worker/domain/comments";
import { shownRevision } from "../../../worker/domain/frame-media";
import { outOfDateText, pictureState } from "../../../worker/domain/picture-basis";
import { type Peer, type ReviewServerMessage, ReviewServerMessage as ReviewServerMessageSchema } from "../../../worker/domain/protocol";
import type { ReviewPageRes } from "../../../worker/domain/review-links";
import { runningTime } from "../../../worker/domain/running-time";
import { sketchDataUrl } from "../../../worker/sketch";
import { ApiFailure, describeError } from "../api";
import { api } from "../api";
import { Loading } from "../components/ui";
import { createBoardState } from "../lib/board-state";
import { type ConnectionStatus, RealtimeConnection } from "../lib/realtime";
import { FrameComments, openCount, verdictLabel } from "../studio/Comments";
import { frameAssets, timecode } from "../studio/model/frames";
import { cardCrop, pictureAlt } from "../studio/model/pictures";
import { createComments } from "../studio/stores/comments";
import "./review.css";

/** Where this browser keeps the reviewer's name; who they are is the server's cookie, not the page's. */
export const NAME_KEY = "reelroom.reviewer.name";

const ASPECT_RATIO: Record<Board["format"]["aspect"], string> = { "16:9": "16 / 9", "9:16": "9 / 16", "1:1": "1 / 1", "4:5": "4 / 5", "2.39:1": "2.39 / 1" };

/** The animatic player the lead passes in (web/src/studio/Animatic.tsx); without it, no Play button. */
export type AnimaticComponent = Component<{ board: () => Board | null; onClose?: () => void }>;

/**
 * A render as a reviewer can load it: the members' artifact route needs a
 * session, the review route the link's reviewer cookie. Anything else
 * (another origin) is not loaded; the sketch stands in.
 */
export function reviewMediaUrl(url: string | undefined, linkId: string): string | undefined {
  const prefix = "/api/v1/artifacts/";
  if (!url?.startsWith(prefix)) return undefined;
  return `/api/v1/review/l/${encodeURIComponent(linkId)}/artifacts/${url.slice(prefix.length)}`;
}

/** The board with each frame's images addressed through the review route (the sketch stands in for others). */
function withReviewMedia(board: Board | null, linkId: string): Board | null {
  if (!board) return null;
  // A picture the review route cannot serve drops out, and the sketch stands in.
  const media = (m: Board["frames"][number]["media"]) => {
    const revisions = m.revisions.flatMap((r) => {
      const url = reviewMediaUrl(r.url, linkId);
      return url ? [{ ...r, url }] : [];
    });
    return { ...m, revisions, shown: revisions.some((r) => r.id === m.shown) ? m.shown : null };
  };
  return { ...board, frames: board.frames.map((f) => ({ ...f, media: media(f.media) })) };
}

function storedName(): string | null {
  try {
    const parsed = ReviewerName.safeParse(localStorage.getItem(NAME_KEY) ?? "");
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

export function Review(props: { animatic?: AnimaticComponent }) {
  const params = useParams<{ token?: string; linkId?: string }>();
  const [opened] = createResource(
    () => params.linkId ?? params.token ?? "",
    async (key): Promise<{ linkId: string; page: ReviewPageRes }> => {
      if (params.linkId) return { linkId: key, page: await api.review(key) };
      const { linkId } = await api.reviewSession(key);
      // From here on the address names only the link: a reload, a bookmark or a Referer never carries the token.
      history.replaceState(history.state, "", `/review/l/${encodeURIComponent(linkId)}`);
      return { linkId, page: await api.review(linkId) };
    },
  );
  const page = () => opened()?.page;
  const [name, setName] = createSignal<string | null>(storedName());

  return (
    <main id="main" class="main review-page">
      <Switch>
        <Match when={opened.error}>
          <div class="review-gone" role="alert">
            <h1>{opened.error instanceof ApiFailure && opened.error.status === 404 ? "This review link is not valid" : "Could not open the review"}</h1>
            <p>{describeError(opened.error)}</p>
          </div>
        </Match>
        <Match when={opened.loading}>
          <Loading label="Opening the review…" />
        </Match>
        <Match when={page() && !name()}>
          <NameForm
            title={page()?.episode.title ?? ""}
            onName={(n) => {
              try {
                localStorage.setItem(NAME_KEY, n);
              } catch {
                // kept for this visit only
              }
              setName(n);
            }}
          />
        </Match>
        <Match when={page() && name()}>
          <ReviewRoom
            linkId={opened()!.linkId}
            name={name()!}
            page={page()!}
            animatic={props.animatic}
            onChangeName={() => {
              try {
                localStorage.removeItem(NAME_KEY);
              } catch {
                // nothing stored to remove
              }
              setName(null);
            }}
          />
        </Match>
      </Switch>
    </main>
  );
}

function NameForm(props: { title: string; onName: (name: string) => void }) {
  const [value, setValue] = createSignal("");
  const [error, setError] = createSignal<string>();
  return (
    <form
      class="review-name panel"
      onSubmit={(e) => {
        e.preventDefault();
        const parsed = ReviewerName.safeParse(value());
        if (!parsed.success) return setError(parsed.error.issues[0]?.message ?? "Enter your name.");
        props.onName(parsed.data);
      }}
    >
      <h1>Review “{props.title}”</h1>
      <p>Your name is shown with your comments and approvals. You are asked once in this browser.</p>
      <div class="field">
        <label for="reviewer-name">Your name</label>
        <input
          id="reviewer-name"
          type="text"
          autocomplete="name"
          maxLength={REVIEWER_NAME_MAX}
          value={value()}
          aria-invalid={error() ? "true" : undefined}
          onInput={(e) => setValue(e.currentTarget.value)}
        />
        <Show when={error()}>
          <p class="field-error">{error()}</p>
        </Show>
      </div>
      <button type="submit" class="btn btn-primary">
        Start reviewing
      </button>
    </form>
  );
}

function ReviewRoom(props: { linkId: string; name: string; page: ReviewPageRes; animatic?: AnimaticComponent; onChangeName: () => void }) {
  const board = createBoardState();
  board.applyMetadata({ seq: props.page.seq, board: props.page.board });
  const comments = createComments();
  const [me, setMe] = createSignal<string>();
  const [canComment, setCanComment] = createSignal(props.page.canComment);
  const [peers, setPeers] = createSignal<Peer[]>([]);
  const [status, setStatus] = createSignal<ConnectionStatus>({ state: "IDLE", waiting: 0, offline: false, retryable: true });
  const [selected, setSelected] = createSignal<string>();
  const [playing, setPlaying] = createSignal(false);

  const onMessage = (msg: ReviewServerMessage) => {
    comments.onMessage(msg);
    switch (msg.type) {
      case "metadata":
        setMe(msg.payload.user.id);
        setCanComment(msg.payload.canComment);
        setPeers(msg.payload.peers);
        if (board.applyMetadata(msg.payload) === "gap") connection.resync();
        break;
      case "board_event":
        if (board.applyEvent(msg.seq ?? -1, msg.payload.event) === "gap") connection.resync();
        break;
      case "presence":
        setPeers(msg.payload.peers);
        break;
    }
  };
  const connection = new RealtimeConnection<ReviewServerMessage>({
    schema: ReviewServerMessageSchema,
    url: (since) => {
      const q = new URLSearchParams({ review: props.linkId, name: props.name });
      if (since !== null) q.set("since", String(since));
      return `${location.protocol === "https:" ? "wss:" : "ws:"}//${location.host}/api/v1/realtime?${q}`;
    },
    currentSeq: () => board.state.seq,
    onMessage,
    onState: () => {},
    onStatus: setStatus,
  });
  connection.start();
  onCleanup(() => connection.close());

  const frames = () => board.state.board?.frames ?? [];
  const aspect = () => board.state.board?.format.aspect ?? "16:9";
  const current = createMemo(() => {
    const i = frames().findIndex((f) => f.id === selected());
    return i < 0 ? null : { frame: frames()[i]!, shot: shotLabel(frames()[i]!, i) };
  });
  const ended = () => status().state === "CLOSED" && !status().retryable;
  // Shots with an approval of the picture they show now: one given on an earlier picture no longer counts (CONTRACT 12).
  const approved = () => {
    const b = board.state.board;
    return b ? approvedFrames(comments.reviews(), b) : 0;
  };
  const others = () => peers().filter((p) => p.userId !== me());
  document.title = `Review: ${props.page.episode.title}`;

  return (
    <div class="review-layout">
      <header class="review-head">
        <div>
          <p class="muted small">{props.page.project.name}</p>
          <h1>{props.page.episode.title}</h1>
          <p class="muted small">
            {frames().length} shot{frames().length === 1 ? "" : "s"} · {timecode(runningTime(frames()))} ·{" "}
            <span class="review-approved">
              {approved()} of {frames().length} approved
            </span>{" "}
            · reviewing as <strong>{props.name}</strong>{" "}
            <button type="button" class="link-btn" onClick={props.onChangeName}>
              Not you?
            </button>
          </p>
        </div>
        <div class="review-head-side">
          <Show when={props.animatic}>
            <button type="button" class="btn btn-secondary" onClick={() => setPlaying(true)}>
              Play animatic
            </button>
          </Show>
          <span class={`review-conn review-conn-${status().state.toLowerCase()}`} role="status">
            {status().state === "CONNECTED" ? "Live" : ended() ? "Disconnected" : status().offline ? "Offline" : "Connecting…"}
          </span>
          <Show when={others().length > 0}>
            <span class="muted small">
              Also here:{" "}
              {others()
                .map((p) => p.name)
                .join(", ")}
            </span>
          </Show>
        </div>
      </header>
      <Show when={ended()}>
        <div class="alert alert-error" role="alert">
          This review link was revoked or has expired. Ask whoever sent it for a new one.
        </div>
      </Show>
      <Show when={playing() && props.animatic}>
        {(Player) => {
          const P = Player();
          return (
            <section class="review-animatic" aria-label="Animatic">
              {/* Reviewers have no session: rendered images come through the link's own route. */}
              <P board={() => withReviewMedia(board.state.board, props.linkId)} onClose={() => setPlaying(false)} />
            </section>
          );
        }}
      </Show>
      <div class="review-body">
        <ol class="review-grid" aria-label="Storyboard">
          <For each={frames()} fallback={<li class="muted">No frames on this board yet.</li>}>
            {(frame, i) => {
              const shot = () => shotLabel(frame, i());
              const open = () => openCount(comments.comments(), frame.id);
              const verdicts = () => comments.reviews().filter((r) => r.frameId === frame.id);
              return (
                <li>
                  <button
                    type="button"
                    class="review-card"
                    classList={{ "review-card-selected": selected() === frame.id }}
                    aria-pressed={selected() === frame.id}
                    onClick={() => setSelected(frame.id)}
                  >
                    <ReviewPicture frame={frame} shot={shot()} aspect={aspect()} board={board.state.board} linkId={props.linkId} />
                    <span class="review-card-head">
                      <strong>Shot {shot()}</strong>
                      <Show when={frame.durationSec !== null}>
                        <span class="muted small">{frame.durationSec} s</span>
                      </Show>
                      <Show when={open() > 0}>
                        <span class="chip chip-small" title="Open comments">
                          {open()} open
                        </span>
                      </Show>
                    </span>
                    <Show when={frame.title}>
                      <span class="review-card-title">{frame.title}</span>
                    </Show>
                    <Show when={frame.action}>
                      <span class="review-card-text">{frame.action}</span>
                    </Show>
                    <Show when={frame.dialogue}>
                      <span class="review-card-text review-card-dialogue">{frame.dialogue}</span>
                    </Show>
                    <Show when={verdicts().length > 0}>
                      <span class="review-card-verdicts">
                        <For each={verdicts()}>
                          {(r) => (
                            <span class={`chip chip-small verdict-${r.verdict}`} classList={{ "verdict-earlier": onEarlierVersion(r, frame) }}>
                              {verdictLabel(r, frame)}: {r.by.name}
                            </span>
                          )}
                        </For>
                      </span>
                    </Show>
                  </button>
                </li>
              );
            }}
          </For>
        </ol>
        <aside class="review-side panel" aria-label="Selected shot">
          <Show when={current()} fallback={<p class="muted">Pick a shot to comment on it or approve it.</p>}>
            {(c) => (
              <>
                <h2>
                  Shot {c().shot}
                  <Show when={c().frame.title}>: {c().frame.title}</Show>
                </h2>
                <Show when={c().frame.camera}>
                  <p class="muted small">{c().frame.camera}</p>
                </Show>
                <Show when={c().frame.sound}>
                  <p class="small">Sound: {c().frame.sound}</p>
                </Show>
                <FrameComments
                  frame={() => current()?.frame}
                  frameId={c().frame.id}
                  comments={comments.comments}
                  reviews={comments.reviews}
                  me={me}
                  role={() => (ended() ? undefined : "reviewer")}
                  canComment={canComment}
                  send={async (type, payload) => {
                    const ack = await connection.request(type, payload);
                    return ack.ok ? { ok: true } : { ok: false, message: ack.error.message };
                  }}
                />
              </>
            )}
          </Show>
        </aside>
      </div>
    </div>
  );
}

/**
 * A frame's picture: its shown revision through the review route, else (or
 * if it fails to load) a sketch drawn here. An old sketch card with its words
 * drawn in shows only its panel; a picture out of date says so, discreetly.
 */
function ReviewPicture(props: { frame: Frame; shot: string; aspect: Board["format"]["aspect"]; board: Board | null; linkId: string }) {
  const [failed, setFailed] = createSignal<string>();
  const shown = () => shownRevision(props.frame.media);
  const rendered = () => {
    const url = reviewMediaUrl(shown()?.url, props.linkId);
    return url && url !== failed() ? url : undefined;
  };
  const sketch = createMemo(() => {
    if (rendered()) return undefined;
    const assets = props.board ? frameAssets(props.board, props.frame) : [];
    return sketchDataUrl(props.frame, assets, props.aspect, `r${props.frame.id}`);
  });
  // An old sketch card with its words drawn in shows only its panel: the page prints the words.
  const crop = createMemo(() => {
    const rev = shown();
    return rendered() && rev ? cardCrop(rev, props.aspect) : undefined;
  });
  const stale = createMemo(() => {
    if (!props.board || !rendered()) return undefined;
    const state = pictureState(props.board, props.frame);
    return state.state === "out of date" ? outOfDateText(state.changed) : undefined;
  });
  return (
    <span class="review-picture" style={{ "aspect-ratio": ASPECT_RATIO[props.aspect] }}>
      <img
        classList={{ "picture-crop": !!crop() }}
        style={crop()}
        src={rendered() ?? sketch()?.src}
        alt={rendered() ? pictureAlt(shown(), props.shot, props.frame.title) : (sketch()?.alt ?? "")}
        referrerPolicy="no-referrer"
        loading="lazy"
        draggable={false}
        onError={() => setFailed(rendered())}
      />
      <Show when={stale()}>{(text) => <span class="review-stale">{text()}</span>}</Show>
    </span>
  );
}
