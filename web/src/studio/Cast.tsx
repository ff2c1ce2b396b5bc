// The episode's cast, places, props and look (CONTRACT 4 assets) for the
// studio's Cast tab: a compact list, each asset editable in place with its
// reference picture (CONTRACT 12), and an add form; the rules and messages
// live in cast-form.ts.
import "./cast.css";
import { createMemo, createSignal, createUniqueId, For, Show } from "solid-js";
import { createStore } from "solid-js/store";
import { type Asset, shotLabel } from "../../../worker/domain/board";
import { characterColor } from "../../../worker/sketch/palette";
import {
  ASSET_FIELDS,
  type AssetDraft,
  type AssetField,
  type AssetKind,
  assetLabels,
  checkAssetDraft,
  draftOf,
  KIND_LABEL,
  KIND_NOUN,
  PROMPT_LABEL,
  removalNotice,
  shotsUsing,
} from "./cast-form";
import { FieldError } from "./FieldError";
import { ASPECT_RATIO, RevisionImage } from "./Media";
import { referencePicture, revisionKind } from "./model/pictures";
import { type FieldErrors, firstInvalid, plural } from "./form-words";
import type { Studio } from "./studio-state";

const KINDS: AssetKind[] = ["character", "location", "prop", "style"];

export function AssetsPanel(props: { studio: Studio }) {
  const s = props.studio;
  const assets = () => s.board.board?.assets ?? [];
  const labels = createMemo(() => assetLabels(assets()));
  const label = (a: Asset) => labels().get(a.id) ?? a.name;
  const shots = (a: Asset) => shotsUsing(s.board.board?.frames ?? [], a.id);
  const [editing, setEditing] = createSignal<string>();
  const [status, setStatus] = createSignal("");
  const editButtons = new Map<string, HTMLButtonElement>();
  let heading!: HTMLHeadingElement;

  // Focus goes back to the asset's Edit button, so the keyboard stays where the person was.
  const closeEdit = (id: string) => {
    setEditing();
    editButtons.get(id)?.focus();
  };

  const remove = async (a: Asset) => {
    const before = assets();
    const i = before.findIndex((x) => x.id === a.id);
    const neighbour = before[i + 1] ?? before[i - 1];
    const notice = removalNotice(a, shots(a));
    const r = await s.send({ type: "remove_asset", id: a.id });
    if (!r.ok) return;
    // No confirmation: undo brings it back, so say what went and where it was used.
    s.announce(notice);
    // The removed row's button is gone: focus moves to the next asset's, else to the heading.
    const next = neighbour && editButtons.get(neighbour.id);
    if (next) next.focus();
    else heading.focus();
  };

  return (
    <section class="panel cast-panel" aria-labelledby="assets-h">
      <h2 id="assets-h" ref={heading} tabIndex={-1}>
        Cast, places and look
      </h2>
      <Show when={assets().length > 0} fallback={<p class="muted small">No assets yet. Frames point at them so a character looks the same in every shot.</p>}>
        <ul class="cast-list">
          <For each={assets()}>
            {(a) => (
              <li class="cast-item">
                <Show
                  when={editing() === a.id}
                  fallback={
                    <div class="cast-row">
                      <div class="cast-line">
                        <Show when={a.kind === "character"}>
                          <span class="cast-swatch" style={{ background: characterColor(a) }} title="Colour in the sketches" aria-hidden="true" />
                        </Show>
                        <span class={`chip chip-${a.kind}`}>{KIND_LABEL[a.kind]}</span>
                        <strong class="cast-name">{a.name}</strong>
                        <span class="muted small cast-uses">{plural(shots(a), "shot")}</span>
                        <Show when={s.canEdit()}>
                          <span class="cast-actions">
                            <button
                              type="button"
                              class="link-btn"
                              ref={(el) => editButtons.set(a.id, el)}
                              aria-label={`Edit ${label(a)}`}
                              onClick={() => {
                                setStatus("");
                                setEditing(a.id);
                              }}
                            >
                              Edit
                            </button>
                            <button type="button" class="link-btn danger" aria-label={`Remove ${label(a)}`} onClick={() => remove(a)}>
                              Remove
                            </button>
                          </span>
                        </Show>
                      </div>
                      <Show when={a.reference}>
                        <ReferenceLine studio={s} asset={a} label={label(a)} />
                      </Show>
                      <Show when={a.description}>
                        <p class="cast-text">{a.description}</p>
                      </Show>
                      <Show when={a.prompt}>
                        <p class="cast-text muted small">{a.prompt}</p>
                      </Show>
                    </div>
                  }
                >
                  <AssetForm
                    studio={s}
                    editing={a}
                    subject={label(a)}
                    onSaved={(saved) => {
                      setStatus(`Saved ${saved.name}.`);
                      closeEdit(a.id);
                    }}
                    onCancel={() => closeEdit(a.id)}
                  />
                </Show>
              </li>
            )}
          </For>
        </ul>
      </Show>
      <Show when={s.canEdit()}>
        <AssetForm studio={s} onSaved={(saved) => setStatus(`Added ${saved.name}.`)} />
      </Show>
      <p class="sr-only" role="status">
        {status()}
      </p>
    </section>
  );
}

