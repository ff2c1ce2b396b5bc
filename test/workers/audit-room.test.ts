// The shared audit trail against a signed-up stranger (issue 21): what a
// room message may leave on it, and exports that are streamed page by page.
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { ownedEpisode } from "./helpers";
import { connect, msgId, send } from "./socket";

/** CONTRACT 11: an audit row's details are at most 4 KiB. */
const AUDIT_ROW_BYTES = 4 * 1024;

describe("room messages on the audit trail", () => {
  it("refuses 40 chat_continue with a 1 MB junk field as bad messages, and leaves only tiny rows", async () => {
    const { owner, projectId, episodeId } = await ownedEpisode("junk");
    const junk = "x".repeat(1_000_000);
    // Ten a socket: the eleventh bad message in ten seconds would close it (CONTRACT 3).
    for (let s = 0; s < 4; s++) {
      const sock = await connect(owner, projectId, episodeId);
      for (let i = 0; i < 10; i++) {
        sock.sendRaw(JSON.stringify({ type: "chat_continue", id: msgId(), payload: {}, junk }));
        expect((await sock.next("error")).payload).toMatchObject({ code: "bad_message", message: "Malformed chat_continue message." });
        // Refused, it still gets its one ack (CONTRACT 3).
        expect((await sock.next("ack")).payload).toMatchObject({ ok: false, error: { code: "bad_message" } });
      }
      sock.close();
    }
    // An audited message after them: once its row is written, the room has written everything before it.
    const sock = await connect(owner, projectId, episodeId);
    // The 40 refusals count against the owner's messages a second: ask again until the window has passed.
    let stop = await send(sock, "chat_stop", {});
    for (let i = 0; i < 40 && !stop.payload.ok && stop.payload.error.code === "rate_limited"; i++) {
      await new Promise((r) => setTimeout(r, 100));
      stop = await send(sock, "chat_stop", {});
    }
    // No run is going, so Stop is refused, but not for the rate: its row is written either way.
    expect(stop.payload).not.toMatchObject({ error: { code: "rate_limited" } });
    const requestId = `ws:%:${stop.payload.id}`;
    let last: unknown = null;
    for (let i = 0; i < 100 && !last; i++) {
      last = await env.DB.prepare("SELECT id FROM audit WHERE request_id LIKE ?").bind(requestId).first();
      if (!last) await new Promise((r) => setTimeout(r, 50));
    }
    expect(last).not.toBeNull();
    const rows = await env.DB.prepare("SELECT action, length(details) AS bytes FROM audit WHERE actor = ?")
      .bind(owner.user.id)
      .all<{ action: string; bytes: number | null }>();
    expect(rows.results.filter((r) => r.action.startsWith("agent.run")).map((r) => r.action)).toEqual(["agent.run.stop"]);
    for (const r of rows.results) expect(r.bytes ?? 0, r.action).toBeLessThanOrEqual(AUDIT_ROW_BYTES);
  });
});

describe("audit exports", () => {
  it("streams every row of a long export in order, and says where the next export starts", async () => {
    const { owner, projectId } = await ownedEpisode("exporter");
    // More rows than one export holds, each with near-full details.
    const filler = "d".repeat(3500);
    const total = 10_050;
    const stmt = env.DB.prepare(
      "INSERT INTO audit (actor, action, target, project_id, verdict, request_id, details) VALUES (?, 'test.bulk', ?, ?, 'allowed', 'bulk', ?)",
    );
    for (let i = 0; i < total; i += 500) {
      await env.DB.batch(
        Array.from({ length: Math.min(500, total - i) }, (_, k) => stmt.bind(owner.user.id, `row:${i + k}`, projectId, JSON.stringify({ n: i + k, filler }))),
      );
    }
    const res = await owner.client.get(`/api/v1/audit?project=${projectId}&action=test.bulk&format=jsonl`);
    expect(res.status).toBe(200);
    const lines = (await res.text()).trim().split("\n");
    expect(lines).toHaveLength(10_000);
    const targets = lines.map((l) => (JSON.parse(l) as { target: string }).target);
    expect(targets[0]).toBe(`row:${total - 1}`);
    expect(targets.at(-1)).toBe(`row:${total - 10_000}`);
    const next = res.headers.get("x-next-cursor");
    expect(next).toMatch(/^\d+$/);
    const rest = await owner.client.get(`/api/v1/audit?project=${projectId}&action=test.bulk&format=csv&cursor=${next}`);
    const csv = (await rest.text()).trim().split("\n");
    expect(csv[0]).toBe("id,at,actor,action,target,verdict,requestId,details");
    expect(csv.slice(1).map((l) => l.split(",")[4])).toEqual(Array.from({ length: 50 }, (_, i) => `"row:${49 - i}"`));
    expect(rest.headers.get("x-next-cursor")).toBeNull();
  });
});
