// Saved views for one of the console's lists: choosing a view applies its
// filters; the current filters can be saved under a name (an existing name
// is updated); the chosen view can be deleted. Views are the person's own.
import { createResource, createSignal, For, Show } from "solid-js";
import type { AuditFilters, JobsFilters, SavedView } from "../../../worker/domain/ops";
import { api, describeError, fieldErrors } from "../api";
import { plainFieldError } from "../lib/field-words";

const NAME_MAX = 80;

type Props =
  | { kind: "jobs"; filters: () => JobsFilters; onApply: (f: JobsFilters) => void }
  | { kind: "audit"; filters: () => AuditFilters; onApply: (f: AuditFilters) => void };

export function SavedViewsBar(props: Props) {
  const [list, { refetch }] = createResource(() => api.views(props.kind));
  const [chosen, setChosen] = createSignal("");
  const [name, setName] = createSignal("");
  const [error, setError] = createSignal<string>();
  const [notice, setNotice] = createSignal<string>();
  const views = () => (list.state === "ready" ? list().views : []);
  const noun = props.kind === "jobs" ? "jobs" : "audit";

  const apply = (id: string) => {
    setChosen(id);
    setNotice();
    const view = views().find((v) => v.id === id);
    if (!view) return;
    // The union's kinds match the props' kinds: a jobs bar only ever lists jobs views.
    if (view.kind === "jobs" && props.kind === "jobs") props.onApply(view.filters);
    if (view.kind === "audit" && props.kind === "audit") props.onApply(view.filters);
    setNotice(`Showing “${view.name}”.`);
  };

  const save = async (e: SubmitEvent) => {
    e.preventDefault();
    setError();
    setNotice();
    const n = name().trim();
    if (!n) return setError("Give the view a name.");
    if (n.length > NAME_MAX) return setError(`A view's name can be at most ${NAME_MAX} characters; this one has ${n.length}.`);
    try {
      const body =
        props.kind === "jobs" ? { kind: "jobs" as const, name: n, filters: props.filters() } : { kind: "audit" as const, name: n, filters: props.filters() };
      const { view } = await api.saveView(body);
      await refetch();
      setChosen(view.id);
      setName("");
      setNotice(`Saved “${view.name}”.`);
    } catch (err) {
      const f = fieldErrors(err);
      setError(f.name ? plainFieldError("name", f.name) : describeError(err));
    }
  };

  const remove = async () => {
    const view = views().find((v) => v.id === chosen());
    if (!view) return;
    setError();
    try {
      await api.deleteView(view.id);
      setChosen("");
      await refetch();
      setNotice(`Deleted “${view.name}”.`);
    } catch (err) {
      setError(describeError(err));
    }
  };

  return (
    <fieldset class="saved-views">
      <legend class="sr-only">Saved {noun} views</legend>
      <label>
        Saved view
        <select value={chosen()} onChange={(e) => apply(e.currentTarget.value)} data-testid={`${props.kind}-views`}>
          <option value="">{views().length ? "Choose a view…" : "No saved views yet"}</option>
          <For each={views()}>{(v: SavedView) => <option value={v.id}>{v.name}</option>}</For>
        </select>
      </label>
      <Show when={chosen()}>
        <button type="button" class="btn btn-secondary btn-small" onClick={remove}>
          Delete view
        </button>
      </Show>
      <form class="saved-views-save" onSubmit={save} novalidate>
        <label>
          Save these filters as
          <input
            value={name()}
            placeholder={props.kind === "jobs" ? "e.g. Failed this week" : "e.g. Cancels"}
            aria-invalid={error() ? "true" : undefined}
            onInput={(e) => setName(e.currentTarget.value)}
          />
        </label>
        <span class={name().trim().length > NAME_MAX ? "small field-count-over" : "small muted"}>
          {name().trim().length}/{NAME_MAX}
        </span>
        <button type="submit" class="btn btn-secondary btn-small">
          Save view
        </button>
      </form>
      <p class="small saved-views-status" role="status">
        <Show when={error()} fallback={notice()}>
          <span class="field-error">{error()}</span>
        </Show>
      </p>
    </fieldset>
  );
}
