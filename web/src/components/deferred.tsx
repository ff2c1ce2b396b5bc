// Parts of a page that come as their own chunk, after the part people came
// for: Solid's lazy() for the component, plus a signal that says when its
// code has arrived, so its place can hold a stand-in of the same size,
// marked busy, until then. <Loaded> shows the stand-in and starts the load.
// Not a <Suspense>: a boundary would also wait for every resource the part
// reads, and blank it again on each refetch (the Share tab's list of links,
// the chat's run trace), where today the old value stays on screen.
import { type Component, createSignal, type JSX, lazy, Show } from "solid-js";

/** Component props as Solid types them. */
// biome-ignore lint/suspicious/noExplicitAny: the constraint Solid puts on a component's props
type Props = Record<string, any>;

export type Deferred<P extends Props> = Component<P> & {
  /** Starts loading the chunk, before the part is shown (on intent, or beside the board). */
  preload: () => Promise<unknown>;
  /** True once the chunk is here and the part renders. */
  ready: () => boolean;
};

export function deferred<P extends Props>(load: () => Promise<Component<P>>): Deferred<P> {
  const [ready, setReady] = createSignal(false);
  const part = lazy(async () => {
    const c = await load();
    setReady(true);
    return { default: c };
  });
  return Object.assign(part, { ready });
}

/** `children` (a deferred part) once its chunk is here, `fallback` in its place until then. */
export function Loaded(props: { part: { ready: () => boolean }; fallback: JSX.Element; children: JSX.Element }) {
  return (
    <>
      <Show when={!props.part.ready()}>{props.fallback}</Show>
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
