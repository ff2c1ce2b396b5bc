// Accounts and sessions (CONTRACT 2): the refusals first, then the happy paths.
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { passwordChecks } from "../../worker/auth/password";
import { MAX_PER_ACCOUNT } from "../../worker/auth/throttle";
import { Client, episodeOf, errorCode, projectOf, signUp, uniqueEmail } from "./helpers";

describe("signup", () => {
  it("rejects a malformed body with 400 invalid_request and the zod issues", async () => {
    const res = await new Client().post("/api/v1/auth/signup", { email: "not-an-email", password: "short", name: "" });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: { code: string; details: { path: string }[] } };
    expect(body.error.code).toBe("invalid_request");
    expect(body.error.details.map((d) => d.path).sort()).toEqual(["email", "name", "password"]);
  });

  it("rejects a body that is not JSON with 400", async () => {
    const res = await new Client().request("POST", "/api/v1/auth/signup", { rawBody: "{not json" });
    expect(res.status).toBe(400);
    expect(await errorCode(res)).toBe("invalid_request");
  });

  it("rejects an oversized body with 413 too_large", async () => {
    const res = await new Client().post("/api/v1/auth/signup", { email: uniqueEmail(), password: "x".repeat(70_000), name: "Big" });
    expect(res.status).toBe(413);
    expect(await errorCode(res)).toBe("too_large");
  });

  it.each([
    { name: "refuses a cross-origin POST with 403", origin: "https://evil.example" },
    { name: "refuses a POST with no Origin header", origin: null },
    { name: "refuses an origin that merely starts with the app's origin", origin: "http://localhost:8787.evil.example" },
  ])("$name", async ({ origin }) => {
    const res = await new Client().post("/api/v1/auth/signup", { email: uniqueEmail(), password: "long enough", name: "Eve" }, { origin });
    expect(res.status).toBe(403);
    expect(await errorCode(res)).toBe("forbidden");
  });

  it("refuses a duplicate email with 409, whatever its case", async () => {
    const email = uniqueEmail("dup");
    await signUp("dup", email);
    const res = await new Client().post("/api/v1/auth/signup", { email: email.toUpperCase(), password: "another one", name: "Dup" });
    expect(res.status).toBe(409);
    expect(await errorCode(res)).toBe("conflict");
  });

  it("creates the account and signs in with an HttpOnly SameSite=Lax cookie", async () => {
    const client = new Client();
    const email = uniqueEmail("new");
    const res = await client.post("/api/v1/auth/signup", { email, password: "long enough", name: "Nia" });
    expect(res.status).toBe(201);
    const { user } = (await res.json()) as { user: { email: string; name: string; isAdmin: boolean } };
    expect(user).toMatchObject({ email, name: "Nia", isAdmin: false });
    const cookie = res.headers.get("set-cookie")!;
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    expect(cookie).not.toMatch(/Secure/i); // plain http on localhost
    const me = await client.get("/api/v1/me");
    expect(me.status).toBe(200);
  });

  it("marks the cookie Secure away from localhost", async () => {
    const client = new Client("https://reelroom.example");
    const res = await client.post("/api/v1/auth/signup", { email: uniqueEmail(), password: "long enough", name: "Sam" });
    expect(res.status).toBe(201);
    expect(res.headers.get("set-cookie")).toMatch(/Secure/);
  });

  it("stores a salted PBKDF2 hash, never the password", async () => {
    const p = await signUp("hash");
    const row = await env.DB.prepare("SELECT password_hash FROM users WHERE id = ?").bind(p.user.id).first<{ password_hash: string }>();
    expect(row!.password_hash).toMatch(/^pbkdf2-sha256\$100000\$/);
    expect(row!.password_hash).not.toContain(p.password);
  });

  it("flags instance admins from ADMIN_EMAILS", async () => {
    const res = await new Client().post("/api/v1/auth/signup", { email: "admin@reelroom.test", password: "long enough", name: "Ada" });
    expect(res.status).toBe(201);
    expect(((await res.json()) as { user: { isAdmin: boolean } }).user.isAdmin).toBe(true);
  });
});

