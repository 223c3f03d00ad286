// @vitest-environment node
import { describe, expect, it } from "vitest";
import { ApiError } from "./errors";
import { decodePeopleCursor, encodePeopleCursor, signCursorPayload } from "./cursor";

const base = "https://webexapis.com/v1";
const org = "ORG1";
const secret = "s3cret";

function refused(fn: () => unknown): void {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(ApiError);
    expect((e as ApiError).status).toBe(400);
    expect((e as ApiError).fields).toHaveProperty("cursor");
    return;
  }
  throw new Error("expected a 400");
}

describe("people cursor", () => {
  it("round-trips the next link's query onto the configured base", () => {
    const c = encodePeopleCursor(`${base}/people?max=100&displayName=a%20b&cursor=xyz`, base, org, secret);
    expect(c).not.toContain("webexapis");
    expect(decodePeopleCursor(c, base, org, secret)).toBe(`${base}/people?max=100&displayName=a%20b&cursor=xyz`);
  });

  it("refuses to encode a next link for another host or path", () => {
    expect(() => encodePeopleCursor("https://evil.example/v1/people?cursor=1", base, org, secret)).toThrow();
    expect(() => encodePeopleCursor(`${base}/licenses?cursor=1`, base, org, secret)).toThrow();
  });

  it("refuses tampered, re-keyed, other-org and URL-shaped cursors", () => {
    const c = encodePeopleCursor(`${base}/people?max=5&cursor=abc`, base, org, secret);
    refused(() => decodePeopleCursor(`x${c}`, base, org, secret));
    refused(() => decodePeopleCursor(c.replace(/.$/, (ch) => (ch === "A" ? "B" : "A")), base, org, secret));
    refused(() => decodePeopleCursor(c, base, "ORG2", secret));
    refused(() => decodePeopleCursor(c, base, org, "other"));
    refused(() => decodePeopleCursor("", base, org, secret));
    for (const evil of ["https://evil.example/people", "//evil.example/x", "/v1/other?x=1", "javascript:alert(1)", "a=1#frag"]) {
      refused(() => decodePeopleCursor(signCursorPayload(evil, org, secret), base, org, secret));
    }
  });

  it("uses a per-process key when no secret is configured", () => {
    const c = encodePeopleCursor(`${base}/people?cursor=1`, base, org, undefined);
    expect(decodePeopleCursor(c, base, org, undefined)).toBe(`${base}/people?cursor=1`);
    refused(() => decodePeopleCursor(c, base, org, "now-with-secret"));
  });
});
