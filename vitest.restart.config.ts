// The restart test: runs the real local server twice on one state, in Node.
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: { include: ["test/restart/**/*.test.ts"], testTimeout: 240_000 },
});
