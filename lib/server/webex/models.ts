import "server-only";
import { z } from "zod";

// Tolerance rules: every object keeps unknown fields (z.looseObject) because Webex adds fields over time and a
// PUT replaces the whole person (a dropped field would be cleared). Optional fields also accept null, which is
// read as "absent". Booleans also accept "true"/"false" strings.

const opt = <T extends z.ZodType>(schema: T) =>
  z.preprocess((v) => (v === null ? undefined : v), schema.optional()).optional();

const looseBool = z.union([z.boolean(), z.enum(["true", "false"]).transform((v) => v === "true")]);
const strings = z.array(z.string());

export const PhoneNumberSchema = z.looseObject({
  type: opt(z.string()),
  value: opt(z.string()),
  primary: opt(looseBool),
});

export const AddressSchema = z.looseObject({
  type: opt(z.string()),
  country: opt(z.string()),
  locality: opt(z.string()),
  region: opt(z.string()),
  streetAddress: opt(z.string()),
  postalCode: opt(z.string()),
});

export const SipAddressSchema = z.looseObject({
  type: opt(z.string()),
  value: opt(z.string()),
  primary: opt(looseBool),
});

export const PersonSchema = z.looseObject({
  id: z.string(),
  emails: opt(strings),
  phoneNumbers: opt(z.array(PhoneNumberSchema)),
  extension: opt(z.string()),
  locationId: opt(z.string()),
  displayName: opt(z.string()),
  nickName: opt(z.string()),
  firstName: opt(z.string()),
  lastName: opt(z.string()),
  avatar: opt(z.string()),
  orgId: opt(z.string()),
  roles: opt(strings),
  licenses: opt(strings),
  department: opt(z.string()),
  manager: opt(z.string()),
  managerId: opt(z.string()),
  title: opt(z.string()),
  addresses: opt(z.array(AddressSchema)),
  created: opt(z.string()),
  lastModified: opt(z.string()),
  timezone: opt(z.string()),
  lastActivity: opt(z.string()),
  siteUrls: opt(strings),
  sipAddresses: opt(z.array(SipAddressSchema)),
  xmppFederationJid: opt(z.string()),
  /** active, call, DoNotDisturb, inactive, meeting, OutOfOffice, pending, presenting, unknown — kept open. */
  status: opt(z.string()),
  invitePending: opt(looseBool),
  loginEnabled: opt(looseBool),
  /** person, bot, appuser — kept open. */
  type: opt(z.string()),
});
export type Person = z.infer<typeof PersonSchema>;

/** Body of POST /people. Unknown fields pass through so callers can send what Webex accepts. */
export const PersonCreateSchema = z.looseObject({
  emails: z.array(z.string()).min(1),
  displayName: opt(z.string()),
  firstName: opt(z.string()),
  lastName: opt(z.string()),
});
export type PersonCreate = z.input<typeof PersonCreateSchema>;

/** Body of PUT /people/{id}: the whole person (see docs/webex-api.md: PUT is a full replacement). */
export type PersonUpdate = Partial<Person> & { displayName: string } & Record<string, unknown>;

export const LicenseUserSchema = z.looseObject({
  id: z.string(),
  type: opt(z.string()), // INTERNAL | EXTERNAL
  displayName: opt(z.string()),
  email: opt(z.string()),
});
export type LicenseUser = z.infer<typeof LicenseUserSchema>;

export const LicenseSchema = z.looseObject({
  id: z.string(),
  name: opt(z.string()),
  totalUnits: opt(z.number()),
  consumedUnits: opt(z.number()),
  consumedByUsers: opt(z.number()),
  consumedByWorkspaces: opt(z.number()),
  subscriptionId: opt(z.string()),
  siteUrl: opt(z.string()),
  siteType: opt(z.string()),
  /** Present with includeAssignedTo=user (one page of it; see getLicense). */
  users: opt(z.array(LicenseUserSchema)),
});
export type License = z.infer<typeof LicenseSchema>;

