// Which frames are picked: a click toggles one, shift-click takes the range
// from the last one picked, and frames that leave the board leave the
// selection. Pure list functions, so the rules are tested without a DOM.

export interface Selection {
  ids: readonly string[];
  /** The frame a shift-click ranges from. */
  anchor: string | null;
}

export const emptySelection: Selection = { ids: [], anchor: null };

export function toggle(sel: Selection, id: string): Selection {
  return sel.ids.includes(id) ? { ids: sel.ids.filter((x) => x !== id), anchor: sel.anchor === id ? null : sel.anchor } : { ids: [...sel.ids, id], anchor: id };
}

/** Adds every frame between the anchor and `id` (inclusive), in board order; without an anchor it is a toggle. */
export function extendTo(sel: Selection, order: readonly string[], id: string): Selection {
  const a = sel.anchor === null ? -1 : order.indexOf(sel.anchor);
  const b = order.indexOf(id);
  if (a < 0 || b < 0) return toggle(sel, id);
  const [lo, hi] = a < b ? [a, b] : [b, a];
  const range = order.slice(lo, hi + 1);
  return { ids: [...sel.ids, ...range.filter((x) => !sel.ids.includes(x))], anchor: sel.anchor };
}

/** Drops ids no longer on the board; returns the same object when nothing changed. */
export function prune(sel: Selection, order: readonly string[]): Selection {
  const ids = sel.ids.filter((x) => order.includes(x));
  if (ids.length === sel.ids.length) return sel;
  return { ids, anchor: sel.anchor && order.includes(sel.anchor) ? sel.anchor : null };
}

/** The picked ids in board order (a command on several frames runs top to bottom). */
export function inOrder(sel: Selection, order: readonly string[]): string[] {
  return order.filter((x) => sel.ids.includes(x));
}
