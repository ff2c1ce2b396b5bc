// The studio's copy of the board: filled from `metadata`, then moved forward
// by `board_event`s in seq order with the same pure reducer the room uses,
// so it equals the server's board at every seq. A gap in seq is reported so
// the connection can resync instead of drifting.
import { batch } from "solid-js";
import { createStore, reconcile, unwrap } from "solid-js/store";
import type { Board } from "../../../worker/domain/board";
import { applyEvent } from "../../../worker/domain/events";
import type { BoardEvent, MetadataPayload } from "../../../worker/domain/protocol";

/** The frame ids an event touches, for the "changed just now" highlight. */
export { touchedFrames } from "../../../worker/domain/events";

export type EventResult = "applied" | "duplicate" | "gap" | "not_ready";

export function createBoardState() {
  const [state, setState] = createStore<{ seq: number | null; board: Board | null }>({ seq: null, board: null });

  const set = (seq: number, board: Board) =>
    batch(() => {
      setState("board", reconcile(board, { key: "id", merge: true }));
      setState("seq", seq);
    });

  return {
    state,
    /** Takes a full board, or the missed events after the seq this client already holds (a member's metadata or a reviewer's). */
    applyMetadata(meta: Pick<MetadataPayload, "seq" | "board" | "resumed">): EventResult {
      if (meta.board) {
        set(meta.seq, meta.board);
        return "applied";
      }
      if (!meta.resumed || state.board === null || state.seq !== meta.resumed.fromSeq) return "gap";
      let board = unwrap(state.board) as Board;
      let seq = state.seq;
      for (const e of meta.resumed.events) {
        if (e.seq !== seq + 1) return "gap";
        board = applyEvent(board, e.event);
        seq = e.seq;
      }
      set(seq, board);
      return "applied";
    },
    applyEvent(seq: number, event: BoardEvent): EventResult {
      if (state.seq === null || state.board === null) return "not_ready";
      if (seq <= state.seq) return "duplicate";
      if (seq !== state.seq + 1) return "gap";
      // The reducer reads the raw board, never the store's proxies.
      set(seq, applyEvent(unwrap(state.board) as Board, event));
      return "applied";
    },
  };
}
export type BoardState = ReturnType<typeof createBoardState>;
