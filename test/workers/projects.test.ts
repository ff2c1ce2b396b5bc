// Projects, members and episodes (CONTRACT 2): who may see and change what.
import { describe, expect, it } from "vitest";
import { addMember, Client, episodeOf, errorCode, newMember, ownedEpisode, projectOf, signUp } from "./helpers";

describe("without a session", () => {
  it("refuses every project route with 401", async () => {
    const anon = new Client();
    const { owner, projectId, episodeId } = await ownedEpisode();
    const attempts = [
      anon.get("/api/v1/projects"),
      anon.post("/api/v1/projects", { name: "x" }),
      anon.get(`/api/v1/projects/${projectId}`),
      anon.post(`/api/v1/projects/${projectId}/members`, { email: owner.user.email, role: "viewer" }),
      anon.get(`/api/v1/projects/${projectId}/episodes`),
      anon.post(`/api/v1/projects/${projectId}/episodes`, { title: "x" }),
      anon.get(`/api/v1/projects/${projectId}/episodes/${episodeId}/board`),
    ];
    for (const res of await Promise.all(attempts)) {
      expect(res.status).toBe(401);
      expect(await errorCode(res)).toBe("unauthenticated");
    }
  });

  it("refuses a revoked session", async () => {
    const owner = await signUp("revoked");
    const projectId = await projectOf(owner);
    const old = owner.client.cookie;
    await owner.client.post("/api/v1/auth/logout");
    const replay = new Client();
    replay.cookie = old;
    expect((await replay.get(`/api/v1/projects/${projectId}`)).status).toBe(401);
  });
});

describe("another project's ids", () => {
  it("answers 403 to a non-member for the project, its episodes and its board", async () => {
    const { projectId, episodeId } = await ownedEpisode();
    const stranger = await signUp("stranger");
    for (const res of [
      await stranger.client.get(`/api/v1/projects/${projectId}`),
      await stranger.client.get(`/api/v1/projects/${projectId}/episodes`),
      await stranger.client.post(`/api/v1/projects/${projectId}/episodes`, { title: "Sneaky" }),
      await stranger.client.get(`/api/v1/projects/${projectId}/episodes/${episodeId}/board`),
      await stranger.client.post(`/api/v1/projects/${projectId}/members`, { email: stranger.user.email, role: "owner" }),
    ]) {
      expect(res.status).toBe(403);
    }
  });

  it("answers 404 for an episode of another project reached through my own project", async () => {
    const me = await signUp("me");
    const other = await signUp("other");
    const mine = await projectOf(me);
    const theirs = await projectOf(other);
    const theirEpisode = await episodeOf(other, theirs);
    const res = await me.client.get(`/api/v1/projects/${mine}/episodes/${theirEpisode}/board`);
    expect(res.status).toBe(404);
    expect(await errorCode(res)).toBe("not_found");
  });

  it("does not list other people's projects", async () => {
    const a = await signUp("a");
    const b = await signUp("b");
    await projectOf(a, "A's project");
    const res = await b.client.get("/api/v1/projects");
    expect(((await res.json()) as { projects: unknown[] }).projects).toEqual([]);
  });
});

describe("roles", () => {
  it("lets a viewer read but not create episodes or manage members", async () => {
    const { owner, projectId, episodeId } = await ownedEpisode();
    const viewer = await newMember(owner, projectId, "viewer");
    expect((await viewer.client.get(`/api/v1/projects/${projectId}/episodes`)).status).toBe(200);
    expect((await viewer.client.get(`/api/v1/projects/${projectId}/episodes/${episodeId}/board`)).status).toBe(200);
    const create = await viewer.client.post(`/api/v1/projects/${projectId}/episodes`, { title: "Nope" });
    expect(create.status).toBe(403);
    expect(await errorCode(create)).toBe("forbidden");
    const invite = await viewer.client.post(`/api/v1/projects/${projectId}/members`, { email: viewer.user.email, role: "owner" });
    expect(invite.status).toBe(403);
  });

  it("lets an editor create episodes but not manage members", async () => {
    const owner = await signUp("owner");
    const editor = await signUp("editor");
    const projectId = await projectOf(owner);
    await addMember(owner, projectId, editor, "editor");
    expect((await editor.client.post(`/api/v1/projects/${projectId}/episodes`, { title: "Ep 2" })).status).toBe(201);
    expect((await editor.client.post(`/api/v1/projects/${projectId}/members`, { email: editor.user.email, role: "owner" })).status).toBe(403);
    expect((await editor.client.delete(`/api/v1/projects/${projectId}/members/${owner.user.id}`)).status).toBe(403);
  });
});

