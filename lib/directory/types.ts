// The directory index (issue 15, decision 018): Roster's own copy of the org's people, refreshed by a periodic walk
// of Webex (lib/server/directory/sync.ts). Pure: shared by the server (sync, facets, change feed) and the browser.

/** One person as the index keeps them: the fields the grid, the facets, license usage and the change feed need. */
export interface IndexedPerson {
  id: string;
  /** Primary (first) email address, lower-cased as Webex keeps it. */
  email: string;
  displayName: string;
  firstName: string | null;
  lastName: string | null;
  /** Webex presence (active, inactive, DoNotDisturb, …, or pending); changes all day long, so never in the feed. */
  status: string | null;
  invitePending: boolean;
  loginEnabled: boolean;
  department: string | null;
  title: string | null;
  /**
   * Webex gives a person's location only with `callingData=true` (at most 100 people a page, 10× the calls), so
   * locations are refreshed less often than the rest (see `locationsAsOf` in DirectoryStatus); null when unknown.
   */
  locationId: string | null;
  managerId: string | null;
  /** The manager's name as Webex sends it (free text, not always set with managerId). */
  manager: string | null;
  licenses: string[];
  roles: string[];
  /** ISO 8601; null when Webex does not say (never signed in). */
  lastActivity: string | null;
  created: string | null;
  /** person, bot, appuser. */
  type: string | null;
}

/**
 * The fields the change feed compares between two syncs. Presence (`status`, `lastActivity`) changes by itself all
 * day and is left out; `invitePending` is in (an accepted invitation is a change an admin wants to see).
 */
export const TRACKED_FIELDS = [
  "email",
  "displayName",
  "firstName",
  "lastName",
  "department",
  "title",
  "locationId",
  "managerId",
  "licenses",
  "roles",
  "loginEnabled",
  "invitePending",
] as const satisfies readonly (keyof IndexedPerson)[];
export type TrackedField = (typeof TRACKED_FIELDS)[number];

/** A value of a tracked field as stored in the feed (JSON): strings, booleans, sorted string arrays, or null. */
export type FieldValue = string | boolean | string[] | null;

/** One change seen between two syncs. `field`/`before`/`after` are set for "changed" only. */
export interface DetectedChange {
  kind: "added" | "removed" | "changed";
  personId: string;
  email: string;
  displayName: string;
  field: TrackedField | null;
  before: FieldValue;
  after: FieldValue;
}
