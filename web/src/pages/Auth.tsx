// Sign up and sign in. A new visitor lands on sign-up; both forms keep what
// was typed when the server refuses it, and show why next to the field.
import { A, useNavigate, useSearchParams } from "@solidjs/router";
import { createSignal, onMount, Show } from "solid-js";
import { api, describeError, fieldErrors } from "../api";
import { Alert, Button, Field } from "../components/ui";
import { plainFieldErrors } from "../lib/field-words";
import { useSession } from "../session";

/** Only same-app paths may be redirect targets (no open redirect). */
function safeNext(next: string | string[] | undefined): string {
  const n = Array.isArray(next) ? next[0] : next;
  return n?.startsWith("/") && !n.startsWith("//") ? n : "/projects";
}

function AuthShell(props: { title: string; subtitle: string; children: unknown }) {
  return (
    <main id="main" class="auth-page">
      <div class="auth-card">
        <div class="brand brand-large" aria-hidden="true">
          <span class="brand-mark" />
          Reelroom
        </div>
        <h1>{props.title}</h1>
        <p class="muted">{props.subtitle}</p>
        {props.children as never}
      </div>
    </main>
  );
}

export function SignUp() {
  const session = useSession();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [name, setName] = createSignal("");
  const [email, setEmail] = createSignal("");
  const [password, setPassword] = createSignal("");
  const [busy, setBusy] = createSignal(false);
  const [error, setError] = createSignal<string>();
  const [fields, setFields] = createSignal<Record<string, string>>({});
  let first!: HTMLInputElement;
  onMount(() => first.focus());

  const submit = async (e: SubmitEvent) => {
    e.preventDefault();
    setBusy(true);
    setError();
    setFields({});
    try {
      const { user } = await api.signup({ name: name(), email: email(), password: password() });
      session.signedIn(user);
      navigate(safeNext(params.next), { replace: true });
    } catch (err) {
      // Each field's problem is said beside it; the banner only points there (and is announced).
      const byField = plainFieldErrors(fieldErrors(err));
      setFields(byField);
      const n = Object.keys(byField).length;
      setError(n === 0 ? describeError(err) : n === 1 ? "One detail needs fixing: see the field below." : `${n} details need fixing: see the fields below.`);
    } finally {
      setBusy(false);
    }
  };

  return (
    <AuthShell title="Create your account" subtitle="Turn an idea into a storyboarded episode with your team.">
      <form onSubmit={submit} novalidate>
        <Show when={error()}>
          <Alert>{error()}</Alert>
        </Show>
        <Field
          ref={first}
          label="Your name"
          name="name"
          autocomplete="name"
          required
          value={name()}
          onInput={(e) => setName(e.currentTarget.value)}
          error={fields().name}
        />
        <Field
          label="Email"
          name="email"
          type="email"
          autocomplete="email"
          required
          value={email()}
          onInput={(e) => setEmail(e.currentTarget.value)}
          error={fields().email}
        />
        <Field
          label="Password"
          name="password"
          type="password"
          autocomplete="new-password"
          required
          minLength={8}
          hint="At least 8 characters."
          value={password()}
          onInput={(e) => setPassword(e.currentTarget.value)}
          error={fields().password}
        />
        <Button type="submit" busy={busy()} class="btn btn-primary btn-block">
          Create account
        </Button>
      </form>
      <p class="auth-switch">
        Already have an account? <A href={`/signin${params.next ? `?next=${encodeURIComponent(safeNext(params.next))}` : ""}`}>Sign in</A>
      </p>
    </AuthShell>
  );
}

export function SignIn() {
  const session = useSession();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [email, setEmail] = createSignal("");
  const [password, setPassword] = createSignal("");
  const [busy, setBusy] = createSignal(false);
  const [error, setError] = createSignal<string>();
  let first!: HTMLInputElement;
  onMount(() => first.focus());

  const submit = async (e: SubmitEvent) => {
    e.preventDefault();
    setBusy(true);
    setError();
    try {
      const { user } = await api.login({ email: email(), password: password() });
      session.signedIn(user);
      navigate(safeNext(params.next), { replace: true });
    } catch (err) {
      setError(describeError(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <AuthShell title="Sign in" subtitle="Welcome back to your studio.">
      <form onSubmit={submit} novalidate>
        <Show when={error()}>
          <Alert>{error()}</Alert>
        </Show>
        <Field
          ref={first}
          label="Email"
          name="email"
          type="email"
          autocomplete="email"
          required
          value={email()}
          onInput={(e) => setEmail(e.currentTarget.value)}
        />
        <Field
          label="Password"
          name="password"
          type="password"
          autocomplete="current-password"
          required
          value={password()}
          onInput={(e) => setPassword(e.currentTarget.value)}
        />
        <Button type="submit" busy={busy()} class="btn btn-primary btn-block">
          Sign in
        </Button>
      </form>
      <p class="auth-switch">
        New to Reelroom? <A href="/signup">Create an account</A>
      </p>
    </AuthShell>
  );
}