/**
 * An asset's reference picture (CONTRACT 12): its thumbnail and the shot it
 * is from, and for editors a way to clear it. A reference whose picture was
 * removed says so, and can be cleared too.
 */
function ReferenceLine(props: { studio: Studio; asset: Asset; label: string }) {
  const s = props.studio;
  const [busy, setBusy] = createSignal(false);
  const [said, setSaid] = createSignal("");
  const found = () => {
    const board = s.board.board;
    return board ? referencePicture(board, props.asset) : undefined;
  };
  const aspect = () => s.board.board?.format.aspect ?? "16:9";
  const clear = async () => {
    setBusy(true);
    const r = await s.send({ type: "upsert_asset", asset: { ...props.asset, reference: null } });
    setBusy(false);
    if (r.ok) s.announce(`${props.asset.name} has no reference picture now.`);
    else setSaid(r.message ?? "Not cleared.");
  };
  return (
    <div class="cast-ref">
      <Show when={found()} fallback={<span class="muted small">Its reference picture was removed from its shot.</span>}>
        {(ref) => (
          <>
            <span class="cast-ref-thumb" style={{ "aspect-ratio": ASPECT_RATIO[aspect()] }}>
              <RevisionImage revision={ref().revision} alt={`Reference picture for ${props.label}, from shot ${shotLabel(ref().frame, ref().index)}`} />
            </span>
            <span class="muted small">
              Reference picture, from shot {shotLabel(ref().frame, ref().index)} ({revisionKind(ref().revision)})
            </span>
          </>
        )}
      </Show>
      <Show when={s.canEdit()}>
        <button type="button" class="link-btn" disabled={busy()} aria-label={`Clear the reference picture of ${props.label}`} onClick={() => void clear()}>
          Clear reference
        </button>
      </Show>
      <Show when={said()}>
        <span class="field-error" role="alert">
          {said()}
        </span>
      </Show>
    </div>
  );
}

/**
 * One asset's fields: editing an asset when `editing` is given, else adding
 * one. Errors show beside their fields and focus goes to the first of them;
 * Escape cancels an edit.
 */
