// The app frame: header with the product name, breadcrumbs and the account
// menu; a skip link so keyboard users reach the content at once. Long names
// end in an ellipsis (full text in the title) so the bar stays one line.
import { A, useNavigate } from "@solidjs/router";
import { createResource, For, Show, type ParentProps } from "solid-js";
import { api } from "../api";
import "../layout.css";
import { useSession } from "../session";

export interface Crumb {
  label: string;
  href?: string;
}

export function Layout(props: ParentProps<{ crumbs?: Crumb[]; wide?: boolean }>) {
  const session = useSession();
  const navigate = useNavigate();
  // The worker decides who may open /ops (owners and instance admins); the
  // link is shown only to them, and asked again on each page, since making
  // a project makes its maker an owner.
  const [canOperate] = createResource(
    () => session.user()?.id,
    async () => (await api.me()).canOperate,
  );
  const signOut = async () => {
    await session.signOut().catch(() => undefined);
    navigate("/signin", { replace: true });
  };
  return (
    <>
      <a class="skip-link" href="#main">
        Skip to content
      </a>
      <header class="topbar">
        <A href="/projects" class="brand" aria-label="Reelroom home">
          <span class="brand-mark" aria-hidden="true" />
          Reelroom
        </A>
        <Show when={props.crumbs?.length}>
          <nav aria-label="Breadcrumb" class="crumbs">
            <ol>
              <For each={props.crumbs}>
                {(c, i) => (
                  <li>
                    <Show
                      when={c.href && i() < (props.crumbs?.length ?? 0) - 1}
                      fallback={
                        <span aria-current="page" class="crumb-text" title={c.label}>
                          {c.label}
                        </span>
                      }
                    >
                      <A href={c.href!} class="crumb-text" title={c.label}>
                        {c.label}
                      </A>
                    </Show>
                  </li>
                )}
              </For>
            </ol>
          </nav>
        </Show>
        <div class="account">
          <Show when={session.user()}>
            {(u) => (
              <>
                <Show when={canOperate.state === "ready" && canOperate()}>
                  <A href="/ops" class="nav-link">
                    Operations
                  </A>
                </Show>
                <span class="account-name" title={u().email}>
                  {u().name}
                </span>
                <button type="button" class="btn btn-secondary btn-small" onClick={signOut}>
                  Sign out
                </button>
              </>
            )}
          </Show>
        </div>
      </header>
      <main id="main" class={props.wide ? "main main-wide" : "main"} tabindex="-1">
        {props.children}
      </main>
    </>
  );
}
