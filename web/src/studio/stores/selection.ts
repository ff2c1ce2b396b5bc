// The selection context's store: the pure rules of model/selection.ts in a
// signal, kept to the frames still on the board.
import { createMemo, createSignal } from "solid-js";
import { emptySelection, extendTo, inOrder, prune, type Selection, toggle } from "../model/selection";

export function createSelection(order: () => readonly string[]) {
  const [sel, setSel] = createSignal<Selection>(emptySelection);
  // Frames removed elsewhere leave the selection without a write of their own.
  const current = createMemo(() => prune(sel(), order()));
  const ids = createMemo(() => inOrder(current(), order()));
  return {
    ids,
    has: (id: string) => current().ids.includes(id),
    toggle: (id: string) => setSel(toggle(current(), id)),
    extendTo: (id: string) => setSel(extendTo(current(), order(), id)),
    all: () => setSel({ ids: [...order()], anchor: order()[0] ?? null }),
    clear: () => setSel(emptySelection),
  };
}
export type SelectionStore = ReturnType<typeof createSelection>;
