// SPA entry: the session, the router and the guard that sends visitors
// without a session to sign-up (first run) before any page that needs one.
import { Navigate, Route, Router, useLocation } from "@solidjs/router";
import { lazy, Match, Switch, type ParentProps } from "solid-js";
import { render } from "solid-js/web";
import { describeError } from "./api";
import { Alert, Loading } from "./components/ui";
import { SessionProvider, useSession } from "./session";
import "./styles.css";

// Every page loads as its own chunk, so the entry holds only the shell,
// the router and the session: the studio (with the sketch renderer it draws
// panels with), the operations console, the project pages and the sign-in
// pages each come when first opened.
const Studio = lazy(() => import("./pages/Studio").then((m) => ({ default: m.Studio })));
const Ops = lazy(() => import("./pages/Ops").then((m) => ({ default: m.Ops })));
const ProjectPage = lazy(() => import("./pages/Project").then((m) => ({ default: m.ProjectPage })));
const Projects = lazy(() => import("./pages/Projects").then((m) => ({ default: m.Projects })));
const SignIn = lazy(() => import("./pages/Auth").then((m) => ({ default: m.SignIn })));
const SignUp = lazy(() => import("./pages/Auth").then((m) => ({ default: m.SignUp })));
// The review page needs no account: the link's token is its only key.
const Review = lazy(() => import("./pages/Review").then((m) => ({ default: m.Review })));
// The animatic comes with its own chunk when a reviewer presses Play, as in the studio.
const AnimaticPlayer = lazy(() => import("./studio/Animatic").then((m) => ({ default: m.AnimaticPlayer })));

// After a deploy, a tab opened before it asks for chunks that are gone. Vite
// reports it here; reload once to get the new ones. A failure while offline,
// or a second one in the same session, is left to the part that asked, which
// says so, offers a retry, and tries again when the browser is back online.
window.addEventListener("vite:preloadError", (event) => {
  // Offline is not a deploy: a reload would lose the page (and edits waiting to be sent).
  if (!navigator.onLine || sessionStorage.getItem("reelroom:reloaded-for-chunks")) return;
  sessionStorage.setItem("reelroom:reloaded-for-chunks", "1");
  event.preventDefault();
  location.reload();
});

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
        <Route
          path="/signup"
          component={() => (
            <GuestOnly>
              <SignUp />
            </GuestOnly>
          )}
        />
        <Route
          path="/signin"
          component={() => (
            <GuestOnly>
              <SignIn />
            </GuestOnly>
          )}
        />
        <Route
          path="/projects"
          component={() => (
            <RequireUser>
              <Projects />
            </RequireUser>
          )}
        />
        <Route
          path="/projects/:projectId"
          component={() => (
            <RequireUser>
              <ProjectPage />
            </RequireUser>
          )}
        />
        <Route
          path="/projects/:projectId/episodes/:episodeId"
          component={() => (
            <RequireUser>
              <Studio />
            </RequireUser>
          )}
        />
        <Route
          path="/ops"
          component={() => (
            <RequireUser>
              <Ops />
            </RequireUser>
          )}
        />
        <Route path="/review/l/:linkId" component={() => <Review animatic={AnimaticPlayer} />} />
        <Route path="/review/:token" component={() => <Review animatic={AnimaticPlayer} />} />
        <Route path="*" component={NotFound} />
      </Router>
    </SessionProvider>
  ),
  document.getElementById("root")!,
);