export const RoleSchema = z.looseObject({ id: z.string(), name: opt(z.string()) });
export type Role = z.infer<typeof RoleSchema>;

export const OrganizationSchema = z.looseObject({
  id: z.string(),
  displayName: opt(z.string()),
  created: opt(z.string()),
});
export type Organization = z.infer<typeof OrganizationSchema>;

export const LocationAddressSchema = z.looseObject({
  address1: opt(z.string()),
  address2: opt(z.string()),
  city: opt(z.string()),
  state: opt(z.string()),
  postalCode: opt(z.string()),
  country: opt(z.string()),
});

export const LocationSchema = z.looseObject({
  id: z.string(),
  name: opt(z.string()),
  orgId: opt(z.string()),
  address: opt(LocationAddressSchema),
  timeZone: opt(z.string()),
  preferredLanguage: opt(z.string()),
  latitude: opt(z.union([z.string(), z.number()])),
  longitude: opt(z.union([z.string(), z.number()])),
  notes: opt(z.string()),
});
export type Location = z.infer<typeof LocationSchema>;

/** Answer of PATCH /licenses/users: the person's licenses after the operations (200, or 206 when some failed). */
export const UserLicensesSchema = z.looseObject({
  orgId: opt(z.string()),
  personId: opt(z.string()),
  email: opt(z.string()),
  licenses: opt(strings),
});
export type UserLicenses = z.infer<typeof UserLicensesSchema>;

export interface LicenseOperation {
  id: string;
  operation: "add" | "remove";
  /** Calling licenses: locationId, phoneNumber / extension. */
  properties?: Record<string, string>;
}

/** GET …/jobs/sendActivationEmails/{jobId}/status (and the POST's 202 answer). */
export const ActivationJobSchema = z.looseObject({
  id: z.string(),
  trackingId: opt(z.string()),
  latestExecutionStatus: opt(z.string()),
  /** UNKNOWN while running; COMPLETED, COMPLETED_WITH_ERRORS, FAILED, STOPPED at the end. */
  latestExecutionExitCode: opt(z.string()),
  counts: opt(
    z.looseObject({
      userResendInviteSent: opt(z.number()),
      userResendInviteFailed: opt(z.number()),
      userResendInviteSkipped: opt(z.number()),
      totalUsers: opt(z.number()),
    }),
  ),
});
export type ActivationJob = z.infer<typeof ActivationJobSchema>;

export const ActivationJobErrorsSchema = z.looseObject({
  items: z.array(
    z.looseObject({
      itemNumber: opt(z.number()),
      trackingId: opt(z.string()),
      error: opt(
        z.looseObject({
          key: opt(z.string()),
          message: opt(z.array(z.looseObject({ description: opt(z.string()), code: opt(z.string()) }))),
        }),
      ),
    }),
  ),
});
export type ActivationJobError = z.infer<typeof ActivationJobErrorsSchema>["items"][number];

export function listEnvelope<T extends z.ZodType>(item: T) {
  return z.looseObject({
    items: z.array(item),
    notFoundIds: opt(strings),
  });
}

// Validating a page of 100 people with zod costs more than the rest of GET /api/people together (measured: about
// 3 ms of 125 KB). Almost every person Webex sends is already in the exact shape zod would output (no nulls, real
// booleans), and then zod's output equals its input. This check proves that cheaply, field by field, and hands the
// input through; anything else (a null, a "true" string, a wrong type) goes through zod as before.
// lib/server/webex/models.test.ts checks on random input that whatever passes here zod accepts and returns unchanged.
const PERSON_STRINGS = ["extension", "locationId", "displayName", "nickName", "firstName", "lastName", "avatar", "orgId", "department", "manager", "managerId", "title", "created", "lastModified", "timezone", "lastActivity", "xmppFederationJid", "status", "type"] as const;
const PERSON_STRING_ARRAYS = ["emails", "roles", "licenses", "siteUrls"] as const;
const PERSON_BOOLEANS = ["invitePending", "loginEnabled"] as const;
const VALUE_STRINGS = ["type", "value"] as const;
const ADDRESS_STRINGS = ["type", "country", "locality", "region", "streetAddress", "postalCode"] as const;

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
const absentOr = (v: unknown, ok: (x: unknown) => boolean) => v === undefined || ok(v);
const isString = (v: unknown) => typeof v === "string";
const isStringArray = (v: unknown) => Array.isArray(v) && v.every(isString);
const isBoolean = (v: unknown) => typeof v === "boolean";

