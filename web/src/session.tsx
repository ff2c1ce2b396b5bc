// Who is signed in, for the whole SPA. Pages read `user()`; sign-in and
// sign-up set it; sign-out clears it. The pure state lives in createSession
// so tests can drive it without rendering.
import { createContext, createResource, useContext, type ParentProps } from "solid-js";
import type { User } from "../../worker/domain/api";
import { api } from "./api";

export function createSession() {
  const [me, { mutate, refetch }] = createResource(async (): Promise<User | null> => (await api.session()).user);
  return {
    /** undefined while loading, null when signed out. */
    user: () => (me.state === "ready" ? me() : undefined),
    loading: () => me.loading,
    error: () => (me.state === "errored" ? (me.error as unknown) : undefined),
    retry: () => void refetch(),
    signedIn: (user: User) => mutate(user),
    signOut: async () => {
      try {
        await api.logout();
      } finally {
        mutate(null);
      }
    },
  };
}

export type Session = ReturnType<typeof createSession>;
const SessionContext = createContext<Session>();

export function SessionProvider(props: ParentProps) {
  const session = createSession();
  return <SessionContext.Provider value={session}>{props.children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const s = useContext(SessionContext);
  if (!s) throw new Error("useSession outside SessionProvider");
  return s;
}
