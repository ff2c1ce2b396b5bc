// The studio's connection badge: says "Live" only when the room is reachable,
// counts the edits waiting to go out, and offers "Reconnect now" when a retry
// can help. Its words come from the pure connectionView.
import { createMemo, createSignal, onCleanup, Show } from "solid-js";
import { connectionView } from "../lib/connection-state";
import type { ConnState } from "../lib/realtime";
import "./connection.css";

/** How often "Last live … ago" is brought up to date. */
const CLOCK_MS = 5_000;

export interface ConnectionBadgeProps {
  state: () => ConnState;
  detail: () => string | undefined;
  waiting: () => number;
  onRetry: () => void;
  /** The browser reports no network (RealtimeConnection status().offline). */
  offline?: () => boolean;
  /** False after the session ended: retrying cannot help (status().retryable). */
  retryable?: () => boolean;
  /** When the room was last heard from (status().lastConnectedAt). */
  lastConnectedAt?: () => number | undefined;
}

export function ConnectionBadge(props: ConnectionBadgeProps) {
  const [now, setNow] = createSignal(Date.now());
  const clock = setInterval(() => setNow(Date.now()), CLOCK_MS);
  onCleanup(() => clearInterval(clock));

  const view = createMemo(() =>
    connectionView(
      {
        state: props.state(),
        detail: props.detail(),
        waiting: props.waiting(),
        offline: props.offline?.() ?? false,
        retryable: props.retryable?.() ?? true,
        lastConnectedAt: props.lastConnectedAt?.(),
      },
      now(),
    ),
  );

  return (
    <div class="conn-badge" data-tone={view().tone}>
      <div class="conn-status" role="status" aria-live="polite">
        <span class={`conn conn-${props.state().toLowerCase()}`} data-state={props.state()} data-tone={view().tone}>
          <span class="conn-dot" aria-hidden="true" />
          {view().label}
        </span>
        <Show when={view().waitingText}>{(text) => <span class="conn-waiting">{text()}</span>}</Show>
        <Show when={view().detail}>{(text) => <span class="conn-detail">{text()}</span>}</Show>
      </div>
      <Show when={view().since}>{(text) => <span class="conn-since">{text()}</span>}</Show>
      <Show when={view().canRetryNow}>
        <button type="button" class="btn btn-secondary btn-small" onClick={() => props.onRetry()}>
          Reconnect now
        </button>
      </Show>
    </div>
  );
}
