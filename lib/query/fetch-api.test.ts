import { afterEach, describe, expect, it, vi } from "vitest";
import { ApiRequestError, fetchApi, searchString } from "./fetch-api";

afterEach(() => vi.unstubAllGlobals());

describe("fetchApi", () => {
  it("turns the uniform error body into an ApiRequestError with the tracking ID", async () => {
    vi.stubGlobal("fetch", async () => Response.json({ error: { status: 502, message: "Webex failed", trackingId: "T-1" } }, { status: 502 }));
    const e = await fetchApi("/api/people").catch((x: unknown) => x);
    expect(e).toBeInstanceOf(ApiRequestError);
    expect(e).toMatchObject({ status: 502, message: "Webex failed", trackingId: "T-1" });
  });

  it("explains a network failure", async () => {
    vi.stubGlobal("fetch", async () => {
      throw new TypeError("fetch failed");
    });
    await expect(fetchApi("/api/people")).rejects.toMatchObject({ status: 0, message: expect.stringContaining("network") });
  });

  it("builds query strings without empty values", () => {
    expect(searchString({ max: 100, email: undefined, displayName: "A b" })).toBe("?max=100&displayName=A+b");
    expect(searchString({})).toBe("");
  });
});
