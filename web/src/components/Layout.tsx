// The app frame: header with the product name, breadcrumbs and the account
// menu; a skip link so keyboard users reach the content at once.
import { A, useNavigate } from "@solidjs/router";
import { For, Show, type ParentProps } from "solid-js";
import { useSession } from "../session";

export interface Crumb {
  label: string;
  href?: string;
}

export function Layout(props: ParentProps<{ crumbs?: Crumb[]; wide?: boolean }>) {
  const session = useSession();
  const navigate = useNavigate();
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
                    <Show when={c.href && i() < (props.crumbs?.length ?? 0) - 1} fallback={<span aria-current="page">{c.label}</span>}>
                      <A href={c.href!}>{c.label}</A>
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
                <A href="/ops" class="nav-link">
                  Operations
                </A>
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
