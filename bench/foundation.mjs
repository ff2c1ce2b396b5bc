// Foundation bench: what signing in costs. Login (PBKDF2 verify + session
// insert) against the baseline of an authenticated read (session lookup),
// measured on the same local server in the same run, and the ratio between.
import { startLocalServer } from "../scripts/local-server.mjs";
import { r1, report, time } from "./lib.mjs";

const server = await startLocalServer({ port: 8790, state: ".wrangler/bench-foundation", build: false });
try {
  const origin = server.url;
  const headers = { "content-type": "application/json", origin };
  const email = `bench-${Date.now()}@reelroom.test`;
  const password = "bench password 123";
  const signup = await fetch(`${origin}/api/v1/auth/signup`, { method: "POST", headers, body: JSON.stringify({ email, password, name: "Bench" }) });
  if (signup.status !== 201) throw new Error(`signup: ${signup.status}`);
  const cookie = signup.headers.get("set-cookie").split(";")[0];

  // Warm the isolate and D1 before measuring.
  for (let i = 0; i < 5; i++) await fetch(`${origin}/api/v1/me`, { headers: { cookie } });

  const login = await time(30, async () => {
    const res = await fetch(`${origin}/api/v1/auth/login`, { method: "POST", headers, body: JSON.stringify({ email, password }) });
    if (res.status !== 200) throw new Error(`login: ${res.status}`);
  });
  const me = await time(100, async () => {
    const res = await fetch(`${origin}/api/v1/me`, { headers: { cookie } });
    if (res.status !== 200) throw new Error(`me: ${res.status}`);
  });
  const health = await time(30, async () => {
    const res = await fetch(`${origin}/api/health`);
    if (res.status !== 200) throw new Error(`health: ${res.status}`);
  });
  report("01-foundation", "login_ms", { ...login, baseline: "GET /api/v1/me", baseline_p50: me.p50, ratio_p50: r1(login.p50 / me.p50) });
  report("01-foundation", "session_read_ms", me);
  report("01-foundation", "health_ms", health);
} finally {
  server.stop();
}
