// Starts the app for the end-to-end tests on port 8788 (or E2E_PORT) with a
// fresh state, so the tests never touch the state of a developer's `npm start`.
import { startLocalServer } from "./local-server.mjs";

const server = await startLocalServer({ port: Number(process.env.E2E_PORT ?? 8788), state: ".wrangler/e2e-state", detached: false });
for (const sig of ["SIGINT", "SIGTERM"]) {
  process.on(sig, () => {
    server.stop();
    process.exit(0);
  });
}
server.child.on("exit", (code) => process.exit(code ?? 0));
