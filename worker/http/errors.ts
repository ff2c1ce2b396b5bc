// One error type for the whole API, turned into CONTRACT 2's error body in a
// single onError, so no handler hand-writes an error response.
import { HTTPException } from "hono/http-exception";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { ErrorCode } from "../domain/api";

export class ApiError extends HTTPException {
  constructor(
    status: ContentfulStatusCode,
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
    readonly headers?: Record<string, string>,
  ) {
    super(status, { message });
  }
}

export const unauthenticated = (message = "Sign in to continue.") => new ApiError(401, "unauthenticated", message);
export const forbidden = (message = "You do not have access to this.") => new ApiError(403, "forbidden", message);
export const notFound = (what = "That") => new ApiError(404, "not_found", `${what} was not found.`);
export const conflict = (message: string) => new ApiError(409, "conflict", message);
export const invalid = (message: string, details?: unknown) => new ApiError(400, "invalid_request", message, details);

/** Maps any thrown value to a status and the contract's error body; never leaks internals. */
export function toErrorBody(err: unknown): {
  status: ContentfulStatusCode;
  body: { error: { code: string; message: string; details?: unknown } };
  headers?: Record<string, string>;
} {
  if (err instanceof ApiError) {
    const error: { code: string; message: string; details?: unknown } = { code: err.code, message: err.message };
    if (err.details !== undefined) error.details = err.details;
    return { status: err.status as ContentfulStatusCode, body: { error }, headers: err.headers };
  }
  if (err instanceof HTTPException) {
    // Hono's own failures: malformed JSON bodies and body-limit overflows.
    const status = err.status as ContentfulStatusCode;
    const code: ErrorCode = status === 413 ? "too_large" : status === 400 ? "invalid_request" : "internal";
    return { status, body: { error: { code, message: err.message || "Request failed." } } };
  }
  return { status: 500, body: { error: { code: "internal", message: "Something went wrong on our side." } } };
}
