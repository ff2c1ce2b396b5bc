// Providers per project (CONTRACT 14), against the fake OpenAI-compatible
// server: a project's own base URL, model and key reach the server for its
// runs and renders, another project's runs keep the deployment's; keys never
// come back from the API or land in the audit; only owners see or change it.
import { env } from "cloudflare:workers";
import { beforeEach, describe, expect, it } from "vitest";
import { boardOf, Client, errorCode, newMember, type Person, signUp, waitForJob } from "../workers/helpers";
import { ask, ownedRoom, runEnded, send } from "../workers/socket";

const DEPLOYMENT_KEY = "sk-test-PLANTED-SECRET-0123456789abcdef";
const PROJECT_KEY = "sk-project-own-key-abcdefghij4f2a";
const fake = env.FAKE_OPENAI_URL!;

interface LogEntry {
  scenario: string;
  auth: string;
  url: string;
  model?: string;
}
const log = async () => (await (await fetch(`${fake}/__log`)).json()) as LogEntry[];

const path = (projectId: string) => `/api/v1/projects/${projectId}/settings/providers`;
const put = (person: Person, projectId: string, body: unknown, opts: { origin?: string | null } = {}) =>
  person.client.request("PUT", path(projectId), { body, ...opts });
const ownAgent = { kind: "openai", baseUrl: `${fake}/own-server/v1`, model: "own-model-mini", key: PROJECT_KEY };

async function auditRows(projectId: string): Promise<string> {
  const { results } = await env.DB.prepare("SELECT action, verdict, details FROM audit WHERE project_id = ? ORDER BY id").bind(projectId).all();
  return JSON.stringify(results);
}

beforeEach(async () => {
  await fetch(`${fake}/__reset`, { method: "POST" });
});

describe("a project's own agent provider", () => {
  it("reaches the project's server with its key and model, while another project's run uses the deployment's", async () => {
    const mine = await ownedRoom("mine");
    const theirs = await ownedRoom("theirs");
    expect((await put(mine.owner, mine.projectId, { agent: ownAgent })).status).toBe(200);

    await ask(mine.sock, "scenario:ok storyboard it");
    expect((await runEnded(mine.sock)).payload.status).toBe("completed");
    expect((await boardOf(mine.owner, mine.base)).frames.map((f) => f.id)).toEqual(["fa", "fb"]);
    await ask(theirs.sock, "scenario:ok storyboard it");
    expect((await runEnded(theirs.sock)).payload.status).toBe("completed");

    const calls = await log();
    expect(calls).toHaveLength(2);
    expect(calls[0]).toMatchObject({ auth: `Bearer ${PROJECT_KEY}`, url: "/own-server/v1/chat/completions", model: "own-model-mini" });
    expect(calls[1]).toMatchObject({ auth: `Bearer ${DEPLOYMENT_KEY}`, url: "/v1/chat/completions" });
    mine.sock.close();
    theirs.sock.close();
  });

  it("applies a change to the next run, and going back to the default uses the deployment's again", async () => {
    const { owner, projectId, sock } = await ownedRoom();
    await ask(sock, "scenario:ok one");
    await runEnded(sock);
    expect((await put(owner, projectId, { agent: ownAgent })).status).toBe(200);
    await ask(sock, "scenario:ok two");
    await runEnded(sock);
    expect((await put(owner, projectId, { agent: { kind: "default" } })).status).toBe(200);
    await ask(sock, "scenario:ok three");
    await runEnded(sock);
    expect((await log()).map((e) => e.auth)).toEqual([`Bearer ${DEPLOYMENT_KEY}`, `Bearer ${PROJECT_KEY}`, `Bearer ${DEPLOYMENT_KEY}`]);
    sock.close();
  });

  it("keeps the project's key out of traces, messages and the socket when the model echoes it", async () => {
    const { owner, projectId, sock, base } = await ownedRoom();
    await put(owner, projectId, { agent: ownAgent });
    const runId = await ask(sock, "scenario:leak");
    await runEnded(sock);
    await sock.next("chat_message", (m) => m.payload.role === "assistant");
    const trace = await (await owner.client.get(`${base}/runs/${runId}/trace`)).text();
    const messages = await (await owner.client.get(`${base}/messages`)).text();
    expect(trace).toContain("own-model-mini");
    for (const [where, text] of Object.entries({ trace, messages, wire: JSON.stringify(sock.messages) })) {
      expect(text.includes(PROJECT_KEY), `${where} leaks the project's key`).toBe(false);
    }
    sock.close();
  });

  it("an offline choice answers offline, whatever the deployment uses", async () => {
    const { owner, projectId, sock, base } = await ownedRoom();
    await put(owner, projectId, { agent: { kind: "offline" } });
    const runId = await ask(sock, "storyboard a coffee shop");
    await sock.next("agent_status", (m) => m.payload.status === "streaming");
    const { trace } = (await (await owner.client.get(`${base}/runs/${runId}/trace`)).json()) as { trace: { provider: string } };
    expect(trace.provider).toBe("offline");
    await send(sock, "chat_stop", { runId });
    await runEnded(sock, runId);
    expect(await log()).toEqual([]);
    sock.close();
  });
});

