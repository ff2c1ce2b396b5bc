// Pure domain tests (board model, parsers, state machines): plain Node.
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: { include: ["test/unit/**/*.test.ts"] },
});
