// Builds the Solid SPA into dist/client. `npm run dev` also runs the worker
// inside Vite through the Cloudflare plugin, with hot reload for both; remote
// bindings off, so the [ai] binding never asks for a Cloudflare login.
import { cloudflare } from "@cloudflare/vite-plugin";
import { defineConfig } from "vite";
import solid from "vite-plugin-solid";

const dev = process.argv.includes("dev");

export default defineConfig({
  root: "web",
  publicDir: "public",
  plugins: [solid(), ...(dev ? [cloudflare({ configPath: "../wrangler.toml", remoteBindings: false })] : [])],
  build: {
    outDir: "../dist/client",
    emptyOutDir: true,
    target: "es2022",
  },
});