describe("the settings API", () => {
  it("tells every member whether a model or the offline demo agent answers, without the settings themselves", async () => {
    const { owner, projectId } = await ownedRoom();
    const viewer = await newMember(owner, projectId, "viewer");
    const agentOf = async (who: Person) => ((await (await who.client.get(`/api/v1/projects/${projectId}`)).json()) as { agent: string }).agent;
    // This deployment's default is an OpenAI-compatible server.
    expect(await agentOf(viewer)).toBe("model");
    await put(owner, projectId, { agent: { kind: "offline" } });
    expect(await agentOf(viewer)).toBe("offline");
    await put(owner, projectId, { agent: ownAgent });
    expect(await agentOf(viewer)).toBe("model");
    expect(JSON.stringify(await (await viewer.client.get(`/api/v1/projects/${projectId}`)).json())).not.toContain("own-server");
  });

  it("never returns the key: it shows it set, with its last four characters", async () => {
    const { owner, projectId } = await ownedRoom();
    const res = await put(owner, projectId, { agent: ownAgent });
    const text = await res.text();
    expect(text).not.toContain(PROJECT_KEY);
    expect(JSON.parse(text).agent).toMatchObject({
      kind: "openai",
      baseUrl: `${fake}/own-server/v1`,
      model: "own-model-mini",
      key: { set: true, last4: "4f2a" },
    });
    const read = await (await owner.client.get(path(projectId))).text();
    expect(read).not.toContain(PROJECT_KEY);
    expect(JSON.parse(read)).toMatchObject({ agent: { key: { set: true, last4: "4f2a" } }, image: { kind: "default" }, keystore: { ready: true } });
    const stored = await env.DB.prepare("SELECT * FROM project_providers WHERE project_id = ?").bind(projectId).all();
    expect(JSON.stringify(stored.results)).not.toContain(PROJECT_KEY);
  });

  it("audits each change with the provider, host and model, never the key", async () => {
    const { owner, projectId } = await ownedRoom();
    await put(owner, projectId, { agent: ownAgent });
    await put(owner, projectId, { agent: { kind: "default" } });
    const rows = await auditRows(projectId);
    expect(rows).not.toContain(PROJECT_KEY);
    expect(rows).not.toContain("4f2a");
    const providers = JSON.parse(rows).filter((r: { action: string }) => r.action === "project.providers");
    expect(providers.map((r: { details: string }) => JSON.parse(r.details))).toEqual([
      { slot: "agent", kind: "openai", host: new URL(fake).host, model: "own-model-mini", keyChanged: true },
      { slot: "agent", kind: "default" },
    ]);
  });

  it("keeps the stored key when the same server is saved without one, and asks for it for another server", async () => {
    const { owner, projectId } = await ownedRoom();
    await put(owner, projectId, { agent: ownAgent });
    const same = await put(owner, projectId, { agent: { ...ownAgent, key: undefined, model: "own-model-large" } });
    expect(same.status).toBe(200);
    expect(((await same.json()) as { agent: unknown }).agent).toMatchObject({ model: "own-model-large", key: { set: true, last4: "4f2a" } });
    const other = await put(owner, projectId, { agent: { kind: "openai", baseUrl: "https://models.example.com/v1", model: "m" } });
    expect(other.status).toBe(400);
    expect(await other.text()).toMatch(/Enter the API key for this server/);
  });

  it.each([
    { name: "an http URL to a public host", baseUrl: "http://models.example.com/v1", error: /must start with https/ },
    { name: "a URL with credentials", baseUrl: "https://user:pw@models.example.com/v1", error: /user name and password/ },
    { name: "a scheme other than http(s)", baseUrl: "file:///etc/passwd", error: /https/ },
    { name: "not a URL", baseUrl: "models dot example", error: /not a URL/ },
  ])("refuses $name and stores nothing", async ({ baseUrl, error }) => {
    const { owner, projectId } = await ownedRoom();
    const res = await put(owner, projectId, { agent: { kind: "openai", baseUrl, model: "m", key: PROJECT_KEY } });
    expect(res.status).toBe(400);
    const text = await res.text();
    expect(text).toMatch(error);
    expect(text).not.toContain(PROJECT_KEY);
    expect((await env.DB.prepare("SELECT count(*) AS n FROM project_providers WHERE project_id = ?").bind(projectId).first())!.n).toBe(0);
  });

  it("refuses keys it does not know, and a body with neither slot", async () => {
    const { owner, projectId } = await ownedRoom();
    expect((await put(owner, projectId, { agent: { kind: "offline", key: PROJECT_KEY } })).status).toBe(400);
    expect((await put(owner, projectId, { agent: { kind: "offline" }, extra: 1 })).status).toBe(400);
    expect((await put(owner, projectId, {})).status).toBe(400);
  });

  it("answers 403 to editors and viewers, for reading, saving and testing, and audits the denial", async () => {
    const { owner, projectId } = await ownedRoom();
    await put(owner, projectId, { agent: ownAgent });
    for (const role of ["editor", "viewer"] as const) {
      const member = await newMember(owner, projectId, role);
      const read = await member.client.get(path(projectId));
      expect(read.status).toBe(403);
      expect(await read.text()).not.toContain("4f2a");
      expect((await put(member, projectId, { agent: { kind: "offline" } })).status).toBe(403);
      expect((await member.client.post(`${path(projectId)}/test`, { slot: "agent" })).status).toBe(403);
    }
    const outsider = await signUp("outsider");
    expect(await errorCode(await outsider.client.get(path(projectId)))).toBe("forbidden");
    expect(await auditRows(projectId)).not.toContain(PROJECT_KEY);
    expect((await owner.client.get(path(projectId))).status).toBe(200);
  });

  it("refuses a save from another origin", async () => {
    const { owner, projectId } = await ownedRoom();
    const res = await put(owner, projectId, { agent: { kind: "offline" } }, { origin: "https://evil.example" });
    expect(res.status).toBe(403);
  });
});

