// Types for the Workers-runtime tests: the worker's Env plus the migrations
// the pool hands in, and the main module for `exports` from cloudflare:workers.
import type { D1Migration } from "@cloudflare/vitest-plugin";
import type { Env as WorkerEnv } from "../../worker/env";

declare global {
  namespace Cloudflare {
    interface Env extends WorkerEnv {
      TEST_MIGRATIONS: D1Migration[];
      /** Set in the agent-openai project: the fake provider's base URL. */
      FAKE_OPENAI_URL?: string;
    }
    interface GlobalProps {
      mainModule: typeof import("../../worker/index");
      durableNamespaces: "EpisodeRoom";
    }
  }
}
