// @vitest-environment node
import { describe, expect, it } from "vitest";
import { appOrigin, isSameOrigin } from "./origin";

const req = (headers: Record<string, string>, url = "http://localhost:3000/api/people") =>
  new Request(url, { method: "POST", headers });

describe("appOrigin", () => {
  it("prefers NEXTAUTH_URL, else the Host header", () => {
    expect(appOrigin(req({ host: "evil.example" }), "https://roster.example.com/base")).toBe("https://roster.example.com");
    expect(appOrigin(req({ host: "localhost:3000" }), undefined)).toBe("http://localhost:3000");
  });
});

describe("isSameOrigin", () => {
  const mine = "https://roster.example.com";
  it("accepts our Origin, refuses others and 'null'", () => {
    expect(isSameOrigin(req({ origin: mine }), mine)).toBe(true);
    expect(isSameOrigin(req({ origin: "https://roster.example.com.evil.example" }), mine)).toBe(false);
    expect(isSameOrigin(req({ origin: "http://roster.example.com" }), mine)).toBe(false);
    expect(isSameOrigin(req({ origin: "null" }), mine)).toBe(false);
    expect(isSameOrigin(req({ origin: mine }), null)).toBe(false);
  });
  it("without Origin, trusts only Sec-Fetch-Site same-origin (or no browser metadata at all)", () => {
    expect(isSameOrigin(req({ "sec-fetch-site": "same-origin" }), mine)).toBe(true);
    expect(isSameOrigin(req({ "sec-fetch-site": "same-site" }), mine)).toBe(false);
    expect(isSameOrigin(req({ "sec-fetch-site": "cross-site" }), mine)).toBe(false);
    expect(isSameOrigin(req({ "sec-fetch-site": "none" }), mine)).toBe(false);
    expect(isSameOrigin(req({}), mine)).toBe(true);
  });
});
