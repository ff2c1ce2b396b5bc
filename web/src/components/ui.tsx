// Small building blocks every page uses: fields with labels and errors,
// buttons with a busy state, alerts, loading and empty states.
import { createEffect, createUniqueId, Show, splitProps, type JSX, type ParentProps } from "solid-js";
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
