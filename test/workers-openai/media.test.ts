// A paid media provider (openai images, against the fake server): blocked
// until the project owner consents, then retried to success, with a
// redacted provider record.
import { describe, expect, it } from "vitest";
import type { ExtendedJob, Job } from "../../worker/domain/jobs";
import { addMember, episodeOf, isTerminal, projectOf, signUp, waitForJob } from "../workers/helpers";
import { command, connect } from "../workers/socket";

const SECRET = "sk-test-PLANTED-SECRET-0123456789abcdef";

describe("paid media providers", () => {
  it("block until the owner consents; after consent a retry renders a real image", async () => {
    const owner = await signUp("owner");
    const projectId = await projectOf(owner);
    const episodeId = await episodeOf(owner, projectId);
    const sock = await connect(owner, projectId, episodeId);
    await command(sock, { type: "add_frame", frame: { id: "f1", title: "Sign", prompt: "neon sign" } });
    const base = `/api/v1/projects/${projectId}/episodes/${episodeId}`;

    const { job } = (await (await owner.client.post(`${base}/frames/f1/generate`, { provider: "openai" })).json()) as { job: Job };
    const blocked = await waitForJob(owner, job.id, isTerminal);
    expect(blocked.status).toBe("blocked");
    expect(blocked.blockedReason).toMatch(/owner has not allowed paid image generation with openai/);

    const editor = await signUp("editor");
    await addMember(owner, projectId, editor, "editor");
    expect((await editor.client.post(`/api/v1/projects/${projectId}/consent`, { paidMedia: true })).status).toBe(403);
    expect((await owner.client.post(`/api/v1/projects/${projectId}/consent`, { paidMedia: true })).status).toBe(200);

    expect((await owner.client.post(`/api/v1/jobs/${job.id}/retry`)).status).toBe(200);
    const done = await waitForJob(owner, job.id, (j) => j.attempt === 2 && isTerminal(j));
    expect(done.status).toBe("success");
    const img = await owner.client.get(done.artifactUrl!);
    expect(img.headers.get("content-type")).toBe("image/png");
    const bytes = new Uint8Array(await img.arrayBuffer());
    expect([...bytes.slice(0, 4)]).toEqual([0x89, 0x50, 0x4e, 0x47]);

    const ext = (await (await owner.client.get(`/api/v1/jobs/${job.id}/extended`)).json()) as ExtendedJob;
    expect(ext.provider_requests).toEqual([expect.objectContaining({ provider: "openai", outcome: "ok", attempt: 2 })]);
    expect(JSON.stringify(ext)).not.toContain(SECRET);
    expect(ext.attempts.map((a) => a.status)).toEqual(["blocked", "success"]);
    sock.close();
  });
});
