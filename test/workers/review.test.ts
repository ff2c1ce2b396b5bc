// Review links (CONTRACT 2, 3 and 9) through the worker: the routes, the
// public review page, review sockets and the comments and reviews they
// carry, each refusal first.
import { env } from "cloudflare:workers";
import { describe, expect, it, vi } from "vitest";
import { addMember, Client, episodeOf, errorCode, ORIGIN, type Person, projectOf, signUp } from "./helpers";
import { command, connect, connectReview, joinReview, msgId, type ReviewBrowser, type ReviewSocket, type TestSocket, tradeToken, uniqueIp } from "./socket";

async function episode(label = "owner") {
  const owner = await signUp(label);
  const projectId = await projectOf(owner, "Coffee ad");
  const episodeId = await episodeOf(owner, projectId, "Pilot");
  const base = `/api/v1/projects/${projectId}/episodes/${episodeId}/review-links`;
  return { owner, projectId, episodeId, base };
}

async function createLink(person: Person, base: string, body: unknown = {}) {
  const res = await person.client.post(base, body);
  expect(res.status).toBe(201);
  const { link } = (await res.json()) as { link: { id: string; url: string; expiresAt: string; canComment: boolean } };
  return { ...link, token: link.url.split("/review/")[1]! };
}

/** The review page as a browser opens it: the token traded for a cookie, then the page under the link's id. */
async function reviewPage(token: string, ip = uniqueIp()): Promise<Response> {
  const traded = await tradeToken(token, { ip });
  if (traded.status !== 200) return traded;
  const { linkId } = (await traded.json()) as { linkId: string };
  const cookie = (traded.headers.get("set-cookie") ?? "").split(";")[0]!;
  return pageOf({ linkId, cookie }, ip);
}

const pageOf = (browser: ReviewBrowser, ip = uniqueIp()) =>
  new Client().get(`/api/v1/review/l/${browser.linkId}`, { headers: { "cf-connecting-ip": ip, cookie: browser.cookie } });

async function ack(sock: TestSocket | ReviewSocket, type: string, payload: unknown) {
  const id = msgId();
  sock.send({ type, id, payload });
  return (await (sock as TestSocket).next("ack", (m) => m.payload.id === id)).payload;
}

/** Audit rows are written after the reply goes out: wait for them. */
async function waitForAudit(actions: string[]): Promise<{ actor: string; action: string; details: string }[]> {
  for (let i = 0; i < 50; i++) {
    const rows = await env.DB.prepare(
      `SELECT actor, action, details FROM audit WHERE action IN (${actions.map(() => "?").join(",")}) ORDER BY id DESC LIMIT ${actions.length}`,
    )
      .bind(...actions)
      .all<{ actor: string; action: string; details: string }>();
    if (rows.results.length === actions.length) return rows.results.reverse();
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`no audit rows for ${actions.join(", ")}`);
}

