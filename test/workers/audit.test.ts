// The audit trail: each audited action leaves one append-only row; denials
// of anonymous requests are counted per minute instead.
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { addMember, Client, episodeOf, projectOf, signUp, uniqueEmail } from "./helpers";

interface Row {
  actor: string;
  action: string;
  target: string;
  verdict: string;
  request_id: string;
  project_id: string | null;
}

async function rows(where: string, ...args: unknown[]): Promise<Row[]> {
  const res = await env.DB.prepare(`SELECT * FROM audit WHERE ${where} ORDER BY id`)
    .bind(...args)
    .all<Row>();
  return res.results;
}

describe("audit trail", () => {
  it("records signup, login success and failure, and logout", async () => {
    const p = await signUp("audited");
    await new Client().post("/api/v1/auth/login", { email: p.user.email, password: "wrong password" });
    const again = new Client();
    await again.post("/api/v1/auth/login", { email: p.user.email, password: p.password });
    await again.post("/api/v1/auth/logout");
    const mine = await rows("actor = ? OR target = ?", p.user.id, `email:${p.user.email}`);
    expect(mine.map((r) => [r.action, r.verdict])).toEqual([
      ["auth.signup", "allowed"],
      ["auth.login", "failed"],
      ["auth.login", "allowed"],
      ["auth.logout", "allowed"],
    ]);
    for (const r of mine) expect(r.request_id).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("records project and episode creation and member changes with their project", async () => {
    const owner = await signUp("owner");
    const mate = await signUp("mate");
    const projectId = await projectOf(owner);
    await episodeOf(owner, projectId);
    await addMember(owner, projectId, mate, "viewer");
    await addMember(owner, projectId, mate, "editor");
    await owner.client.delete(`/api/v1/projects/${projectId}/members/${mate.user.id}`);
    const entries = await rows("project_id = ?", projectId);
    expect(entries.map((r) => r.action)).toEqual(["project.create", "episode.create", "member.add", "member.update", "member.remove"]);
    expect(entries.every((r) => r.actor === owner.user.id && r.verdict === "allowed")).toBe(true);
  });

  it("records every denied access, signed in or not", async () => {
    const owner = await signUp("owner");
    const stranger = await signUp("stranger");
    const projectId = await projectOf(owner);
    await stranger.client.get(`/api/v1/projects/${projectId}`);
    await new Client().get("/api/v1/projects");
    await new Client().post("/api/v1/auth/signup", { email: uniqueEmail(), password: "long enough", name: "x" }, { origin: "https://evil.example" });
    const denied = await rows("action = 'access.denied' AND (actor = ? OR actor = 'anonymous')", stranger.user.id);
    const targets = denied.map((r) => `${r.actor === "anonymous" ? "anon" : "stranger"} ${r.target}`);
    expect(targets).toContain(`stranger GET /api/v1/projects/${projectId}`);
    expect(targets).toContain("anon GET /api/v1/projects");
    expect(targets).toContain("anon POST /api/v1/auth/signup");
    expect(denied.every((r) => r.verdict === "denied")).toBe(true);
  });

  it("counts 200 anonymous denied requests in a handful of rows whose count says 200", async () => {
    const target = "GET /api/v1/projects";
    const tally = async () =>
      (await env.DB.prepare(
        `SELECT (SELECT count(*) FROM audit) AS total_rows,
                (SELECT coalesce(sum(coalesce(json_extract(details, '$.count'), 1)), 0) FROM audit
                  WHERE action = 'access.denied' AND actor = 'anonymous' AND target = ?) AS denials`,
      )
        .bind(target)
        .first<{ total_rows: number; denials: number }>())!;
    const before = await tally();
    for (let wave = 0; wave < 10; wave++) {
      const answers = await Promise.all(Array.from({ length: 20 }, () => new Client().get("/api/v1/projects")));
      expect(answers.every((r) => r.status === 401)).toBe(true);
    }
    const after = await tally();
    expect(after.denials - before.denials).toBe(200);
    // One row per minute: two if the flood straddled a minute boundary.
    expect(after.total_rows - before.total_rows).toBeLessThanOrEqual(2);
  });

  it("shows counted anonymous denials to an instance admin in the audit view", async () => {
    for (let i = 0; i < 3; i++) await new Client().get("/api/v1/metrics");
    const admin = await signUp("admin", "admin@reelroom.test");
    const res = await admin.client.get("/api/v1/audit?action=access.denied&actor=anonymous");
    const { entries } = (await res.json()) as { entries: { target: string; verdict: string; requestId: string; details: { code: string; count: number } }[] };
    const metrics = entries.filter((e) => e.target === "GET /api/v1/metrics");
    expect(metrics.length).toBeGreaterThanOrEqual(1);
    expect(metrics.reduce((sum, e) => sum + e.details.count, 0)).toBe(3);
    expect(metrics[0]).toMatchObject({ verdict: "denied", details: { code: "unauthenticated" } });
    expect(metrics[0]!.requestId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("still gives each signed-in denial its own row", async () => {
    const owner = await signUp("owner");
    const stranger = await signUp("stranger");
    const projectId = await projectOf(owner);
    for (let i = 0; i < 3; i++) expect((await stranger.client.get(`/api/v1/projects/${projectId}`)).status).toBe(403);
    const denied = await rows("action = 'access.denied' AND actor = ?", stranger.user.id);
    expect(denied).toHaveLength(3);
    expect(new Set(denied.map((r) => r.request_id)).size).toBe(3);
  });

  it("records the server's own request id, never one the client sent", async () => {
    const p = await signUp("reqid");
    const forged = "client-chosen-request-id";
    const res = await new Client().post("/api/v1/auth/login", { email: p.user.email, password: "wrong password" }, { headers: { "x-request-id": forged } });
    expect(res.status).toBe(401);
    const id = res.headers.get("x-request-id");
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(id).not.toBe(forged);
    const [row] = await rows("action = 'auth.login' AND target = ?", `email:${p.user.email}`);
    expect(row!.request_id).toBe(id);
  });
});
