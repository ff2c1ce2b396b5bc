// The episode's beat plan for the studio: the story's turns in order, each
// one editable in place, movable and removable, with how many shots sit on
// it. Every change sends the whole plan (set_plan); rules in beats-form.ts.
import "./cast.css";
import { createEffect, createMemo, createSignal, createUniqueId, For, on, Show } from "solid-js";
import { createStore } from "solid-js/store";
import type { Beat } from "../../../worker/domain/board";
import { BEAT_FIELDS, type BeatDraft, type BeatField, beatLabels, beatRemovalNotice, checkBeatDraft, moveBeat, removeBeat, shotsPerBeat } from "./beats-form";
import { FieldError } from "./FieldError";
import { type FieldErrors, firstInvalid, plural } from "./form-words";
import type { Studio } from "./studio-state";

type Direction = "up" | "down";

export function BeatsPanel(props: { studio: Studio }) {
  const s = props.studio;
  const beats = () => s.board.board?.plan.beats ?? [];
  const labels = createMemo(() => beatLabels(beats()));
  const label = (b: Beat) => labels().get(b.id) ?? b.title;
  const counts = createMemo(() => shotsPerBeat(s.board.board?.frames ?? []));
  const [editing, setEditing] = createSignal<string>();
  const [status, setStatus] = createSignal("");
  const buttons = new Map<string, { edit?: HTMLButtonElement; up?: HTMLButtonElement; down?: HTMLButtonElement }>();
  const refs = (id: string) => buttons.get(id) ?? buttons.set(id, {}).get(id)!;
  let heading!: HTMLHeadingElement;

  // A moved row is taken out of the page and put back, which drops focus:
  // it returns to the same arrow, or to the other one once the beat reaches an end.
  let refocus: { id: string; dir: Direction } | undefined;
  const applyRefocus = () => {
    if (!refocus) return;
    const r = buttons.get(refocus.id);
    const same = refocus.dir === "up" ? r?.up : r?.down;
    const other = refocus.dir === "up" ? r?.down : r?.up;
    (same && !same.disabled ? same : other)?.focus();
  };
  createEffect(
    on(
      () =>
        beats()
          .map((b) => b.id)
          .join(" "),
      () => {
        applyRefocus();
        refocus = undefined;
      },
      { defer: true },
    ),
  );

  const move = async (b: Beat, dir: Direction) => {
    const command = moveBeat(beats(), b.id, dir === "up" ? -1 : 1);
    if (!command) return;
    refocus = { id: b.id, dir };
    const r = await s.send(command);
    if (!r.ok) refocus = undefined;
    else applyRefocus();
  };

  const remove = async (b: Beat) => {
    const before = beats();
    const i = before.findIndex((x) => x.id === b.id);
    const neighbour = before[i + 1] ?? before[i - 1];
    const notice = beatRemovalNotice(label(b), counts().get(b.id) ?? 0);
    const r = await s.send(removeBeat(before, b.id));
    if (!r.ok) return;
    s.announce(notice);
    const next = neighbour && buttons.get(neighbour.id)?.edit;
    if (next) next.focus();
    else heading.focus();
  };

  const closeEdit = (id: string) => {
    setEditing();
    buttons.get(id)?.edit?.focus();
  };

  return (
    <section class="panel plan-panel" aria-labelledby="beats-h">
      <h2 id="beats-h" ref={heading} tabIndex={-1}>
        Beat plan
      </h2>
      <Show when={beats().length > 0} fallback={<p class="muted small">No beats yet: the story's turns, in order.</p>}>
        <ol class="plan-list">
          <For each={beats()}>
            {(b, i) => (
              <li class="plan-item">
                <Show
                  when={editing() === b.id}
                  fallback={
                    <div class="plan-row">
                      <div class="cast-line">
                        <strong class="cast-name">{b.title || "Untitled"}</strong>
                        <span class="muted small cast-uses">{plural(counts().get(b.id) ?? 0, "shot")}</span>
                        <Show when={s.canEdit()}>
                          <span class="cast-actions">
                            <button
                              type="button"
                              class="icon-btn plan-move"
                              ref={(el) => (refs(b.id).up = el)}
                              aria-label={`Move beat ${label(b)} up`}
                              disabled={i() === 0}
                              onClick={() => move(b, "up")}
                            >
                              ↑
                            </button>
                            <button
                              type="button"
                              class="icon-btn plan-move"
                              ref={(el) => (refs(b.id).down = el)}
                              aria-label={`Move beat ${label(b)} down`}
                              disabled={i() === beats().length - 1}
                              onClick={() => move(b, "down")}
                            >
                              ↓
                            </button>
                            <button
                              type="button"
                              class="link-btn"
                              ref={(el) => (refs(b.id).edit = el)}
                              aria-label={`Edit beat ${label(b)}`}
                              onClick={() => {
                                setStatus("");
                                setEditing(b.id);
                              }}
                            >
                              Edit
                            </button>
                            <button type="button" class="link-btn danger" aria-label={`Remove beat ${label(b)}`} onClick={() => remove(b)}>
                              Remove
                            </button>
                          </span>
                        </Show>
                      </div>
                      <Show when={b.summary}>
                        <p class="cast-text muted small">{b.summary}</p>
                      </Show>
                    </div>
                  }
                >
                  <BeatForm
                    studio={s}
                    editing={b}
                    subject={label(b)}
                    onSaved={(title) => {
                      setStatus(`Saved beat ${title}.`);
                      closeEdit(b.id);
                    }}
                    onCancel={() => closeEdit(b.id)}
                  />
                </Show>
              </li>
            )}
          </For>
        </ol>
      </Show>
      <Show when={s.canEdit()}>
        <BeatForm studio={s} onSaved={(title) => setStatus(`Added beat ${title}.`)} />
      </Show>
      <p class="sr-only" role="status">
        {status()}
      </p>
    </section>
  );
}

/**
 * A beat's fields: editing `editing` when given (title and summary), else
 * adding one (title only, to stay compact). Errors show beside their fields
 * and focus goes to the first of them; Escape cancels an edit.
 */
function BeatForm(props: { studio: Studio; editing?: Beat; subject?: string; onSaved: (title: string) => void; onCancel?: () => void }) {
  const uid = createUniqueId();
  const id = (f: BeatField) => `${uid}-${f}`;
  const err = (f: BeatField) => `${uid}-${f}-err`;
  const editing = props.editing !== undefined;
  const [draft, setDraft] = createStore<BeatDraft>({ title: props.editing?.title ?? "", summary: props.editing?.summary ?? "" });
  const [errors, setErrors] = createSignal<FieldErrors<BeatField>>({});
  const [busy, setBusy] = createSignal(false);
  const controls: Partial<Record<BeatField | "form", HTMLElement>> = {};

  const change = (field: BeatField, value: string) => {
    setDraft(field, value);
    if (errors()[field]) setErrors((e) => ({ ...e, [field]: undefined }));
  };

  const submit = async (e: SubmitEvent) => {
    e.preventDefault();
    if (busy()) return;
    const check = checkBeatDraft({ ...draft }, props.studio.board.board?.plan.beats ?? [], props.editing?.id);
    if (!check.ok) {
      setErrors(check.errors);
      controls[firstInvalid(BEAT_FIELDS, check.errors) ?? "form"]?.focus();
      return;
    }
    setErrors({});
    setBusy(true);
    const r = await props.studio.send(check.command);
    setBusy(false);
    if (!r.ok) {
      setErrors({ form: `Not saved: ${r.message ?? "the room refused the change"}.` });
      controls.form?.focus();
      return;
    }
    const title = draft.title.trim();
    if (!editing) {
      setDraft({ title: "", summary: "" });
      controls.title?.focus();
    }
    props.onSaved(title);
  };

  return (
    <form
      class={`cast-form plan-form${editing ? " cast-form-edit" : " plan-form-add"}`}
      aria-label={editing ? `Edit beat ${props.subject}` : "Add a beat"}
      noValidate
      onSubmit={submit}
      onKeyDown={(e) => {
        if (e.key === "Escape" && props.onCancel) {
          e.preventDefault();
          props.onCancel();
        }
      }}
    >
      <Show when={errors().form}>
        <p class="field-error cast-form-error" role="alert" tabIndex={-1} ref={(el) => (controls.form = el)}>
          {errors().form}
        </p>
      </Show>
      <div class="field cast-wide">
        <label for={id("title")} class={editing ? undefined : "sr-only"}>
          {editing ? "Title" : "New beat title"}
        </label>
        <input
          id={id("title")}
          ref={(el) => {
            controls.title = el;
            if (editing) queueMicrotask(() => el.focus());
          }}
          autocomplete="off"
          placeholder={editing ? undefined : "New beat, e.g. Hook"}
          value={draft.title}
          onInput={(e) => change("title", e.currentTarget.value)}
          aria-invalid={errors().title ? "true" : undefined}
          aria-describedby={errors().title ? err("title") : undefined}
        />
        <FieldError id={err("title")} text={errors().title} />
      </div>
      <Show when={editing}>
        <div class="field cast-wide">
          <label for={id("summary")}>Summary</label>
          <textarea
            id={id("summary")}
            ref={(el) => (controls.summary = el)}
            rows={2}
            value={draft.summary}
            onInput={(e) => change("summary", e.currentTarget.value)}
            aria-invalid={errors().summary ? "true" : undefined}
            aria-describedby={errors().summary ? err("summary") : undefined}
          />
          <FieldError id={err("summary")} text={errors().summary} />
        </div>
      </Show>
      <div class="cast-form-actions">
        <Show
          when={editing}
          fallback={
            <button type="submit" class="btn btn-secondary btn-small" disabled={busy()}>
              Add beat
            </button>
          }
        >
          <button type="submit" class="btn btn-primary btn-small" disabled={busy()} aria-label={`Save beat ${props.subject}`}>
            Save
          </button>
          <button type="button" class="btn btn-secondary btn-small" aria-label={`Cancel editing beat ${props.subject}`} onClick={() => props.onCancel?.()}>
            Cancel
          </button>
        </Show>
      </div>
    </form>
  );
}
