// The studio's Settings button and dialog, for owners only (the worker
// checks too): the project's own providers. The dialog's content is its own
// chunk, asked for on intent (hover or focus) and loaded when first opened.
import { createSignal, Show } from "solid-js";
import { deferred, Loaded, PanelPending } from "../components/deferred";
import { Modal } from "../components/ui";

const ProviderSettingsPanel = deferred(() => import("./ProviderSettings").then((m) => m.ProviderSettingsPanel));

export function SettingsControl(props: { projectId: string; isOwner: () => boolean }) {
  const [open, setOpen] = createSignal(false);
  return (
    <Show when={props.isOwner()}>
      <button
        type="button"
        class="btn btn-secondary btn-small"
        onPointerEnter={() => void ProviderSettingsPanel.preload()}
        onFocus={() => void ProviderSettingsPanel.preload()}
        onClick={() => setOpen(true)}
      >
        Settings…
      </button>
      <Modal open={open()} title="Project settings: models" headingId="provider-settings-h" wide onClose={() => setOpen(false)}>
        <p class="muted small">Which agent and which image provider this project's runs and renders use, in every episode. Only owners see this.</p>
        <Show when={open()}>
          <Loaded part={ProviderSettingsPanel} fallback={<PanelPending label="Loading the settings…" />}>
            <ProviderSettingsPanel projectId={props.projectId} />
          </Loaded>
        </Show>
      </Modal>
    </Show>
  );
}