function AssetForm(props: {
  studio: Studio;
  editing?: Asset;
  /** The edited asset's unique name, for the form's and buttons' accessible names. */
  subject?: string;
  onSaved: (asset: Asset) => void;
  onCancel?: () => void;
}) {
  const uid = createUniqueId();
  const id = (f: AssetField | "form") => `${uid}-${f}`;
  const err = (f: AssetField) => `${uid}-${f}-err`;
  const [draft, setDraft] = createStore<AssetDraft>(draftOf(props.editing));
  const [errors, setErrors] = createSignal<FieldErrors<AssetField>>({});
  const [busy, setBusy] = createSignal(false);
  const controls: Partial<Record<AssetField | "form", HTMLElement>> = {};
  const editing = props.editing !== undefined;

  // A field's error goes once the person changes that field; the rest stay until the next save.
  const change = (field: AssetField) => {
    if (errors()[field]) setErrors((e) => ({ ...e, [field]: undefined }));
  };

  const submit = async (e: SubmitEvent) => {
    e.preventDefault();
    const board = props.studio.board.board;
    if (busy() || !board) return;
    const check = checkAssetDraft({ ...draft }, board, props.editing);
    if (!check.ok) {
      setErrors(check.errors);
      controls[firstInvalid(ASSET_FIELDS, check.errors) ?? "form"]?.focus();
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
    if (!editing) {
      // The kind stays: people add several characters in a row.
      setDraft({ ...draftOf(), kind: draft.kind });
      controls.name?.focus();
    }
    props.onSaved(check.command.asset);
  };

  return (
    <form
      class={`cast-form${editing ? " cast-form-edit" : ""}`}
      aria-label={editing ? `Edit ${props.subject}` : "Add to the cast"}
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
      <div class="field cast-kind">
        <label for={id("kind")}>Kind</label>
        <select
          id={id("kind")}
          ref={(el) => (controls.kind = el)}
          value={draft.kind}
          onChange={(e) => {
            setDraft("kind", KINDS.find((k) => k === e.currentTarget.value) ?? "character");
            // The duplicate-name check depends on the kind.
            change("name");
          }}
        >
          <For each={KINDS}>{(k) => <option value={k}>{KIND_LABEL[k]}</option>}</For>
        </select>
      </div>
      <div class="field cast-name-field">
        <label for={id("name")}>Name</label>
        <input
          id={id("name")}
          ref={(el) => {
            controls.name = el;
            // Opening an edit puts the cursor in the name, where most edits start.
            if (editing) queueMicrotask(() => el.focus());
          }}
          autocomplete="off"
          value={draft.name}
          onInput={(e) => {
            setDraft("name", e.currentTarget.value);
            change("name");
          }}
          aria-invalid={errors().name ? "true" : undefined}
          aria-describedby={errors().name ? err("name") : undefined}
        />
        <FieldError id={err("name")} text={errors().name} />
      </div>
      <div class="field cast-wide">
        <label for={id("description")}>Description</label>
        <textarea
          id={id("description")}
          ref={(el) => (controls.description = el)}
          rows={2}
          placeholder={`Who or what the ${KIND_NOUN[draft.kind]} is, for the script and the agent`}
          value={draft.description}
          onInput={(e) => {
            setDraft("description", e.currentTarget.value);
            change("description");
          }}
          aria-invalid={errors().description ? "true" : undefined}
          aria-describedby={errors().description ? err("description") : undefined}
        />
        <FieldError id={err("description")} text={errors().description} />
      </div>
      <div class="field cast-wide">
        <label for={id("prompt")}>{PROMPT_LABEL}</label>
        <textarea
          id={id("prompt")}
          ref={(el) => (controls.prompt = el)}
          rows={2}
          placeholder="What every image of it shows, e.g. young woman, green apron"
          value={draft.prompt}
          onInput={(e) => {
            setDraft("prompt", e.currentTarget.value);
            change("prompt");
          }}
          aria-invalid={errors().prompt ? "true" : undefined}
          aria-describedby={errors().prompt ? err("prompt") : undefined}
        />
        <FieldError id={err("prompt")} text={errors().prompt} />
      </div>
      <div class="cast-form-actions">
        <Show
          when={editing}
          fallback={
            <button type="submit" class="btn btn-secondary btn-small" disabled={busy()}>
              Add {KIND_NOUN[draft.kind]}
            </button>
          }
        >
          <button type="submit" class="btn btn-primary btn-small" disabled={busy()} aria-label={`Save ${props.subject}`}>
            Save
          </button>
          <button type="button" class="btn btn-secondary btn-small" aria-label={`Cancel editing ${props.subject}`} onClick={() => props.onCancel?.()}>
            Cancel
          </button>
        </Show>
      </div>
    </form>
  );
}
