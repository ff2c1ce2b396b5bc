// Operations API: who sees what, metrics against a seeded data set, the SSE
// stream's framing and Last-Event-ID, audit completeness and exports, replay,
// names instead of ids, saved views, who is offered the console, and a person
// in more projects than D1 binds parameters for.
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import type { Job } from "../../worker/domain/jobs";
import { type AuditEntry, AuditPage, JobsPage, jobLabel, SavedView } from "../../worker/domain/ops";
import { boundParameters, D1_MAX_BOUND_PARAMETERS } from "./d1-limits";
import { addMember, Client, episodeOf, errorCode, type Person, projectOf, signUp, uniqueEmail, waitForJob } from "./helpers";
import { command, connect, connectReview, msgId } from "./socket";

/** The instance admin (ADMIN_EMAILS), signed up once per file and signed in after that. */
let adminPerson: Person | undefined;
async function admin(): Promise<Person> {
  if (adminPerson) return adminPerson;
  adminPerson = await signUp("admin", "admin@reelroom.test");
  return adminPerson;
}

async function seedJobs(projectId: string, episodeId: string, rows: { status: string; latencyMs?: number }[]) {
  const now = new Date().toISOString();
  for (const [i, r] of rows.entries()) {
    await env.DB.prepare(
      `INSERT INTO jobs (id, project_id, episode_id, frame_id, provider, status, attempt, attempt_token, progress, input, plugin_timings, warnings, created_by, updated_at, finished_at, latency_ms)
       VALUES (?, ?, ?, 'f1', 'sketch', ?, 1, 't', 0, '{}', '{}', '[]', 'seed', ?, ?, ?)`,
    )
      .bind(
        `job_seed${projectId.slice(4, 12)}${String(i).padStart(6, "0")}`,
        projectId,
        episodeId,
        r.status,
        now,
        r.latencyMs !== undefined ? now : null,
        r.latencyMs ?? null,
      )
      .run();
  }
}

describe("who sees what", () => {
  it("refuses metrics and audit to people who own no project, and providers to non-admins", async () => {
    const owner = await signUp("owner");
    const projectId = await projectOf(owner);
    const editor = await signUp("editor");
    await addMember(owner, projectId, editor, "editor");
    for (const path of ["/api/v1/metrics", "/api/v1/metrics/stream", "/api/v1/audit"]) expect((await editor.client.get(path)).status).toBe(403);
    expect((await owner.client.get("/api/v1/providers")).status).toBe(403);
    expect((await owner.client.post("/api/v1/providers/sketch/reset")).status).toBe(403);
    expect((await new Client().get("/api/v1/metrics")).status).toBe(401);
    expect((await owner.client.get("/api/v1/metrics")).status).toBe(200);
    // Editors still see their projects' jobs.
    expect((await editor.client.get(`/api/v1/jobs?project=${projectId}`)).status).toBe(200);
  });

  it("scopes an owner to their projects while an admin sees everything", async () => {
    const a = await signUp("owner-a");
    const b = await signUp("owner-b");
    const pa = await projectOf(a);
    const pb = await projectOf(b);
    await seedJobs(pa, "ep_seedseedseedseed01", [{ status: "success", latencyMs: 100 }]);
    await seedJobs(pb, "ep_seedseedseedseed02", [{ status: "failure", latencyMs: 50 }, { status: "running" }]);
    const ma = (await (await a.client.get("/api/v1/metrics")).json()) as { jobsByStatus: Record<string, number> };
    expect(ma.jobsByStatus).toMatchObject({ success: 1, failure: 0, running: 0 });
    const root = await admin();
    const all = (await (await root.client.get("/api/v1/metrics")).json()) as { jobsByStatus: Record<string, number> };
    expect(all.jobsByStatus.success).toBeGreaterThanOrEqual(1);
    expect(all.jobsByStatus.failure).toBeGreaterThanOrEqual(1);
    expect((await a.client.get(`/api/v1/metrics?project=${pb}`)).status).toBe(403);
    const providers = (await (await root.client.get("/api/v1/providers")).json()) as { providers: { name: string; state: string }[] };
    expect(providers.providers.map((p) => p.name)).toEqual(["sketch", "openai", "workers-ai"]);
    expect((await root.client.post("/api/v1/providers/openai/reset")).status).toBe(200);
    expect((await root.client.post("/api/v1/providers/dalle/reset")).status).toBe(400);
  });
});

