// Login throttling per account *and* client, with known devices (issue 21):
// failures from one client lock that client out of the account, not the
// account for everyone; many clients together meet an account-wide ceiling,
// and even then a browser that signed in to the account before keeps
// signing in, by an HttpOnly cookie the server can tell it issued.
import { describe, expect, it } from "vitest";
import { MAX_PER_ACCOUNT, MAX_PER_ACCOUNT_ANY_CLIENT } from "../../worker/auth/throttle";
import { Client, errorCode, type Person, signUp } from "./helpers";
import { uniqueIp } from "./socket";

const login = (client: Client, body: { email: string; password: string }, ip: string) =>
  client.post("/api/v1/auth/login", body, { headers: { "cf-connecting-ip": ip } });

/** Wrong guesses at `p`'s account from `clients` addresses, `each` from every one. */
async function attack(p: Person, clients: number, each: number) {
  for (let c = 0; c < clients; c++) {
    const ip = uniqueIp();
    for (let i = 0; i < each; i++) await login(new Client(), { email: p.user.email, password: `wrong-${c}-${i}` }, ip);
  }
}

/** A browser that signs in to `p`'s account once, keeps its cookies and signs out. */
async function browserThatSignedIn(p: Person) {
  const browser = new Client();
  expect((await login(browser, { email: p.user.email, password: p.password }, uniqueIp())).status).toBe(200);
  expect((await browser.post("/api/v1/auth/logout")).status).toBe(204);
  return browser;
}

describe("login throttle per account and client", () => {
  it("locks one client out of an account after five failures, while another client signs in", async () => {
    const p = await signUp("pair");
    const attacker = uniqueIp();
    for (let i = 0; i < MAX_PER_ACCOUNT; i++) expect((await login(new Client(), { email: p.user.email, password: `wrong-${i}` }, attacker)).status).toBe(401);
    const locked = await login(new Client(), { email: p.user.email, password: p.password }, attacker);
    expect(locked.status).toBe(429);
    expect(await errorCode(locked)).toBe("rate_limited");
    expect((await login(new Client(), { email: p.user.email, password: p.password }, uniqueIp())).status).toBe(200);
  });

  it("meets an account-wide ceiling when many clients guess together, yet a browser that signed in before still signs in", async () => {
    const p = await signUp("ceiling");
    const known = await browserThatSignedIn(p);
    await attack(p, Math.ceil(MAX_PER_ACCOUNT_ANY_CLIENT / (MAX_PER_ACCOUNT - 1)), MAX_PER_ACCOUNT - 1);
    const stranger = await login(new Client(), { email: p.user.email, password: p.password }, uniqueIp());
    expect(stranger.status).toBe(429);
    expect(await errorCode(stranger)).toBe("rate_limited");
    const back = await login(known, { email: p.user.email, password: p.password }, uniqueIp());
    expect(back.status).toBe(200);
    expect(((await (await known.get("/api/v1/me")).json()) as { user: { id: string } }).user.id).toBe(p.user.id);
  });

  it("issues the known-device cookie HttpOnly, and counts a tampered one or one for another account as unknown", async () => {
    const p = await signUp("cookie");
    const other = await signUp("cookie-other");
    const res = await login(new Client(), { email: p.user.email, password: p.password }, uniqueIp());
    const device = res.headers.getSetCookie().find((c) => c.startsWith("rr_device="));
    expect(device).toMatch(/HttpOnly/i);
    expect(device).toMatch(/SameSite=Strict/i);
    expect(device).toMatch(/Path=\/api\/v1\/auth/);
    const value = device!.split(";")[0]!.slice("rr_device=".length);

    await attack(p, Math.ceil(MAX_PER_ACCOUNT_ANY_CLIENT / (MAX_PER_ACCOUNT - 1)), MAX_PER_ACCOUNT - 1);
    const tampered = new Client();
    tampered.cookie = `rr_device=${value.slice(0, -2)}${value.endsWith("A") ? "B" : "A"}A`;
    expect((await login(tampered, { email: p.user.email, password: p.password }, uniqueIp())).status).toBe(429);
    // The other account's known browser is a stranger to this one.
    const elsewhere = await browserThatSignedIn(other);
    expect((await login(elsewhere, { email: p.user.email, password: p.password }, uniqueIp())).status).toBe(429);
    const genuine = new Client();
    genuine.cookie = `rr_device=${value}`;
    expect((await login(genuine, { email: p.user.email, password: p.password }, uniqueIp())).status).toBe(200);
  });
});
