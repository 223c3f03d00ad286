// The test suite's own statement of Webex's person rules (docs/webex-api.md, "People"), written independently of
// lib/people so that a property test never uses the code under test as its oracle: marking `licenses` read-only
// in lib/people/apply-changes.ts, or teaching lib/people/same-value.ts that two different lists are equal, makes
// the tests that use this file fail instead of agreeing with the mistake.

/**
 * Fields Webex sets itself and a PUT body must not carry (docs/webex-api.md: "Read-only (system)"), plus
 * `nickName`, which Webex derives from `firstName` ("nickName is forced to firstName").
 */
export const EXPECTED_READ_ONLY = [
  "id",
  "created",
  "lastModified",
  "lastActivity",
  "status",
  "invitePending",
  "sipAddresses",
  "xmppFederationJid",
  "type",
  "nickName",
] as const;

/** Every field an admin may set on a person (POST/PUT bodies in docs/webex-api.md, and `loginEnabled`). */
export const EXPECTED_WRITABLE = [
  "emails",
  "phoneNumbers",
  "extension",
  "locationId",
  "displayName",
  "firstName",
  "lastName",
  "avatar",
  "roles",
  "licenses",
  "department",
  "manager",
  "managerId",
  "title",
  "addresses",
  "siteUrls",
  "loginEnabled",
] as const;

/** Lists whose order means nothing to Webex: IDs and addresses that are sets. */
const SETS = new Set(["licenses", "roles", "siteUrls", "emails"]);

/**
 * "Not set" as Webex means it: the field absent, null, an empty string or an empty list. Inside phone numbers and
 * addresses the same holds per key ({locality: ""} is {}).
 */
function normalize(field: string, value: unknown): unknown {
  if (value === undefined || value === null || value === "") return undefined;
  if (Array.isArray(value)) {
    if (value.length === 0) return undefined;
    const items = value.map((v) => normalize("", v));
    // Sets: duplicates and order are dropped. Other lists (phone numbers, addresses) keep their order.
    return SETS.has(field) ? [...new Set(items.map((v) => JSON.stringify(v)))].sort() : items.map((v) => JSON.stringify(v));
  }
  if (typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .map(([k, v]) => [k, normalize("", v)] as const)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return entries.length === 0 ? undefined : Object.fromEntries(entries);
  }
  return value;
}

/** Whether Webex holds the same value for `field` in `a` and `b` (the rule stated above, not lib/people's). */
export function webexSame(field: string, a: unknown, b: unknown): boolean {
  return JSON.stringify(normalize(field, a)) === JSON.stringify(normalize(field, b));
}
