// Types for the Workers-runtime tests: the worker's Env plus the migrations
// the pool hands in, and the main module for `exports` from cloudflare:workers.
import type { D1Migration } from "@cloudflare/vitest-plugin";
import type { Env as WorkerEnv } from "../../worker/env";

declare global {
  namespace Cloudflare {
    interface Env extends WorkerEnv {
      TEST_MIGRATIONS: D1Migration[];
    }
    interface GlobalProps {
      mainModule: typeof import("../../worker/index");
      durableNamespaces: "EpisodeRoom";
    }
  }
}
