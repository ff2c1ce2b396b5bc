// The project list: every project the person belongs to, and a form to start
// one. Creating a project opens it, so the first run flows straight on.
import { A, useNavigate } from "@solidjs/router";
import { createResource, createSignal, For, Match, Switch } from "solid-js";
import { NAME_MAX } from "../../../worker/domain/api";
import { api, describeError, fieldErrors } from "../api";
import { Layout } from "../components/Layout";
import { Alert, Button, EmptyState, Field, Loading } from "../components/ui";

export function Projects() {
  const navigate = useNavigate();
  const [list, { refetch }] = createResource(() => api.projects());
  const [name, setName] = createSignal("");
  const [busy, setBusy] = createSignal(false);
  const [error, setError] = createSignal<string>();

  // Counted as the server counts: after trimming the ends.
  const length = () => name().trim().length;
  const tooLong = () => length() > NAME_MAX;
  const create = async (e: SubmitEvent) => {
    e.preventDefault();
    setError();
    // Said before sending, and never cut: a name is shortened only by the person who chose it.
    if (tooLong()) return setError(`A project name can be at most ${NAME_MAX} characters; this one has ${length()}. Shorten it to create the project.`);
    if (length() === 0) return setError("Give the project a name.");
    setBusy(true);
    try {
      const { project } = await api.createProject(name());
      navigate(`/projects/${project.id}`);
    } catch (err) {
      const field = fieldErrors(err).name;
      setError(field ? `The project name: ${field}.` : describeError(err));
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
              placeholder="Night Owl Coffee campaign"
              value={name()}
              onInput={(e) => {
                setName(e.currentTarget.value);
                setError();
              }}
              hint={`${length()} of ${NAME_MAX} characters.`}
              error={error() ?? (tooLong() ? `${length()} of ${NAME_MAX} characters: ${length() - NAME_MAX} too many.` : undefined)}
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
