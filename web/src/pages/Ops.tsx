// The operations console (/ops): health, live KPIs and the last hour,
// jobs with filters, detail, cancel/retry/replay and bulk cancel, the audit
// trail with exports, and (for admins) provider circuit breakers.
import { createEffect, createResource, createSignal, For, Match, onCleanup, Show, Switch } from "solid-js";
import { z } from "zod";
import { ExtendedJob, type Job, JobStatus } from "../../../worker/domain/jobs";
import { api, ApiFailure, describeError } from "../api";
import { Layout } from "../components/Layout";
import { Alert, Loading, showModalWhile } from "../components/ui";
import { useSession } from "../session";

const Metrics = z.object({
  at: z.string(),
  jobsByStatus: z.record(z.string(), z.number()),
  latencyMs: z.object({ mean: z.number().nullable(), p95: z.number().nullable(), samples: z.number() }),
  successRate: z.number().nullable(),
  activeWorkers: z.number(),
  agentRuns: z.object({ active: z.number(), total: z.number() }),
  openSockets: z.number(),
  errorRate: z.number().nullable(),
  series: z.array(z.object({ minute: z.string(), succeeded: z.number(), failed: z.number(), meanLatencyMs: z.number().nullable() })),
});
type Metrics = z.infer<typeof Metrics>;

async function getJson<T extends z.ZodType>(schema: T, url: string, init?: RequestInit): Promise<z.infer<T>> {
  const res = await fetch(url, { credentials: "same-origin", ...init });
  const body: unknown = await res.json().catch(() => null);
  if (!res.ok) {
    const err = (body as { error?: { code?: string; message?: string } } | null)?.error;
    throw new ApiFailure(res.status, err?.code ?? "internal", err?.message ?? `The server answered ${res.status}.`);
  }
  return schema.parse(body);
}
const post = (url: string) => fetch(url, { method: "POST", credentials: "same-origin" });

const pct = (v: number | null) => (v === null ? "–" : `${(v * 100).toFixed(1)}%`);
const ms = (v: number | null) => (v === null ? "–" : v >= 1000 ? `${(v / 1000).toFixed(2)} s` : `${v} ms`);

export function Ops() {
  const session = useSession();
  return (
    <Layout wide crumbs={[{ label: "Operations" }]}>
      <div class="page-head">
        <h1>Operations</h1>
        <Show when={session.user()?.isAdmin}>
          <span class="role-badge role-owner">instance admin</span>
        </Show>
      </div>
      <div class="ops-grid">
        <HealthPanel />
        <MetricsPanel />
      </div>
      <JobsPanel />
      <AuditPanel />
      <Show when={session.user()?.isAdmin}>
        <BreakersPanel />
      </Show>
    </Layout>
  );
}

function HealthPanel() {
  const [health, { refetch }] = createResource(() => api.health());
  const timer = setInterval(() => void refetch(), 10_000);
  onCleanup(() => clearInterval(timer));
  return (
    <section class="panel" aria-labelledby="health-h">
      <h2 id="health-h">Health</h2>
      <Switch>
        <Match when={health.error}>
          <Alert onRetry={refetch}>{describeError(health.error)}</Alert>
        </Match>
        <Match when={health()}>
          {(h) => (
            <>
              <p class={`health-overall health-${h().status}`} role="status">
                {h().status === "ok"
                  ? "Everything is working."
                  : h().status === "degraded"
                    ? "Working, with problems below."
                    : "Down: the database cannot be reached."}
              </p>
              <ul class="health-list">
                <For each={Object.entries(h().components)}>
                  {([name, c]) => (
                    <li>
                      <span class={`dot dot-${c.status}`} aria-hidden="true" />
                      <strong>{name}</strong>
                      <span class="muted small">
                        {c.status}
                        {c.latencyMs !== undefined ? ` · ${c.latencyMs} ms` : ""}
                      </span>
                      <Show when={c.detail}>
                        <span class="small health-detail">{c.detail}</span>
                      </Show>
                    </li>
                  )}
                </For>
              </ul>
              <p class="muted small">
                Checked {new Date(h().timestamp).toLocaleTimeString()} · version {h().version}
              </p>
            </>
          )}
        </Match>
        <Match when={health.loading}>
          <Loading />
        </Match>
      </Switch>
    </section>
  );
}

