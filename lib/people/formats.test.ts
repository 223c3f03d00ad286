// @vitest-environment node
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { EMAIL_PATTERN, isEmail, isWebexId } from "./formats";
import { webexIdSchema } from "./schemas";

// The browser's plain checks (formats.ts) must answer exactly as the API's zod schemas do.
const emailSchema = z.email().max(320);
const emailish = fc.oneof(
  fc.emailAddress(),
  fc.string({ unit: fc.constantFrom(..."aZ09.-_+'@ !#é"), maxLength: 40 }),
  fc.tuple(fc.string({ maxLength: 320 }), fc.emailAddress()).map(([a, b]) => a + b),
);
const idish = fc.oneof(
  fc.string({ unit: fc.constantFrom(..."AZaz09_-=+/ "), maxLength: 600 }),
  fc.base64String({ maxLength: 600 }),
);

describe("formats.ts agrees with the zod schemas", () => {
  it("uses zod's own email pattern", () => {
    expect(EMAIL_PATTERN.source).toBe(z.regexes.email.source);
  });

  it("isEmail = z.email().max(320) (property, 2,000 cases)", () => {
    fc.assert(fc.property(emailish, (s) => isEmail(s) === emailSchema.safeParse(s).success), { numRuns: 2000 });
    for (const s of ["ada@acme.example", "ada@", "a.b@c.de", ".a@b.cd", "a..b@c.de", `${"a".repeat(310)}@acme.example`]) {
      expect(isEmail(s), s).toBe(emailSchema.safeParse(s).success);
    }
  });

  it("isWebexId = webexIdSchema (property, 2,000 cases)", () => {
    fc.assert(fc.property(idish, (s) => isWebexId(s) === webexIdSchema.safeParse(s).success), { numRuns: 2000 });
    for (const s of ["Y2lzY29zcGFyazovL3VzL1JPTEUvaWRfdXNlcl9hZG1pbg", "short", "abcdefgh==", "abcdefgh===", "x".repeat(512), "x".repeat(513)]) {
      expect(isWebexId(s), s).toBe(webexIdSchema.safeParse(s).success);
    }
  });
});
