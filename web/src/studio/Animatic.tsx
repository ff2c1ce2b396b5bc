// The animatic player (CONTRACT 10): the frames played for their lengths in
// the episode's aspect, with the action and dialogue as captions, the shot
// label and a running timecode; play/pause, previous/next, a scrub bar with
// the shots marked, loop, full screen and "Save as video". It reads the board
// through a prop and nothing else, so the studio and the review page can both
// mount it; it opens as a modal dialog when mounted and asks to close through
// `onClose`.
import { createEffect, createMemo, createSignal, For, on, onCleanup, onMount, Show, untrack } from "solid-js";
import type { Board } from "../../../worker/domain/board";
import {
  type AnimaticShots,
  animaticShots,
  download,
  encodeAnimatic,
  ImageCache,
  VIDEO_SIZES,
  VideoCanceled,
  type VideoSupport,
  videoSupport,
} from "./animatic-render";
import { advance, at, clampTime, clock, nextBoundary, prevBoundary, relocate, UNTIMED_SEC } from "./model/animatic";
import { timecode } from "./model/frames";
import "./animatic.css";

// How many shots ahead are loaded while one plays, so the next cut never waits on the network.
const PRELOAD_AHEAD = 3;
// A tab in the background gets no animation frames; on its return the clock
// moves on by at most this much instead of leaping over the shots it missed.
const MAX_TICK_SEC = 0.25;

type Saving = { state: "idle" } | { state: "saving"; progress: number } | { state: "done"; message: string } | { state: "failed"; message: string };

