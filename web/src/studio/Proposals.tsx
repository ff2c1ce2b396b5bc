// Proposals on the board (CONTRACT 14): the panel above the cards that lists
// every change the agent proposed (with Accept / Reject each, and Accept all
// / Reject all), the strip on a card a change would touch (fields old → new,
// a move, a removal), and the dashed card a proposal would add. Nothing here
// changes the board: a decision goes to the room as proposal_decide.
import { For, Show } from "solid-js";
import type { Proposal, ProposalChange } from "../../../worker/domain/proposals";
import { useConnection, useStudio } from "./context";
import { FramePicture } from "./Media";
import type { CardGhost, NewCard } from "./model/ghosts";
import { cameraChips } from "./model/frames";
import "./proposals.css";

/** Accept and Reject for one change, named after it so every button says what it decides. */
function Decide(props: { proposalId: string; change: ProposalChange; decidable: boolean; also?: ProposalChange[] }) {
  const studio = useStudio();
  const c = useConnection();
  const p = studio.proposals;
  const ids = () => [props.change.id, ...(props.also ?? []).map((x) => x.id)];
  return (
    <Show when={c.canEdit()}>
      <span class="proposal-actions">
        <button
          type="button"
          class="btn btn-small proposal-accept"
          disabled={!props.decidable || p.busy()}
          aria-label={`Accept: ${props.change.summary}`}
          title={props.decidable ? "Apply this change to the board" : "The agent is still writing this proposal"}
          onClick={() => void p.decide(props.proposalId, ids(), [])}
        >
          Accept
        </button>
        <button
          type="button"
          class="btn btn-small proposal-reject"
          disabled={!props.decidable || p.busy()}
          aria-label={`Reject: ${props.change.summary}`}
          title={props.decidable ? "Drop this change" : "The agent is still writing this proposal"}
          onClick={() => void p.decide(props.proposalId, [], ids())}
        >
          Reject
        </button>
      </span>
    </Show>
  );
}

/** The proposals waiting above the board, and what the last decision did. */
export function ProposalsPanel() {
  const studio = useStudio();
  const c = useConnection();
  const p = studio.proposals;
  return (
    <>
      <Show when={p.report()}>
        {(r) => (
          <div class="proposal-report" classList={{ "proposal-report-warn": r().failed }} role="status">
            <span>{r().text}</span>
            <Show when={r().runId && c.canEdit()}>
              <button type="button" class="link-btn" onClick={() => void studio.undoRun(r().runId!)}>
                Undo
              </button>
            </Show>
            <button type="button" class="link-btn" onClick={() => p.dismissReport()}>
              Dismiss
            </button>
          </div>
        )}
      </Show>
      <For each={p.list()}>{(proposal) => <ProposalBox proposal={proposal} />}</For>
    </>
  );
}

function ProposalBox(props: { proposal: Proposal }) {
  const studio = useStudio();
  const c = useConnection();
  const p = studio.proposals;
  const drafting = () => props.proposal.status === "drafting";
  const n = () => props.proposal.changes.length;
  const headId = () => `proposal-${props.proposal.id}-h`;
  return (
    <section class="proposal-box" aria-labelledby={headId()} aria-busy={drafting()}>
      <div class="proposal-head">
        <h3 id={headId()}>
          <span class="proposal-badge">Proposed</span> {n()} change{n() === 1 ? "" : "s"}
          <span class="muted small">
            {" "}
            · asked by {props.proposal.by.name}
            {drafting() ? " · the agent is still writing" : " · nothing changes until someone accepts"}
          </span>
        </h3>
        <Show when={c.canEdit() && n() > 1}>
          <span class="proposal-all">
            <button type="button" class="btn btn-primary btn-small" disabled={drafting() || p.busy()} onClick={() => void p.decideAll(props.proposal, true)}>
              Accept all
            </button>
            <button type="button" class="btn btn-secondary btn-small" disabled={drafting() || p.busy()} onClick={() => void p.decideAll(props.proposal, false)}>
              Reject all
            </button>
          </span>
        </Show>
      </div>
      <ol class="proposal-changes">
        <For each={props.proposal.changes}>
          {(change) => (
            <li class={`proposal-change proposal-change-${change.command.type}`}>
              <span class="proposal-summary">{change.summary}</span>
              <Decide proposalId={props.proposal.id} change={change} decidable={!drafting()} />
            </li>
          )}
        </For>
      </ol>
    </section>
  );
}

const FIELD_LABEL: Record<string, string> = { durationSec: "Length" };
const label = (g: { field: string; word: string }) => FIELD_LABEL[g.field] ?? g.word.charAt(0).toUpperCase() + g.word.slice(1);

/** What a proposal would do to one card on the board: fields old → new, a move or a removal, each to accept or reject. */
export function CardProposals(props: { ghosts: CardGhost[]; shot: string }) {
  return (
    <div class="card-proposals" data-shot={props.shot}>
      <For each={props.ghosts}>
        {(g) => (
          <div class={`card-proposal card-proposal-${g.kind}`}>
            <span class="proposal-badge">{g.kind === "remove" ? "Proposed removal" : g.kind === "move" ? "Proposed move" : "Proposed"}</span>
            <Show when={g.kind === "update"} fallback={<span class="card-proposal-words">{g.kind === "remove" ? "Remove this shot" : g.change.summary}</span>}>
              <ul class="field-diffs">
                <For each={g.fields}>
                  {(f) => (
                    <li class="field-diff">
                      <span class="field-word">{label(f)}</span> <del>{f.from}</del> <span aria-hidden="true">→</span>
                      <span class="sr-only"> to</span> <ins>{f.to}</ins>
                    </li>
                  )}
                </For>
              </ul>
            </Show>
            <Decide proposalId={g.proposalId} change={g.change} decidable={g.decidable} />
          </div>
        )}
      </For>
    </div>
  );
}

/** A card a proposal would add, dashed, between the cards it would stand between. */
export function GhostCard(props: { ghost: NewCard }) {
  const f = () => props.ghost.frame;
  return (
    <li class="ghost-card" aria-label={`Proposed new shot: ${f().title || "untitled"}`} data-change-id={props.ghost.change.id}>
      <FramePicture frame={f()} shot="new" />
      <div class="card-top">
        <span class="proposal-badge">New shot · proposed</span>
        <Show when={f().durationSec !== null}>
          <span class="frame-duration">{f().durationSec}s</span>
        </Show>
      </div>
      <p class="frame-meta">
        <For each={cameraChips(f().camera)}>{(chip) => <span class={`cam cam-${chip.kind}`}>{chip.text}</span>}</For>
      </p>
      <h3 class="frame-title">{f().title || "Untitled"}</h3>
      <Show when={f().action}>
        <p class="frame-action">{f().action}</p>
      </Show>
      <div class="card-proposals">
        <div class="card-proposal card-proposal-add">
          <span class="card-proposal-words">Add this shot{props.ghost.followUps.length ? ", with the changes proposed to it" : ""}</span>
          <Decide proposalId={props.ghost.proposalId} change={props.ghost.change} decidable={props.ghost.decidable} also={props.ghost.followUps} />
        </div>
      </div>
    </li>
  );
}