describe("members", () => {
  it("adds an existing account, changes its role, and removes it", async () => {
    const owner = await signUp("owner");
    const mate = await signUp("mate");
    const projectId = await projectOf(owner);
    const add = await owner.client.post(`/api/v1/projects/${projectId}/members`, { email: mate.user.email, role: "viewer" });
    expect(add.status).toBe(201);
    expect(((await add.json()) as { member: { role: string } }).member.role).toBe("viewer");
    const change = await owner.client.post(`/api/v1/projects/${projectId}/members`, { email: mate.user.email, role: "editor" });
    expect(change.status).toBe(200);
    const detail = (await (await owner.client.get(`/api/v1/projects/${projectId}`)).json()) as {
      role: string;
      members: { userId: string; role: string }[];
    };
    expect(detail.role).toBe("owner");
    expect(detail.members.find((m) => m.userId === mate.user.id)?.role).toBe("editor");
    expect((await owner.client.delete(`/api/v1/projects/${projectId}/members/${mate.user.id}`)).status).toBe(204);
    expect((await mate.client.get(`/api/v1/projects/${projectId}`)).status).toBe(403);
  });

  it("answers 404 for an email with no account", async () => {
    const owner = await signUp("owner");
    const projectId = await projectOf(owner);
    const res = await owner.client.post(`/api/v1/projects/${projectId}/members`, { email: "nobody@reelroom.test", role: "editor" });
    expect(res.status).toBe(404);
  });

  it("rejects an unknown role with 400", async () => {
    const owner = await signUp("owner");
    const projectId = await projectOf(owner);
    const res = await owner.client.post(`/api/v1/projects/${projectId}/members`, { email: owner.user.email, role: "admin" });
    expect(res.status).toBe(400);
  });

  it("never leaves a project without an owner", async () => {
    const owner = await signUp("owner");
    const projectId = await projectOf(owner);
    const demote = await owner.client.post(`/api/v1/projects/${projectId}/members`, { email: owner.user.email, role: "viewer" });
    expect(demote.status).toBe(409);
    const remove = await owner.client.delete(`/api/v1/projects/${projectId}/members/${owner.user.id}`);
    expect(remove.status).toBe(409);
  });
});

describe("projects and episodes", () => {
  it("makes the creator the project's owner and lists it", async () => {
    const owner = await signUp("owner");
    const res = await owner.client.post("/api/v1/projects", { name: "  Night Owl Coffee  " });
    expect(res.status).toBe(201);
    const body = (await res.json()) as { project: { id: string; name: string }; role: string };
    expect(body.project.name).toBe("Night Owl Coffee");
    expect(body.role).toBe("owner");
    const list = (await (await owner.client.get("/api/v1/projects")).json()) as { projects: { id: string; role: string }[] };
    expect(list.projects).toEqual([expect.objectContaining({ id: body.project.id, role: "owner" })]);
  });

  it("rejects an empty project name and an over-long episode title", async () => {
    const owner = await signUp("owner");
    expect((await owner.client.post("/api/v1/projects", { name: "   " })).status).toBe(400);
    const projectId = await projectOf(owner);
    expect((await owner.client.post(`/api/v1/projects/${projectId}/episodes`, { title: "x".repeat(201) })).status).toBe(400);
  });

  it("rejects malformed ids in the path with 400", async () => {
    const owner = await signUp("owner");
    const res = await owner.client.get("/api/v1/projects/not%20an%20id/episodes");
    expect(res.status).toBe(400);
    expect(await errorCode(res)).toBe("invalid_request");
  });

  it("creates an episode whose room answers an empty board at seq 0", async () => {
    const owner = await signUp("owner");
    const projectId = await projectOf(owner);
    const episodeId = await episodeOf(owner, projectId, "Pilot");
    const list = (await (await owner.client.get(`/api/v1/projects/${projectId}/episodes`)).json()) as { episodes: { id: string; title: string }[] };
    expect(list.episodes).toEqual([expect.objectContaining({ id: episodeId, title: "Pilot" })]);
    const res = await owner.client.get(`/api/v1/projects/${projectId}/episodes/${episodeId}/board`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      seq: 0,
      board: { episodeId, format: { aspect: "16:9", fps: 24 }, script: { text: "", version: 0 }, plan: { beats: [] }, assets: [], frames: [] },
    });
  });

  it("answers an episode's details with the caller's role", async () => {
    const owner = await signUp("owner");
    const projectId = await projectOf(owner);
    const episodeId = await episodeOf(owner, projectId, "Pilot");
    const res = await owner.client.get(`/api/v1/projects/${projectId}/episodes/${episodeId}`);
    expect(await res.json()).toMatchObject({ episode: { id: episodeId, projectId, title: "Pilot" }, role: "owner" });
  });
});
