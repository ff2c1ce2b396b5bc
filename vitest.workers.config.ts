// Integration tests inside workerd with the real bindings of wrangler.toml
// (D1, R2, Queues, Durable Objects), migrations applied before each file.
// Two projects: the defaults (offline agent), and the agent against a fake
// OpenAI-compatible server on loopback that this config starts.
import { cloudflareTest, readD1Migrations } from "@cloudflare/vitest-plugin";
import { defineConfig } from "vitest/config";
// @ts-expect-error: a plain .mjs test helper without types
import { startFakeOpenAi } from "./test/support/fake-openai.mjs";

export const PLANTED_SECRET = "sk-test-PLANTED-SECRET-0123456789abcdef";

export default defineConfig(async () => {
  const migrations = await readD1Migrations("./migrations");
  const fake = (await startFakeOpenAi()) as { url: string };
  const project = (name: string, include: string[], vars: Record<string, string>) => ({
    plugins: [
      cloudflareTest({
        wrangler: { configPath: "./wrangler.toml" },
        miniflare: { bindings: { TEST_MIGRATIONS: migrations, ADMIN_EMAILS: "admin@reelroom.test", ...vars } },
      }),
    ],
    test: { name, include, setupFiles: ["./test/workers/apply-migrations.ts"], testTimeout: 20_000 },
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
      ],
    },
  };
});
