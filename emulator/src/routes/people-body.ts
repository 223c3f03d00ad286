import { z } from "zod";

// Request bodies of POST/PUT /v1/people. Strict: an unknown field is a 400 that names it, which
// catches typos such as "licences" that Webex would silently drop.
const phoneNumber = z.strictObject({
  type: z.enum(["work", "mobile", "fax", "work_extension"]),
  value: z.string().min(1).max(64),
  primary: z.boolean().optional(),
});

const address = z.strictObject({
  type: z.string().optional(),
  country: z.string().optional(),
  locality: z.string().optional(),
  region: z.string().optional(),
  streetAddress: z.string().optional(),
  postalCode: z.string().optional(),
});

const email = z.string().regex(/^[^\s@]+@[^\s@]+\.[^\s@]+$/, "must be an email address").max(320);
const text = z.string().max(1024);

const writable = {
  emails: z.array(email).min(1).max(5),
  phoneNumbers: z.array(phoneNumber).max(10).optional(),
  extension: z.string().regex(/^\d{2,10}$/, "must be 2-10 digits").optional(),
  locationId: z.string().optional(),
  displayName: text.optional(),
  firstName: text.optional(),
  lastName: text.optional(),
  avatar: z.string().max(2048).optional(),
  orgId: z.string().optional(),
  roles: z.array(z.string()).max(20).optional(),
  licenses: z.array(z.string()).max(50).optional(),
  department: text.optional(),
  manager: text.optional(),
  managerId: z.string().optional(),
  title: text.optional(),
  addresses: z.array(address).max(5).optional(),
  siteUrls: z.array(z.string()).max(50).optional(),
};

export const createPersonSchema = z.strictObject(writable);

// A PUT body is usually the GET result with changes, so read-only Person fields are accepted and ignored.
export const updatePersonSchema = z.strictObject({
  ...writable,
  emails: writable.emails.optional(),
  displayName: text,
  nickName: text.optional(),
  loginEnabled: z.boolean().optional(),
  id: z.string().optional(),
  created: z.string().optional(),
  lastModified: z.string().optional(),
  lastActivity: z.string().optional(),
  timezone: z.string().optional(),
  status: z.string().optional(),
  invitePending: z.boolean().optional(),
  sipAddresses: z.array(z.unknown()).optional(),
  xmppFederationJid: z.string().optional(),
  type: z.string().optional(),
});

export const patchLicensesSchema = z.strictObject({
  email: z.string().optional(),
  personId: z.string().optional(),
  orgId: z.string().optional(),
  licenses: z
    .array(
      z.strictObject({
        id: z.string(),
        operation: z.enum(["add", "remove"]).optional(),
        properties: z
          .strictObject({ locationId: z.string().optional(), phoneNumber: z.string().optional(), extension: z.string().optional() })
          .optional(),
      }),
    )
    .max(50)
    .optional(),
  siteUrls: z
    .array(z.strictObject({ siteUrl: z.string(), accountType: z.literal("attendee"), operation: z.enum(["add", "remove"]).optional() }))
    .max(50)
    .optional(),
});
