// `npm install` runs this (the prepare script): git runs .githooks/pre-commit
// before each commit. Outside a git work tree (a tarball, a Docker layer)
// there is nothing to install, and that is not an error.
import { execFileSync } from "node:child_process";

try {
  execFileSync("git", ["rev-parse", "--is-inside-work-tree"], { stdio: "ignore" });
  execFileSync("git", ["config", "core.hooksPath", ".githooks"], { stdio: "ignore" });
  console.log("git hooks: .githooks/pre-commit runs lint, typecheck and unit tests before each commit");
} catch {
  // not a git checkout
}
