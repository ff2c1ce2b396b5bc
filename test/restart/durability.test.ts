// Durability: a job's state, logs, artifact and manifest, and the board and
// chat, read back after the local runtime (wrangler dev) restarts on the
// same state. Runs the real server twice, so it lives apart from the
// in-process Workers tests.
import { describe, expect, it } from "vitest";
// @ts-expect-error: a plain .mjs script without types
import { startLocalServer } from "../../scripts/local-server.mjs";
// @ts-expect-error: a plain .mjs script without types
import { writeBenchConfig } from "../../bench/bench-config.mjs";

type Server = { url: string; stopped: () => Promise<void> };
const STATE = ".wrangler/restart-test";
const PORT = 8794;

describe("after the local runtime restarts", () => {
  it("job state, logs, artifact, manifest, board and chat read back unchanged", async () => {
    const config = writeBenchConfig();
    let server = (await startLocalServer({ port: PORT, state: STATE, build: false, config, vars: { OFFLINE_AGENT_PACE_MS: "1" } })) as Server;
    const http = server.url;
    const headers = { "content-type": "application/json", origin: http };
    let cookie = "";
    let projectId = "";
    let episodeId = "";
    let jobId = "";
    let before: { job: unknown; logs: unknown; manifest: unknown; board: unknown; messages: unknown; artifact: string };
    try {
      const signup = await fetch(`${http}/api/v1/auth/signup`, {
        method: "POST",
        headers,
        body: JSON.stringify({ email: `restart-${Date.now()}@reelroom.test`, password: "restart password", name: "R" }),
      });
      cookie = signup.headers.get("set-cookie")!.split(";")[0]!;
      const auth = { ...headers, cookie };
      projectId = (
        (await (await fetch(`${http}/api/v1/projects`, { method: "POST", headers: auth, body: JSON.stringify({ name: "Durable" }) })).json()) as {
          project: { id: string };
        }
      ).project.id;
      episodeId = (
        (await (
          await fetch(`${http}/api/v1/projects/${projectId}/episodes`, { method: "POST", headers: auth, body: JSON.stringify({ title: "Durable" }) })
        ).json()) as { episode: { id: string } }
      ).episode.id;
      // The agent fills the board and the chat, then one frame is rendered.
      const ws = new WebSocket(`${http.replace("http", "ws")}/api/v1/realtime?project=${projectId}&episode=${episodeId}`, {
        headers: { cookie, origin: http },
      } as never);
      await new Promise<void>((resolve) => {
        ws.onmessage = (e) => {
          const msg = JSON.parse(String(e.data));
          if (msg.type === "metadata")
            ws.send(
              JSON.stringify({
                type: "chat_send",
                id: "go",
                payload: { text: "a 20 second promo for a bike shop, 4 shots" },
                timestamp: new Date().toISOString(),
              }),
            );
          if (msg.type === "agent_status" && msg.payload.status === "completed") resolve();
        };
      });
      ws.close();
      const base = `${http}/api/v1/projects/${projectId}/episodes/${episodeId}`;
      const board = (await (await fetch(`${base}/board`, { headers: { cookie } })).json()) as { board: { frames: { id: string }[] } };
      jobId = (
        (await (await fetch(`${base}/frames/${board.board.frames[0]!.id}/generate`, { method: "POST", headers: auth, body: "{}" })).json()) as {
          job: { id: string };
        }
      ).job.id;
      for (let i = 0; ; i++) {
        const { job } = (await (await fetch(`${http}/api/v1/jobs/${jobId}`, { headers: { cookie } })).json()) as { job: { status: string } };
        if (job.status === "success") break;
        if (i > 200) throw new Error(`job stuck in ${job.status}`);
        await new Promise((r) => setTimeout(r, 100));
      }
      before = await snapshot(http, cookie, projectId, episodeId, jobId);
    } finally {
      await server.stopped();
    }

    server = (await startLocalServer({ port: PORT, state: STATE, build: false, config, fresh: false })) as Server;
    try {
      const after = await snapshot(server.url, cookie, projectId, episodeId, jobId);
      expect(after).toEqual(before);
      expect((before.job as { status: string }).status).toBe("success");
      expect((before.logs as unknown[]).length).toBeGreaterThan(5);
      expect(before.manifest).toMatchObject({ job: jobId });
      expect(before.artifact).toContain("<svg");
    } finally {
      await server.stopped();
    }
  }, 240_000);
});

async function snapshot(http: string, cookie: string, projectId: string, episodeId: string, jobId: string) {
  const get = async (path: string) => {
    const res = await fetch(`${http}${path}`, { headers: { cookie } });
    if (!res.ok) throw new Error(`${path}: ${res.status}`);
    return res;
  };
  const ext = (await (await get(`/api/v1/jobs/${jobId}/extended`)).json()) as { job: { artifactUrl: string }; logs: unknown; manifest: unknown };
  const base = `/api/v1/projects/${projectId}/episodes/${episodeId}`;
  return {
    job: ext.job,
    logs: ext.logs,
    manifest: ext.manifest,
    board: await (await get(`${base}/board`)).json(),
    messages: await (await get(`${base}/messages`)).json(),
    artifact: await (await get(ext.job.artifactUrl)).text(),
  };
}
