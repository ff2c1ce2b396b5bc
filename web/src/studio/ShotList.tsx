// The shot list: every frame in order with a thumbnail and whether its
// picture is current, out of date or none, camera, timecode in and out on
// the episode's timeline, and the running total. The same board
// as the cards, read as an editor or a 1st AD would.
import { For, Show } from "solid-js";
import { type Frame, shotLabel } from "../../../worker/domain/board";
import { outOfDateText, pictureState } from "../../../worker/domain/picture-basis";
import { formatDuration } from "../../../worker/domain/running-time";
import { useBoard, useStudio } from "./context";
import { FramePicture } from "./Media";
import { cameraChips, dialogueLines, shotList, timecode } from "./model/frames";

export function ShotList(props: { onOpen: (frame: Frame) => void }) {
  const b = useBoard();
  const studio = useStudio();
  const notes = (id: string) => studio.comments.open().get(id) ?? 0;
  const list = () => shotList(b.frames());
  return (
    <div class="table-wrap">
      <table class="frame-table shot-list">
        <caption class="sr-only">Shot list with timecodes</caption>
        <thead>
          <tr>
            <th scope="col">Shot</th>
            <th scope="col">Title</th>
            <th scope="col">Picture</th>
            <th scope="col">Camera</th>
            <th scope="col">In</th>
            <th scope="col">Out</th>
            <th scope="col">Duration</th>
            <th scope="col">Action and dialogue</th>
          </tr>
        </thead>
        <tbody>
          {/* Keyed by the frames themselves, which keep their identity across events: a row (and its sketch) is redrawn only when its frame changes. */}
          <For each={b.frames()}>
            {(frame, i) => {
              const f = () => frame;
              const row = () => list().rows[i()]!;
              // The picture column (CONTRACT 12): current, out of date (and what changed) or none.
              const picture = () => {
                const board = b.board.board;
                const state = board ? pictureState(board, frame) : ({ state: "none" } as const);
                return { state: state.state, title: state.state === "out of date" ? outOfDateText(state.changed) : undefined };
              };
              return (
                <tr classList={{ flash: b.flash().has(row().id) }} data-frame-id={row().id}>
                  <td class="num">{row().shot}</td>
                  <td>
                    <button
                      type="button"
                      class="link-btn"
                      aria-label={`Edit shot ${shotLabel(f(), i())}: ${row().title || "Untitled"}`}
                      onClick={() => props.onOpen(f())}
                    >
                      {row().title || "Untitled"}
                    </button>
                    <Show when={notes(frame.id) > 0}>
                      <span class="note-count">
                        {notes(frame.id)} open note{notes(frame.id) === 1 ? "" : "s"}
                      </span>
                    </Show>
                  </td>
                  <td>
                    <div class="thumb">
                      <FramePicture frame={f()} shot={row().shot} />
                    </div>
                    <span class={`picture-state picture-state-${picture().state.replace(/ /g, "-")}`} title={picture().title}>
                      {picture().state}
                      <Show when={picture().title}>{(t) => <span class="sr-only"> ({t()})</span>}</Show>
                    </span>
                  </td>
                  <td>
                    {cameraChips(f().camera)
                      .map((c) => c.text)
                      .join(", ") || f().camera}
                  </td>
                  <td class="num tc">{timecode(row().inSec)}</td>
                  <td class="num tc">{row().outSec === null ? "—" : timecode(row().outSec ?? 0)}</td>
                  <td class="num">{row().durationSec === null ? "no length" : `${row().durationSec}s`}</td>
                  <td class="small">
                    <Show when={f().action}>
                      <p>{f().action}</p>
                    </Show>
                    <For each={dialogueLines(f().dialogue)}>
                      {(d) => (
                        <p class="frame-dialogue">
                          {d.speaker ? `${d.speaker}: ` : ""}“{d.line}”
                        </p>
                      )}
                    </For>
                  </td>
                </tr>
              );
            }}
          </For>
        </tbody>
        <tfoot>
          <tr>
            <th scope="row" colspan="6">
              Running time
            </th>
            <td class="num" colspan="2">
              <strong>{formatDuration(list().totalSec)}</strong>
            </td>
          </tr>
        </tfoot>
      </table>
    </div>
  );
}