/** A 429 says when to try again: some seconds from now, within the 15-minute lockout. */
function expectRetryWithinLockout(res: Response) {
  const retry = Number(res.headers.get("retry-after"));
  expect(retry).toBeGreaterThan(0);
  expect(retry).toBeLessThanOrEqual(15 * 60);
}

describe("login", () => {
  it("answers 401 for a wrong password and for an unknown account alike", async () => {
    const p = await signUp("login");
    const wrong = await new Client().post("/api/v1/auth/login", { email: p.user.email, password: "nope nope" });
    const unknown = await new Client().post("/api/v1/auth/login", { email: uniqueEmail("ghost"), password: "nope nope" });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(((await wrong.json()) as { error: { message: string } }).error.message).toBe(
      ((await unknown.json()) as { error: { message: string } }).error.message,
    );
  });

  it("signs in with the right password", async () => {
    const p = await signUp("login-ok");
    const client = new Client();
    const res = await client.post("/api/v1/auth/login", { email: p.user.email, password: p.password });
    expect(res.status).toBe(200);
    const me = await client.get("/api/v1/me");
    expect(((await me.json()) as { user: { id: string } }).user.id).toBe(p.user.id);
  });

  it("throttles one client on an account after repeated failures with 429 and Retry-After, even for the right password", async () => {
    const p = await signUp("throttled");
    for (let i = 0; i < MAX_PER_ACCOUNT; i++) {
      const res = await new Client().post("/api/v1/auth/login", { email: p.user.email, password: `wrong-${i}` });
      expect(res.status).toBe(401);
    }
    const res = await new Client().post("/api/v1/auth/login", { email: p.user.email, password: p.password });
    expect(res.status).toBe(429);
    expect(await errorCode(res)).toBe("rate_limited");
    expectRetryWithinLockout(res);
  });

  it("checks at most five passwords when fifty wrong guesses on one account arrive at once", async () => {
    const p = await signUp("burst");
    const headers = { "cf-connecting-ip": "198.51.100.50" };
    const before = passwordChecks();
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) => new Client().post("/api/v1/auth/login", { email: p.user.email, password: `wrong-${i}` }, { headers })),
    );
    const checked = passwordChecks() - before;
    const statuses = results.map((r) => r.status);
    console.log(
      `BURST passwords_checked=${checked} answers_401=${statuses.filter((s) => s === 401).length} answers_429=${statuses.filter((s) => s === 429).length}`,
    );
    expect(statuses.filter((s) => s === 401).length).toBeLessThanOrEqual(MAX_PER_ACCOUNT);
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(50 - MAX_PER_ACCOUNT);
    expect(statuses.every((s) => s === 401 || s === 429)).toBe(true);
    expect(checked).toBeLessThanOrEqual(MAX_PER_ACCOUNT);
    for (const r of results.filter((r) => r.status === 429)) expectRetryWithinLockout(r);
  });

  it("refuses the right password when it arrives inside a burst that has already used up the account's tries", async () => {
    const p = await signUp("burst-right");
    const headers = { "cf-connecting-ip": "198.51.100.80" };
    const guesses = Array.from({ length: 79 }, (_, i) => ({ email: p.user.email, password: `wrong-${i}` }));
    const results = await Promise.all(
      [...guesses, { email: p.user.email, password: p.password }].map((body) => new Client().post("/api/v1/auth/login", body, { headers })),
    );
    const right = results.at(-1)!;
    expect(right.status).toBe(429);
    expect(await errorCode(right)).toBe("rate_limited");
    expect(results.filter((r) => r.status === 200)).toHaveLength(0);
  });

  it("throttles one client that tries many accounts", async () => {
    const headers = { "cf-connecting-ip": "203.0.113.7" };
    let last: Response | undefined;
    for (let i = 0; i < 21; i++) {
      last = await new Client().post("/api/v1/auth/login", { email: uniqueEmail("spray"), password: "guess guess" }, { headers });
    }
    expect(last!.status).toBe(429);
    // Another client is not affected.
    const other = await new Client().post(
      "/api/v1/auth/login",
      { email: uniqueEmail("spray"), password: "guess guess" },
      { headers: { "cf-connecting-ip": "203.0.113.8" } },
    );
    expect(other.status).toBe(401);
  });
});