describe("metrics", () => {
  it("computes counts, mean and p95 latency, success and error rates from the data", async () => {
    const owner = await signUp("owner");
    const projectId = await projectOf(owner);
    const latencies = Array.from({ length: 20 }, (_, i) => (i + 1) * 100); // 100..2000
    await seedJobs(projectId, "ep_seedseedseedseed03", [
      ...latencies.map((l) => ({ status: "success", latencyMs: l })),
      { status: "failure", latencyMs: 10 },
      { status: "failure", latencyMs: 10 },
      { status: "running" },
      { status: "pending" },
      { status: "canceled" },
    ]);
    const m = (await (await owner.client.get("/api/v1/metrics")).json()) as {
      jobsByStatus: Record<string, number>;
      latencyMs: { mean: number; p95: number; samples: number };
      successRate: number;
      errorRate: number;
      activeWorkers: number;
      series: { succeeded: number; failed: number }[];
    };
    expect(m.jobsByStatus).toEqual({ pending: 1, running: 1, success: 20, failure: 2, blocked: 0, canceled: 1 });
    expect(m.latencyMs).toEqual({ mean: 1050, p95: 1900, samples: 20 });
    expect(m.successRate).toBe(Math.round((20 / 22) * 1000) / 1000);
    expect(m.errorRate).toBe(Math.round((2 / 22) * 1000) / 1000);
    expect(m.activeWorkers).toBe(1);
    expect(m.series.reduce((s, r) => s + r.succeeded, 0)).toBe(20);
  });

  it("counts agent runs and open sockets reported by the rooms", async () => {
    const owner = await signUp("owner");
    const projectId = await projectOf(owner);
    const episodeId = await episodeOf(owner, projectId);
    const sock = await connect(owner, projectId, episodeId);
    const id = msgId();
    sock.send({ type: "chat_send", id, payload: { text: "a 10 second ad for a bakery, 2 shots" } });
    await sock.next("agent_status", (m) => m.payload.status === "completed");
    await new Promise((r) => setTimeout(r, 100));
    const m = (await (await owner.client.get("/api/v1/metrics")).json()) as {
      agentRuns: { active: number; lastHour: number; total: number };
      openSockets: number;
    };
    expect(m.agentRuns).toEqual({ active: 0, lastHour: 1, total: 1 });
    expect(m.openSockets).toBe(1);
    sock.close();
  });

  it("streams `event: metrics` with ids and retry, resuming after Last-Event-ID", async () => {
    const owner = await signUp("owner");
    await projectOf(owner);
    const read = async (headers: Record<string, string> = {}) => {
      const res = await owner.client.get("/api/v1/metrics/stream", { headers });
      expect(res.headers.get("content-type")).toMatch(/^text\/event-stream/);
      const reader = res.body!.getReader();
      let text = "";
      while (!text.includes("\n\n")) text += new TextDecoder().decode((await reader.read()).value);
      await reader.cancel();
      return text.split("\n\n")[0]!;
    };
    const fields = (block: string) => Object.fromEntries(block.split("\n").map((l) => [l.slice(0, l.indexOf(":")), l.slice(l.indexOf(":") + 1).trim()]));
    const first = fields(await read());
    expect(first).toMatchObject({ event: "metrics", id: "1", retry: "3000" });
    expect(JSON.parse(first.data!)).toHaveProperty("jobsByStatus");
    const resumed = fields(await read({ "last-event-id": "41" }));
    expect(resumed).toMatchObject({ event: "metrics", id: "42" });
  });
});

