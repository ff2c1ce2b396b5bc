// References for consistency (CONTRACT 12): an asset's reference picture,
// an upload, goes with every render of a frame that uses the asset to a
// provider that takes reference images (OpenAI's images edits, against the
// fake server), and the job's provider record names what was sent, never
// its bytes. The sketch ignores references.
import { env, exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import type { Revision } from "../../worker/domain/board";
import type { ExtendedJob, Job } from "../../worker/domain/jobs";
import { jpeg, padTo, png, sha256Hex } from "../support/images";
import { episodeOf, isTerminal, ORIGIN, type Person, projectOf, signUp, waitForJob } from "../workers/helpers";
import { command, connect } from "../workers/socket";

interface ImagesLog {
  scenario: string;
  prompt?: string;
  images?: { filename: string; type: string; size: number; sha256: string }[];
}

const log = async () => (await (await fetch(`${env.FAKE_OPENAI_URL!}/__log`)).json()) as ImagesLog[];

async function upload(person: Person, path: string, bytes: Uint8Array, type: string): Promise<Revision> {
  const res = await exports.default.fetch(
    new Request(`${ORIGIN}${path}`, {
      method: "POST",
      headers: { origin: ORIGIN, cookie: person.client.cookie!, "content-type": type },
      body: bytes as BodyInit,
    }),
  );
  if (res.status !== 201) throw new Error(`upload failed: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { revision: Revision }).revision;
}

describe("reference pictures", () => {
  it("go to OpenAI's images edits as image[] parts, and the provider record names them without their bytes", async () => {
    const owner = await signUp("owner");
    const projectId = await projectOf(owner);
    const episodeId = await episodeOf(owner, projectId);
    const sock = await connect(owner, projectId, episodeId);
    const base = `/api/v1/projects/${projectId}/episodes/${episodeId}`;
    await command(sock, { type: "add_frame", frame: { id: "ref", title: "Mia, as she looks" } });
    await command(sock, { type: "add_frame", frame: { id: "ref2", title: "The stall" } });
    // Pictures people uploaded become the assets' references.
    const miaBytes = padTo(png(768, 1024), 40_000);
    const stallBytes = padTo(jpeg(1600, 900), 60_000);
    const mia = await upload(owner, `${base}/frames/ref/uploads`, miaBytes, "image/png");
    const stall = await upload(owner, `${base}/frames/ref2/uploads`, stallBytes, "image/jpeg");
    for (const [id, kind, name, frameId, revisionId] of [
      ["mia", "character", "Mia", "ref", mia.id],
      ["stall", "location", "The noodle stall", "ref2", stall.id],
    ] as const) {
      const ack = await command(sock, { type: "upsert_asset", asset: { id, kind, name, description: "", prompt: "", reference: { frameId, revisionId } } });
      expect(ack.payload.ok).toBe(true);
    }
    await command(sock, {
      type: "add_frame",
      frame: { id: "f1", title: "Mia serves", prompt: "Mia hands over a bowl", continuity: { assetIds: ["mia", "stall"] } },
    });
    expect((await owner.client.post(`/api/v1/projects/${projectId}/consent`, { paidMedia: true })).status).toBe(200);

    const { job } = (await (await owner.client.post(`${base}/frames/f1/generate`, { provider: "openai" })).json()) as { job: Job };
    const done = await waitForJob(owner, job.id, isTerminal);
    expect(done.status).toBe("success");

    // The fake server got both pictures' very bytes, in the assets' order, as image[] parts.
    const [miaSha, stallSha] = [await sha256Hex(miaBytes), await sha256Hex(stallBytes)];
    const edit = (await log()).find((e) => e.scenario === "images-edits" && e.images?.some((i) => i.sha256 === miaSha));
    expect(edit).toBeDefined();
    expect(edit!.images).toEqual([
      { filename: "mia.png", type: "image/png", size: miaBytes.byteLength, sha256: miaSha },
      { filename: "stall.jpg", type: "image/jpeg", size: stallBytes.byteLength, sha256: stallSha },
    ]);
    expect(edit!.prompt).toContain("image 1 is Mia; image 2 is The noodle stall");

    // The job's provider record says which were sent, and holds none of their bytes.
    const ext = (await (await owner.client.get(`/api/v1/jobs/${job.id}/extended`)).json()) as ExtendedJob;
    expect(ext.provider_requests).toHaveLength(1);
    const request = ext.provider_requests[0]!.request;
    expect(request).toMatchObject({
      endpoint: "/images/edits",
      references: [
        { assetId: "mia", name: "Mia", mime: "image/png", size: miaBytes.byteLength },
        { assetId: "stall", name: "The noodle stall", mime: "image/jpeg", size: stallBytes.byteLength },
      ],
    });
    expect(JSON.stringify(ext).length).toBeLessThan(20_000);

    // A frame whose assets have no reference renders through the usual generations call.
    await command(sock, { type: "add_frame", frame: { id: "f2", title: "Rain", prompt: "rain on the awning" } });
    const plain = (await (await owner.client.post(`${base}/frames/f2/generate`, { provider: "openai" })).json()) as { job: Job };
    expect((await waitForJob(owner, plain.job.id, isTerminal)).status).toBe("success");
    const plainExt = (await (await owner.client.get(`/api/v1/jobs/${plain.job.id}/extended`)).json()) as ExtendedJob;
    expect(plainExt.provider_requests[0]!.request).toMatchObject({ endpoint: "/images/generations" });
    expect(plainExt.provider_requests[0]!.request).not.toHaveProperty("references");

    // The sketch renders the referenced frame without reading any reference.
    const sketch = (await (await owner.client.post(`${base}/frames/f1/generate`, { provider: "sketch" })).json()) as { job: Job };
    expect((await waitForJob(owner, sketch.job.id, isTerminal)).status).toBe("success");
    const sketchExt = (await (await owner.client.get(`/api/v1/jobs/${sketch.job.id}/extended`)).json()) as ExtendedJob;
    expect(sketchExt.provider_requests[0]!.request).not.toHaveProperty("references");
    expect(sketchExt.warnings).toEqual([]);
    sock.close();
  });
});
