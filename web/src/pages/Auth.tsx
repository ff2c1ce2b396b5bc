// Sign up and sign in. A new visitor lands on sign-up; both forms keep what
// was typed when the server refuses it, and show why next to the field.
import { A, useNavigate, useSearchParams } from "@solidjs/router";
import { createSignal, type JSX, onMount, Show } from "solid-js";
import type { User } from "../../../worker/domain/api";
import { api, describeError, fieldErrors } from "../api";
import { Alert, Button, Field } from "../components/ui";
import { plainFieldErrors } from "../lib/field-words";
import { createFormAction } from "../lib/form-action";
import { useSession } from "../session";

/** Only same-app paths may be redirect targets (no open redirect). */
function safeNext(next: string | string[] | undefined): string {
  const n = Array.isArray(next) ? next[0] : next;
  return n?.startsWith("/") && !n.startsWith("//") ? n : "/projects";
}

/**
 * An auth page: the brand, a title, one form (its error above the fields,
 * the first field focused, a full-width submit button) and a line under it.
 */
function AuthForm(props: {
  title: string;
  subtitle: string;
  action: ReturnType<typeof createFormAction>;
  submitLabel: string;
  footer: JSX.Element;
  children: JSX.Element;
}) {
  let form!: HTMLFormElement;
  onMount(() => form.querySelector("input")?.focus());
  return (
    <main id="main" class="auth-page">
      <div class="auth-card">
        <div class="brand brand-large" aria-hidden="true">
          <span class="brand-mark" />
          Reelroom
        </div>
        <h1>{props.title}</h1>
        <p class="muted">{props.subtitle}</p>
        <form ref={form} onSubmit={props.action.submit} novalidate>
          <Show when={props.action.error()}>
            <Alert>{props.action.error()}</Alert>
          </Show>
          {props.children}
          <Button type="submit" busy={props.action.busy()} class="btn btn-primary btn-block">
            {props.submitLabel}
          </Button>
        </form>
        <p class="auth-switch">{props.footer}</p>
      </div>
    </main>
  );
}

/** Takes a signed-in person to where they were going (`?next=`), or to their projects. */
function useEnter() {
  const session = useSession();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  return {
    next: () => params.next,
    enter: (user: User) => {
      session.signedIn(user);
      navigate(safeNext(params.next), { replace: true });
    },
  };
}

/** The password field: a new one must be 8 characters or more; the password manager is told which kind it is. */
const PasswordField = (props: { isNew?: boolean; value: string; onInput: (value: string) => void; error?: string }) => (
  <Field
    label="Password"
    name="password"
    type="password"
    autocomplete={props.isNew ? "new-password" : "current-password"}
    required
    minLength={props.isNew ? 8 : undefined}
    hint={props.isNew ? "At least 8 characters." : undefined}
    value={props.value}
    onInput={(e) => props.onInput(e.currentTarget.value)}
    error={props.error}
  />
);

/** The email field both forms share. */
const EmailField = (props: { value: string; onInput: (value: string) => void; error?: string }) => (
  <Field
    label="Email"
    name="email"
    type="email"
    autocomplete="email"
    required
    value={props.value}
    onInput={(e) => props.onInput(e.currentTarget.value)}
    error={props.error}
  />
);

export function SignUp() {
  const { next, enter } = useEnter();
  const [name, setName] = createSignal("");
  const [email, setEmail] = createSignal("");
  const [password, setPassword] = createSignal("");
  const [fields, setFields] = createSignal<Record<string, string>>({});

  const action = createFormAction({
    send: async () => {
      setFields({});
      const { user } = await api.signup({ name: name(), email: email(), password: password() });
      enter(user);
    },
    // Each field's problem is said beside it; the banner only points there (and is announced).
    explain: (err) => {
      const byField = plainFieldErrors(fieldErrors(err));
      setFields(byField);
      const n = Object.keys(byField).length;
      return n === 0 ? describeError(err) : n === 1 ? "One detail needs fixing: see the field below." : `${n} details need fixing: see the fields below.`;
    },
  });

  return (
    <AuthForm
      title="Create your account"
      subtitle="Turn an idea into a storyboarded episode with your team."
      action={action}
      submitLabel="Create account"
      footer={
        <>
          Already have an account? <A href={`/signin${next() ? `?next=${encodeURIComponent(safeNext(next()))}` : ""}`}>Sign in</A>
        </>
      }
    >
      <Field label="Your name" name="name" autocomplete="name" required value={name()} onInput={(e) => setName(e.currentTarget.value)} error={fields().name} />
      <EmailField value={email()} onInput={setEmail} error={fields().email} />
      <PasswordField isNew value={password()} onInput={setPassword} error={fields().password} />
    </AuthForm>
  );
}

export function SignIn() {
  const { enter } = useEnter();
  const [email, setEmail] = createSignal("");
  const [password, setPassword] = createSignal("");
  const action = createFormAction({
    send: async () => enter((await api.login({ email: email(), password: password() })).user),
  });

  return (
    <AuthForm
      title="Sign in"
      subtitle="Welcome back to your studio."
      action={action}
      submitLabel="Sign in"
      footer={
        <>
          New to Reelroom? <A href="/signup">Create an account</A>
        </>
      }
    >
      <EmailField value={email()} onInput={setEmail} />
      <PasswordField value={password()} onInput={setPassword} />
    </AuthForm>
  );
}
