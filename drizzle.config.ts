// drizzle-kit reads the schema and writes SQL migrations into migrations/,
// which wrangler (d1 migrations apply) and the test pool both apply.
import { defineConfig } from "drizzle-kit";

export default defineConfig({
  dialect: "sqlite",
  schema: "./worker/db/schema.ts",
  out: "./migrations",
});
