import "server-only";
import { logError, stackFrames } from "@/lib/server/log";
import type { ApiErrorBody } from "@/lib/api-error-body";
import type { z } from "zod";
import { SessionEndedError, TokenRefreshError } from "@/lib/server/auth/token-store";
import { WebexError } from "@/lib/server/webex/errors";

/** Every API response, errors included, must never be stored by a browser or shared cache. */
export const NO_STORE = "no-store";

/** An error the route itself raises on purpose: its status and message go to the browser as they are. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly fields?: Record<string, string>,
  ) {
    super(message);
    this.name = "ApiError";
  }
}

export type ErrorBody = ApiErrorBody;

export function jsonResponse(data: unknown, init: ResponseInit = {}): Response {
  const headers = new Headers(init.headers);
  headers.set("Cache-Control", NO_STORE);
  const body = JSON.stringify(data);
  headers.set("Content-Type", "application/json");
  // With a length the HTTP server's compression can see a small answer is not worth gzipping (under 1 KB); without
  // one it gzips every answer, which costs more than it saves for /api/me and the like.
  headers.set("Content-Length", String(Buffer.byteLength(body)));
  return new Response(body, { ...init, headers });
}

export function errorResponse(body: ErrorBody["error"], headers?: HeadersInit): Response {
  return jsonResponse({ error: body } satisfies ErrorBody, { status: body.status, headers });
}

/**
 * zod issues → `{"emails.0": "Invalid email"}`; unknown keys are named one by one. Built as a Map: a field named
 * "valueOf" or "__proto__" must be reported like any other, not mistaken for (or set) the object's prototype.
 */
export function zodFields(error: z.ZodError, root: string): Record<string, string> {
  const fields = new Map<string, string>();
  const add = (key: string, message: string) => {
    if (!fields.has(key)) fields.set(key, message);
  };
  for (const issue of error.issues) {
    const base = issue.path.map(String).join(".");
    if (issue.code === "unrecognized_keys") {
      for (const key of issue.keys) add(base ? `${base}.${key}` : key, "Unknown field");
      continue;
    }
    add(base || root, issue.message);
  }
  return Object.fromEntries(fields);
}

export function validationError(error: z.ZodError, root: "query" | "body"): ApiError {
  return new ApiError(400, root === "query" ? "Invalid query parameters" : "Invalid request body", zodFields(error, root));
}

export interface ErrorContext {
  method: string;
  path: string;
}

/** Maps anything thrown in a handler to the uniform error JSON; unexpected errors are logged, never echoed. */
export function toErrorResponse(err: unknown, ctx: ErrorContext): Response {
  if (err instanceof ApiError) {
    return errorResponse({ status: err.status, message: err.message, ...(err.fields ? { fields: err.fields } : {}) });
  }
  if (err instanceof SessionEndedError) {
    // The cookie is valid but its Webex tokens are gone: the page should send the user to sign in again.
    return errorResponse({ status: 401, message: err.message, code: err.code });
  }
  if (err instanceof TokenRefreshError) {
    return errorResponse({ status: 503, message: "Could not refresh the Webex session; try again shortly" });
  }
  if (err instanceof WebexError) {
    const status = err.status >= 400 && err.status <= 599 ? err.status : 502;
    const body: ErrorBody["error"] = { status, message: err.message || "Webex request failed" };
    if (err.trackingId) body.trackingId = err.trackingId;
    const headers = new Headers();
    if (status === 429 || status === 423 || status === 503) {
      const seconds = err.retryAfterMs !== undefined ? Math.max(1, Math.ceil(err.retryAfterMs / 1000)) : undefined;
      if (seconds !== undefined) {
        body.retryAfterSeconds = seconds;
        headers.set("Retry-After", String(seconds));
      } else if (status === 429) {
        body.retryAfterSeconds = 60;
        headers.set("Retry-After", "60");
      }
    }
    return errorResponse(body, headers);
  }
  logUnexpected(err, ctx);
  return errorResponse({ status: 500, message: "Internal server error" });
}

function logUnexpected(err: unknown, ctx: ErrorContext): void {
  // One JSON line: the error's class, code and redacted message, and where it was thrown (call sites only: a
  // stack's first line repeats the message, query parameters included). Nothing of it reaches the response.
  logError("unhandled error in API route", { method: ctx.method, path: ctx.path, stack: stackFrames(err) }, err);
}
