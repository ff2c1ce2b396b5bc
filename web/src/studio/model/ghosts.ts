// What the board shows of the proposals waiting for a decision (CONTRACT 14):
// each existing card's proposed changes (fields old → new, a move, a
// removal) and the new cards a proposal would add, placed after the card
// they would follow. Pure, so the rules are tested without a DOM.
import type { Board, Frame } from "../../../../worker/domain/board";
import { boardWith, fieldChanges, type Proposal, type ProposalChange } from "../../../../worker/domain/proposals";

export interface FieldGhost {
  field: string;
  word: string;
  from: string;
  to: string;
}

/** One proposed change to a card on the board. */
export interface CardGhost {
  proposalId: string;
  change: ProposalChange;
  kind: "update" | "remove" | "move";
  /** For an update: the fields it changes, against the card as it is now. */
  fields: FieldGhost[];
  /** Whether its proposal waits for a decision (a drafting one cannot be decided yet). */
  decidable: boolean;
}

/** A card a proposal would add: the frame as the proposal would leave it, after `anchor` (null: first). */
export interface NewCard {
  proposalId: string;
  change: ProposalChange;
  /** Changes of the same proposal to this new shot, decided with it. */
  followUps: ProposalChange[];
  frame: Frame;
  anchor: string | null;
  decidable: boolean;
}

export interface Ghosts {
  cards: Map<string, CardGhost[]>;
  /** New cards keyed by the card on the board they follow ("" for the start), in the order they would stand. */
  newAfter: Map<string, NewCard[]>;
  /** Changes to the script, plan, cast or format: only the proposal panel lists them. */
  elsewhere: { proposalId: string; change: ProposalChange; decidable: boolean }[];
}

const START = "";

/** Splits the pending changes of every live proposal into what each card shows. */
export function ghostsOf(board: Board, proposals: readonly Proposal[]): Ghosts {
  const cards = new Map<string, CardGhost[]>();
  const newAfter = new Map<string, NewCard[]>();
  const elsewhere: Ghosts["elsewhere"] = [];
  const onBoard = new Map(board.frames.map((f) => [f.id, f]));
  for (const p of proposals) {
    if (p.status === "decided") continue;
    const decidable = p.status === "open";
    const shadow = boardWith(board, p.changes);
    const added = new Set(p.changes.flatMap((c) => (c.command.type === "add_frame" ? [c.command.frame.id] : [])));
    for (const change of p.changes) {
      const cmd = change.command;
      if (cmd.type === "add_frame") {
        const frame = shadow.frames.find((f) => f.id === cmd.frame.id);
        if (!frame) continue;
        // The nearest card before it in the proposal's board that is on the board now.
        const i = shadow.frames.indexOf(frame);
        const anchor = shadow.frames
          .slice(0, i)
          .reverse()
          .find((f) => onBoard.has(f.id));
        const key = anchor?.id ?? START;
        const followUps = p.changes.filter((c) => c !== change && c.frameId === frame.id);
        newAfter.set(key, [...(newAfter.get(key) ?? []), { proposalId: p.id, change, followUps, frame, anchor: anchor?.id ?? null, decidable }]);
        continue;
      }
      const frameId = change.frameId;
      if (frameId === null) {
        elsewhere.push({ proposalId: p.id, change, decidable });
        continue;
      }
      // A change to a shot the proposal adds is shown on that new card.
      if (added.has(frameId)) continue;
      const frame = onBoard.get(frameId);
      if (!frame) continue;
      const kind = cmd.type === "remove_frame" ? "remove" : cmd.type === "move_frame" ? "move" : "update";
      const fields = cmd.type === "update_frame" ? fieldChanges(board, frame, cmd.patch) : [];
      cards.set(frameId, [...(cards.get(frameId) ?? []), { proposalId: p.id, change, kind, fields, decidable }]);
    }
  }
  return { cards, newAfter, elsewhere };
}

/** The fields a card highlights, with their proposed value shown in place of the current one. */
export function changedFields(ghosts: readonly CardGhost[]): Map<string, FieldGhost> {
  const out = new Map<string, FieldGhost>();
  for (const g of ghosts) for (const f of g.fields) out.set(f.field, f);
  return out;
}

/** How many changes wait across the live proposals. */
export function pendingCount(proposals: readonly Proposal[]): number {
  return proposals.reduce((n, p) => n + (p.status === "decided" ? 0 : p.changes.length), 0);
}

export { START as START_ANCHOR };
