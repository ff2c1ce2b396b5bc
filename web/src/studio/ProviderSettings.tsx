// The project's own providers (CONTRACT 14), for owners: which agent and
// which image provider its runs and renders use (the server's default,
// offline, Workers AI or an OpenAI-compatible server), saved per slot and
// tested with one small call. A stored key is never shown, only "set · ends
// in …4f2a"; leaving the key empty keeps it. Its own chunk, loaded when the
// studio's Settings dialog first opens.
import { createResource, createSignal, createUniqueId, For, type JSX, Show } from "solid-js";
import type { ProviderKind, ProviderSettingsRes, ProviderSlot, SlotInput, SlotView } from "../../../worker/domain/provider-settings";
import { api, describeError, fieldErrors } from "../api";
import { Alert, Button, Field, Loading } from "../components/ui";
import { providersSaved } from "./stores/project-agent";
import "./provider-settings.css";

const SLOTS: { slot: ProviderSlot; title: string; offline: string; what: string }[] = [
  { slot: "agent", title: "Production agent", offline: "Offline demo agent (no model)", what: "The model that answers in the chat." },
  { slot: "image", title: "Images", offline: "Offline sketches (no model)", what: "What draws a frame's picture when someone asks for one." },
];

export function ProviderSettingsPanel(props: { projectId: string }) {
  const [settings, { mutate, refetch }] = createResource(
    () => props.projectId,
    (id) => api.providerSettings(id),
  );
  return (
    <div class="provider-settings">
      <Show when={settings.error}>
        <Alert onRetry={refetch}>{describeError(settings.error)}</Alert>
      </Show>
      <Show when={settings()} fallback={<Show when={!settings.error}>{<Loading label="Loading the providers…" />}</Show>}>
        {(s) => (
          <>
            <Show when={!s().keystore.ready}>
              <Alert kind="info">{s().keystore.message}</Alert>
            </Show>
            <For each={SLOTS}>{(meta) => <SlotForm projectId={props.projectId} meta={meta} settings={s()} onSaved={mutate} />}</For>
          </>
        )}
      </Show>
    </div>
  );
}

