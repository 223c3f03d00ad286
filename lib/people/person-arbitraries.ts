import fc from "fast-check";
import { CLEARABLE_PERSON_FIELDS, type PersonChanges } from "./schemas";

// fast-check generators for Webex-shaped people and admin edit sets (used by unit and integration property tests).

const word = fc.string({ minLength: 1, maxLength: 12, unit: fc.constantFrom(..."abcdefghijklmnopqrstuvwxyz ÄéßЖ中-'".split("")) });
const id = fc.stringMatching(/^[A-Za-z0-9_-]{20,40}$/);
const phone = fc.record(
  { type: fc.constantFrom("work", "mobile", "fax", "work_extension"), value: fc.stringMatching(/^\+?[0-9 ]{4,14}$/), primary: fc.boolean() },
  { requiredKeys: ["type", "value"] },
);
const address = fc.record(
  { type: fc.constant("work"), country: fc.constantFrom("US", "DE", "JP"), locality: word, streetAddress: word, postalCode: fc.stringMatching(/^[0-9]{5}$/) },
  { requiredKeys: [] },
);

/** A person as Webex returns it: writable, read-only and unknown (future) fields, some absent. */
export const personArb = fc.record(
  {
    id,
    emails: fc.tuple(fc.emailAddress()).map((t) => [...t]),
    phoneNumbers: fc.array(phone, { maxLength: 3 }),
    extension: fc.stringMatching(/^[0-9]{2,6}$/),
    locationId: id,
    displayName: word,
    nickName: word,
    firstName: word,
    lastName: word,
    avatar: fc.webUrl(),
    orgId: id,
    roles: fc.uniqueArray(id, { maxLength: 3 }),
    licenses: fc.uniqueArray(id, { maxLength: 4 }),
    department: word,
    manager: word,
    managerId: id,
    title: word,
    addresses: fc.array(address, { maxLength: 2 }),
    created: fc.constant("2024-01-01T00:00:00.000Z"),
    lastModified: fc.constant("2025-01-01T00:00:00.000Z"),
    timezone: fc.constantFrom("Europe/Berlin", "America/New_York"),
    lastActivity: fc.constant("2025-02-01T00:00:00.000Z"),
    siteUrls: fc.array(word, { maxLength: 2 }),
    sipAddresses: fc.array(fc.record({ type: fc.constant("enterprise"), value: word, primary: fc.boolean() }), { maxLength: 1 }),
    xmppFederationJid: word,
    status: fc.constantFrom("active", "inactive", "pending"),
    invitePending: fc.boolean(),
    loginEnabled: fc.boolean(),
    type: fc.constant("person"),
    futureField: fc.jsonValue(),
  },
  { requiredKeys: ["id", "emails", "displayName", "orgId", "created", "lastModified"] },
);

/** A non-empty set of admin edits: new values, or null (clear) for clearable fields. */
export const changesArb: fc.Arbitrary<PersonChanges> = fc
  .record(
    {
      displayName: word,
      firstName: fc.option(word, { nil: null }),
      lastName: fc.option(word, { nil: null }),
      department: fc.option(word, { nil: null }),
      title: fc.option(word, { nil: null }),
      manager: fc.option(word, { nil: null }),
      managerId: fc.option(id, { nil: null }),
      extension: fc.option(fc.stringMatching(/^[0-9]{2,6}$/), { nil: null }),
      locationId: fc.option(id, { nil: null }),
      phoneNumbers: fc.array(phone, { maxLength: 3 }),
      addresses: fc.array(address, { maxLength: 2 }),
      roles: fc.uniqueArray(id, { maxLength: 3 }),
      licenses: fc.uniqueArray(id, { maxLength: 4 }),
      loginEnabled: fc.boolean(),
    },
    { requiredKeys: [] },
  )
  .filter((c) => Object.keys(c).length > 0)
  .map((c) => c as PersonChanges);

export const clearable = new Set(CLEARABLE_PERSON_FIELDS);