function MetricsPanel() {
  const [metrics, setMetrics] = createSignal<Metrics>();
  const [stale, setStale] = createSignal(false);
  const [denied, setDenied] = createSignal<string>();
  // A first snapshot tells whether this person may see metrics at all (EventSource cannot read a 403).
  void getJson(Metrics, "/api/v1/metrics")
    .then((m) => {
      setMetrics(m);
      const es = new EventSource("/api/v1/metrics/stream");
      es.addEventListener("metrics", (e) => {
        const parsed = Metrics.safeParse(JSON.parse((e as MessageEvent).data));
        if (parsed.success) {
          setMetrics(parsed.data);
          setStale(false);
        }
      });
      // EventSource reconnects by itself, sending Last-Event-ID; meanwhile the tiles say they are stale.
      es.onerror = () => setStale(true);
      onCleanup(() => es.close());
    })
    .catch((err) => setDenied(describeError(err)));

  return (
    <section class="panel" aria-labelledby="metrics-h">
      <div class="panel-head">
        <h2 id="metrics-h">Metrics</h2>
        <span class={stale() ? "stale" : "live-badge"} role="status">
          {stale() ? "Stale: reconnecting…" : metrics() ? "Live" : ""}
        </span>
      </div>
      <Show when={!denied()} fallback={<p class="muted">{denied()}</p>}>
        <Show when={metrics()} fallback={<Loading />}>
          {(m) => (
            <>
              <div class="kpis">
                <Kpi label="Running" value={String(m().activeWorkers)} />
                <Kpi label="Succeeded" value={String(m().jobsByStatus.success ?? 0)} />
                <Kpi label="Failed" value={String(m().jobsByStatus.failure ?? 0)} />
                <Kpi label="Pending" value={String(m().jobsByStatus.pending ?? 0)} />
                <Kpi label="Mean latency" value={ms(m().latencyMs.mean)} />
                <Kpi label="p95 latency" value={ms(m().latencyMs.p95)} />
                <Kpi label="Success rate" value={pct(m().successRate)} />
                <Kpi label="Error rate (1 h)" value={pct(m().errorRate)} />
                <Kpi label="Agent runs" value={`${m().agentRuns.active} / ${m().agentRuns.total}`} />
                <Kpi label="Open sockets" value={String(m().openSockets)} />
              </div>
              <Chart series={m().series} />
            </>
          )}
        </Show>
      </Show>
    </section>
  );
}

function Kpi(props: { label: string; value: string }) {
  return (
    <div class="kpi">
      <div class="kpi-value" data-kpi={props.label}>
        {props.value}
      </div>
      <div class="kpi-label">{props.label}</div>
    </div>
  );
}

/** Jobs finished per minute over the last hour, as a small SVG bar chart. */
function Chart(props: { series: Metrics["series"] }) {
  const W = 600;
  const H = 120;
  const now = () => Date.now();
  const buckets = () => {
    const by = new Map(props.series.map((s) => [s.minute, s]));
    return Array.from({ length: 60 }, (_, i) => {
      const minute = new Date(now() - (59 - i) * 60_000).toISOString().slice(0, 16);
      const s = by.get(minute);
      return { minute, ok: s?.succeeded ?? 0, bad: s?.failed ?? 0 };
    });
  };
  const max = () => Math.max(1, ...buckets().map((b) => b.ok + b.bad));
  const total = () => buckets().reduce((n, b) => n + b.ok + b.bad, 0);
  return (
    <figure class="chart">
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-label={`Jobs finished per minute, last hour: ${total()} in all`} data-total={total()}>
        <line x1="0" y1={H - 0.5} x2={W} y2={H - 0.5} stroke="#c5ccd8" />
        <For each={buckets()}>
          {(b, i) => {
            const x = i() * (W / 60) + 1;
            const w = W / 60 - 2;
            const hOk = (b.ok / max()) * (H - 10);
            const hBad = (b.bad / max()) * (H - 10);
            return (
              <g>
                <rect x={x} y={H - hOk} width={w} height={hOk} fill="#1f7a45" />
                <rect x={x} y={H - hOk - hBad} width={w} height={hBad} fill="#b42318" />
              </g>
            );
          }}
        </For>
      </svg>
      <figcaption class="muted small">Jobs finished per minute, last hour (green succeeded, red failed).</figcaption>
    </figure>
  );
}

const JobsRes = z.object({ jobs: z.array(z.custom<Job>()), nextCursor: z.string().nullable() });

