// The console's jobs list: filters (and saved views of them), each job named
// by its project, episode and shot, cancel/retry/replay, bulk cancel, and
// the detail dialog.
import { createEffect, createResource, createSignal, For, Match, on, onCleanup, Show, Switch } from "solid-js";
import { type ExtendedJob, JobStatus, MediaProviderName } from "../../../worker/domain/jobs";
import { jobLabel, type JobsFilters, type NamedJob, SinceHours } from "../../../worker/domain/ops";
import { api, describeError } from "../api";
import { Alert, Modal } from "../components/ui";
import { createFilters, createPagedList, FilterSelect, PagedTable } from "./paged-list";
import { SavedViewsBar } from "./SavedViewsBar";

export type JobAction = "cancel" | "retry" | "replay";
const ACTIVE = ["pending", "running", "blocked"];
const SINCE_LABEL: Record<SinceHours, string> = { "1": "Last hour", "24": "Last 24 hours", "168": "Last 7 days" };

export function runJobAction(kind: JobAction, id: string) {
  return kind === "cancel" ? api.cancelJob(id) : kind === "retry" ? api.retryJob(id) : api.replayJob(id);
}

export function JobsPanel() {
  const { filters, setFilters, set } = createFilters<JobsFilters>();
  const [projects] = createResource(() => api.projects());
  const [selected, setSelected] = createSignal<ReadonlySet<string>>(new Set());
  const [detail, setDetail] = createSignal<NamedJob | null>(null);
  const list = createPagedList(filters, async (f, cursor: string | null) => {
    const res = await api.jobsPage(f, cursor);
    return { rows: res.jobs, nextCursor: res.nextCursor };
  });
  createEffect(on(filters, () => void list.load()));
  const timer = setInterval(() => void list.load(), 5000);
  onCleanup(() => clearInterval(timer));

  const act = async (kind: JobAction, id: string) => {
    try {
      await runJobAction(kind, id);
    } catch (err) {
      list.setError(describeError(err));
    }
    await list.load();
  };
  const bulkCancel = async () => {
    for (const id of selected()) await act("cancel", id);
    setSelected(new Set<string>());
  };
  const toggle = (id: string, on: boolean) => {
    const next = new Set(selected());
    if (on) next.add(id);
    else next.delete(id);
    setSelected(next);
  };

  return (
    <section class="panel ops-jobs" aria-labelledby="ops-jobs-h">
      <div class="panel-head">
        <h2 id="ops-jobs-h">Jobs</h2>
        <button type="button" class="btn btn-secondary btn-small" disabled={selected().size === 0} onClick={bulkCancel}>
          Cancel selected ({selected().size})
        </button>
      </div>
      <div class="filters">
        <FilterSelect
          label="Project"
          value={filters().project}
          any="All my projects"
          options={projects()?.projects.map((p) => p.id) ?? []}
          optionLabel={(id) => projects()?.projects.find((p) => p.id === id)?.name ?? id}
          onChange={(project) => set({ project })}
        />
        <FilterSelect label="Status" value={filters().status} any="Any" options={JobStatus.options} onChange={(status) => set({ status })} />
        <FilterSelect label="Provider" value={filters().provider} any="Any" options={MediaProviderName.options} onChange={(provider) => set({ provider })} />
        <FilterSelect
          label="Created"
          value={filters().since}
          any="Any time"
          options={SinceHours.options}
          optionLabel={(h) => SINCE_LABEL[h]}
          onChange={(since) => set({ since })}
        />
      </div>
      <SavedViewsBar kind="jobs" filters={filters} onApply={(f) => setFilters({ ...f })} />
      <PagedTable
        list={list}
        columns={[{ hidden: "Select" }, "Shot", "Started by", "Status", "Provider", "Attempt", "Progress", "Created", { hidden: "Actions" }]}
        empty="No jobs match these filters."
      >
        {(j) => (
          <tr>
            <td>
              <input
                type="checkbox"
                aria-label={`Select ${jobLabel(j.names)}`}
                checked={selected().has(j.id)}
                disabled={!ACTIVE.includes(j.status)}
                onChange={(e) => toggle(j.id, e.currentTarget.checked)}
              />
            </td>
            <td>
              <button type="button" class="link-btn job-name" onClick={() => setDetail(j)}>
                {jobLabel(j.names)}
              </button>
            </td>
            <td>{j.names.createdByName ?? "a deleted account"}</td>
            <td class={`job-status status-${j.status}`}>{j.status}</td>
            <td>{j.provider}</td>
            <td>{j.attempt}</td>
            <td>{j.progress}%</td>
            <td>{new Date(j.createdAt).toLocaleString()}</td>
            <td>
              <Show when={ACTIVE.includes(j.status)}>
                <button type="button" class="link-btn" onClick={() => act("cancel", j.id)}>
                  Cancel
                </button>
              </Show>
              <Show when={j.status === "failure" || j.status === "blocked"}>
                <button type="button" class="link-btn" onClick={() => act("retry", j.id)}>
                  Retry
                </button>
              </Show>
            </td>
          </tr>
        )}
      </PagedTable>
      <JobDetail job={detail()} onClose={() => setDetail(null)} onAction={act} />
    </section>
  );
}

