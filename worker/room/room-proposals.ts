// The room's proposals (CONTRACT 14): a run sent as "suggest" collects its
// commands here instead of applying them; every tab sees the proposal grow
// and shrink (`proposal` messages, and `proposals` in metadata); a person's
// decision applies what they accepted as one event through the room's one
// mutation path. Proposals live in the room's SQLite beside the board, so a
// restart keeps them.
import type { ChatMessage, RunStatus } from "../domain/chat";
import type { Actor } from "../domain/commands";
import { type DecideResult, decide, finishDrafting, newProposal, type Proposal, propose, proposedWords } from "../domain/proposals";
import type { ServerPayload, ServerType } from "../domain/protocol";
import { newId } from "../ids";
import type { RoomCore } from "./room-core";

/** What the room needs from storage for proposals; synchronous, as the DO's SQLite is. */
export interface ProposalStore {
  transaction<T>(fn: () => T): T;
  putProposal(p: Proposal): void;
  /** Proposals being written or waiting for a decision, oldest first. */
  liveProposals(): Proposal[];
  recentMessages(limit: number): ChatMessage[];
  addMessage(m: ChatMessage): void;
  updateMessage(m: ChatMessage): void;
}

export interface RoomProposalsDeps {
  store: ProposalStore;
  core: () => RoomCore;
  broadcast: <T extends ServerType>(type: T, payload: ServerPayload<T>, seq?: number) => void;
  now: () => number;
}

export type DecideOutcome = { ok: true; result: DecideResult } | { ok: false; code: string; message: string };

const TERMINAL = new Set<RunStatus>(["completed", "stopped", "failed"]);

export class RoomProposals {
  // Loaded on first use, like the board: a wake for a ping never reads them.
  private cache: Map<string, Proposal> | undefined;

  constructor(private readonly deps: RoomProposalsDeps) {}

  private get live(): Map<string, Proposal> {
    this.cache ??= new Map(this.deps.store.liveProposals().map((p) => [p.id, p]));
    return this.cache;
  }

  /** What a joining member gets in metadata. */
  snapshot(): Proposal[] {
    return [...this.live.values()];
  }

  private byRun(runId: string): Proposal | undefined {
    return [...this.live.values()].find((p) => p.runId === runId);
  }

  /** Stores a proposal as it stands and tells every tab; a decided one leaves memory. */
  private save(p: Proposal, write = true): void {
    if (write) this.deps.store.putProposal(p);
    if (p.status === "decided") this.live.delete(p.id);
    else this.live.set(p.id, p);
    this.deps.broadcast("proposal", { proposal: p });
  }

  /**
   * Opens the proposal of a run sent as "suggest". Called right after the
   * run started: its first command can only come after the provider's first
   * chunk, which is awaited, so nothing of the run is missed.
   */
  open(runId: string, by: { id: string; name: string }): Proposal {
    const p = newProposal(newId("prop", 12), runId, by, new Date(this.deps.now()).toISOString());
    this.save(p);
    return p;
  }

  /** Whether the run is writing a proposal now. */
  drafting(runId: string): boolean {
    return this.byRun(runId)?.status === "drafting";
  }

  /**
   * The seam with agent runs: a command of a run that is writing a proposal
   * joins it (null when the run is not suggesting, so the command applies).
   */
  collect(runId: string, command: unknown): { ok: true } | { ok: false; reason: string } | null {
    const p = this.byRun(runId);
    if (p?.status !== "drafting") return null;
    // Decided change by change, a cleared board could be half replaced: a suggestion never starts over.
    if ((command as { type?: unknown } | null)?.type === "clear_frames") {
      return { ok: false, reason: "a suggestion cannot start the board over; send it without Suggest first to replace the board" };
    }
    const out = propose(this.deps.core().board, p, command);
    if (!out.ok) return out;
    this.save(out.proposal);
    return { ok: true };
  }

  /**
   * A run ended (or was found cut short by a restart): its proposal waits
   * for decisions, and its answer says what it proposed, counted from the
   * proposal, in the same message.
   */
  runEnded(runId: string, status: RunStatus): void {
    if (!TERMINAL.has(status)) return;
    const p = this.byRun(runId);
    if (p?.status !== "drafting") return;
    const done = finishDrafting(p);
    const words = proposedWords(done);
    const reply = this.deps.store.recentMessages(20).findLast((m) => m.role === "assistant" && m.runId === runId);
    const message: ChatMessage = reply
      ? { ...reply, text: reply.text.trim() ? `${reply.text.trimEnd()}\n\n${words}` : words }
      : {
          id: newId("msg"),
          role: "assistant",
          text: words,
          author: { id: "agent", name: "Production agent" },
          runId,
          createdAt: new Date(this.deps.now()).toISOString(),
        };
    this.deps.store.transaction(() => {
      this.deps.store.putProposal(done);
      if (reply) this.deps.store.updateMessage(message);
      else this.deps.store.addMessage(message);
    });
    this.save(done, false);
    this.deps.broadcast("chat_message", message);
  }

  /**
   * A person's decision: accepted changes that still fit apply as one event
   * (one undo takes it back), the rest are reported; the proposal shrinks and
   * is "decided" when nothing is left. The event and the proposal's new state
   * commit together.
   */
  decide(payload: { proposalId: string; accept: string[]; reject: string[] }, actor: Actor): DecideOutcome {
    const p = this.live.get(payload.proposalId);
    if (!p) return { ok: false, code: "not_found", message: "That proposal is no longer open: it was decided already." };
    const core = this.deps.core();
    const d = decide(core.board, p, payload.accept, payload.reject);
    if (!d.ok) return { ok: false, code: d.code, message: d.reason };
    let seq: number | null = null;
    let runId: string | null = null;
    if (d.event) {
      runId = newId("acpt", 12);
      const out = core.commitEvent(d.event, actor, runId, () => this.deps.store.putProposal(d.proposal));
      if (!out.ok) return { ok: false, code: out.code, message: "The board changed while deciding; try again." };
      seq = out.value.seq;
      this.deps.broadcast("board_event", { event: out.value.event }, seq);
    } else {
      this.deps.store.putProposal(d.proposal);
    }
    this.save(d.proposal, false);
    return {
      ok: true,
      result: {
        proposalId: p.id,
        seq,
        runId,
        applied: d.applied.map((c) => c.id),
        notApplied: d.notApplied,
        rejected: d.rejected.map((c) => c.id),
      },
    };
  }
}
