// Small building blocks every page uses: fields with labels and errors,
// buttons with a busy state, alerts, loading and empty states (and a
// resource's states in one place), cards in a list, and modal dialogs.
import { A } from "@solidjs/router";
import { type Accessor, createEffect, createUniqueId, type JSX, Match, type ParentProps, type Resource, Show, Switch, splitProps } from "solid-js";
import { describeError } from "../api";
import { Icon } from "./icons";

export function Field(props: { label: string; error?: string; hint?: string } & JSX.InputHTMLAttributes<HTMLInputElement>) {
  const [own, input] = splitProps(props, ["label", "error", "hint"]);
  const id = createUniqueId();
  return (
    <div class="field">
      <label for={id}>{own.label}</label>
      <input
        id={id}
        aria-invalid={own.error ? "true" : undefined}
        aria-describedby={own.error ? `${id}-err` : own.hint ? `${id}-hint` : undefined}
        {...input}
      />
      <Show when={own.hint && !own.error}>
        <p class="hint" id={`${id}-hint`}>
          {own.hint}
        </p>
      </Show>
      <Show when={own.error}>
        <p class="field-error" id={`${id}-err`}>
          {own.error}
        </p>
      </Show>
    </div>
  );
}

export function Button(props: { busy?: boolean; variant?: "primary" | "secondary" | "danger" } & JSX.ButtonHTMLAttributes<HTMLButtonElement>) {
  const [own, rest] = splitProps(props, ["busy", "variant", "children", "disabled"]);
  return (
    <button class={`btn btn-${own.variant ?? "primary"}`} disabled={own.disabled || own.busy} aria-busy={own.busy ? "true" : undefined} {...rest}>
      <Show when={own.busy}>
        <span class="spinner" aria-hidden="true" />
      </Show>
      {own.children}
    </button>
  );
}

export function Alert(props: ParentProps<{ kind?: "error" | "info"; onRetry?: () => void }>) {
  return (
    <div class={`alert alert-${props.kind ?? "error"}`} role={props.kind === "info" ? "status" : "alert"}>
      <span>{props.children}</span>
      <Show when={props.onRetry}>
        <button class="btn btn-secondary btn-small" type="button" onClick={() => props.onRetry?.()}>
          Try again
        </button>
      </Show>
    </div>
  );
}

/** A line that says, and announces, how an action went (a saved setting, a sent invite), while there is something to say. */
export function StatusLine(props: { text: string | undefined }) {
  return (
    <Show when={props.text}>
      <p class="hint" role="status">
        {props.text}
      </p>
    </Show>
  );
}

export function Loading(props: { label?: string }) {
  return (
    <div class="loading" role="status" aria-live="polite">
      <span class="spinner" aria-hidden="true" />
      <span>{props.label ?? "Loading…"}</span>
    </div>
  );
}

export function EmptyState(props: ParentProps<{ title: string; icon?: Parameters<typeof Icon>[0]["name"] }>) {
  return (
    <div class="empty">
      <Show when={props.icon}>
        <div class="empty-icon">
          <Icon name={props.icon!} />
        </div>
      </Show>
      <h3>{props.title}</h3>
      <div class="empty-body">{props.children}</div>
    </div>
  );
}

/**
 * A resource's states, each in its place: a spinner while it loads (again on
 * a refetch), its error with Try again, the empty state when `isEmpty` says
 * the data holds nothing, and otherwise the data.
 */
export function ResourceView<T>(props: {
  of: Resource<T>;
  loading: string;
  onRetry: () => void;
  isEmpty?: (data: T) => boolean;
  empty?: JSX.Element;
  children: (data: Accessor<NonNullable<T>>) => JSX.Element;
}) {
  return (
    <Switch>
      <Match when={props.of.loading}>
        <Loading label={props.loading} />
      </Match>
      <Match when={props.of.error}>
        <Alert onRetry={props.onRetry}>{describeError(props.of.error)}</Alert>
      </Match>
      <Match when={props.isEmpty && props.of() !== undefined && props.isEmpty(props.of() as T)}>{props.empty}</Match>
      <Match when={props.of()}>{(data) => props.children(data)}</Match>
    </Switch>
  );
}

/** One card of a `ul.card-list`: a link with its title, then what else the card says. */
export function LinkCard(props: ParentProps<{ href: string; title: string }>) {
  return (
    <li>
      <A class="list-card" href={props.href}>
        <span class="list-card-title">{props.title}</span>
        {props.children}
      </A>
    </li>
  );
}

/** A native modal <dialog> under a heading, shown exactly while `open` is true, with a Close button at its foot. */
export function Modal(props: ParentProps<{ open: boolean; title: string; headingId: string; wide?: boolean; onClose: () => void }>) {
  let dialog!: HTMLDialogElement;
  showModalWhile(
    () => dialog,
    () => props.open,
  );
  return (
    <dialog ref={dialog} class={props.wide ? "dialog dialog-wide" : "dialog"} aria-labelledby={props.headingId} onClose={() => props.onClose()}>
      <h2 id={props.headingId}>{props.title}</h2>
      {props.children}
      <div class="dialog-actions">
        <Button type="button" variant="secondary" onClick={() => props.onClose()}>
          Close
        </Button>
      </div>
    </dialog>
  );
}

/** Keeps a native <dialog> shown as a modal exactly while `open()` is true. */
export function showModalWhile(dialog: () => HTMLDialogElement | undefined, open: () => boolean): void {
  createEffect(() => {
    // Read open() first: an effect that returned before reading it would never run again,
    // which is what happens when the dialog is rendered later (inside a <Show>).
    const wanted = open();
    const d = dialog();
    if (!d) return;
    if (wanted) {
      if (!d.open) d.showModal();
    } else if (d.open) d.close();
  });
}