function canonicalObject(v: unknown, strings: readonly string[], booleans: readonly string[]): boolean {
  if (!isRecord(v)) return false;
  for (const k of strings) if (!absentOr(v[k], isString)) return false;
  for (const k of booleans) if (!absentOr(v[k], isBoolean)) return false;
  return true;
}
const canonicalList = (v: unknown, item: (x: unknown) => boolean) => v === undefined || (Array.isArray(v) && v.every(item));

/** True when PersonSchema would return `v` unchanged. */
export function isCanonicalPerson(v: unknown): v is Person {
  if (!isRecord(v) || typeof v.id !== "string") return false;
  if (!canonicalObject(v, PERSON_STRINGS, PERSON_BOOLEANS)) return false;
  for (const k of PERSON_STRING_ARRAYS) if (!absentOr(v[k], isStringArray)) return false;
  return (
    canonicalList(v.phoneNumbers, (x) => canonicalObject(x, VALUE_STRINGS, ["primary"])) &&
    canonicalList(v.sipAddresses, (x) => canonicalObject(x, VALUE_STRINGS, ["primary"])) &&
    canonicalList(v.addresses, (x) => canonicalObject(x, ADDRESS_STRINGS, []))
  );
}

/** `schema`, except that input `canonical` accepts is returned as it is without running zod. */
function withFastPath<S extends z.ZodType>(schema: S, canonical: (v: unknown) => boolean): S {
  const fast = Object.create(schema) as S;
  const slow = schema.safeParse.bind(schema);
  const safeParse: typeof slow = (data, params) => (canonical(data) ? { success: true, data: data as z.output<S> } : slow(data, params));
  Object.defineProperty(fast, "safeParse", { value: safeParse });
  return fast;
}

export const FastPersonSchema = withFastPath(PersonSchema, isCanonicalPerson);
export const PeopleListSchema = withFastPath(listEnvelope(PersonSchema), (v) => {
  if (!isRecord(v) || !Array.isArray(v.items) || !v.items.every(isCanonicalPerson)) return false;
  // Webex sends `"notFoundIds": null` on every list that is not by id: read as absent, as zod would.
  if (v.notFoundIds === null) {
    delete v.notFoundIds;
    return true;
  }
  return absentOr(v.notFoundIds, isStringArray);
});
export const LicenseListSchema = listEnvelope(LicenseSchema);
export const RoleListSchema = listEnvelope(RoleSchema);
export const OrganizationListSchema = listEnvelope(OrganizationSchema);
export const LocationListSchema = listEnvelope(LocationSchema);

/** One event of Webex's admin audit log (GET /adminAudit/events); everything but the id is optional to us. */
export const AdminAuditEventSchema = z.looseObject({
  id: z.string(),
  actorId: z.string().optional(),
  actorOrgId: z.string().optional(),
  created: z.string(),
  data: z
    .looseObject({
      actorName: z.string().optional(),
      actorEmail: z.string().optional(),
      targetId: z.string().optional(),
      targetName: z.string().optional(),
      targetType: z.string().optional(),
      eventCategory: z.string().optional(),
      eventDescription: z.string().optional(),
      actionText: z.string().optional(),
      trackingId: z.string().optional(),
    })
    .optional(),
});
export type AdminAuditEvent = z.infer<typeof AdminAuditEventSchema>;
export const AdminAuditEventListSchema = z.looseObject({ items: z.array(AdminAuditEventSchema) });
