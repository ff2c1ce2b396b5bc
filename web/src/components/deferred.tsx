// Parts of a page that come as their own chunk, after the part people came
// for: the component's code is imported on first render (or on intent), and
// a signal says when it has arrived, so its place can hold a stand-in of the
// same size, marked busy, until then, or say that it failed, with a retry.
// <Loaded> shows the stand-in and starts the load.
// Not a <Suspense>: a boundary would also wait for every resource the part
// reads, and blank it again on each refetch (the Share tab's list of links,
// the chat's run trace), where today the old value stays on screen.
import { type Component, createSignal, type JSX, Show, untrack } from "solid-js";
import { Dynamic } from "solid-js/web";
import { Alert } from "./ui";

/** Component props as Solid types them. */
// biome-ignore lint/suspicious/noExplicitAny: the constraint Solid puts on a component's props
type Props = Record<string, any>;

export type Deferred<P extends Props> = Component<P> & {
  /** Starts loading the chunk, before the part is shown (on intent, or beside the board). */
  preload: () => Promise<unknown>;
  /** True once the chunk is here and the part renders. */
  ready: () => boolean;
  /** True when the chunk could not be loaded (offline, or a deploy replaced it); `retry` asks again. */
  failed: () => boolean;
  retry: () => void;
};

/**
 * The part's code is loaded once, on first render or on `preload`. A load
 * that fails is remembered, not thrown: its place says so and offers to try
 * again, where an uncaught error would leave the stand-in up for good.
 */
export function deferred<P extends Props>(load: () => Promise<Component<P>>): Deferred<P> {
  const [loaded, setLoaded] = createSignal<Component<P>>();
  const [failed, setFailed] = createSignal(false);
  let pending: Promise<unknown> | undefined;
  /** Starts a load unless one is under way or done; a new attempt clears an earlier failure. */
  const preload = () => {
    if (!pending) {
      setFailed(false);
      pending = load().then(
        (c) => void setLoaded(() => c),
        () => {
          pending = undefined;
          setFailed(true);
        },
      );
    }
    return pending;
  };
  // A load that failed because the browser was offline is tried again when it is back.
  if (typeof window !== "undefined") window.addEventListener("online", () => failed() && void preload());
  const Part = (props: P) => {
    untrack(preload);
    return <Show when={loaded()}>{(C) => <Dynamic component={C()} {...props} />}</Show>;
  };
  return Object.assign(Part, {
    preload,
    ready: () => loaded() !== undefined,
    failed,
    retry: () => void preload(),
  });
}

/** `children` (a deferred part) once its chunk is here, `fallback` in its place until then, and a way to try again if it failed. */
export function Loaded(props: { part: { ready: () => boolean; failed: () => boolean; retry: () => void }; fallback: JSX.Element; children: JSX.Element }) {
  return (
    <>
      <Show when={!props.part.ready()}>
        <Show when={props.part.failed()} fallback={props.fallback}>
          <Alert onRetry={() => props.part.retry()}>
            This part of the studio could not be loaded. Check the connection, or reload the page if Reelroom was just updated.
          </Alert>
        </Show>
      </Show>
      {props.children}
    </>
  );
}

/** A panel's stand-in while its code loads: its box, busy, with a quiet status line. */
export function PanelPending(props: { label: string; class?: string }) {
  return (
    <section class={`panel panel-pending ${props.class ?? ""}`} aria-busy="true">
      <p class="loading" role="status">
        <span class="spinner" aria-hidden="true" />
        <span>{props.label}</span>
      </p>
    </section>
  );
}
