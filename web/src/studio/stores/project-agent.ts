// Which agent answers a project's chat (the offline demo agent or a model),
// as every member may know it. The provider settings say when an owner saved,
// so the chat's label changes without a reload.
import { createResource, createSignal } from "solid-js";
import { api } from "../../api";

const [saved, setSaved] = createSignal(0);

/** Told by the provider settings after a save. */
export const providersSaved = () => setSaved((n) => n + 1);

/** "offline" or "model"; undefined until known, null when it could not be read. */
export function createProjectAgent(projectId: string) {
  const [agent] = createResource(
    () => ({ projectId, saved: saved() }),
    (k) =>
      api.project(k.projectId).then(
        (r) => r.agent,
        () => null,
      ),
  );
  return agent;
}
