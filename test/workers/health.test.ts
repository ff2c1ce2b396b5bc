// GET /api/health: real probes and honest status, no secrets.
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { Health } from "../../worker/domain/api";
import { checkHealth } from "../../worker/routes/health";
import { Client } from "./helpers";

describe("health", () => {
  it("answers ok with every component probed, offline by default", async () => {
    const res = await new Client().get("/api/health");
    expect(res.status).toBe(200);
    const health = Health.parse(await res.json());
    expect(health.status).toBe("ok");
    for (const name of ["database", "storage", "queue", "rooms"] as const) {
      expect(health.components[name].status).toBe("ok");
      expect(health.components[name].latencyMs).toBeGreaterThanOrEqual(0);
    }
    expect(health.components.agent.detail).toMatch(/Offline demo agent/);
    expect(health.components.media.detail).toMatch(/sketch/i);
    expect(res.headers.get("cache-control")).toBe("no-store");
  });

  it("is degraded, and says why, when a live provider has no key", async () => {
    const health = await checkHealth({ ...env, AGENT_PROVIDER: "openai", OPENAI_API_KEY: "" });
    expect(health.status).toBe("degraded");
    expect(health.components.agent).toEqual({ status: "degraded", detail: "OPENAI_API_KEY is not set" });
  });

  it("never reveals a configured secret", async () => {
    const secret = "sk-live-THIS-MUST-NOT-LEAK-1234567890";
    const health = await checkHealth({ ...env, AGENT_PROVIDER: "openai", MEDIA_PROVIDER: "openai", OPENAI_API_KEY: secret });
    expect(JSON.stringify(health)).not.toContain(secret);
    expect(health.components.agent.status).toBe("ok");
  });

  it("is down with 503 semantics when the database fails", async () => {
    const broken = {
      ...env,
      DB: {
        prepare: () => {
          throw new Error("D1 unreachable");
        },
      } as unknown as D1Database,
    };
    const health = await checkHealth(broken);
    expect(health.status).toBe("down");
    expect(health.components.database).toMatchObject({ status: "down", detail: "D1 unreachable" });
  });
});
