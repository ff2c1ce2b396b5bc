// SPA entry: the session, the router and the guard that sends visitors
// without a session to sign-up (first run) before any page that needs one.
import { Navigate, Route, Router, useLocation } from "@solidjs/router";
import { Match, Switch, type ParentProps } from "solid-js";
import { render } from "solid-js/web";
import { describeError } from "./api";
import { Alert, Loading } from "./components/ui";
import { SignIn, SignUp } from "./pages/Auth";
import { ProjectPage } from "./pages/Project";
import { Projects } from "./pages/Projects";
import { Studio } from "./pages/Studio";
import { Ops } from "./pages/Ops";
import { SessionProvider, useSession } from "./session";
import "./styles.css";

function RequireUser(props: ParentProps) {
  const session = useSession();
  const location = useLocation();
  return (
    <Switch>
      <Match when={session.error()}>
        <main id="main" class="main">
          <Alert onRetry={session.retry}>{describeError(session.error())}</Alert>
        </main>
      </Match>
      <Match when={session.user() === undefined}>
        <Loading />
      </Match>
      <Match when={session.user() === null}>
        <Navigate href={`/signup?next=${encodeURIComponent(location.pathname)}`} />
      </Match>
      <Match when={session.user()}>{props.children}</Match>
    </Switch>
  );
}

/** Signed-in people skip the auth pages. */
function GuestOnly(props: ParentProps) {
  const session = useSession();
  return (
    <Switch fallback={<Loading />}>
      <Match when={session.user()}>
        <Navigate href="/projects" />
      </Match>
      <Match when={session.user() === null || session.error()}>{props.children}</Match>
    </Switch>
  );
}

function NotFound() {
  return (
    <main id="main" class="main">
      <h1>Page not found</h1>
      <p>
        <a href="/projects">Go to your projects</a>
      </p>
    </main>
  );
}

render(
  () => (
    <SessionProvider>
      <Router>
        <Route path="/" component={() => <Navigate href="/projects" />} />
        <Route path="/signup" component={() => <GuestOnly><SignUp /></GuestOnly>} />
        <Route path="/signin" component={() => <GuestOnly><SignIn /></GuestOnly>} />
        <Route path="/projects" component={() => <RequireUser><Projects /></RequireUser>} />
        <Route path="/projects/:projectId" component={() => <RequireUser><ProjectPage /></RequireUser>} />
        <Route path="/projects/:projectId/episodes/:episodeId" component={() => <RequireUser><Studio /></RequireUser>} />
        <Route path="/ops" component={() => <RequireUser><Ops /></RequireUser>} />
        <Route path="*" component={NotFound} />
      </Router>
    </SessionProvider>
  ),
  document.getElementById("root")!,
);
