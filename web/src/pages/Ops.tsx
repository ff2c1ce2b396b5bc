// The operations console (/ops): health, live KPIs and the last hour,
// jobs with filters, detail, cancel/retry/replay and bulk cancel, the audit
// trail with exports and replay, saved views of both lists, and (for admins)
// provider circuit breakers. Every call goes through the typed client.
import { createResource, createSignal, For, Match, onCleanup, Show, Switch } from "solid-js";
import { agentRunsSummary, Metrics } from "../../../worker/domain/ops";
import { api, describeError } from "../api";
import { Layout } from "../components/Layout";
import { Alert, Loading } from "../components/ui";
import "../ops.css";
import { AuditPanel } from "../ops/AuditPanel";
import { JobsPanel } from "../ops/JobsPanel";
import { useSession } from "../session";

const pct = (v: number | null) => (v === null ? "–" : `${(v * 100).toFixed(1)}%`);
const ms = (v: number | null) => (v === null ? "–" : v >= 1000 ? `${(v / 1000).toFixed(2)} s` : `${v} ms`);

/** What the agent runs tile counts (worker/ops/metrics.ts), for its tooltip and description. */
const AGENT_RUNS_HELP =
  "Agent runs are the assistant’s answers in the studio chat. Now counts those waiting, writing or stopping at this moment; the others count runs started in the last hour and ever, in the projects this console covers.";

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
  void api
    .metrics()
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
                <Kpi
                  label="Agent runs now"
                  value={String(m().agentRuns.active)}
                  note={`${m().agentRuns.lastHour} in the last hour · ${m().agentRuns.total} in all`}
                  help={`${agentRunsSummary(m().agentRuns)}. ${AGENT_RUNS_HELP}`}
                />
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

function Kpi(props: { label: string; value: string; note?: string; help?: string }) {
  return (
    <div class="kpi" title={props.help}>
      <div class="kpi-value" data-kpi={props.label}>
        {props.value}
      </div>
      <div class="kpi-label">{props.label}</div>
      <Show when={props.note}>
        <div class="kpi-note small muted">{props.note}</div>
      </Show>
      <Show when={props.help}>
        <p class="sr-only">{props.help}</p>
      </Show>
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

function BreakersPanel() {
  const [data, { refetch }] = createResource(() => api.providers());
  const [error, setError] = createSignal<string>();
  const reset = async (name: string) => {
    setError();
    try {
      await api.resetProvider(name);
    } catch (err) {
      setError(describeError(err));
    }
    await refetch();
  };
  return (
    <section class="panel" aria-labelledby="breakers-h">
      <h2 id="breakers-h">Provider circuit breakers</h2>
      <Show when={error()}>
        <Alert>{error()}</Alert>
      </Show>
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
                  <button type="button" class="link-btn" onClick={() => void reset(p.name)}>
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