describe("audit", () => {
  it("records every audited action, and exports as CSV and JSON Lines", async () => {
    const owner = await signUp("owner");
    await owner.client.post("/api/v1/auth/logout");
    await owner.client.post("/api/v1/auth/login", { email: owner.user.email, password: owner.password });
    const projectId = await projectOf(owner);
    const episodeId = await episodeOf(owner, projectId);
    const mate = await signUp("mate");
    await addMember(owner, projectId, mate, "viewer");
    await addMember(owner, projectId, mate, "editor");
    await owner.client.delete(`/api/v1/projects/${projectId}/members/${mate.user.id}`);
    await owner.client.post(`/api/v1/projects/${projectId}/consent`, { paidMedia: false });
    const sock = await connect(owner, projectId, episodeId);
    const ack = await command(sock, { type: "add_frame", frame: { id: "f1", title: "A" } });
    const runId = (ack.payload as { result: { runId: string } }).result.runId;
    for (const [type, payload] of [
      ["undo_run", { runId }],
      ["rewind", { toSeq: 1 }],
    ] as const) {
      const id = msgId();
      sock.send({ type, id, payload });
      await sock.next("ack", (m) => m.payload.id === id);
    }
    await command(sock, { type: "add_frame", frame: { id: "f2", title: "B" } });
    const chat = msgId();
    sock.send({ type: "chat_send", id: chat, payload: { text: "a 10 second ad for a bakery, 2 shots" } });
    await sock.next("agent_status", (m) => m.payload.status === "streaming");
    const stop = msgId();
    sock.send({ type: "chat_stop", id: stop, payload: {} });
    await sock.next("agent_status", (m) => m.payload.status === "stopped");
    const base = `/api/v1/projects/${projectId}/episodes/${episodeId}`;
    const { job } = (await (await owner.client.post(`${base}/frames/f2/generate`, {})).json()) as { job: Job };
    await waitForJob(owner, job.id, (j) => j.status === "success");
    const replay = await owner.client.post(`/api/v1/jobs/${job.id}/replay`);
    expect(replay.status).toBe(202);
    const replayed = ((await replay.json()) as { job: Job }).job;
    expect(replayed.parentJobId).toBe(job.id);
    await owner.client.post(`/api/v1/jobs/${replayed.id}/cancel`);
    const blocked = ((await (await owner.client.post(`${base}/frames/f2/generate`, { provider: "openai" })).json()) as { job: Job }).job;
    await waitForJob(owner, blocked.id, (j) => j.status === "blocked");
    await owner.client.post(`/api/v1/jobs/${blocked.id}/retry`);
    await new Promise((r) => setTimeout(r, 200));

    const { entries } = (await (await owner.client.get(`/api/v1/audit?project=${projectId}`)).json()) as {
      entries: { action: string; requestId: string; actor: string }[];
    };
    const actions = new Set(entries.map((e) => e.action));
    for (const a of [
      "project.create",
      "episode.create",
      "member.add",
      "member.update",
      "member.remove",
      "project.consent",
      "board.undo",
      "board.rewind",
      "agent.run.start",
      "agent.run.stop",
      "job.create",
      "job.replay",
      "job.cancel",
      "job.retry",
    ]) {
      expect(actions, a).toContain(a);
    }
    expect(entries.every((e) => e.requestId && e.actor)).toBe(true);
    // Sign-ins belong to no project: an instance admin sees them.
    const root = await admin();
    const logins = (await (await root.client.get(`/api/v1/audit?actor=${owner.user.id}&action=auth.login`)).json()) as { entries: unknown[] };
    expect(logins.entries.length).toBeGreaterThanOrEqual(1);

    const csv = await owner.client.get(`/api/v1/audit?project=${projectId}&format=csv`);
    expect(csv.headers.get("content-type")).toMatch(/text\/csv/);
    const lines = (await csv.text()).trim().split("\n");
    expect(lines[0]).toBe("id,at,actor,action,target,verdict,requestId,details");
    expect(lines.length).toBe(entries.length + 1);
    const jsonl = await owner.client.get(`/api/v1/audit?project=${projectId}&format=jsonl`);
    const parsed = (await jsonl.text())
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(parsed.map((e) => e.action)).toEqual(entries.map((e) => e.action));
    sock.close();
  });
});

