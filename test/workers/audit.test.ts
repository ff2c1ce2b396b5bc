// The audit trail: each audited action leaves one append-only row.
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
  const res = await env.DB.prepare(`SELECT * FROM audit WHERE ${where} ORDER BY id`).bind(...args).all<Row>();
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
});
