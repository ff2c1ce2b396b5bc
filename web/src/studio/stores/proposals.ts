// The proposals context's store (CONTRACT 14): the live proposals from
// `metadata` and `proposal` messages, the ghosts they put on the board, the
// "Suggest first" choice (remembered per person in this browser), and the
// last decision's report with its Undo.
import { createMemo, createSignal } from "solid-js";
import type { Board } from "../../../../worker/domain/board";
import { type DecideResult, decisionWords, type Proposal } from "../../../../worker/domain/proposals";
import type { ServerMessage } from "../../../../worker/domain/protocol";
import type { TypedAck } from "../../lib/realtime";
import { type Ghosts, ghostsOf, pendingCount } from "../model/ghosts";

export interface DecisionReport {
  text: string;
  /** The run the decision applied as; Undo reverts it. Null when nothing applied. */
  runId: string | null;
  failed: boolean;
}

export interface ProposalsDeps {
  board: () => Board | null;
  me: () => string | undefined;
  request: (payload: { proposalId: string; accept: string[]; reject: string[] }) => Promise<TypedAck<"proposal_decide">>;
}

const suggestKey = (userId: string) => `reelroom.suggest.${userId}`;

/** Keeps proposals in the order they were made, replacing one by id and dropping a decided one. */
export function upsertProposal(list: readonly Proposal[], p: Proposal): Proposal[] {
  if (p.status === "decided") return list.filter((x) => x.id !== p.id);
  const i = list.findIndex((x) => x.id === p.id);
  if (i < 0) return [...list, p];
  const next = list.slice();
  next[i] = p;
  return next;
}

export function createProposals(deps: ProposalsDeps) {
  const [list, setList] = createSignal<Proposal[]>([]);
  const [report, setReport] = createSignal<DecisionReport>();
  const [busy, setBusy] = createSignal(false);
  const [suggestOverride, setSuggestOverride] = createSignal<boolean>();

  const ghosts = createMemo((): Ghosts => {
    const board = deps.board();
    return board ? ghostsOf(board, list()) : { cards: new Map(), newAfter: new Map(), elsewhere: [] };
  });

  const suggest = () => {
    const set = suggestOverride();
    if (set !== undefined) return set;
    const me = deps.me();
    return me ? localStorage.getItem(suggestKey(me)) === "1" : false;
  };

  async function decide(proposalId: string, accept: string[], reject: string[]): Promise<DecideResult | null> {
    setBusy(true);
    const ack = await deps.request({ proposalId, accept, reject });
    setBusy(false);
    if (!ack.ok) {
      setReport({ text: ack.error.message, runId: null, failed: true });
      return null;
    }
    const text = decisionWords(ack.result);
    setReport({ text: text || "Decided.", runId: ack.result.runId, failed: ack.result.notApplied.length > 0 });
    return ack.result;
  }

  return {
    list,
    ghosts,
    pending: () => pendingCount(list()),
    report,
    dismissReport: () => setReport(),
    busy,
    decide,
    /** One change: accept or reject it alone. */
    decideOne: (proposalId: string, changeId: string, accept: boolean) => decide(proposalId, accept ? [changeId] : [], accept ? [] : [changeId]),
    /** Every waiting change of one proposal. */
    decideAll: (proposal: Proposal, accept: boolean) => {
      const ids = proposal.changes.map((c) => c.id);
      return decide(proposal.id, accept ? ids : [], accept ? [] : ids);
    },
    /** "Suggest first": the person's next messages land as proposals. */
    suggest,
    setSuggest(on: boolean) {
      setSuggestOverride(on);
      const me = deps.me();
      if (me) localStorage.setItem(suggestKey(me), on ? "1" : "0");
    },
    onMessage(msg: ServerMessage) {
      if (msg.type === "metadata") setList(msg.payload.proposals ?? []);
      else if (msg.type === "proposal") setList((l) => upsertProposal(l, msg.payload.proposal));
    },
  };
}
export type ProposalsStore = ReturnType<typeof createProposals>;
