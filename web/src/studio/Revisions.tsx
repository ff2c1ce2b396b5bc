// A frame's pictures in its detail view (CONTRACT 12): every revision as a
// thumbnail, oldest first, the shown one marked, each with its kind, who made
// it, when and its provider. Editors show another one (select_revision),
// remove one that is not the only one (remove_revision, confirmed), and make
// one the reference picture of a cast member, place or prop in the shot
// (upsert_asset with `reference`). Every change goes out as a board command
// and waits for its ack; the live region says what happened.
import { createSignal, For, Show } from "solid-js";
import type { Asset, Frame, Revision } from "../../../worker/domain/board";
import { pictureBasis } from "../../../worker/domain/picture-basis";
import { useBoard, useConnection } from "./context";
import { KIND_NOUN } from "./cast-form";
import { RevisionImage, useAspect, ASPECT_RATIO } from "./Media";
import { pictureAlt, referenceTakers, revisionByline, revisionKind } from "./model/pictures";

export function Revisions(props: { frame: Frame; shot: string; now?: () => number }) {
  const b = useBoard();
  const c = useConnection();
  const aspect = useAspect();
  const [status, setStatus] = createSignal("");
  const [busy, setBusy] = createSignal(false);
  const revisions = () => props.frame.media.revisions;
  const now = () => props.now?.() ?? Date.now();
  const takers = () => {
    const board = b.board.board;
    return board ? referenceTakers(board, props.frame) : [];
  };
  const current = () => {
    const board = b.board.board;
    return board ? pictureBasis(board, props.frame) : "";
  };
  const name = (r: Revision) => `picture ${revisions().indexOf(r) + 1} of ${revisions().length}`;
  const strip = new Map<string, HTMLButtonElement>();

  const act = async (run: () => Promise<{ ok: boolean; message?: string }>, done: string) => {
    if (busy()) return;
    setBusy(true);
    const r = await run();
    setBusy(false);
    setStatus(r.ok ? done : `Not done: ${r.message ?? "the room refused it"}`);
  };

  const show = (r: Revision) => {
    if (props.frame.media.shown === r.id || !c.canEdit()) return;
    void act(() => b.send({ type: "select_revision", frameId: props.frame.id, revisionId: r.id }), `Showing ${name(r)} on shot ${props.shot}.`);
  };

  const remove = (r: Revision) => {
    const i = revisions().indexOf(r);
    if (!confirm(`Remove ${name(r)} (${revisionKind(r)}) from shot ${props.shot}? Undo brings it back.`)) return;
    const neighbour = revisions()[i + 1] ?? revisions()[i - 1];
    void act(() => b.send({ type: "remove_revision", frameId: props.frame.id, revisionId: r.id }), `Removed a picture from shot ${props.shot}.`).then(() => {
      // The removed thumbnail's button is gone: the keyboard goes on from its neighbour.
      if (neighbour) strip.get(neighbour.id)?.focus();
    });
  };

  const useAsReference = (r: Revision, asset: Asset) =>
    act(
      () => b.send({ type: "upsert_asset", asset: { ...asset, reference: { frameId: props.frame.id, revisionId: r.id } } }),
      `${asset.name} now takes ${name(r)} of shot ${props.shot} as reference picture.`,
    );

  const refersHere = (a: Asset, r: Revision) => a.reference?.frameId === props.frame.id && a.reference.revisionId === r.id;

  return (
    <section class="revisions" aria-labelledby={`revisions-h-${props.frame.id}`}>
      <h3 id={`revisions-h-${props.frame.id}`} class="revisions-h">
        Pictures <span class="muted small">{revisions().length === 0 ? "none kept yet" : `${revisions().length} kept, oldest first`}</span>
      </h3>
      <Show
        when={revisions().length > 0}
        fallback={
          <p class="muted small">
            The card shows a live sketch of the shot.
            {c.canEdit() ? " Render it, upload a picture, drop one here or paste one to keep a picture." : ""}
          </p>
        }
      >
        <ol class="revision-strip">
          <For each={revisions()}>
            {(r) => {
              const shown = () => props.frame.media.shown === r.id;
              const stale = () => shown() && r.basis !== current();
              return (
                <li class="revision" classList={{ "revision-shown": shown() }}>
                  <button
                    type="button"
                    class="revision-pick"
                    ref={(el) => strip.set(r.id, el)}
                    aria-pressed={shown()}
                    aria-disabled={!c.canEdit() || undefined}
                    aria-label={`${shown() ? "Shown" : "Show"}: ${name(r)}, ${revisionKind(r)}${revisionByline(r, now()) ? `, ${revisionByline(r, now())}` : ""}${stale() ? ", out of date" : ""}`}
                    title={pictureAlt(r, props.shot, props.frame.title)}
                    onClick={() => show(r)}
                  >
                    <span class="revision-thumb" style={{ "aspect-ratio": ASPECT_RATIO[aspect()] }}>
                      <RevisionImage revision={r} alt="" />
                      <Show when={shown()}>
                        <span class="revision-badge" aria-hidden="true">
                          Shown
                        </span>
                      </Show>
                    </span>
                  </button>
                  <div class="revision-meta">
                    <span class="revision-kind">{revisionKind(r)}</span>
                    <Show when={stale()}>
                      <span class="revision-stale">Out of date</span>
                    </Show>
                    <Show when={revisionByline(r, now())}>
                      {(line) => (
                        <span class="muted" title={r.at ? new Date(r.at).toLocaleString() : undefined}>
                          {line()}
                        </span>
                      )}
                    </Show>
                  </div>
                  <Show when={c.canEdit()}>
                    <div class="revision-actions">
                      <button
                        type="button"
                        class="link-btn danger"
                        disabled={revisions().length <= 1 || busy()}
                        title={revisions().length <= 1 ? "A shot's only picture cannot be removed" : undefined}
                        aria-label={`Remove ${name(r)}`}
                        onClick={() => remove(r)}
                      >
                        Remove
                      </button>
                      <Show when={takers().length > 0}>
                        <select
                          class="revision-ref"
                          aria-label={`Use ${name(r)} as reference for…`}
                          disabled={busy()}
                          value=""
                          onChange={(e) => {
                            const asset = takers().find((a) => a.id === e.currentTarget.value);
                            e.currentTarget.value = "";
                            if (asset) void useAsReference(r, asset);
                          }}
                        >
                          <option value="">Use as reference for…</option>
                          <For each={takers()}>
                            {(a) => (
                              <option value={a.id} disabled={refersHere(a, r)}>
                                {refersHere(a, r) ? "✓ " : ""}
                                {a.name} ({KIND_NOUN[a.kind]})
                              </option>
                            )}
                          </For>
                        </select>
                      </Show>
                    </div>
                  </Show>
                  <Show when={takers().some((a) => refersHere(a, r))}>
                    <p class="revision-refs muted">
                      Reference for{" "}
                      {takers()
                        .filter((a) => refersHere(a, r))
                        .map((a) => a.name)
                        .join(", ")}
                    </p>
                  </Show>
                </li>
              );
            }}
          </For>
        </ol>
      </Show>
      <p class="sr-only" role="status">
        {status()}
      </p>
    </section>
  );
}
