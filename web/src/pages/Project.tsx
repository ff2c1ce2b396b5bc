// One project: its episodes (create one to open the studio) and, for owners,
// its members and their roles.
import { useNavigate, useParams } from "@solidjs/router";
import { createResource, createSignal, For, Show } from "solid-js";
import { type Member, type Role, roleWithArticle } from "../../../worker/domain/api";
import { api, describeError, fieldErrors } from "../api";
import { Layout } from "../components/Layout";
import { Alert, Button, EmptyState, Field, LinkCard, ResourceView, StatusLine } from "../components/ui";
import { createFormAction } from "../lib/form-action";
import { useSession } from "../session";
import { formatUsd, MAX_BUDGET_USD } from "../../../worker/domain/costs";

function formatDate(iso: string): string {
  return new Date(iso).toLocaleDateString(undefined, { year: "numeric", month: "short", day: "numeric" });
}

export function ProjectPage() {
  const params = useParams<{ projectId: string }>();
  const navigate = useNavigate();
  const [info, { refetch: refetchInfo, mutate: setInfo }] = createResource(
    () => params.projectId,
    (id) => api.project(id),
  );
  const [eps, { refetch: refetchEps }] = createResource(
    () => params.projectId,
    (id) => api.episodes(id),
  );
  const [title, setTitle] = createSignal("");
  const canEdit = () => info()?.role === "owner" || info()?.role === "editor";

  const createEpisode = createFormAction({
    send: async () => {
      const { episode } = await api.createEpisode(params.projectId, title());
      navigate(`/projects/${params.projectId}/episodes/${episode.id}`);
    },
    explain: (err) => fieldErrors(err).title ?? describeError(err),
  });

  return (
    <Layout crumbs={[{ label: "Projects", href: "/projects" }, { label: info()?.project.name ?? "Project" }]}>
      <ResourceView of={info} loading="Loading project…" onRetry={refetchInfo}>
        {(p) => (
          <>
            <div class="page-head">
              <h1>{p().project.name}</h1>
              <span class={`role-badge role-${p().role}`}>You are {roleWithArticle(p().role)}</span>
            </div>
            <div class="two-col">
              <section aria-labelledby="eps-h" class="panel">
                <h2 id="eps-h">Episodes</h2>
                <ResourceView
                  of={eps}
                  loading="Loading episodes…"
                  onRetry={refetchEps}
                  isEmpty={(data) => data.episodes.length === 0}
                  empty={
                    <EmptyState title="No episodes yet" icon="film">
                      {canEdit()
                        ? "An episode is one video: its script, beats and storyboard. Create one to open the studio."
                        : "An editor or owner of this project can create the first episode."}
                    </EmptyState>
                  }
                >
                  {(data) => (
                    <ul class="card-list">
                      <For each={data().episodes}>
                        {(ep) => (
                          <LinkCard href={`/projects/${params.projectId}/episodes/${ep.id}`} title={ep.title}>
                            <span class="muted small">{formatDate(ep.createdAt)}</span>
                          </LinkCard>
                        )}
                      </For>
                    </ul>
                  )}
                </ResourceView>
                <Show when={canEdit()}>
                  <form onSubmit={createEpisode.submit} novalidate class="inline-form">
                    <Field
                      label="New episode title"
                      name="episodeTitle"
                      required
                      maxLength={200}
                      placeholder="Episode 1: The late shift"
                      value={title()}
                      onInput={(e) => setTitle(e.currentTarget.value)}
                      error={createEpisode.error()}
                    />
                    <Button type="submit" busy={createEpisode.busy()}>
                      Create episode
                    </Button>
                  </form>
                </Show>
              </section>
              <div class="side-stack">
                <Members
                  projectId={params.projectId}
                  members={p().members}
                  isOwner={p().role === "owner"}
                  onChange={(members) => setInfo({ ...p(), members })}
                />
                <Show when={p().role === "owner"}>
                  <Settings projectId={params.projectId} />
                </Show>
              </div>
            </div>
          </>
        )}
      </ResourceView>
    </Layout>
  );
}