describe("names, not ids", () => {
  it("names each job by project, episode and shot, and its author, in the jobs list and the audit trail", async () => {
    const owner = await signUp("Olu Adeyemi", uniqueEmail("olu"));
    const projectId = await projectOf(owner, "Night shift");
    const episodeId = await episodeOf(owner, projectId, "Pilot");
    const mate = await signUp("Mina Park", uniqueEmail("mina"));
    await addMember(owner, projectId, mate, "editor");
    const sock = await connect(owner, projectId, episodeId);
    await command(sock, { type: "add_frame", frame: { id: "f1", title: "Opening" } });
    await command(sock, { type: "add_frame", frame: { id: "f2", title: "The ritual" } });
    sock.close();
    const created = await owner.client.post(`/api/v1/projects/${projectId}/episodes/${episodeId}/frames/f2/generate`, {});
    const { job } = (await created.json()) as { job: Job };
    await waitForJob(owner, job.id, (j) => j.status === "success");

    const page = JobsPage.parse(await (await mate.client.get(`/api/v1/jobs?project=${projectId}`)).json());
    expect(page.jobs.find((j) => j.id === job.id)?.names).toEqual({
      projectName: "Night shift",
      episodeTitle: "Pilot",
      shot: "2",
      frameTitle: "The ritual",
      createdByName: "Olu Adeyemi",
      exportFormat: null,
    });

    const audit = AuditPage.parse(await (await owner.client.get(`/api/v1/audit?project=${projectId}`)).json());
    const made = audit.entries.find((e) => e.action === "job.create");
    expect(made).toMatchObject({
      actor: owner.user.id,
      actorName: "Olu Adeyemi",
      targetLabel: "Night shift · Pilot · Shot 2 — The ritual",
      targetJobId: job.id,
    });
    expect(audit.entries.find((e) => e.action === "member.add")).toMatchObject({ targetLabel: "Mina Park", targetJobId: null });
    expect(audit.entries.find((e) => e.action === "project.create")).toMatchObject({ targetLabel: "Night shift" });
    // The contract's fields are all still there, ids included.
    expect(made).toMatchObject({ target: `job:${job.id}`, verdict: "allowed" });
  });

  it("names a reviewer by the name they gave and the link they came through, and an export by its kind and episode", async () => {
    const owner = await signUp("Olu Adeyemi", uniqueEmail("olu"));
    const projectId = await projectOf(owner, "Night shift");
    const episodeId = await episodeOf(owner, projectId, "Pilot");
    const sock = await connect(owner, projectId, episodeId);
    await command(sock, { type: "add_frame", frame: { id: "f1", title: "Opening" } });
    const base = `/api/v1/projects/${projectId}/episodes/${episodeId}`;
    const { link } = (await (await owner.client.post(`${base}/review-links`, {})).json()) as { link: { id: string; url: string } };
    const reviewer = await connectReview(link.url.split("/review/")[1]!, "Dana (client)");
    await reviewer.next("metadata");
    const commented = msgId();
    reviewer.send({ type: "comment_add", id: commented, payload: { frameId: "f1", text: "warmer" } });
    expect((await reviewer.next("ack", (m) => m.payload.id === commented)).payload.ok).toBe(true);
    reviewer.close();
    const exported = await owner.client.post(`${base}/exports`, { format: "csv" });
    expect(exported.status).toBe(202);
    const { job } = (await exported.json()) as { job: Job };

    const page = JobsPage.parse(await (await owner.client.get(`/api/v1/jobs?project=${projectId}`)).json());
    const names = page.jobs.find((j) => j.id === job.id)?.names;
    expect(names?.exportFormat).toBe("csv");
    expect(jobLabel(names!)).toBe("Night shift · CSV export of Pilot");

    const today = new Date().toISOString().slice(0, 10);
    const asReviewer = `Dana (client), a reviewer via Olu Adeyemi's link of ${today}`;
    let entries: AuditEntry[] = [];
    // The room writes its rows after the reply: wait for the comment's.
    for (let i = 0; i < 50 && !entries.some((e) => e.action === "comment.add"); i++) {
      entries = AuditPage.parse(await (await owner.client.get(`/api/v1/audit?project=${projectId}`)).json()).entries;
      if (!entries.some((e) => e.action === "comment.add")) await new Promise((r) => setTimeout(r, 50));
    }
    expect(entries.find((e) => e.action === "review.join")).toMatchObject({ actorName: asReviewer, targetLabel: `Olu Adeyemi's review link of ${today}` });
    expect(entries.find((e) => e.action === "comment.add")).toMatchObject({ actorName: asReviewer });
    expect(entries.find((e) => e.action === "export.create" && e.target === `job:${job.id}`)).toMatchObject({
      targetLabel: "Night shift · CSV export of Pilot",
    });
    sock.close();
  });

  it("names a full page of 100 different people, and the 101st row that tells there is more", async () => {
    const root = await admin();
    const action = `test.crowd${Date.now().toString(36)}`;
    const people = Array.from({ length: 101 }, (_, i) => ({ id: `usr_crowd${action.slice(-8)}${String(i).padStart(4, "0")}`, name: `Person ${i}` }));
    await env.DB.batch(
      people.flatMap((p) => [
        env.DB.prepare("INSERT INTO users (id, email, name, password_hash) VALUES (?, ?, ?, 'x')").bind(p.id, `${p.id}@reelroom.test`, p.name),
        env.DB.prepare("INSERT INTO audit (actor, action, target, verdict, request_id) VALUES (?, ?, ?, 'allowed', 'req')").bind(p.id, action, `user:${p.id}`),
      ]),
    );
    const res = await root.client.get(`/api/v1/audit?action=${action}`);
    expect(res.status).toBe(200);
    const { entries, nextCursor } = AuditPage.parse(await res.json());
    expect(entries).toHaveLength(100);
    expect(nextCursor).not.toBeNull();
    expect(new Set(entries.map((e) => e.actor)).size).toBe(100);
    for (const e of entries) {
      const name = people.find((p) => p.id === e.actor)!.name;
      expect(e).toMatchObject({ actorName: name, targetLabel: name });
    }
  });
});

