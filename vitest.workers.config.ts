// Integration tests inside workerd with the real bindings of wrangler.toml
// (D1, R2, Queues, Durable Objects), migrations applied before each file.
// Three projects: the defaults (offline agent), the agent against a fake
// OpenAI-compatible server on loopback that this config starts, and both
// Workers AI providers against a fake AI binding (test/support/fake-ai.mjs).
// Remote bindings stay off: the AI binding never reaches Cloudflare here.
import { cloudflareTest, readD1Migrations } from "@cloudflare/vitest-plugin";
import { defineConfig } from "vitest/config";
// @ts-expect-error: a plain .mjs test helper without types
import { startFakeOpenAi } from "./test/support/fake-openai.mjs";

export const PLANTED_SECRET = "sk-test-PLANTED-SECRET-0123456789abcdef";

export default defineConfig(async () => {
  const migrations = await readD1Migrations("./migrations");
  const fake = (await startFakeOpenAi()) as { url: string };
  const project = (name: string, include: string[], vars: Record<string, string>, miniflare: Record<string, unknown> = {}) => ({
    plugins: [
      cloudflareTest({
        wrangler: { configPath: "./wrangler.toml" },
        remoteBindings: false,
        miniflare: { bindings: { TEST_MIGRATIONS: migrations, ADMIN_EMAILS: "admin@reelroom.test", ...vars }, ...miniflare },
      }),
    ],
    test: { name, include, setupFiles: ["./test/workers/apply-migrations.ts", "./test/workers/d1-limits.ts"], testTimeout: 20_000 },
  });
  return {
    test: {
      projects: [
        project("workers", ["test/workers/**/*.test.ts"], { OFFLINE_AGENT_PACE_MS: "1" }),
        project("agent-openai", ["test/workers-openai/**/*.test.ts"], {
          AGENT_PROVIDER: "openai",
          OPENAI_BASE_URL: `${fake.url}/v1`,
          OPENAI_API_KEY: PLANTED_SECRET,
          AGENT_TIMEOUT_MS: "500",
          FAKE_OPENAI_URL: fake.url,
        }),
        project(
          "workers-ai",
          ["test/workers-ai/**/*.test.ts"],
          { AGENT_PROVIDER: "workers-ai", MEDIA_PROVIDER: "workers-ai" },
          {
            // wrangler.toml's [ai] (remote only) moves aside to a name nothing
            // reads, and AI becomes a service binding to the fake's entrypoint.
            ai: { binding: "AI_REMOTE_UNUSED" },
            // The agent passes its AbortSignal in run()'s options; crossing to the
            // fake is an RPC call, which carries a signal only with this flag.
            compatibilityFlags: ["enable_abortsignal_rpc"],
            serviceBindings: { AI: { name: "fake-ai", entrypoint: "FakeAi" } },
            workers: [
              {
                name: "fake-ai",
                modules: true,
                scriptPath: "./test/support/fake-ai.mjs",
                compatibilityDate: "2026-10-19",
                compatibilityFlags: ["enable_abortsignal_rpc"],
              },
            ],
          },
        ),
      ],
    },
  };
});