function JobsPanel() {
  const [status, setStatus] = createSignal("");
  const [provider, setProvider] = createSignal("");
  const [project, setProject] = createSignal("");
  const [since, setSince] = createSignal("");
  const [projects] = createResource(() => api.projects());
  const [rows, setRows] = createSignal<Job[]>([]);
  const [cursor, setCursor] = createSignal<string | null>(null);
  const [error, setError] = createSignal<string>();
  const [selected, setSelected] = createSignal<ReadonlySet<string>>(new Set());
  const [detail, setDetail] = createSignal<string | null>(null);

  const query = (after?: string | null) => {
    const q = new URLSearchParams();
    if (status()) q.set("status", status());
    if (provider()) q.set("provider", provider());
    if (project()) q.set("project", project());
    if (since()) q.set("from", new Date(Date.now() - Number(since()) * 3600_000).toISOString());
    if (after) q.set("cursor", after);
    return `/api/v1/jobs?${q}`;
  };
  const load = async (more = false) => {
    setError();
    try {
      const res = await getJson(JobsRes, query(more ? cursor() : null));
      setRows(more ? [...rows(), ...res.jobs] : res.jobs);
      setCursor(res.nextCursor);
    } catch (err) {
      setError(describeError(err));
    }
  };
  createEffect(() => {
    status();
    provider();
    project();
    since();
    void load();
  });
  const timer = setInterval(() => void load(), 5000);
  onCleanup(() => clearInterval(timer));

  const act = async (kind: "cancel" | "retry" | "replay", id: string) => {
    const res = await post(`/api/v1/jobs/${encodeURIComponent(id)}/${kind}`);
    if (!res.ok) setError(((await res.json().catch(() => null)) as { error?: { message?: string } } | null)?.error?.message ?? `Could not ${kind}.`);
    await load();
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
        <label>
          Project
          <select value={project()} onChange={(e) => setProject(e.currentTarget.value)}>
            <option value="">All my projects</option>
            <For each={projects()?.projects ?? []}>{(p) => <option value={p.id}>{p.name}</option>}</For>
          </select>
        </label>
        <label>
          Status
          <select value={status()} onChange={(e) => setStatus(e.currentTarget.value)}>
            <option value="">Any</option>
            <For each={JobStatus.options}>{(s) => <option value={s}>{s}</option>}</For>
          </select>
        </label>
        <label>
          Provider
          <select value={provider()} onChange={(e) => setProvider(e.currentTarget.value)}>
            <option value="">Any</option>
            <option value="sketch">sketch</option>
            <option value="openai">openai</option>
            <option value="workers-ai">workers-ai</option>
          </select>
        </label>
        <label>
          Created
          <select value={since()} onChange={(e) => setSince(e.currentTarget.value)}>
            <option value="">Any time</option>
            <option value="1">Last hour</option>
            <option value="24">Last 24 hours</option>
            <option value="168">Last 7 days</option>
          </select>
        </label>
      </div>
      <Show when={error()}>
        <Alert>{error()}</Alert>
      </Show>
      <div class="table-wrap">
        <table class="frame-table">
          <thead>
            <tr>
              <th scope="col">
                <span class="sr-only">Select</span>
              </th>
              <th scope="col">Job</th>
              <th scope="col">Status</th>
              <th scope="col">Provider</th>
              <th scope="col">Attempt</th>
              <th scope="col">Progress</th>
              <th scope="col">Created</th>
              <th scope="col">
                <span class="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            <For
              each={rows()}
              fallback={
                <tr>
                  <td colSpan={8} class="muted">
                    No jobs match.
                  </td>
                </tr>
              }
            >
              {(j) => (
                <tr>
                  <td>
                    <input
                      type="checkbox"
                      aria-label={`Select job ${j.id}`}
                      checked={selected().has(j.id)}
                      disabled={!["pending", "running", "blocked"].includes(j.status)}
                      onChange={(e) => toggle(j.id, e.currentTarget.checked)}
                    />
                  </td>
                  <td>
                    <button type="button" class="link-btn" onClick={() => setDetail(j.id)}>
                      {j.id}
                    </button>
                  </td>
                  <td class={`job-status status-${j.status}`}>{j.status}</td>
                  <td>{j.provider}</td>
                  <td>{j.attempt}</td>
                  <td>{j.progress}%</td>
                  <td>{new Date(j.createdAt).toLocaleString()}</td>
                  <td>
                    <Show when={["pending", "running", "blocked"].includes(j.status)}>
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
            </For>
          </tbody>
        </table>
      </div>
      <Show when={cursor()}>
        <button type="button" class="btn btn-secondary btn-small" onClick={() => load(true)}>
          Load more
        </button>
      </Show>
      <JobDetail jobId={detail()} onClose={() => setDetail(null)} onAction={act} />
    </section>
  );
}

function JobDetail(props: { jobId: string | null; onClose: () => void; onAction: (k: "cancel" | "retry" | "replay", id: string) => Promise<void> }) {
  let dialog!: HTMLDialogElement;
  const [ext, { refetch }] = createResource(
    () => props.jobId,
    (id) => getJson(ExtendedJob, `/api/v1/jobs/${encodeURIComponent(id)}/extended`),
  );
  showModalWhile(
    () => dialog,
    () => !!props.jobId,
  );
  const maxMs = () => Math.max(1, ...Object.values(ext()?.plugin_timings ?? {}));
  return (
    <dialog ref={dialog} class="dialog dialog-wide" aria-labelledby="job-h" onClose={() => props.onClose()}>
      <h2 id="job-h">Job {props.jobId}</h2>
      <Switch>
        <Match when={ext.error}>
          <Alert>{describeError(ext.error)}</Alert>
        </Match>
        <Match when={ext()}>
          {(e) => (
            <div class="job-detail">
              <p>
                <strong class={`status-${e().job.status}`}>{e().job.status}</strong> · {e().job.provider} · attempt {e().job.attempt} · {e().progress}%
                <Show when={e().job.parentJobId}> · replay of {e().job.parentJobId}</Show>
              </p>
              <Show when={e().job.blockedReason || e().job.error}>
                <p class="media-reason">{e().job.blockedReason ?? e().job.error}</p>
              </Show>
              <h3>Stage timings</h3>
              <div class="plugin-inspector wide">
                <For each={Object.entries(e().plugin_timings)}>
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
              <h3>Attempts</h3>
              <ol class="small">
                <For each={e().attempts}>{(a) => <li>{`#${a.attempt} ${a.status}${a.error ? `: ${a.error}` : ""}`}</li>}</For>
              </ol>
              <h3>Logs</h3>
              <ol class="log-list small">
                <For each={e().logs}>{(l) => <li class={`log-${l.level}`}>{`${new Date(l.at).toLocaleTimeString()} [#${l.attempt}] ${l.message}`}</li>}</For>
              </ol>
              <h3>Provider requests</h3>
              <ul class="small">
                <For each={e().provider_requests} fallback={<li class="muted">None.</li>}>
                  {(r) => <li>{`#${r.attempt}.${r.try} ${r.provider}/${r.model} ${r.outcome} in ${r.durationMs} ms${r.error ? `: ${r.error}` : ""}`}</li>}
                </For>
              </ul>
              <details>
                <summary>Manifest</summary>
                <pre class="trace-pre">{e().manifest ? JSON.stringify(e().manifest, null, 2) : "No manifest (the job did not succeed)."}</pre>
              </details>
              <div class="dialog-actions">
                <Show when={["success", "failure", "canceled", "blocked"].includes(e().job.status)}>
                  <button type="button" class="btn btn-secondary" onClick={() => props.onAction("replay", e().job.id).then(() => refetch())}>
                    Replay
                  </button>
                </Show>
                <Show when={e().job.status === "failure" || e().job.status === "blocked"}>
                  <button type="button" class="btn btn-secondary" onClick={() => props.onAction("retry", e().job.id).then(() => refetch())}>
                    Retry
                  </button>
                </Show>
                <Show when={["pending", "running", "blocked"].includes(e().job.status)}>
                  <button type="button" class="btn btn-danger" onClick={() => props.onAction("cancel", e().job.id).then(() => refetch())}>
                    Cancel
                  </button>
                </Show>
              </div>
            </div>
          )}
        </Match>
      </Switch>
      <div class="dialog-actions">
        <button type="button" class="btn btn-secondary" onClick={() => props.onClose()}>
          Close
        </button>
      </div>
    </dialog>
  );
}

const AuditRes = z.object({
  entries: z.array(
    z.object({ id: z.number(), at: z.string(), actor: z.string(), action: z.string(), target: z.string(), verdict: z.string(), requestId: z.string() }),
  ),
  nextCursor: z.number().nullable(),
});

function AuditPanel() {
  const [action, setAction] = createSignal("");
  const [actor, setActor] = createSignal("");
  const [rows, setRows] = createSignal<z.infer<typeof AuditRes>["entries"]>([]);
  const [cursor, setCursor] = createSignal<number | null>(null);
  const [error, setError] = createSignal<string>();
  const q = (extra: Record<string, string> = {}) => {
    const p = new URLSearchParams(extra);
    if (action()) p.set("action", action());
    if (actor()) p.set("actor", actor());
    return p.toString();
  };
  const load = async (more = false) => {
    setError();
    try {
      const res = await getJson(AuditRes, `/api/v1/audit?${q(more && cursor() ? { cursor: String(cursor()) } : {})}`);
      setRows(more ? [...rows(), ...res.entries] : res.entries);
      setCursor(res.nextCursor);
    } catch (err) {
      setError(describeError(err));
    }
  };
  createEffect(() => {
    action();
    actor();
    void load();
  });
  return (
    <section class="panel ops-audit" aria-labelledby="audit-h">
      <div class="panel-head">
        <h2 id="audit-h">Audit trail</h2>
        <a class="btn btn-secondary btn-small" href={`/api/v1/audit?${q({ format: "csv" })}`} download="reelroom-audit.csv">
          Export CSV
        </a>
        <a class="btn btn-secondary btn-small" href={`/api/v1/audit?${q({ format: "jsonl" })}`} download="reelroom-audit.jsonl">
          Export JSON Lines
        </a>
      </div>
      <div class="filters">
        <label>
          Action
          <input value={action()} placeholder="e.g. job.cancel" onChange={(e) => setAction(e.currentTarget.value.trim())} />
        </label>
        <label>
          Actor
          <input value={actor()} placeholder="user id" onChange={(e) => setActor(e.currentTarget.value.trim())} />
        </label>
      </div>
      <Show when={error()} fallback={null}>
        <p class="muted">{error()}</p>
      </Show>
      <div class="table-wrap">
        <table class="frame-table">
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">Actor</th>
              <th scope="col">Action</th>
              <th scope="col">Target</th>
              <th scope="col">Verdict</th>
              <th scope="col">Request</th>
            </tr>
          </thead>
          <tbody>
            <For
              each={rows()}
              fallback={
                <tr>
                  <td colSpan={6} class="muted">
                    No entries.
                  </td>
                </tr>
              }
            >
              {(r) => (
                <tr>
                  <td>{new Date(r.at).toLocaleString()}</td>
                  <td>{r.actor}</td>
                  <td>{r.action}</td>
                  <td>{r.target}</td>
                  <td class={`verdict-${r.verdict}`}>{r.verdict}</td>
                  <td class="small">{r.requestId.slice(0, 13)}</td>
                </tr>
              )}
            </For>
          </tbody>
        </table>
      </div>
      <Show when={cursor()}>
        <button type="button" class="btn btn-secondary btn-small" onClick={() => load(true)}>
          Load more
        </button>
      </Show>
    </section>
  );
}

const Providers = z.object({
  providers: z.array(
    z.object({ name: z.string(), state: z.string(), consecutiveFailures: z.number(), recentFailures: z.number(), nextProbeAt: z.string().nullable() }),
  ),
});

function BreakersPanel() {
  const [data, { refetch }] = createResource(() => getJson(Providers, "/api/v1/providers"));
  return (
    <section class="panel" aria-labelledby="breakers-h">
      <h2 id="breakers-h">Provider circuit breakers</h2>
      <Show when={data()} fallback={<Loading />}>
        {(d) => (
          <ul class="health-list">
            <For each={d().providers}>
              {(p) => (
                <li>
                  <span class={`dot dot-${p.state === "closed" ? "ok" : p.state === "open" ? "down" : "degraded"}`} aria-hidden="true" />
                  <strong>{p.name}</strong>
                  <span class="muted small">
                    {p.state} · {p.consecutiveFailures} in a row · {p.recentFailures} failures in the last hour
                    {p.nextProbeAt ? ` · next probe ${new Date(p.nextProbeAt).toLocaleTimeString()}` : ""}
                  </span>
                  <button type="button" class="link-btn" onClick={() => void post(`/api/v1/providers/${p.name}/reset`).then(() => refetch())}>
                    Reset
                  </button>
                </li>
              )}
            </For>
          </ul>
        )}
      </Show>
    </section>
  );
}