describe("sessions", () => {
  it("answers 401 to /me without a session", async () => {
    const res = await new Client().get("/api/v1/me");
    expect(res.status).toBe(401);
    expect(await errorCode(res)).toBe("unauthenticated");
  });

  it("answers 401 to a made-up session cookie", async () => {
    const client = new Client();
    client.cookie = "rr_session=forged-token";
    expect((await client.get("/api/v1/me")).status).toBe(401);
  });

  it("revokes the session server-side on logout, so the old cookie stops working", async () => {
    const p = await signUp("logout");
    const stolen = p.client.cookie;
    const res = await p.client.post("/api/v1/auth/logout");
    expect(res.status).toBe(204);
    expect(res.headers.get("set-cookie")).toMatch(/rr_session=;/);
    const replay = new Client();
    replay.cookie = stolen;
    expect((await replay.get("/api/v1/me")).status).toBe(401);
  });

  it("requires a session to log out", async () => {
    expect((await new Client().post("/api/v1/auth/logout")).status).toBe(401);
  });
});

describe("every response", () => {
  it("carries the security headers", async () => {
    for (const res of [await new Client().get("/api/health"), await new Client().get("/api/v1/me"), await new Client().get("/api/nope")]) {
      const csp = res.headers.get("content-security-policy")!;
      expect(csp).toContain("default-src 'self'");
      expect(csp).toContain("script-src 'self'");
      expect(csp).not.toContain("unsafe-inline");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(res.headers.get("x-content-type-options")).toBe("nosniff");
      expect(res.headers.get("referrer-policy")).toBe("strict-origin-when-cross-origin");
      expect(res.headers.get("x-request-id")).toBeTruthy();
    }
  });

  it("keeps the artifact route's own strict policy, so an SVG opened on its own runs nothing", async () => {
    const owner = await signUp("artifact");
    const projectId = await projectOf(owner);
    const episodeId = await episodeOf(owner, projectId);
    const key = `${projectId}/${episodeId}/job_headerstest0000000/attempt-1.svg`;
    await env.ARTIFACTS.put(key, '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>', {
      httpMetadata: { contentType: "image/svg+xml" },
    });
    const res = await owner.client.get(`/api/v1/artifacts/${key}`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-security-policy")).toBe("default-src 'none'; style-src 'unsafe-inline'; img-src data:; sandbox; frame-ancestors 'none'");
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(res.headers.get("x-frame-options")).toBe("DENY");
  });

  it("answers with a request id of its own, whatever X-Request-Id the client sends", async () => {
    for (const sent of ["client-chosen-id", "a".repeat(200), "bad id\twith spaces"]) {
      const res = await new Client().get("/api/health", { headers: { "x-request-id": sent } });
      const id = res.headers.get("x-request-id");
      expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
      expect(id).not.toBe(sent);
    }
  });

  it("answers an unknown API route with the contract's 404 body", async () => {
    const res = await new Client().get("/api/v1/nothing-here");
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ error: { code: "not_found", message: "No such route." } });
  });
});

describe("session probe", () => {
  it("answers 200 with a null user when nobody is signed in", async () => {
    const res = await new Client().get("/api/v1/auth/session");
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ user: null });
  });

  it("answers the signed-in user, and null again after logout", async () => {
    const p = await signUp("probe");
    const res = await p.client.get("/api/v1/auth/session");
    expect(((await res.json()) as { user: { id: string } }).user.id).toBe(p.user.id);
    await p.client.post("/api/v1/auth/logout");
    const old = new Client();
    old.cookie = "rr_session=whatever";
    expect(await (await old.get("/api/v1/auth/session")).json()).toEqual({ user: null });
  });
});
