import fc from "fast-check";
import { describe, expect, it } from "vitest";

import { safeReturnTo } from "./return-path";

const CONSOLE = "https://console.example";

/** What a browser does with a Location header relative to the console: it must stay on the console. */
function landsOnConsole(result: string): boolean {
  return new URL(result, CONSOLE).origin === CONSOLE;
}

describe("safeReturnTo", () => {
  it("keeps paths on the console and absolute URLs naming the console itself (as their path)", () => {
    expect(safeReturnTo("/people?x=1", CONSOLE)).toBe("/people?x=1");
    expect(safeReturnTo("/people/abc?tab=licenses#history", CONSOLE)).toBe("/people/abc?tab=licenses#history");
    expect(safeReturnTo("https://console.example/licenses?a=b", CONSOLE)).toBe("/licenses?a=b");
    expect(safeReturnTo("HTTPS://CONSOLE.EXAMPLE:443/licenses", CONSOLE)).toBe("/licenses");
  });

  it("sends everything that would leave the console, or cannot be a path, to /", () => {
    for (const hostile of [
      // the probe's findings: browsers strip tabs and newlines, leaving //evil.example
      "/\t/evil.example",
      "/\n/evil.example",
      "/\r\n/evil.example",
      "/\u0000/evil.example",
      "/\u007f/evil.example",
      "/\u0085/evil.example",
      "//evil.example",
      "///evil.example",
      "/\\evil.example",
      "\\\\evil.example",
      "/.//evil.example",
      "/..//evil.example",
      "/%2e//evil.example",
      "https://evil.example/phish",
      "https://console.example.evil.example/",
      "https://console.example@evil.example/",
      "http://console.example/",
      "https://console.example:8443/",
      "javascript:alert(1)",
      " javascript:alert(1)",
      "data:text/html,<script>alert(1)</script>",
      "",
      "/".repeat(5000),
    ]) {
      expect(safeReturnTo(hostile, CONSOLE), JSON.stringify(hostile)).toBe("/");
    }
    expect(safeReturnTo(undefined, CONSOLE)).toBe("/");
    expect(safeReturnTo(null, CONSOLE)).toBe("/");
  });

  it("without a known origin, keeps plain paths only", () => {
    expect(safeReturnTo("/people", "")).toBe("/people");
    expect(safeReturnTo("http://localhost:3000/people", "not a url")).toBe("/");
  });

  // Hostile building blocks: control characters (C0, DEL, C1), slashes, backslashes, dots, schemes, hosts,
  // percent-escapes, non-ASCII and lone surrogates, glued together in any order.
  const piece = fc.oneof(
    fc.constantFrom(
      "/", "//", "\\", "/\\", ".", "..", "/./", "/../", "%2f", "%2F", "%5c", "%2e", "%09", "%0a", "@", ":", "?", "#", "&",
      "evil.example", "console.example", "https:", "http:", "javascript:", "data:", "https://evil.example",
      "https://console.example", "//evil.example", " ", "\t", "\n", "\r", "\u0000", "\u007f", "\u0085", "\u009f",
      "\u2028", "\ufeff", "\ud800", "\udfff", "é", "％", "．",
    ),
    fc.string({ unit: "binary", maxLength: 8 }),
  );
  const hostile = fc.array(piece, { maxLength: 12 }).map((parts) => parts.join(""));

  it("whatever it is given, answers a path that keeps the browser on the console", () => {
    fc.assert(
      fc.property(fc.oneof(hostile, fc.webUrl({ withQueryParameters: true, withFragments: true }), fc.string({ unit: "binary" })), (value) => {
        const result = safeReturnTo(value, CONSOLE);
        expect(result.startsWith("/")).toBe(true);
        expect(result.startsWith("//")).toBe(false);
        // Safe in a Location header: printable ASCII only, no backslash.
        expect(result).toMatch(/^[\u0021-\u007e]+$/);
        expect(result).not.toContain("\\");
        expect(landsOnConsole(result)).toBe(true);
        // A second pass changes nothing (the proxy, the page and next-auth each apply it).
        expect(safeReturnTo(result, CONSOLE)).toBe(result);
      }),
      { seed: 20261202, numRuns: 3000 },
    );
  });

  it("keeps any ordinary path and query as it is", () => {
    const segment = fc.stringMatching(/^[A-Za-z0-9_~-]{1,12}$/);
    fc.assert(
      fc.property(fc.array(segment, { minLength: 1, maxLength: 5 }), fc.array(fc.tuple(segment, segment), { maxLength: 3 }), (segments, query) => {
        const path = "/" + segments.join("/") + (query.length ? "?" + query.map(([k, v]) => `${k}=${v}`).join("&") : "");
        expect(safeReturnTo(path, CONSOLE)).toBe(path);
      }),
      { seed: 20261202, numRuns: 500 },
    );
  });
});