describe("review-link routes", () => {
  it("refuses viewers, outsiders and bad bounds", async () => {
    const { owner, projectId, base } = await episode();
    const viewer = await signUp("viewer");
    await addMember(owner, projectId, viewer, "viewer");
    const outsider = await signUp("outsider");
    expect((await viewer.client.post(base, {})).status).toBe(403);
    expect((await viewer.client.get(base)).status).toBe(403);
    expect((await outsider.client.get(base)).status).toBe(403);
    expect((await new Client().get(base)).status).toBe(401);
    for (const expiresInDays of [0, 91, 1.5, "7"]) expect((await owner.client.post(base, { expiresInDays })).status, String(expiresInDays)).toBe(400);
    expect((await owner.client.post(base, {}, { origin: "https://evil.example" })).status).toBe(403);
  });

  it("creates a link shown once with a 256-bit token, lists it without the token, and audits both ends", async () => {
    const { owner, projectId, base } = await episode();
    const before = Date.now();
    const link = await createLink(owner, base);
    expect(link.url).toBe(`${ORIGIN}/review/${link.token}`);
    expect(link.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(link.canComment).toBe(true);
    const days = (Date.parse(link.expiresAt) - before) / 86_400_000;
    expect(days).toBeGreaterThan(13.99);
    expect(days).toBeLessThan(14.01);
    const listRes = await owner.client.get(base);
    const text = await listRes.text();
    expect(text).not.toContain(link.token);
    const { links } = JSON.parse(text) as { links: { id: string; status: string; canComment: boolean }[] };
    expect(links).toEqual([expect.objectContaining({ id: link.id, status: "live", canComment: true })]);
    // Only the hash is stored.
    const row = await env.DB.prepare("SELECT * FROM review_links WHERE id = ?").bind(link.id).first<Record<string, unknown>>();
    expect(JSON.stringify(row)).not.toContain(link.token);
    expect((await owner.client.delete(`${base}/${link.id}`)).status).toBe(204);
    expect(((await (await owner.client.get(base)).json()) as { links: { status: string }[] }).links[0]!.status).toBe("revoked");
    const audit = await env.DB.prepare("SELECT action, details FROM audit WHERE project_id = ? AND action LIKE 'review_link.%' ORDER BY id")
      .bind(projectId)
      .all<{ action: string; details: string }>();
    expect(audit.results.map((r) => r.action)).toEqual(["review_link.create", "review_link.revoke"]);
    expect(JSON.stringify(audit.results)).not.toContain(link.token);
  });

  it("answers 404 when revoking a link of another episode", async () => {
    const a = await episode();
    const link = await createLink(a.owner, a.base);
    const otherEpisode = await episodeOf(a.owner, a.projectId, "Other");
    const res = await a.owner.client.delete(`/api/v1/projects/${a.projectId}/episodes/${otherEpisode}/review-links/${link.id}`);
    expect(res.status).toBe(404);
  });
});

describe("the review page", () => {
  it("answers unknown, malformed, expired and revoked tokens with the very same 404", async () => {
    const { owner, base } = await episode();
    const expired = await createLink(owner, base);
    await env.DB.prepare("UPDATE review_links SET expires_at = ? WHERE id = ?")
      .bind(new Date(Date.now() - 1000).toISOString(), expired.id)
      .run();
    const revoked = await createLink(owner, base);
    expect((await owner.client.delete(`${base}/${revoked.id}`)).status).toBe(204);
    const unknown = "A".repeat(43);
    const bodies = new Set<string>();
    for (const token of [unknown, "short", expired.token, revoked.token]) {
      const res = await reviewPage(token);
      expect(res.status, token).toBe(404);
      bodies.add(await res.text());
    }
    expect(bodies.size).toBe(1);
    // A cookie issued while the link was live opens nothing once it is revoked or expired, page or socket.
    const live = await createLink(owner, base);
    const browser = await joinReview(live.token);
    expect((await pageOf(browser)).status).toBe(200);
    expect((await owner.client.delete(`${base}/${live.id}`)).status).toBe(204);
    expect((await pageOf(browser)).status).toBe(404);
    await expect(connectReview(browser, "Rey")).rejects.toThrow(/upgrade failed: 404/);
  });

  it("shows a live link's project, episode and board, without a session", async () => {
    const { owner, projectId, episodeId, base } = await episode();
    const member = await connect(owner, projectId, episodeId);
    await member.next("metadata");
    await command(member, { type: "add_frame", frame: { id: "f1", title: "Open" } });
    const link = await createLink(owner, base, { canComment: false, expiresInDays: 3 });
    const res = await reviewPage(link.token);
    expect(res.status).toBe(200);
    const body = (await res.json()) as Record<string, unknown>;
    expect(body).toMatchObject({ project: { name: "Coffee ad" }, episode: { title: "Pilot" }, canComment: false, seq: 1 });
    expect((body.board as { frames: { id: string }[] }).frames.map((f) => f.id)).toEqual(["f1"]);
    expect(JSON.stringify(body)).not.toContain(owner.user.email);
    member.close();
  });

  it("serves only this episode's renders to a link's holder, never a manifest or another episode's", async () => {
    const { owner, projectId, episodeId, base } = await episode();
    const link = await createLink(owner, base);
    const other = await episodeOf(owner, projectId, "Other");
    const mine = `${projectId}/${episodeId}/job_aaaaaaaaaaaaaaaaaaaa/attempt-1.svg`;
    await env.ARTIFACTS.put(mine, "<svg/>", { httpMetadata: { contentType: "image/svg+xml" } });
    await env.ARTIFACTS.put(`${projectId}/${other}/job_aaaaaaaaaaaaaaaaaaaa/attempt-1.svg`, "<svg/>");
    await env.ARTIFACTS.put(`${projectId}/${episodeId}/job_aaaaaaaaaaaaaaaaaaaa/attempt-1.manifest.json`, "{}");
    const browser = await joinReview(link.token);
    const get = (b: ReviewBrowser, key: string) =>
      new Client().get(`/api/v1/review/l/${b.linkId}/artifacts/${key}`, { headers: { "cf-connecting-ip": uniqueIp(), cookie: b.cookie } });
    expect((await get(browser, `${projectId}/${other}/job_aaaaaaaaaaaaaaaaaaaa/attempt-1.svg`)).status).toBe(404);
    expect((await get(browser, `${projectId}/${episodeId}/job_aaaaaaaaaaaaaaaaaaaa/attempt-1.manifest.json`)).status).toBe(404);
    // Without the cookie, or with another link's, the link's id alone opens nothing.
    expect((await get({ linkId: link.id, cookie: "" }, mine)).status).toBe(404);
    const otherLink = await joinReview((await createLink(owner, base)).token);
    expect((await get({ linkId: link.id, cookie: otherLink.cookie }, mine)).status).toBe(404);
    const ok = await get(browser, mine);
    expect(ok.status).toBe(200);
    expect(await ok.text()).toBe("<svg/>");
  });

  it("limits review requests per client with 429 and Retry-After", async () => {
    const ip = uniqueIp();
    let last: Response | undefined;
    for (let i = 0; i < 61; i++) last = await reviewPage("B".repeat(43), ip);
    expect(last!.status).toBe(429);
    expect(await errorCode(last!)).toBe("rate_limited");
    expect(Number(last!.headers.get("retry-after"))).toBeGreaterThan(0);
    // Another client is not affected.
    expect((await reviewPage("B".repeat(43))).status).toBe(404);
    // Nor is a socket from elsewhere, but one from the limited client is.
    const { owner, base } = await episode();
    const browser = await joinReview((await createLink(owner, base)).token);
    await expect(connectReview(browser, "Rey", { ip })).rejects.toThrow(/upgrade failed: 429/);
  });
});

describe("review sockets", () => {
  async function live(body: unknown = {}) {
    const e = await episode();
    const member = await connect(e.owner, e.projectId, e.episodeId);
    await member.next("metadata");
    await command(member, { type: "add_frame", frame: { id: "f1", title: "Open" } });
    const link = await createLink(e.owner, e.base, body);
    return { ...e, member, link };
  }

  it("refuses a bad name, a foreign Origin and a plain request", async () => {
    const { link } = await live();
    const browser = await joinReview(link.token);
    const up = (q: string, headers: Record<string, string> = {}) =>
      fetchRealtime(`review=${link.id}&${q}`, { upgrade: "websocket", origin: ORIGIN, cookie: browser.cookie, "cf-connecting-ip": uniqueIp(), ...headers });
    expect((await up("name=")).status).toBe(400);
    expect((await up(`name=${"x".repeat(81)}`)).status).toBe(400);
    expect((await up("name=Rey", { origin: "https://evil.example" })).status).toBe(403);
    expect((await up("name=Rey", { upgrade: "" })).status).toBe(426);
  });

  it("forbids everything but ping, frame_review and comment_add, and applies none of it", async () => {
    const { member, link } = await live();
    const r = await connectReview(link.token, "Rey");
    const meta = (await r.next("metadata")).payload;
    expect(meta).toMatchObject({ role: "reviewer", user: { name: "Rey" }, canComment: true, comments: [] });
    expect(meta.board?.frames.map((f) => f.id)).toEqual(["f1"]);
    for (const [type, payload] of [
      ["chat_send", { text: "remove all frames" }],
      ["board_command", { command: { type: "remove_frame", id: "f1" } }],
      ["comment_edit", { id: "c1", text: "x" }],
      ["comment_resolve", { id: "c1", resolved: true }],
      ["comment_delete", { id: "c1" }],
      ["undo_run", { runId: "edit_x" }],
      ["reset", { confirm: "Pilot" }],
    ] as const) {
      expect(await ack(r, type, payload), type).toMatchObject({ ok: false, error: { code: "forbidden" } });
    }
    const seen = await member.next("presence", (m) => m.payload.peers.some((p) => p.name === "Rey"));
    expect(seen.payload.peers.map((p) => p.name)).toContain("Rey");
    r.close();
    member.close();
  });

  it("never receives a member's chat, the agent's status or its prose", async () => {
    const { member, link } = await live();
    const r = await connectReview(link.token, "Rey");
    await r.next("metadata");
    expect(await ack(member, "chat_send", { text: "add a close-up of the cup after f1" })).toMatchObject({ ok: true });
    await member.next("chat_message", (m) => m.payload.role === "assistant");
    await member.next("agent_status", (m) => m.payload.status === "completed" || m.payload.status === "failed");
    // Something a reviewer may see, sent after the run, so everything before it has arrived.
    await ack(member, "comment_add", { frameId: "f1", text: "marker" });
    await r.next("comment", (m) => m.payload.comment.text === "marker");
    const types = new Set(r.messages.map((m) => m.type));
    for (const t of ["chat_message", "partial_result", "agent_status", "warning", "plugin_status"]) expect(types.has(t as never), t).toBe(false);
    // No member's email reaches a reviewer, in any message.
    expect(JSON.stringify(r.messages)).not.toContain("@reelroom.test");
    r.close();
    member.close();
  });

  it("refuses comment_add when the link does not allow comments", async () => {
    const { member, link } = await live({ canComment: false });
    const r = await connectReview(link.token, "Rey");
    expect((await r.next("metadata")).payload.canComment).toBe(false);
    expect(await ack(r, "comment_add", { frameId: "f1", text: "hello" })).toMatchObject({ ok: false, error: { code: "forbidden" } });
    // A verdict is still welcome.
    expect(await ack(r, "frame_review", { frameId: "f1", verdict: "approved" })).toMatchObject({ ok: true });
    r.close();
    member.close();
  });

  it("broadcasts a reviewer's comment and frame review to members", async () => {
    const { member, link } = await live();
    const browser = await joinReview(link.token);
    const r = await connectReview(browser, "Rey");
    await r.next("metadata");
    expect(await ack(r, "comment_add", { frameId: "f1", text: "warmer light" })).toMatchObject({ ok: true });
    const c = (await member.next("comment")).payload.comment;
    expect(c).toMatchObject({ frameId: "f1", author: { type: "reviewer", name: "Rey" }, text: "warmer light", resolved: false });
    expect(await ack(r, "frame_review", { frameId: "f1", verdict: "changes_requested", note: "too dark" })).toMatchObject({ ok: true });
    const review = (await member.next("frame_review")).payload;
    expect(review).toMatchObject({ frameId: "f1", verdict: "changes_requested", by: { type: "reviewer", name: "Rey" }, note: "too dark" });
    // The same browser comes back as the same reviewer.
    const again = await connectReview(browser, "Rey");
    expect((await again.next("metadata")).payload.user.id).toBe(c.author.id);
    again.close();
    r.close();
    member.close();
    // Both are in the audit trail, under the reviewer's id, without the words they wrote.
    const audit = await waitForAudit(["comment.add", "frame.review"]);
    expect(audit.map((a) => a.actor)).toEqual([c.author.id, c.author.id]);
    expect(JSON.stringify(audit)).not.toContain("warmer light");
    expect(JSON.stringify(audit)).not.toContain("too dark");
  });

  it("closes a reviewer's socket with 4001 when the link is revoked; nothing sent after applies", async () => {
    const { owner, base, projectId, episodeId, member, link } = await live();
    const r = await connectReview(link.token, "Rey");
    await r.next("metadata");
    expect((await owner.client.delete(`${base}/${link.id}`)).status).toBe(204);
    expect((await r.closed).code).toBe(4001);
    try {
      r.send({ type: "comment_add", id: msgId(), payload: { frameId: "f1", text: "after revoke" } });
    } catch {
      // the client side may already refuse to send on a closed socket
    }
    // The link opens nothing any more, and the room holds no comment from it.
    await expect(connectReview(link.token, "Rey")).rejects.toThrow(/join failed: 404/);
    const late = await connect(owner, projectId, episodeId);
    expect((await late.next("metadata")).payload.comments).toEqual([]);
    late.close();
    member.close();
  });
});

describe("reviewer identity and the token (issue 21)", () => {
  it("trades the token once for an HttpOnly cookie of that link, and answers with no referrer", async () => {
    const { owner, base } = await episode();
    const link = await createLink(owner, base);
    const res = await tradeToken(link.token);
    expect(res.status).toBe(200);
    expect(res.headers.get("referrer-policy")).toBe("no-referrer");
    expect(await res.json()).toEqual({ linkId: link.id });
    const cookie = res.headers.get("set-cookie") ?? "";
    expect(cookie).toMatch(new RegExp(`^rr_rvw_${link.id}=[A-Za-z0-9_-]{43};`));
    expect(cookie).toMatch(/; HttpOnly/i);
    expect(cookie).toMatch(/; SameSite=Strict/i);
    expect(cookie).toMatch(/; Path=\/api\/v1/);
    expect(cookie).not.toContain(link.token);
    // The token is a body field only: the old address that carried it opens nothing.
    expect((await new Client().get(`/api/v1/review/${link.token}`, { headers: { "cf-connecting-ip": uniqueIp() } })).status).toBe(404);
    const page = await pageOf({ linkId: link.id, cookie: cookie.split(";")[0]! });
    expect(page.status).toBe(200);
    expect(page.headers.get("referrer-policy")).toBe("no-referrer");
  });

  it("names reviewers itself: a client-chosen rid is refused, one cookie is one reviewer, another browser another", async () => {
    const { owner, base, projectId, episodeId } = await episode();
    const member = await connect(owner, projectId, episodeId);
    await member.next("metadata");
    await command(member, { type: "add_frame", frame: { id: "f1" } });
    const link = await createLink(owner, base);
    const browser = await joinReview(link.token);
    const withRid = await fetchRealtime(`review=${link.id}&name=Rey&rid=browser-0123456789abcdef`, {
      upgrade: "websocket",
      origin: ORIGIN,
      cookie: browser.cookie,
      "cf-connecting-ip": uniqueIp(),
    });
    expect(withRid.status).toBe(400);
    const a = await connectReview(browser, "Rey");
    const b = await connectReview(browser, "Rey again");
    const other = await connectReview(await joinReview(link.token), "Rey");
    const ids = await Promise.all([a, b, other].map(async (s) => (await s.next("metadata")).payload.user.id));
    expect(ids[0]).toMatch(/^rvw_/);
    expect(ids[1]).toBe(ids[0]);
    expect(ids[2]).not.toBe(ids[0]);
    // Trading the token again from the same browser keeps its reviewer.
    const again = await tradeToken(link.token, { cookie: browser.cookie });
    expect(again.status).toBe(200);
    expect(again.headers.get("set-cookie")).toBeNull();
    for (const s of [a, b, other, member]) s.close();
  });

  it("lets at most 50 browsers review through one link; one already in stays in", async () => {
    const { owner, base } = await episode();
    const link = await createLink(owner, base);
    const first = await joinReview(link.token);
    for (let i = 1; i < 50; i++) await joinReview(link.token);
    const refused = await tradeToken(link.token);
    expect(refused.status).toBe(409);
    expect(((await refused.json()) as { error: { message: string } }).error.message).toMatch(/already has its 50 reviewers/);
    expect((await tradeToken(link.token, { cookie: first.cookie })).status).toBe(200);
    // Another link of the same episode has room of its own.
    await joinReview((await createLink(owner, base)).token);
  });

  it("keeps the token out of every audit row and everything the app logs", async () => {
    const logged: string[] = [];
    const spies = (["log", "info", "warn", "error", "debug"] as const).map((level) =>
      vi.spyOn(console, level).mockImplementation((...args: unknown[]) => void logged.push(args.map(String).join(" "))),
    );
    try {
      const { owner, base, projectId, episodeId } = await episode();
      const member = await connect(owner, projectId, episodeId);
      await member.next("metadata");
      await command(member, { type: "add_frame", frame: { id: "f1" } });
      const link = await createLink(owner, base);
      const browser = await joinReview(link.token);
      expect((await pageOf(browser)).status).toBe(200);
      const r = await connectReview(browser, "Rey");
      await r.next("metadata");
      expect(await ack(r, "comment_add", { frameId: "f1", text: "warmer" })).toMatchObject({ ok: true });
      expect(await ack(r, "frame_review", { frameId: "f1", verdict: "approved" })).toMatchObject({ ok: true });
      // Refusals log and audit too: a wrong cookie, a bad query, an old token address.
      expect((await pageOf({ linkId: link.id, cookie: `rr_rvw_${link.id}=${link.token}` })).status).toBe(404);
      expect((await new Client().get(`/api/v1/review/${link.token}/artifacts/x.png`, { headers: { "cf-connecting-ip": uniqueIp() } })).status).toBe(404);
      expect((await owner.client.delete(`${base}/${link.id}`)).status).toBe(204);
      await r.closed;
      await waitForAudit(["comment.add", "frame.review"]);
      const rows = await env.DB.prepare("SELECT * FROM audit WHERE project_id = ? OR actor LIKE 'rvw_%' OR target LIKE ?")
        .bind(projectId, `%${link.id}%`)
        .all();
      expect(rows.results.map((row) => (row as { action: string }).action)).toEqual(
        expect.arrayContaining(["review_link.create", "review.join", "comment.add"]),
      );
      expect(JSON.stringify(rows.results)).not.toContain(link.token);
      expect(logged.join("\n")).not.toContain(link.token);
      member.close();
    } finally {
      for (const spy of spies) spy.mockRestore();
    }
  });
});

describe("members' comments", () => {
  it("lets authors edit their own, editors resolve, owners delete", async () => {
    const { owner, projectId, episodeId } = await episode();
    const editor = await signUp("editor");
    const viewer = await signUp("viewer");
    await addMember(owner, projectId, editor, "editor");
    await addMember(owner, projectId, viewer, "viewer");
    const o = await connect(owner, projectId, episodeId);
    const e = await connect(editor, projectId, episodeId);
    const v = await connect(viewer, projectId, episodeId);
    for (const s of [o, e, v]) await s.next("metadata");
    await command(o, { type: "add_frame", frame: { id: "f1" } });
    const added = await ack(v, "comment_add", { frameId: "f1", text: "from a viewer" });
    expect(added.ok).toBe(true);
    const id = (await e.next("comment")).payload.comment.id;
    expect(await ack(e, "comment_edit", { id, text: "not mine" })).toMatchObject({ ok: false, error: { code: "forbidden" } });
    expect(await ack(v, "comment_resolve", { id, resolved: true })).toMatchObject({ ok: false, error: { code: "forbidden" } });
    expect(await ack(e, "comment_delete", { id })).toMatchObject({ ok: false, error: { code: "forbidden" } });
    expect(await ack(v, "comment_edit", { id, text: "mine" })).toMatchObject({ ok: true });
    expect(await ack(e, "comment_resolve", { id, resolved: true })).toMatchObject({ ok: true });
    expect((await o.next("comment", (m) => m.payload.comment.resolved)).payload.comment).toMatchObject({ text: "mine", resolvedBy: { id: editor.user.id } });
    expect(await ack(o, "comment_delete", { id })).toMatchObject({ ok: true });
    expect((await v.next("comment", (m) => m.payload.deleted === true)).payload.comment.id).toBe(id);
    for (const s of [o, e, v]) s.close();
  });
});

async function fetchRealtime(query: string, headers: Record<string, string>) {
  const { exports } = await import("cloudflare:workers");
  const h = Object.fromEntries(Object.entries(headers).filter(([, v]) => v !== ""));
  return exports.default.fetch(new Request(`${ORIGIN}/api/v1/realtime?${query}`, { headers: h }));
}
