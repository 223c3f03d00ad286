// @vitest-environment node
import { afterEach, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { SessionEndedError } from "@/lib/server/auth/token-store";
import { WebexError } from "@/lib/server/webex/errors";
import { ApiError, toErrorResponse, zodFields } from "./errors";

const ctx = { method: "GET", path: "/api/people" };

afterEach(() => vi.restoreAllMocks());

describe("toErrorResponse", () => {
  it("passes a Webex 429 through with its tracking ID and retryAfterSeconds", async () => {
    const res = toErrorResponse(new WebexError(429, "Too many requests", "ROSTER_abc", 2500), ctx);
    expect(res.status).toBe(429);
    expect(res.headers.get("retry-after")).toBe("3");
    expect(res.headers.get("cache-control")).toBe("no-store");
    expect(await res.json()).toEqual({
      error: { status: 429, message: "Too many requests", trackingId: "ROSTER_abc", retryAfterSeconds: 3 },
    });
  });

  it("maps an ended session to 401 SessionExpired", async () => {
    const res = toErrorResponse(new SessionEndedError("refresh_failed"), ctx);
    expect(res.status).toBe(401);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe("SessionExpired");
  });

  it("hides unexpected errors behind a generic 500 and logs one line", async () => {
    const log = vi.spyOn(console, "error").mockImplementation(() => undefined);
    const res = toErrorResponse(new Error("db password is hunter2"), ctx);
    expect(res.status).toBe(500);
    const text = await res.text();
    expect(text).not.toContain("hunter2");
    expect(text).not.toContain("at ");
    expect(JSON.parse(text)).toEqual({ error: { status: 500, message: "Internal server error" } });
    expect(log).toHaveBeenCalledTimes(1);
    expect(String(log.mock.calls[0]?.[0])).toContain("hunter2");
  });

  it("keeps an ApiError's fields", async () => {
    const res = toErrorResponse(new ApiError(400, "Invalid cursor", { cursor: "bad" }), ctx);
    expect(await res.json()).toEqual({ error: { status: 400, message: "Invalid cursor", fields: { cursor: "bad" } } });
  });
});

describe("zodFields", () => {
  it("names nested paths and each unknown key", () => {
    const schema = z.strictObject({ emails: z.array(z.email("Invalid email")), n: z.number() });
    const r = schema.safeParse({ emails: ["ok@x.example", "nope"], n: 1, extra: 1, more: 2 });
    expect(r.success).toBe(false);
    if (!r.success) {
      expect(zodFields(r.error, "body")).toEqual({ "emails.1": "Invalid email", extra: "Unknown field", more: "Unknown field" });
    }
  });

  it("names keys that are also Object.prototype's (valueOf, __proto__) like any other", () => {
    const r = z.strictObject({ n: z.number() }).safeParse(JSON.parse('{"n":1,"valueOf":1,"__proto__":{"x":1},"toString":2}'));
    expect(r.success).toBe(false);
    if (!r.success) {
      const fields = zodFields(r.error, "query");
      expect(Object.keys(fields).sort()).toEqual(["__proto__", "toString", "valueOf"]);
      expect(JSON.parse(JSON.stringify(fields))).toEqual(JSON.parse('{"valueOf":"Unknown field","__proto__":"Unknown field","toString":"Unknown field"}'));
      expect(Object.getPrototypeOf(fields)).toBe(Object.prototype);
    }
  });
});
