// zod validation for every body and param, failing with the contract's
// 400 invalid_request and the zod issues as details.
import { zValidator } from "@hono/zod-validator";
import type { ValidationTargets } from "hono";
import type { ZodType } from "zod";
import { invalid } from "./errors";

export const validate = <T extends ZodType, Target extends keyof ValidationTargets>(target: Target, schema: T) =>
  zValidator(target, schema, (result) => {
    if (!result.success) {
      const issues = result.error.issues.map((i) => ({ path: i.path.join("."), message: i.message }));
      const first = issues[0];
      throw invalid(first ? `${first.path || target}: ${first.message}` : "Invalid request.", issues);
    }
  });
