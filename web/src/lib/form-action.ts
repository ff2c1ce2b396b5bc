// What a form's submit does on every page: keep the browser from reloading,
// refuse what is plainly wrong before sending, show the form busy while the
// request runs, and keep the reason it failed, in words, for the form to show.
import { createSignal } from "solid-js";
import { describeError } from "../api";

export interface FormActionOptions {
  /** Why the form cannot be sent as it is (nothing is sent, the form is not busy), or undefined to send it. */
  check?: () => string | undefined;
  /** The request; a throw becomes the form's error. */
  send: () => Promise<void>;
  /** The words for a failed request: describeError's unless the form knows better (a field's own message). */
  explain?: (err: unknown) => string;
}

export function createFormAction(opts: FormActionOptions) {
  const [busy, setBusy] = createSignal(false);
  const [error, setError] = createSignal<string>();
  const submit = async (e: SubmitEvent) => {
    e.preventDefault();
    setError();
    const refused = opts.check?.();
    if (refused) return setError(refused);
    setBusy(true);
    try {
      await opts.send();
    } catch (err) {
      setError((opts.explain ?? describeError)(err));
    } finally {
      setBusy(false);
    }
  };
  return { busy, error, setError, submit };
}
