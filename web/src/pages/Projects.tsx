// The project list: every project the person belongs to, and a form to start
// one. Creating a project opens it, so the first run flows straight on.
import { A, useNavigate } from "@solidjs/router";
import { createResource, createSignal, For, Match, Switch } from "solid-js";
import { api, describeError, fieldErrors } from "../api";
import { Layout } from "../components/Layout";
import { Alert, Button, EmptyState, Field, Loading } from "../components/ui";

export function Projects() {
  const navigate = useNavigate();
  const [list, { refetch }] = createResource(() => api.projects());
  const [name, setName] = createSignal("");
  const [busy, setBusy] = createSignal(false);
  const [error, setError] = createSignal<string>();

  const create = async (e: SubmitEvent) => {
    e.preventDefault();
    setBusy(true);
    setError();
    try {
      const { project } = await api.createProject(name());
      navigate(`/projects/${project.id}`);
    } catch (err) {
      setError(fieldErrors(err).name ?? describeError(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Layout crumbs={[{ label: "Projects" }]}>
      <div class="page-head">
        <h1>Projects</h1>
      </div>
      <div class="two-col">
        <section aria-labelledby="list-h" class="panel">
          <h2 id="list-h">Your projects</h2>
          <Switch>
            <Match when={list.loading}>
              <Loading label="Loading projects…" />
            </Match>
            <Match when={list.error}>
              <Alert onRetry={refetch}>{describeError(list.error)}</Alert>
            </Match>
            <Match when={list()?.projects.length === 0}>
              <EmptyState title="No projects yet" icon="project">
                A project holds a show's episodes and the team that makes them. Name your first one to begin.
              </EmptyState>
            </Match>
            <Match when={list()}>
              {(data) => (
                <ul class="card-list">
                  <For each={data().projects}>
                    {(p) => (
                      <li>
                        <A class="list-card" href={`/projects/${p.id}`}>
                          <span class="list-card-title">{p.name}</span>
                          <span class={`role-badge role-${p.role}`}>{p.role}</span>
                        </A>
                      </li>
                    )}
                  </For>
                </ul>
              )}
            </Match>
          </Switch>
        </section>
        <section aria-labelledby="new-h" class="panel">
          <h2 id="new-h">New project</h2>
          <form onSubmit={create} novalidate>
            <Field
              label="Project name"
              name="projectName"
              required
              maxLength={100}
              placeholder="Night Owl Coffee campaign"
              value={name()}
              onInput={(e) => setName(e.currentTarget.value)}
              error={error()}
            />
            <Button type="submit" busy={busy()}>
              Create project
            </Button>
          </form>
        </section>
      </div>
    </Layout>
  );
}
