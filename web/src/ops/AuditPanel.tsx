// The console's audit trail: who did what to what, by name; filters (and
// saved views of them); exports; and Replay for an entry about a job (the
// worker checks the editor role on the job's project).
import { createEffect, createSignal, on, Show } from "solid-js";
import type { AuditEntry, AuditFilters } from "../../../worker/domain/ops";
import { api, ApiFailure, describeError } from "../api";
import { createFilters, createPagedList, PagedTable } from "./paged-list";
import { SavedViewsBar } from "./SavedViewsBar";
import { actorText } from "./audit-words";

function replayRefusal(err: unknown): string {
  if (err instanceof ApiFailure && (err.status === 404 || err.status === 403)) {
    return "Replay needs the editor role in that job's project, and you do not have it there.";
  }
  return describeError(err);
}

export function AuditPanel() {
  const { filters, setFilters, set } = createFilters<AuditFilters>();
  const [actionText, setActionText] = createSignal("");
  const [notice, setNotice] = createSignal<string>();
  const list = createPagedList(filters, async (f, cursor: number | null) => {
    const res = await api.audit(f, cursor);
    return { rows: res.entries, nextCursor: res.nextCursor };
  });
  createEffect(
    on(filters, (f) => {
      setActionText(f.action ?? "");
      void list.load();
    }),
  );
  /** The person the actor filter names, read off the entries it brought back. */
  const actorShown = () => {
    const id = filters().actor;
    const row = list.rows().find((r) => r.actor === id);
    return row ? actorText(row) : "one person";
  };
  const replay = async (e: AuditEntry) => {
    if (!e.targetJobId) return;
    setNotice();
    list.setError();
    try {
      await api.replayJob(e.targetJobId);
      setNotice(`Replay queued: ${e.targetLabel ?? "the job"} renders again.`);
      await list.load();
    } catch (err) {
      list.setError(replayRefusal(err));
    }
  };

  return (
    <section class="panel ops-audit" aria-labelledby="audit-h">
      <div class="panel-head">
        <h2 id="audit-h">Audit trail</h2>
        <a class="btn btn-secondary btn-small" href={api.auditExportUrl(filters(), "csv")} download="reelroom-audit.csv">
          Export CSV
        </a>
        <a class="btn btn-secondary btn-small" href={api.auditExportUrl(filters(), "jsonl")} download="reelroom-audit.jsonl">
          Export JSON Lines
        </a>
      </div>
      <div class="filters">
        <label>
          Action
          <input
            value={actionText()}
            placeholder="e.g. job.cancel"
            onChange={(e) => set({ action: e.currentTarget.value.trim() || undefined })}
            onInput={(e) => setActionText(e.currentTarget.value)}
          />
        </label>
        <Show when={filters().actor}>
          <p class="filter-chip">
            Only what {actorShown()} did
            <button type="button" class="link-btn" onClick={() => set({ actor: undefined })}>
              Show everyone
            </button>
          </p>
        </Show>
      </div>
      <p class="muted small">Select a person's name to see only what they did.</p>
      <SavedViewsBar kind="audit" filters={filters} onApply={(f) => setFilters({ ...f })} />
      <p class="small" role="status">
        {notice()}
      </p>
      <PagedTable list={list} columns={["When", "Who", "Action", "On", "Verdict", { hidden: "Actions" }]} empty="No entries match these filters.">
        {(r) => (
          <tr>
            <td title={`Request ${r.requestId}`}>{new Date(r.at).toLocaleString()}</td>
            <td>
              <Show when={r.actor !== "anonymous" && r.actorName} fallback={actorText(r)}>
                <button type="button" class="link-btn" title={`Only what ${actorText(r)} did`} onClick={() => set({ actor: r.actor })}>
                  {actorText(r)}
                </button>
              </Show>
            </td>
            <td>{r.action}</td>
            <td class="audit-target">{r.targetLabel ?? r.target}</td>
            <td class={`verdict-${r.verdict}`}>{r.verdict}</td>
            <td>
              <Show when={r.targetJobId}>
                <button type="button" class="link-btn" aria-label={`Replay ${r.targetLabel ?? "this job"}`} onClick={() => replay(r)}>
                  Replay
                </button>
              </Show>
            </td>
          </tr>
        )}
      </PagedTable>
    </section>
  );
}
