// @vitest-environment node
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { FastPersonSchema, isCanonicalPerson, PeopleListSchema, PersonSchema } from "./models";

// Values a field may hold in a Webex answer, right or wrong: the fast path must never accept what zod would change.
const anyValue = fc.oneof(fc.string(), fc.boolean(), fc.constant(null), fc.integer(), fc.constantFrom("true", "false"), fc.array(fc.string(), { maxLength: 2 }), fc.array(fc.oneof(fc.string(), fc.integer()), { maxLength: 2 }));
const sub = fc.dictionary(fc.constantFrom("type", "value", "primary", "country", "locality", "region", "streetAddress", "postalCode", "extra"), anyValue, { maxKeys: 4 });
const fields = ["emails", "phoneNumbers", "extension", "locationId", "displayName", "nickName", "firstName", "lastName", "avatar", "orgId", "roles", "licenses", "department", "manager", "managerId", "title", "addresses", "created", "lastModified", "timezone", "lastActivity", "siteUrls", "sipAddresses", "xmppFederationJid", "status", "invitePending", "loginEnabled", "type", "somethingNew"];
const person = fc.record(
  {
    id: fc.oneof(fc.string({ minLength: 1 }), fc.constant(null)),
    ...Object.fromEntries(fields.map((f) => [f, ["phoneNumbers", "addresses", "sipAddresses"].includes(f) ? fc.oneof(fc.array(sub, { maxLength: 2 }), anyValue) : anyValue])),
  },
  { requiredKeys: [] },
);
// Mostly well-formed people too, so the fast path is exercised, not only refused.
const wellFormed = fc.record(
  {
    id: fc.string({ minLength: 1 }),
    emails: fc.array(fc.emailAddress(), { maxLength: 2 }),
    displayName: fc.string(),
    invitePending: fc.boolean(),
    phoneNumbers: fc.array(fc.record({ type: fc.string(), value: fc.string(), primary: fc.boolean() }, { requiredKeys: [] }), { maxLength: 2 }),
    addresses: fc.array(fc.record({ country: fc.string(), locality: fc.string() }, { requiredKeys: [] }), { maxLength: 1 }),
    somethingNew: fc.jsonValue(),
  },
  { requiredKeys: ["id"] },
);

describe("the people fast path", () => {
  it("accepts only what zod returns unchanged", () => {
    fc.assert(
      // structuredClone: plain prototypes (fast-check builds null-prototype objects), undefined values kept.
      fc.property(fc.oneof(person, wellFormed).map((p) => structuredClone(p) as Record<string, unknown>), (p) => {
        const viaZod = PersonSchema.safeParse(p);
        if (isCanonicalPerson(p)) {
          expect(viaZod.success).toBe(true);
          expect(viaZod.data).toStrictEqual(p);
        }
        // Whatever the path, the wrapped schema answers what zod answers.
        const viaFast = FastPersonSchema.safeParse(p);
        expect(viaFast.success).toBe(viaZod.success);
        if (viaZod.success) expect(viaFast.data).toStrictEqual(viaZod.data);
      }),
      { numRuns: 800 },
    );
  });

  it("hands a canonical page through without copying it, and still normalises or refuses the rest", () => {
    const page = { items: [{ id: "a", emails: ["a@x.example"], loginEnabled: true, phoneNumbers: [{ type: "work", value: "+1 555" }] }] };
    expect(PeopleListSchema.safeParse(page).data).toBe(page);
    const odd = { items: [{ id: "b", title: null, loginEnabled: "false" }] };
    const out = PeopleListSchema.safeParse(odd);
    expect(out.success).toBe(true);
    expect(out.data!.items[0]).toEqual({ id: "b", loginEnabled: false });
    expect(PeopleListSchema.safeParse({ items: [{ displayName: "no id" }] }).success).toBe(false);
    expect(PeopleListSchema.safeParse({ items: "nope" }).success).toBe(false);
  });

  it("takes Webex's notFoundIds: null (every list not by id) as absent, on the fast path", () => {
    const page = { notFoundIds: null, items: [{ id: "a", emails: ["a@x.example"] }] };
    const out = PeopleListSchema.safeParse(page);
    expect(out.success).toBe(true);
    expect(out.data).toBe(page); // not copied: the page went the fast way
    expect(out.data!.notFoundIds).toBeUndefined();
    expect(PeopleListSchema.safeParse({ notFoundIds: ["x"], items: [] }).data!.notFoundIds).toEqual(["x"]);
  });
});