describe("Test connection", () => {
  const test = (person: Person, projectId: string, body: unknown) => person.client.post(`${path(projectId)}/test`, body);

  it("reports a working server in words, with the model and the time it took", async () => {
    const { owner, projectId } = await ownedRoom();
    const res = await test(owner, projectId, { slot: "agent", settings: ownAgent });
    const body = (await res.json()) as { ok: boolean; message: string };
    expect(body).toMatchObject({ ok: true, message: expect.stringMatching(/^Connected: own-model-mini answered in \d+\.\d s\.$/) });
    expect((await log())[0]).toMatchObject({ auth: `Bearer ${PROJECT_KEY}`, url: "/own-server/v1/chat/completions" });
  });

  it("tests the stored settings when none are sent", async () => {
    const { owner, projectId } = await ownedRoom();
    await put(owner, projectId, { agent: ownAgent });
    expect(((await (await test(owner, projectId, { slot: "agent" })).json()) as { ok: boolean }).ok).toBe(true);
    expect((await log())[0]!.auth).toBe(`Bearer ${PROJECT_KEY}`);
  });

  it("says the server refused the key, without echoing what the server said", async () => {
    const { owner, projectId } = await ownedRoom();
    // The fake answers 401 with the key quoted back, as some servers do.
    const res = await test(owner, projectId, { slot: "agent", settings: { ...ownAgent, model: "scenario:401" } });
    const text = await res.text();
    expect(JSON.parse(text)).toEqual({ ok: false, message: "The server refused the key (401)." });
    expect(text).not.toContain(PROJECT_KEY);
  });

  it("says it couldn't reach a server that does not answer", async () => {
    const { owner, projectId } = await ownedRoom();
    const res = await test(owner, projectId, { slot: "agent", settings: { ...ownAgent, baseUrl: "http://127.0.0.1:9/v1" } });
    expect(await res.json()).toEqual({ ok: false, message: "Couldn't reach http://127.0.0.1:9." });
  });
});

