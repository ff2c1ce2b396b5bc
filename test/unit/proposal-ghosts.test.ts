// What the board draws of waiting proposals (CONTRACT 14): changed fields on
// the cards they touch, removals and moves, new cards after the card they
// would follow, and the rest for the panel only.
import { describe, expect, it } from "vitest";
import type { Command } from "../../worker/domain/commands";
import { finishDrafting, newProposal, type Proposal, propose } from "../../worker/domain/proposals";
import { changedFields, ghostsOf, pendingCount, START_ANCHOR } from "../../web/src/studio/model/ghosts";
import { upsertProposal } from "../../web/src/studio/stores/proposals";
import { boardWith, frameWith } from "../support/boards";

const board = boardWith({
  frames: [frameWith({ id: "f1", title: "Street", camera: "WS", durationSec: 4 }), frameWith({ id: "f2", title: "Mia", camera: "MS", durationSec: 4 })],
});

function proposalOf(id: string, open: boolean, ...commands: Command[]): Proposal {
  let p = newProposal(id, `run_${id}`, { id: "u1", name: "Mia" }, "2026-01-01T00:00:00.000Z");
  for (const c of commands) {
    const out = propose(board, p, c);
    if (!out.ok) throw new Error(out.reason);
    p = out.proposal;
  }
  return open ? finishDrafting(p) : p;
}

describe("ghosts on the board", () => {
  it("shows nothing for a decided proposal", () => {
    const p = { ...proposalOf("p1", true, { type: "remove_frame", id: "f1" }), status: "decided" as const };
    const g = ghostsOf(board, [p]);
    expect(g.cards.size + g.newAfter.size + g.elsewhere.length).toBe(0);
    expect(pendingCount([p])).toBe(0);
  });

  it("marks the fields a change would alter on its card, old → new", () => {
    const g = ghostsOf(board, [proposalOf("p1", true, { type: "update_frame", id: "f2", patch: { camera: "CU", durationSec: 6 } })]);
    const ghosts = g.cards.get("f2")!;
    expect(ghosts).toMatchObject([{ kind: "update", decidable: true }]);
    expect([...changedFields(ghosts).values()].map((f) => `${f.word} ${f.from} → ${f.to}`)).toEqual(["camera MS → CU", "length 4 s → 6 s"]);
  });

  it("places a new card after the card it would follow, with the changes to it, and nothing on a card for them", () => {
    const g = ghostsOf(board, [
      proposalOf(
        "p1",
        false,
        { type: "add_frame", frame: { id: "n1", title: "Smile" }, after: "f1" },
        { type: "update_frame", id: "n1", patch: { camera: "CU" } },
        { type: "add_frame", frame: { id: "n0", title: "Cold open" }, after: null },
      ),
    ]);
    expect(g.newAfter.get("f1")!.map((n) => [n.frame.title, n.frame.camera, n.followUps.length, n.decidable])).toEqual([["Smile", "CU", 1, false]]);
    expect(g.newAfter.get(START_ANCHOR)!.map((n) => n.frame.title)).toEqual(["Cold open"]);
    expect(g.cards.size).toBe(0);
  });

  it("lists script, plan, cast and format changes for the panel only", () => {
    const g = ghostsOf(board, [proposalOf("p1", true, { type: "set_script", text: "INT. CAFE" }, { type: "remove_frame", id: "f1" })]);
    expect(g.elsewhere.map((e) => e.change.summary)).toEqual(["Write the script"]);
    expect(g.cards.get("f1")).toMatchObject([{ kind: "remove" }]);
  });

  it("keeps proposals in the order they were made and drops one once decided", () => {
    const a = proposalOf("p1", true, { type: "remove_frame", id: "f1" });
    const b = proposalOf("p2", true, { type: "remove_frame", id: "f2" });
    const list = upsertProposal(upsertProposal([], a), b);
    expect(upsertProposal(list, { ...a, changes: [] }).map((p) => p.id)).toEqual(["p1", "p2"]);
    expect(upsertProposal(list, { ...a, status: "decided" }).map((p) => p.id)).toEqual(["p2"]);
  });
});