function Members(props: { projectId: string; members: Member[]; isOwner: boolean; onChange: (m: Member[]) => void }) {
  const session = useSession();
  const [email, setEmail] = createSignal("");
  const [role, setRole] = createSignal<Role>("editor");
  const [notice, setNotice] = createSignal<string>();

  const add = createFormAction({
    send: async () => {
      setNotice();
      const { member } = await api.addMember(props.projectId, email(), role());
      props.onChange([...props.members.filter((m) => m.userId !== member.userId), member]);
      setNotice(`${member.name} is now ${roleWithArticle(member.role)}.`);
      setEmail("");
    },
    explain: (err) => fieldErrors(err).email ?? describeError(err),
  });

  const remove = async (m: Member) => {
    add.setError();
    setNotice();
    try {
      await api.removeMember(props.projectId, m.userId);
      props.onChange(props.members.filter((x) => x.userId !== m.userId));
      setNotice(`${m.name} was removed.`);
    } catch (err) {
      add.setError(describeError(err));
    }
  };

  return (
    <section aria-labelledby="members-h" class="panel">
      <h2 id="members-h">Team</h2>
      <ul class="member-list">
        <For each={props.members}>
          {(m) => (
            <li>
              <div>
                <div class="member-name">
                  {m.name}
                  <Show when={m.userId === session.user()?.id}>
                    <span class="muted"> (you)</span>
                  </Show>
                </div>
                <div class="muted small">{m.email}</div>
              </div>
              <span class={`role-badge role-${m.role}`}>{m.role}</span>
              <Show when={props.isOwner && m.userId !== session.user()?.id}>
                <button type="button" class="btn btn-secondary btn-small" aria-label={`Remove ${m.name}`} onClick={() => remove(m)}>
                  Remove
                </button>
              </Show>
            </li>
          )}
        </For>
      </ul>
      <Show when={notice()}>
        <Alert kind="info">{notice()}</Alert>
      </Show>
      <Show when={props.isOwner} fallback={<p class="muted small">Only owners can change who is on the team.</p>}>
        <form onSubmit={add.submit} novalidate class="inline-form">
          <Field
            label="Add a teammate by email"
            name="memberEmail"
            type="email"
            required
            placeholder="teammate@example.com"
            value={email()}
            onInput={(e) => setEmail(e.currentTarget.value)}
            error={add.error()}
            hint="They need a Reelroom account first."
          />
          <div class="field">
            <label for="member-role">Role</label>
            <select id="member-role" value={role()} onChange={(e) => setRole(e.currentTarget.value as Role)}>
              <option value="viewer">Viewer: reads and watches</option>
              <option value="editor">Editor: also chats, edits, renders</option>
              <option value="owner">Owner: also manages the team</option>
            </select>
          </div>
          <Button type="submit" busy={add.busy()}>
            Add to team
          </Button>
        </form>
      </Show>
    </section>
  );
}

/** Owner settings: consent to paid image providers and a budget for them, which jobs check before calling them. */
function Settings(props: { projectId: string }) {
  const [settings, { mutate }] = createResource(
    () => props.projectId,
    (id) => api.consent(id),
  );
  const [error, setError] = createSignal<string>();
  const [budgetDraft, setBudgetDraft] = createSignal<string>();
  const [saved, setSaved] = createSignal<string>();
  const budgetText = () => budgetDraft() ?? (settings()?.budgetUsd ?? "").toString();
  /** The budget typed, in dollars; null when the field is empty (no budget). */
  const budgetUsd = () => (budgetText().trim() === "" ? null : Number(budgetText().trim()));
  const toggle = async (paidMedia: boolean) => {
    setError();
    try {
      mutate(await api.setProjectSettings(props.projectId, { paidMedia }));
    } catch (err) {
      setError(describeError(err));
    }
  };
  const saveBudget = createFormAction({
    check: () => {
      const usd = budgetUsd();
      return usd !== null && (!Number.isFinite(usd) || usd < 0 || usd > MAX_BUDGET_USD)
        ? `Enter an amount in US dollars from 0 to ${MAX_BUDGET_USD.toLocaleString("en-US")}, or leave it empty for no budget.`
        : undefined;
    },
    send: async () => {
      const next = await api.setProjectSettings(props.projectId, { budgetUsd: budgetUsd() });
      mutate(next);
      setBudgetDraft();
      setSaved(next.budgetUsd === null ? "Budget removed." : `Budget set to ${formatUsd(next.budgetUsd)}.`);
    },
    explain: (err) => fieldErrors(err).budgetUsd ?? describeError(err),
  });
  return (
    <section aria-labelledby="settings-h" class="panel">
      <h2 id="settings-h">Settings</h2>
      <label class="check">
        <input type="checkbox" checked={settings()?.paidMedia ?? false} disabled={settings.loading} onChange={(e) => toggle(e.currentTarget.checked)} />
        Allow paid image providers (OpenAI, Workers AI) for this project
      </label>
      <p class="hint">Renders with a paid provider are blocked until an owner allows them here. The offline sketch renderer is always free.</p>
      <Show when={error()}>
        <Alert>{error()}</Alert>
      </Show>
      <form
        class="row-form"
        onSubmit={(e) => {
          setSaved();
          void saveBudget.submit(e);
        }}
        noValidate
      >
        <Field
          label="Budget for paid renders (US dollars)"
          name="budgetUsd"
          type="number"
          inputMode="decimal"
          min="0"
          step="0.01"
          max={MAX_BUDGET_USD}
          placeholder="No budget"
          value={budgetText()}
          disabled={settings.loading}
          error={saveBudget.error()}
          hint="A paid render that would take the estimated spend beyond this is blocked. Leave empty for no budget."
          onInput={(e) => setBudgetDraft(e.currentTarget.value)}
        />
        <Button type="submit" variant="secondary" busy={saveBudget.busy()}>
          Save budget
        </Button>
      </form>
      <Show when={settings()}>
        {(s) => (
          <p class="hint" data-testid="spend">
            Estimated spend so far: {formatUsd(s().spentUsd)}
            {s().budgetUsd !== null ? ` of ${formatUsd(s().budgetUsd ?? 0)}` : ""} (paid renders that succeeded or are running, at list prices).
          </p>
        )}
      </Show>
      <StatusLine text={saved()} />
    </section>
  );
}