describe("a server with no key store", () => {
  // Not a loopback address: the public local default is not allowed, and KEYSTORE_KEY is unset in this project.
  const remote = async () => {
    const person: Person = { client: new Client("https://studio.example"), user: { id: "", email: "", name: "", isAdmin: false }, password: "" };
    const res = await person.client.post("/api/v1/auth/signup", {
      email: `remote-${Date.now()}-${Math.random().toString(36).slice(2, 6)}@reelroom.test`,
      password: "correct horse battery",
      name: "Remote",
    });
    expect(res.status).toBe(201);
    const projectId = ((await (await person.client.post("/api/v1/projects", { name: "Remote" })).json()) as { project: { id: string } }).project.id;
    return { person, projectId };
  };

  it("refuses to save a key, says why in words, and stores nothing", async () => {
    const { person, projectId } = await remote();
    const res = await put(person, projectId, { agent: { kind: "openai", baseUrl: "https://models.example.com/v1", model: "m", key: PROJECT_KEY } });
    expect(res.status).toBe(503);
    const text = await res.text();
    expect(text).toMatch(/no key store set up/);
    expect(text).not.toMatch(/KEYSTORE_KEY/);
    expect(text).not.toContain(PROJECT_KEY);
    expect((await env.DB.prepare("SELECT count(*) AS n FROM project_providers WHERE project_id = ?").bind(projectId).first())!.n).toBe(0);
    const view = (await (await person.client.get(path(projectId))).json()) as { keystore: { ready: boolean; message: string } };
    expect(view.keystore).toMatchObject({ ready: false, message: expect.stringMatching(/default providers answer instead/) });
  });

  it("refuses http to loopback and private addresses", async () => {
    const { person, projectId } = await remote();
    for (const baseUrl of [
      "http://127.0.0.1:8080/v1",
      "https://127.0.0.1/v1",
      "https://10.0.0.5/v1",
      "https://[::1]/v1",
      "https://169.254.169.254/v1",
      "https://intranet/v1",
    ]) {
      const res = await put(person, projectId, { agent: { kind: "openai", baseUrl, model: "m", key: PROJECT_KEY } });
      expect(res.status, baseUrl).toBe(400);
    }
  });

  it("still saves choices that need no key", async () => {
    const { person, projectId } = await remote();
    expect((await put(person, projectId, { agent: { kind: "offline" } })).status).toBe(200);
  });
});

describe("a project's key this server cannot open", () => {
  it("runs on the deployment's agent and says why in the answer, naming no setting", async () => {
    const { owner, projectId, sock } = await ownedRoom();
    // Sealed with a KEYSTORE_KEY this server does not have (it has none).
    await env.DB.prepare(
      "INSERT INTO project_providers (project_id, slot, kind, base_url, model, key_sealed, key_last4, key_source, updated_by, updated_at) VALUES (?, 'agent', 'openai', ?, 'own-model-mini', 'v1.AAAAAAAAAAAAAAAA.AAAAAAAAAAAAAAAAAAAAAAAA', '4f2a', 'secret', ?, '2026-01-01T00:00:00.000Z')",
    )
      .bind(projectId, `${fake}/own-server/v1`, owner.user.id)
      .run();
    await ask(sock, "scenario:ok storyboard it");
    expect((await runEnded(sock)).payload.status).toBe("completed");
    const answer = await sock.next("chat_message", (m) => m.payload.role === "assistant");
    expect(answer.payload.text).toMatch(/^This server has no key store set up, .* the server's default providers answer instead/);
    expect(answer.payload.text).not.toMatch(/KEYSTORE_KEY/);
    expect((await log()).map((e) => e.auth)).toEqual([`Bearer ${DEPLOYMENT_KEY}`]);
    sock.close();
  });
});

describe("a project's own image provider", () => {
  it("renders through the project's server with its key and model", async () => {
    const { owner, projectId, base, sock } = await ownedRoom();
    await put(owner, projectId, { image: { kind: "openai", baseUrl: `${fake}/own-images/v1`, model: "own-image-model", key: PROJECT_KEY } });
    expect((await owner.client.post(`/api/v1/projects/${projectId}/consent`, { paidMedia: true })).status).toBe(200);
    await ask(sock, "scenario:ok storyboard it");
    await runEnded(sock);
    await fetch(`${fake}/__reset`, { method: "POST" });
    const gen = await owner.client.post(`${base}/frames/fa/generate`, {});
    expect(gen.status).toBe(202);
    const { job } = (await gen.json()) as { job: { id: string; provider: string } };
    expect(job.provider).toBe("openai");
    expect((await waitForJob(owner, job.id, (j) => j.status !== "pending" && j.status !== "running")).status).toBe("success");
    expect((await log()).find((e) => e.scenario === "images")).toMatchObject({
      auth: `Bearer ${PROJECT_KEY}`,
      url: "/own-images/v1/images/generations",
      model: "own-image-model",
    });
    sock.close();
  });
});
