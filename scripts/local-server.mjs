// Starts the built app under `wrangler dev` on a fresh local state (its own
// D1, R2, queue and Durable Object storage), for the e2e tests and benches.
import { spawn, spawnSync } from "node:child_process";
import { rmSync } from "node:fs";

function run(cmd, args) {
  const r = spawnSync(cmd, args, { stdio: ["ignore", "ignore", "inherit"] });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(" ")} exited ${r.status}`);
}

/** Builds the SPA, migrates a fresh state dir and starts wrangler dev; resolves once /api/health answers. */
/**
 * `detached` puts wrangler in its own process group so stop() can end all of
 * it (npx, wrangler, workerd); the e2e server keeps it in its own group
 * instead, because Playwright ends the web server by killing that group.
 */
export async function startLocalServer({ port, state, build = true, stdio = "ignore", detached = true, config, vars = {}, fresh = true }) {
  const cfg = config ? ["--config", config] : [];
  const varArgs = Object.entries(vars).flatMap(([k, v]) => ["--var", `${k}:${v}`]);
  if (fresh) rmSync(state, { recursive: true, force: true });
  if (build) run("npx", ["vite", "build", "--logLevel", "warn"]);
  run("npx", ["wrangler", "d1", "migrations", "apply", "DB", "--local", "--persist-to", state, ...cfg]);
  const child = spawn("npx", ["wrangler", "dev", "--local", "--port", String(port), "--ip", "127.0.0.1", "--persist-to", state, ...cfg, ...varArgs], {
    stdio: ["ignore", stdio, stdio],
    detached,
  });
  const url = `http://localhost:${port}`;
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`wrangler dev exited with ${child.exitCode}`);
    try {
      const res = await fetch(`${url}/api/health`);
      if (res.ok) break;
    } catch {
      // not up yet
    }
    if (Date.now() > deadline) throw new Error("wrangler dev did not answer within 120 s");
    await new Promise((r) => setTimeout(r, 250));
  }
  return {
    url,
    child,
    stop: () => {
      try {
        if (detached) process.kill(-child.pid, "SIGTERM");
        else child.kill("SIGTERM");
      } catch {
        // already gone
      }
    },
    /** Resolves once the whole process group has exited, so a restart can reuse the port and state. */
    stopped: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once("exit", () => resolve());
        try {
          if (detached) process.kill(-child.pid, "SIGTERM");
          else child.kill("SIGTERM");
        } catch {
          resolve();
        }
      }),
  };
}
