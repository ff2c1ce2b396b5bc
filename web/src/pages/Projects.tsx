// The project list: every project the person belongs to, and a form to start
// one. Creating a project opens it, so the first run flows straight on.
import { useNavigate } from "@solidjs/router";
import { createResource, createSignal, For } from "solid-js";
import { NAME_MAX } from "../../../worker/domain/api";
import { api, describeError, fieldErrors } from "../api";
import { Layout } from "../components/Layout";
import { Button, EmptyState, Field, LinkCard, ResourceView } from "../components/ui";
import { createFormAction } from "../lib/form-action";

export function Projects() {
  const navigate = useNavigate();
  const [list, { refetch }] = createResource(() => api.projects());
  const [name, setName] = createSignal("");

  // Counted as the server counts: after trimming the ends.
  const length = () => name().trim().length;
  const tooLong = () => length() > NAME_MAX;
  const create = createFormAction({
    // Said before sending, and never cut: a name is shortened only by the person who chose it.
    check: () =>
      tooLong()
        ? `A project name can be at most ${NAME_MAX} characters; this one has ${length()}. Shorten it to create the project.`
        : length() === 0
          ? "Give the project a name."
          : undefined,
    send: async () => {
      const { project } = await api.createProject(name());
      navigate(`/projects/${project.id}`);
    },
    explain: (err) => {
      const field = fieldErrors(err).name;
      return field ? `The project name: ${field}.` : describeError(err);
    },
  });

  return (
    <Layout crumbs={[{ label: "Projects" }]}>
      <div class="page-head">
        <h1>Projects</h1>
      </div>
      <div class="two-col">
        <section aria-labelledby="list-h" class="panel">
          <h2 id="list-h">Your projects</h2>
          <ResourceView
            of={list}
            loading="Loading projects…"
            onRetry={refetch}
            isEmpty={(data) => data.projects.length === 0}
            empty={
              <EmptyState title="No projects yet" icon="project">
                A project holds a show's episodes and the team that makes them. Name your first one to begin.
              </EmptyState>
            }
          >
            {(data) => (
              <ul class="card-list">
                <For each={data().projects}>
                  {(p) => (
                    <LinkCard href={`/projects/${p.id}`} title={p.name}>
                      <span class={`role-badge role-${p.role}`}>{p.role}</span>
                    </LinkCard>
                  )}
                </For>
              </ul>
            )}
          </ResourceView>
        </section>
        <section aria-labelledby="new-h" class="panel">
          <h2 id="new-h">New project</h2>
          <form onSubmit={create.submit} novalidate>
            <Field
              label="Project name"
              name="projectName"
              required
              placeholder="Night Owl Coffee campaign"
              value={name()}
              onInput={(e) => {
                setName(e.currentTarget.value);
                create.setError();
              }}
              hint={`${length()} of ${NAME_MAX} characters.`}
              error={create.error() ?? (tooLong() ? `${length()} of ${NAME_MAX} characters: ${length() - NAME_MAX} too many.` : undefined)}
            />
            <Button type="submit" busy={create.busy()}>
              Create project
            </Button>
          </form>
        </section>
      </div>
    </Layout>
  );
}