describe("saved views", () => {
  const jobsView = { kind: "jobs", name: "Failed this week", filters: { status: "failure", since: "168" } };

  it("refuses people who may not open the console: signed out 401, owning no project 403", async () => {
    expect((await new Client().get("/api/v1/ops/views")).status).toBe(401);
    expect((await new Client().post("/api/v1/ops/views", jobsView)).status).toBe(401);
    const owner = await signUp("owner");
    const projectId = await projectOf(owner);
    const viewer = await signUp("viewer");
    await addMember(owner, projectId, viewer, "viewer");
    const editor = await signUp("editor");
    await addMember(owner, projectId, editor, "editor");
    for (const person of [viewer, editor]) {
      expect((await person.client.get("/api/v1/ops/views")).status).toBe(403);
      const res = await person.client.post("/api/v1/ops/views", jobsView);
      expect(res.status).toBe(403);
      expect(await errorCode(res)).toBe("forbidden");
    }
  });

  it("refuses a body that is not a view: 400 with the field", async () => {
    const owner = await signUp("owner");
    await projectOf(owner);
    const bad: [unknown, string][] = [
      [{ ...jobsView, name: "x".repeat(81) }, "name"],
      [{ ...jobsView, name: "   " }, "name"],
      [{ ...jobsView, kind: "frames" }, "kind"],
      [{ ...jobsView, filters: { status: "exploded" } }, "filters.status"],
      [{ ...jobsView, filters: { status: "failure", sql: "drop table" } }, "filters"],
      [{ kind: "audit", name: "Mine", filters: { action: "a".repeat(61) } }, "filters.action"],
      [{ kind: "audit", name: "Mine", filters: { since: "1" } }, "filters"],
      [{ kind: "jobs", name: "No filters" }, "filters"],
    ];
    for (const [body, field] of bad) {
      const res = await owner.client.post("/api/v1/ops/views", body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      const err = (await res.json()) as { error: { code: string; details: { path: string }[] } };
      expect(err.error.code).toBe("invalid_request");
      expect(err.error.details.map((d) => d.path)).toContain(field);
    }
    expect((await owner.client.delete("/api/v1/ops/views/not-an-id")).status).toBe(400);
    expect((await owner.client.get("/api/v1/ops/views?kind=frames")).status).toBe(400);
  });

  it("keeps each person's views to themselves: another owner's view answers 404", async () => {
    const a = await signUp("owner-a");
    await projectOf(a);
    const b = await signUp("owner-b");
    await projectOf(b);
    const { view } = (await (await a.client.post("/api/v1/ops/views", jobsView)).json()) as { view: SavedView };
    expect((await b.client.delete(`/api/v1/ops/views/${view.id}`)).status).toBe(404);
    expect(((await (await b.client.get("/api/v1/ops/views")).json()) as { views: SavedView[] }).views).toEqual([]);
    // Still there for its owner.
    expect(((await (await a.client.get("/api/v1/ops/views")).json()) as { views: SavedView[] }).views.map((v) => v.id)).toEqual([view.id]);
  });

  it("saves, lists by kind, updates by name, and deletes", async () => {
    const owner = await signUp("owner");
    const projectId = await projectOf(owner);
    const created = await owner.client.post("/api/v1/ops/views", jobsView);
    expect(created.status).toBe(201);
    const first = SavedView.parse(((await created.json()) as { view: unknown }).view);
    expect(first).toMatchObject({ kind: "jobs", name: "Failed this week", filters: { status: "failure", since: "168" } });
    const audit = await owner.client.post("/api/v1/ops/views", { kind: "audit", name: "Cancels", filters: { action: "job.cancel", project: projectId } });
    expect(audit.status).toBe(201);

    const list = async (kind?: string) =>
      ((await (await owner.client.get(`/api/v1/ops/views${kind ? `?kind=${kind}` : ""}`)).json()) as { views: SavedView[] }).views;
    expect((await list("jobs")).map((v) => v.name)).toEqual(["Failed this week"]);
    expect((await list("audit")).map((v) => v.filters)).toEqual([{ action: "job.cancel", project: projectId }]);
    expect(await list()).toHaveLength(2);

    // The same name again updates that view instead of making a second one.
    const again = await owner.client.post("/api/v1/ops/views", { ...jobsView, filters: { provider: "sketch" } });
    expect(again.status).toBe(200);
    expect(((await again.json()) as { view: SavedView }).view.id).toBe(first.id);
    expect((await list("jobs")).map((v) => v.filters)).toEqual([{ provider: "sketch" }]);

    expect((await owner.client.delete(`/api/v1/ops/views/${first.id}`)).status).toBe(204);
    expect((await owner.client.delete(`/api/v1/ops/views/${first.id}`)).status).toBe(404);
    expect(await list("jobs")).toEqual([]);
  });
});

describe("who is offered the console", () => {
  it("says on /me whether the console is open: not to a new person, yes once they own a project", async () => {
    const person = await signUp("newcomer");
    const me = async () => (await (await person.client.get("/api/v1/me")).json()) as { user: { id: string }; canOperate: boolean };
    expect(await me()).toMatchObject({ user: { id: person.user.id }, canOperate: false });
    const owner = await signUp("owner");
    const projectId = await projectOf(owner);
    await addMember(owner, projectId, person, "editor");
    expect((await me()).canOperate).toBe(false);
    await projectOf(person);
    expect((await me()).canOperate).toBe(true);
    const root = await admin();
    expect(await (await root.client.get("/api/v1/me")).json()).toMatchObject({ canOperate: true });
  });
});

describe("a person in many projects (CONTRACT 11: at most 100 bound parameters per D1 statement)", () => {
  /**
   * One person owns 120 projects and edits one more of a stranger's; the
   * stranger also has a project of their own. Each of the 122 projects has one
   * job (succeeded in 10 ms) and one audit row, seeded straight into D1; the
   * jobs are a minute apart, so their order is known.
   */
  async function crowd() {
    const owner = await signUp("many-owner");
    const stranger = await signUp("stranger");
    const tag = Date.now().toString(36).slice(-6) + Math.random().toString(36).slice(2, 6);
    const owned = Array.from({ length: 120 }, (_, i) => `prj_many${tag}${String(i).padStart(4, "0")}`);
    const edited = `prj_many${tag}edit`;
    const foreign = `prj_many${tag}frgn`;
    const action = `test.many${tag}`;
    const jobId = (i: number) => `job_many${tag}${String(i).padStart(4, "0")}`;
    const base = Date.parse("2031-01-01T00:00:00.000Z");
    const stmts = [...owned, edited, foreign].flatMap((projectId, i) => {
      const by = owned.includes(projectId) ? owner.user.id : stranger.user.id;
      const at = new Date(base + i * 60_000).toISOString();
      return [
        env.DB.prepare("INSERT INTO projects (id, name, created_by) VALUES (?, ?, ?)").bind(projectId, `Many ${i}`, by),
        env.DB.prepare("INSERT INTO members (project_id, user_id, role) VALUES (?, ?, 'owner')").bind(projectId, by),
        ...(projectId === edited
          ? [env.DB.prepare("INSERT INTO members (project_id, user_id, role) VALUES (?, ?, 'editor')").bind(projectId, owner.user.id)]
          : []),
        env.DB.prepare(
          `INSERT INTO jobs (id, project_id, episode_id, frame_id, provider, status, attempt, attempt_token, progress, input, plugin_timings, warnings, created_by, created_at, updated_at, finished_at, latency_ms)
           VALUES (?, ?, 'ep_manymanymany01', 'f1', 'sketch', 'success', 1, 't', 0, '{}', '{}', '[]', ?, ?, ?, ?, 10)`,
        ).bind(jobId(i), projectId, by, at, at, at),
        env.DB.prepare("INSERT INTO audit (actor, action, target, project_id, verdict, request_id) VALUES (?, ?, ?, ?, 'allowed', 'req')").bind(
          by,
          action,
          `project:${projectId}`,
          projectId,
        ),
      ];
    });
    await env.DB.batch(stmts);
    return { owner, owned, edited, foreign, action, jobId };
  }

  it("lists jobs, pages the audit trail, exports it and reads metrics for an owner of 120 projects", async () => {
    const { owner, owned, edited, foreign, action, jobId } = await crowd();
    boundParameters.reset();

    // Jobs: the 120 owned and the edited project's, newest first, 50 a page; not the stranger's.
    const jobs: Job[] = [];
    let cursor: string | null = "";
    while (cursor !== null) {
      const res = await owner.client.get(`/api/v1/jobs${cursor ? `?cursor=${cursor}` : ""}`);
      expect(res.status).toBe(200);
      const page = JobsPage.parse(await res.json());
      jobs.push(...page.jobs);
      cursor = page.nextCursor;
    }
    expect(jobs.map((j) => j.id)).toEqual(Array.from({ length: 121 }, (_, i) => jobId(120 - i)));
    expect(jobs.some((j) => j.projectId === foreign)).toBe(false);
    expect(jobs[0]).toMatchObject({ projectId: edited, names: { projectName: "Many 120" } });
    // `?project=` narrows to one.
    const one = JobsPage.parse(await (await owner.client.get(`/api/v1/jobs?project=${owned[7]}`)).json());
    expect(one.jobs.map((j) => j.id)).toEqual([jobId(7)]);

    // Audit: the owned projects' rows only (not the edited one's, nor the stranger's), 100 a page.
    const first = AuditPage.parse(await (await owner.client.get(`/api/v1/audit?action=${action}`)).json());
    expect(first.entries).toHaveLength(100);
    expect(first.nextCursor).not.toBeNull();
    const second = AuditPage.parse(await (await owner.client.get(`/api/v1/audit?action=${action}&cursor=${first.nextCursor}`)).json());
    expect(second.nextCursor).toBeNull();
    const targets = [...first.entries, ...second.entries].map((e) => e.target);
    expect(targets).toEqual(owned.map((p) => `project:${p}`).reverse());
    const narrowed = AuditPage.parse(await (await owner.client.get(`/api/v1/audit?action=${action}&project=${owned[3]}`)).json());
    expect(narrowed.entries.map((e) => e.target)).toEqual([`project:${owned[3]}`]);
    expect((await owner.client.get(`/api/v1/audit?project=${edited}`)).status).toBe(403);
    // Rows that belong to no project (sign-ups, sign-ins) stay the admins': the owner's own sign-up included.
    for (const noProject of ["auth.signup", "auth.login"]) {
      const rows = AuditPage.parse(await (await owner.client.get(`/api/v1/audit?action=${noProject}`)).json());
      expect(rows.entries).toEqual([]);
    }

    // Exports: every owned row, in the same order.
    const csv = await owner.client.get(`/api/v1/audit?action=${action}&format=csv`);
    expect(csv.status).toBe(200);
    const lines = (await csv.text()).trim().split("\n");
    expect(lines).toHaveLength(121);
    expect(lines.slice(1).map((l) => l.split(",")[4])).toEqual(owned.map((p) => `"project:${p}"`).reverse());
    const jsonl = await owner.client.get(`/api/v1/audit?action=${action}&format=jsonl`);
    expect((await jsonl.text()).trim().split("\n")).toHaveLength(120);

    // Metrics: the 120 owned projects' jobs, not the edited one's nor the stranger's.
    const metrics = await owner.client.get("/api/v1/metrics");
    expect(metrics.status).toBe(200);
    const m = (await metrics.json()) as { jobsByStatus: Record<string, number>; latencyMs: { mean: number | null; p95: number | null; samples: number } };
    expect(m.jobsByStatus).toMatchObject({ success: 120, failure: 0, running: 0 });
    expect(m.latencyMs).toEqual({ mean: 10, p95: 10, samples: 120 });
    const single = (await (await owner.client.get(`/api/v1/metrics?project=${owned[0]}`)).json()) as { jobsByStatus: Record<string, number> };
    expect(single.jobsByStatus.success).toBe(1);
    expect((await owner.client.get(`/api/v1/metrics?project=${edited}`)).status).toBe(403);
    const stream = await owner.client.get("/api/v1/metrics/stream");
    const reader = stream.body!.getReader();
    let text = "";
    while (!text.includes("\n\n")) text += new TextDecoder().decode((await reader.read()).value);
    await reader.cancel();
    const data = text.split("\n").find((l) => l.startsWith("data:"))!;
    expect(JSON.parse(data.slice(5)).jobsByStatus.success).toBe(120);

    expect(boundParameters.refused).toEqual([]);
    expect(boundParameters.max).toBeLessThanOrEqual(D1_MAX_BOUND_PARAMETERS);
  });
});