export function AnimaticPlayer(props: { board: () => Board | null; onClose?: () => void }) {
  let dialog: HTMLDialogElement | undefined;
  let player: HTMLDivElement | undefined;
  const data = createMemo<AnimaticShots>(() => animaticShots(props.board()));
  const tl = () => data().tl;
  const [t, setT] = createSignal(0);
  const [playing, setPlaying] = createSignal(false);
  const [loop, setLoop] = createSignal(false);
  const [fullscreen, setFullscreen] = createSignal(false);
  const pos = createMemo(() => at(tl(), t()));
  const shot = () => {
    const p = pos();
    return p ? data().shots[p.index] : undefined;
  };

  // A live board may move, lengthen or remove frames while this plays: keep
  // the clock on the same frame, or clamp it to what is left.
  createEffect(
    on(tl, (next, before) => {
      if (before) setT(relocate(before, next, untrack(t)));
      if (next.segments.length === 0) setPlaying(false);
    }),
  );

  // Each shot's picture loaded once and kept, the next few ahead of the cut.
  const images = new ImageCache();
  createEffect(() => {
    const p = pos();
    const { shots } = data();
    if (!p) return;
    for (let k = 0; k <= PRELOAD_AHEAD; k++) {
      const i = loop() ? (p.index + k) % shots.length : p.index + k;
      const s = shots[i];
      if (s?.src) void images.load(s.src).catch(() => undefined);
    }
  });

  // The clock: requestAnimationFrame, measured with performance.now so the
  // time shown is the time that passed, whatever the frame rate.
  let raf = 0;
  let last = 0;
  const tick = (now: number) => {
    const dt = Math.min(MAX_TICK_SEC, (now - last) / 1000);
    last = now;
    const r = advance(tl(), t(), dt, loop());
    setT(r.t);
    if (r.ended) setPlaying(false);
    else raf = requestAnimationFrame(tick);
  };
  createEffect(() => {
    if (playing()) {
      last = performance.now();
      raf = requestAnimationFrame(tick);
    } else cancelAnimationFrame(raf);
  });
  onCleanup(() => cancelAnimationFrame(raf));

  const play = () => {
    if (tl().segments.length === 0) return;
    // Play at the end starts again from the top.
    if (t() >= tl().total) setT(0);
    setPlaying(true);
  };
  const toggle = () => (playing() ? setPlaying(false) : play());
  const seek = (to: number) => setT(clampTime(tl(), to));
  const next = () => seek(nextBoundary(tl(), t()));
  const prev = () => seek(prevBoundary(tl(), t()));

  const stop = () => {
    setPlaying(false);
    controller?.abort();
    if (document.fullscreenElement) void document.exitFullscreen().catch(() => undefined);
  };
  const close = () => {
    stop();
    if (props.onClose) props.onClose();
    else dialog?.close();
  };
  // The browser may close the dialog itself (a second Escape the page did not
  // get to cancel): the owner still has to hear of it, or its "open" state
  // would stay true and the player could not be opened again.
  let disposed = false;
  const closedByBrowser = () => {
    if (disposed) return;
    stop();
    props.onClose?.();
  };

  const toggleFullscreen = () => {
    if (document.fullscreenElement) void document.exitFullscreen().catch(() => undefined);
    else void player?.requestFullscreen?.().catch(() => undefined);
  };
  const onFullscreen = () => setFullscreen(document.fullscreenElement === player);

  onMount(() => {
    dialog?.showModal();
    document.addEventListener("fullscreenchange", onFullscreen);
  });
  onCleanup(() => {
    disposed = true;
    document.removeEventListener("fullscreenchange", onFullscreen);
    controller?.abort();
    images.clear();
    if (dialog?.open) dialog.close();
  });

  // Keys work anywhere in the player. Space on a focused button would also
  // click it on key-up, toggling twice, so both halves of the press are taken.
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.altKey || e.ctrlKey || e.metaKey) return;
    switch (e.key) {
      case " ":
        e.preventDefault();
        if (!e.repeat) toggle();
        break;
      case "ArrowLeft":
        e.preventDefault();
        prev();
        break;
      case "ArrowRight":
        e.preventDefault();
        next();
        break;
      case "Home":
        e.preventDefault();
        seek(0);
        break;
      case "End":
        e.preventDefault();
        seek(tl().total);
        break;
    }
  };
  const onKeyUp = (e: KeyboardEvent) => {
    if (e.key === " ") e.preventDefault();
  };

  // Save as video.
  const size = () => VIDEO_SIZES[data().aspect];
  const [support, setSupport] = createSignal<VideoSupport | null>(null);
  const [saving, setSaving] = createSignal<Saving>({ state: "idle" });
  let controller: AbortController | undefined;
  onMount(() => {
    void videoSupport(size()).then(setSupport, () => setSupport({ ok: false, reason: "This browser's video encoder did not answer." }));
  });
  const save = async () => {
    const s = support();
    if (!s?.ok) return;
    setPlaying(false);
    controller = new AbortController();
    const signal = controller.signal;
    setSaving({ state: "saving", progress: 0 });
    try {
      const video = await encodeAnimatic({
        shots: data(),
        images,
        support: s,
        signal,
        onProgress: (f) => setSaving({ state: "saving", progress: Math.round(f * 100) }),
      });
      download(video);
      const mb = (video.blob.size / 1_000_000).toFixed(1);
      setSaving({ state: "done", message: `Saved ${video.filename} (${timecode(video.seconds)}, ${mb} MB).` });
    } catch (e) {
      if (e instanceof VideoCanceled || signal.aborted) setSaving({ state: "idle" });
      else setSaving({ state: "failed", message: `The video could not be saved: ${e instanceof Error ? e.message : String(e)}` });
    } finally {
      controller = undefined;
    }
  };

  const progress = () => {
    const s = saving();
    return s.state === "saving" ? s.progress : 0;
  };
  const message = () => {
    const s = saving();
    return s.state === "done" || s.state === "failed" ? s.message : "";
  };
  // Why the browser cannot save a video, when it cannot; null while asking or when it can.
  const unavailable = () => {
    const s = support();
    return s && !s.ok ? s.reason : null;
  };
  const ratio = () => {
    const [w, h] = data().aspect.split(":").map(Number);
    return (w ?? 16) / (h ?? 9);
  };

  const marks = () => (tl().total > 0 ? tl().segments.map((s) => ({ shot: s.shot, at: (s.start / tl().total) * 100 })) : []);
  const empty = () => tl().segments.length === 0;

  return (
    <dialog
      ref={dialog}
      class="animatic-dialog"
      aria-label="Animatic"
      onCancel={(e) => {
        e.preventDefault();
        close();
      }}
      onClose={closedByBrowser}
      onKeyDown={onKeyDown}
      onKeyUp={onKeyUp}
    >
      <div ref={player} class="animatic" classList={{ "animatic-fullscreen": fullscreen() }}>
        <div class="animatic-head">
          <h2 class="animatic-title">Animatic</h2>
          <span class="animatic-running muted">
            Running time <strong>{timecode(tl().total)}</strong>
          </span>
          <button type="button" class="btn btn-secondary btn-small" onClick={close}>
            Close
          </button>
        </div>
        <div class="animatic-stage-wrap">
          <div class="animatic-stage" style={{ "--animatic-ratio": String(ratio()) }}>
            <Show when={shot()} fallback={<p class="animatic-empty">There are no frames to play yet.</p>}>
              {(s) => (
                <>
                  <img class="animatic-img" src={s().src} alt={s().alt} draggable={false} />
                  <span class="animatic-shot" data-testid="animatic-shot">
                    Shot {s().segment.shot}
                  </span>
                  <span class="animatic-clock" data-testid="animatic-clock">
                    {clock(tl(), t())}
                  </span>
                  <div class="animatic-caption">
                    <Show when={s().title && s().title !== `Shot ${s().segment.shot}`}>
                      <p class="animatic-caption-title">{s().title}</p>
                    </Show>
                    <Show when={s().action}>
                      <p class="animatic-action">{s().action}</p>
                    </Show>
                    <For each={s().dialogue}>
                      {(d) => (
                        <p class="animatic-dialogue">
                          <Show when={d.speaker}>
                            <span class="animatic-speaker">{d.speaker}</span>{" "}
                          </Show>
                          “{d.line}”
                        </p>
                      )}
                    </For>
                    <Show when={s().segment.untimed}>
                      <p class="animatic-untimed">No length set: shown for {UNTIMED_SEC} s</p>
                    </Show>
                  </div>
                </>
              )}
            </Show>
          </div>
        </div>
        <div class="animatic-scrub">
          <div class="animatic-marks" aria-hidden="true">
            <For each={marks()}>{(m) => <span class="animatic-mark" style={{ left: `${m.at}%` }} title={`Shot ${m.shot}`} />}</For>
          </div>
          <input
            type="range"
            class="animatic-range"
            aria-label="Position in the animatic"
            aria-valuetext={`${clock(tl(), t())}${shot() ? `, shot ${shot()!.segment.shot}` : ""}`}
            min={0}
            max={Math.max(tl().total, 0.1)}
            step={0.1}
            value={t()}
            disabled={empty()}
            onInput={(e) => seek(Number(e.currentTarget.value))}
          />
        </div>
        <div class="animatic-controls">
          <button type="button" class="btn btn-secondary btn-small" aria-label="Previous shot" onClick={prev} disabled={empty()}>
            Previous
          </button>
          <button type="button" class="btn btn-primary btn-small animatic-play" onClick={toggle} disabled={empty()}>
            {playing() ? "Pause" : "Play"}
          </button>
          <button type="button" class="btn btn-secondary btn-small" aria-label="Next shot" onClick={next} disabled={empty()}>
            Next
          </button>
          <button type="button" class="btn btn-secondary btn-small" aria-pressed={loop()} onClick={() => setLoop(!loop())}>
            Loop
          </button>
          <button type="button" class="btn btn-secondary btn-small" aria-pressed={fullscreen()} onClick={toggleFullscreen}>
            {fullscreen() ? "Exit full screen" : "Full screen"}
          </button>
          <span class="animatic-spacer" />
          <Show
            when={saving().state === "saving"}
            fallback={
              <button
                type="button"
                class="btn btn-secondary btn-small"
                onClick={() => void save()}
                disabled={empty() || !support()?.ok}
                title={unavailable() ?? undefined}
              >
                {unavailable() ? `Save as video: ${unavailable()}` : "Save as video"}
              </button>
            }
          >
            <progress class="animatic-progress" aria-label="Saving the video" max={100} value={progress()} />
            <span class="small">{progress()}%</span>
            <button type="button" class="btn btn-secondary btn-small" onClick={() => controller?.abort()}>
              Cancel video
            </button>
          </Show>
        </div>
        <p class="animatic-status small" role="status">
          {message()}
        </p>
        <p class="animatic-keys muted small">Space play/pause · ← → previous/next shot · Home start · Esc close</p>
      </div>
    </dialog>
  );
}