/** One slot's form: its choice, the fields that choice needs, Save and Test connection. */
function SlotForm(props: { projectId: string; meta: (typeof SLOTS)[number]; settings: ProviderSettingsRes; onSaved: (next: ProviderSettingsRes) => void }) {
  const id = createUniqueId();
  const view = (): SlotView => props.settings[props.meta.slot];
  const initial = view();
  const [kind, setKind] = createSignal<ProviderKind>(initial.kind);
  const [baseUrl, setBaseUrl] = createSignal(initial.kind === "openai" ? initial.baseUrl : "");
  const [model, setModel] = createSignal(initial.kind === "openai" || initial.kind === "workers-ai" ? (initial.model ?? "") : "");
  const [key, setKey] = createSignal("");
  const [errors, setErrors] = createSignal<Record<string, string>>({});
  const [failure, setFailure] = createSignal<string>();
  const [result, setResult] = createSignal<{ ok: boolean; text: string }>();
  const [busy, setBusy] = createSignal<"save" | "test">();

  const storedKey = () => {
    const v = view();
    return v.kind === "openai" && v.key.set ? v.key.last4 : null;
  };
  const draft = (): SlotInput => {
    const k = kind();
    if (k === "openai") return { kind: "openai", baseUrl: baseUrl().trim(), model: model().trim(), ...(key().trim() ? { key: key().trim() } : {}) };
    if (k === "workers-ai") return model().trim() ? { kind: "workers-ai", model: model().trim() } : { kind: "workers-ai" };
    return { kind: k };
  };
  /** The form's own checks, before anything is sent: the worker checks the same and more. */
  const check = (): Record<string, string> => {
    if (kind() !== "openai") return {};
    const out: Record<string, string> = {};
    if (!baseUrl().trim()) out.baseUrl = "Give the server's base URL, like https://api.openai.com/v1.";
    if (!model().trim()) out.model = "Name the model, like gpt-4o-mini.";
    return out;
  };
  const explain = (err: unknown) => {
    const fields = fieldErrors(err);
    const mine: Record<string, string> = {};
    for (const [path, message] of Object.entries(fields)) {
      const field = path.split(".").at(-1);
      if (field === "baseUrl" || field === "model" || field === "key") mine[field] = message;
    }
    setErrors(mine);
    if (Object.keys(mine).length === 0) setFailure(describeError(err));
  };
  const run = async (what: "save" | "test") => {
    setFailure();
    setResult();
    const own = check();
    setErrors(own);
    if (Object.keys(own).length) return;
    setBusy(what);
    try {
      if (what === "save") {
        const next = await api.saveProviderSettings(props.projectId, { [props.meta.slot]: draft() });
        setKey("");
        props.onSaved(next);
        providersSaved();
        setResult({ ok: true, text: "Saved. The next run uses it." });
      } else {
        const out = await api.testProvider(props.projectId, { slot: props.meta.slot, settings: draft() });
        setResult({ ok: out.ok, text: out.message });
      }
    } catch (err) {
      explain(err);
    } finally {
      setBusy();
    }
  };

  const choices = (): { value: ProviderKind; label: string }[] => [
    { value: "default", label: `The server's default: ${props.settings.deployment[props.meta.slot]}` },
    { value: "offline", label: props.meta.offline },
    { value: "workers-ai", label: "Workers AI" },
    { value: "openai", label: "An OpenAI-compatible server" },
  ];

  return (
    <form
      class="slot-form"
      aria-labelledby={`${id}-h`}
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void run("save");
      }}
    >
      <h3 id={`${id}-h`}>{props.meta.title}</h3>
      <p class="hint">{props.meta.what}</p>
      <fieldset class="field">
        <legend>Use</legend>
        <div class="choices">
          <For each={choices()}>
            {(c) => (
              <label class="check">
                <input
                  type="radio"
                  name={`${id}-kind`}
                  value={c.value}
                  checked={kind() === c.value}
                  onChange={() => {
                    setKind(c.value);
                    setResult();
                    setErrors({});
                  }}
                />
                {c.label}
              </label>
            )}
          </For>
        </div>
      </fieldset>
      <Show when={kind() === "openai"}>
        <Field
          label="Base URL"
          name="baseUrl"
          type="url"
          inputMode="url"
          autocomplete="off"
          placeholder="https://api.openai.com/v1"
          value={baseUrl()}
          error={errors().baseUrl}
          hint="The address the server's API starts at; https only."
          onInput={(e) => setBaseUrl(e.currentTarget.value)}
        />
        <Field
          label="Model"
          name="model"
          autocomplete="off"
          placeholder="gpt-4o-mini"
          value={model()}
          error={errors().model}
          onInput={(e) => setModel(e.currentTarget.value)}
        />
        <Field
          label="API key"
          name="key"
          type="password"
          autocomplete="off"
          spellcheck={false}
          value={key()}
          error={errors().key}
          hint={storedKey() ? `set · ends in …${storedKey()}. Leave empty to keep it.` : "Stored encrypted; never shown again."}
          onInput={(e) => setKey(e.currentTarget.value)}
        />
      </Show>
      <Show when={kind() === "workers-ai"}>
        <Field
          label="Model (optional)"
          name="model"
          autocomplete="off"
          value={model()}
          hint="Empty: the server's default Workers AI model."
          onInput={(e) => setModel(e.currentTarget.value)}
        />
      </Show>
      <Show when={failure()}>
        <Alert>{failure()}</Alert>
      </Show>
      <Show when={result()}>{(r) => <Result ok={r().ok}>{r().text}</Result>}</Show>
      <div class="slot-actions">
        <Button type="submit" busy={busy() === "save"} disabled={busy() !== undefined}>
          Save
        </Button>
        <Show when={kind() !== "default"}>
          <Button type="button" variant="secondary" busy={busy() === "test"} disabled={busy() !== undefined} onClick={() => void run("test")}>
            Test connection
          </Button>
        </Show>
      </div>
    </form>
  );
}

/** How a save or a test went, announced: a success as a status, a failure as an alert. */
function Result(props: { ok: boolean; children: JSX.Element }) {
  return (
    <p class={props.ok ? "slot-result ok" : "slot-result bad"} role={props.ok ? "status" : "alert"}>
      {props.children}
    </p>
  );
}
