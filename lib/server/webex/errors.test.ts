// @vitest-environment node
import { describe, expect, it } from "vitest";
import { WebexError, errorFromFetchFailure, errorFromResponse, messageFromBody, normaliseError } from "./errors";

describe("error normalisation", () => {
  it("uses the Webex error body: message, descriptions and trackingId", () => {
    const body = JSON.stringify({
      message: "Invalid email",
      errors: [{ description: "Invalid email" }, { description: "Email domain not claimed" }],
      trackingId: "ROUTER_abc",
    });
    const e = errorFromResponse(400, body, new Headers({ trackingid: "HDR" }), "ROSTER_x");
    expect(e.toJSON()).toEqual({
      status: 400,
      message: "Invalid email — Email domain not claimed",
      trackingId: "ROUTER_abc",
    });
  });

  it("falls back to a status text for non-JSON or empty bodies, and to the echoed or sent tracking ID", () => {
    const html = errorFromResponse(502, "<html><body>Bad gateway</body></html>", new Headers({ trackingid: "HDR_1" }), "S");
    expect(html.toJSON()).toEqual({ status: 502, message: "Webex bad gateway", trackingId: "HDR_1" });
    const empty = errorFromResponse(418, "", new Headers(), "ROSTER_s");
    expect(empty.toJSON()).toEqual({ status: 418, message: "Webex answered HTTP 418", trackingId: "ROSTER_s" });
    expect(messageFromBody(404, '"just a string"')).toBe("Not found in Webex");
    expect(messageFromBody(400, '{"errors":[{"description":"only this"}]}')).toBe("only this");
  });

  it("keeps Retry-After on throttling errors", () => {
    expect(errorFromResponse(429, "{}", new Headers(), "t", 3000).retryAfterMs).toBe(3000);
  });

  it("maps timeouts to 504 and network failures to 503", () => {
    const timeout = Object.assign(new Error("aborted"), { name: "TimeoutError" });
    expect(errorFromFetchFailure(timeout, "t1", 30_000).toJSON()).toEqual({
      status: 504,
      message: "Webex did not answer within 30 s",
      trackingId: "t1",
    });
    const refused = new TypeError("fetch failed", { cause: Object.assign(new Error("x"), { code: "ECONNREFUSED" }) });
    expect(errorFromFetchFailure(refused, "t2", 1000).toJSON()).toEqual({
      status: 503,
      message: "Could not reach Webex (ECONNREFUSED)",
      trackingId: "t2",
    });
  });

  it("normalises anything thrown", () => {
    expect(normaliseError(new WebexError(409, "Conflict", "t"))).toEqual({ status: 409, message: "Conflict", trackingId: "t" });
    expect(normaliseError(new Error("boom: secret detail"), "t")).toEqual({
      status: 500,
      message: "Unexpected error while calling Webex",
      trackingId: "t",
    });
  });
});