/** Why a job has no stage timings, for a status that can have none. */
function noStagesReason(job: ExtendedJob["job"]): string {
  if (job.status === "canceled") return "No stage ran: the job was canceled before rendering finished a stage.";
  if (job.status === "pending") return "No stage has run yet: the job is waiting for a worker.";
  if (job.status === "blocked") return "No stage ran: the job was blocked before rendering (the reason is above).";
  if (job.status === "running") return "The first stage is still running.";
  return "No stage timings were recorded for this job.";
}

function JobDetail(props: { job: NamedJob | null; onClose: () => void; onAction: (k: JobAction, id: string) => Promise<void> }) {
  const [ext, { refetch }] = createResource(
    () => props.job?.id,
    (id) => api.jobExtended(id),
  );
  const timings = () => Object.entries(ext()?.plugin_timings ?? {});
  const maxMs = () => Math.max(1, ...timings().map(([, t]) => t));
  const act = (kind: JobAction, id: string) => props.onAction(kind, id).then(() => void refetch());
  return (
    <Modal open={!!props.job} title={props.job ? jobLabel(props.job.names) : "Job"} headingId="job-h" wide onClose={() => props.onClose()}>
      <Switch>
        <Match when={ext.error}>
          <Alert>{describeError(ext.error)}</Alert>
        </Match>
        <Match when={ext()}>
          {(e) => (
            <div class="job-detail">
              <p>
                <strong class={`status-${e().job.status}`}>{e().job.status}</strong> · {e().job.provider} · attempt {e().job.attempt} · {e().progress}%
                <Show when={props.job?.names.createdByName}>{(n) => <> · started by {n()}</>}</Show>
                <Show when={e().job.parentJobId}> · a replay of an earlier render of this shot</Show>
              </p>
              <Show when={e().job.blockedReason || e().job.error}>
                <p class="media-reason">{e().job.blockedReason ?? e().job.error}</p>
              </Show>
              <h3>Stage timings</h3>
              <Show when={timings().length > 0} fallback={<p class="muted small">{noStagesReason(e().job)}</p>}>
                <div class="plugin-inspector wide">
                  <For each={timings()}>
                    {([name, t]) => (
                      <div class="stage stage-completed">
                        <span class="stage-name">{name}</span>
                        <span class="stage-bar" aria-hidden="true">
                          <span style={{ width: `${Math.max(2, (t / maxMs()) * 100)}%` }} />
                        </span>
                        <span class="stage-ms">{t} ms</span>
                      </div>
                    )}
                  </For>
                </div>
              </Show>
              <h3>Attempts</h3>
              <ol class="small">
                <For each={e().attempts} fallback={<li class="muted">No attempt has started.</li>}>
                  {(a) => <li>{`#${a.attempt} ${a.status}${a.error ? `: ${a.error}` : ""}`}</li>}
                </For>
              </ol>
              <h3>Logs</h3>
              <ol class="log-list small">
                <For each={e().logs} fallback={<li class="muted">Nothing was logged.</li>}>
                  {(l) => <li class={`log-${l.level}`}>{`${new Date(l.at).toLocaleTimeString()} [#${l.attempt}] ${l.message}`}</li>}
                </For>
              </ol>
              <h3>Provider requests</h3>
              <ul class="small">
                <For each={e().provider_requests} fallback={<li class="muted">No image provider was called.</li>}>
                  {(r) => <li>{`#${r.attempt}.${r.try} ${r.provider}/${r.model} ${r.outcome} in ${r.durationMs} ms${r.error ? `: ${r.error}` : ""}`}</li>}
                </For>
              </ul>
              <details>
                <summary>Manifest and reference</summary>
                <p class="small muted">Job reference (for support): {e().job.id}</p>
                <pre class="trace-pre">{e().manifest ? JSON.stringify(e().manifest, null, 2) : "No manifest: one is written only when a job succeeds."}</pre>
              </details>
              <div class="dialog-actions">
                <Show when={["success", "failure", "canceled", "blocked"].includes(e().job.status)}>
                  <button type="button" class="btn btn-secondary" onClick={() => act("replay", e().job.id)}>
                    Replay
                  </button>
                </Show>
                <Show when={e().job.status === "failure" || e().job.status === "blocked"}>
                  <button type="button" class="btn btn-secondary" onClick={() => act("retry", e().job.id)}>
                    Retry
                  </button>
                </Show>
                <Show when={ACTIVE.includes(e().job.status)}>
                  <button type="button" class="btn btn-danger" onClick={() => act("cancel", e().job.id)}>
                    Cancel
                  </button>
                </Show>
              </div>
            </div>
          )}
        </Match>
      </Switch>
    </Modal>
  );
}
