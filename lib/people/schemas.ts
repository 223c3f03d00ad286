import { z } from "zod";
import { safeEmail, safeString } from "@/lib/safe-string";
import { PEOPLE_MAX_PAGE, PEOPLE_MAX_PAGE_WITH_LOCATION, WEBEX_ID } from "./formats";

export { PEOPLE_MAX_PAGE, PEOPLE_MAX_PAGE_WITH_LOCATION };

// Shared by the browser (forms) and the route handlers: the same limits on both sides, so a value the
// form accepts is never refused by the API with a less helpful message.

/** Webex IDs are unpadded base64url; real ones are ~60–120 characters (formats.ts: the browser's plain check). */
export const webexIdSchema = z
  .string()
  .min(WEBEX_ID.min, "Invalid ID")
  .max(WEBEX_ID.max, "Invalid ID")
  .regex(WEBEX_ID.pattern, "Invalid ID");

/** Single-line text: control characters and lone surrogates are refused (lib/safe-text.ts), then trimmed. */
const text = (max = 256) => safeString().trim().max(max, `At most ${max} characters`);

/** A comma list in a query string ("a,b,c") parsed into a validated array. */
function commaList(item: z.ZodString, maxItems: number) {
  return z
    .string()
    .transform((s) =>
      s
        .split(",")
        .map((v) => v.trim())
        .filter((v) => v.length > 0),
    )
    .pipe(z.array(item).min(1, "At least one value").max(maxItems, `At most ${maxItems} values`));
}

export const peopleListQuerySchema = z
  .object({
    email: safeEmail().max(320).optional(),
    displayName: text().min(1, "Must not be empty").optional(),
    roles: commaList(webexIdSchema, 20).optional(),
    locationId: webexIdSchema.optional(),
    max: z.coerce
      .number("Must be a number")
      .int("Must be a whole number")
      .min(1, "At least 1")
      .max(PEOPLE_MAX_PAGE, `At most ${PEOPLE_MAX_PAGE}`)
      .optional(),
    cursor: safeString().min(1).max(4096, "Invalid cursor").optional(),
  })
  .superRefine((q, ctx) => {
    if (q.locationId !== undefined && q.max !== undefined && q.max > PEOPLE_MAX_PAGE_WITH_LOCATION) {
      ctx.addIssue({
        code: "custom",
        path: ["max"],
        message: `At most ${PEOPLE_MAX_PAGE_WITH_LOCATION} when filtering by location`,
      });
    }
  });
export type PeopleListQuery = z.infer<typeof peopleListQuerySchema>;

export const phoneNumberSchema = z.strictObject({
  type: z.enum(["work", "mobile", "fax", "work_extension"]),
  value: text(64).min(1, "Must not be empty"),
  primary: z.boolean().optional(),
});

export const addressSchema = z.strictObject({
  type: text(64).optional(),
  country: text(64).optional(),
  locality: text(128).optional(),
  region: text(128).optional(),
  streetAddress: text(512).optional(),
  postalCode: text(32).optional(),
});

const emailsSchema = z.array(safeEmail().max(320)).min(1, "An email is required").max(1, "Only one email");

/** Fields an admin may set on a person (PUT/POST). Read-only system fields are not here on purpose. */
const writableShape = {
  emails: emailsSchema,
  phoneNumbers: z.array(phoneNumberSchema).max(20),
  extension: text(32),
  locationId: webexIdSchema,
  displayName: text().min(1, "Must not be empty"),
  firstName: text(),
  lastName: text(),
  avatar: safeString().max(2048).pipe(z.url("Invalid URL")),
  roles: z.array(webexIdSchema).max(50),
  licenses: z.array(webexIdSchema).max(200),
  department: text(),
  manager: text(),
  managerId: webexIdSchema,
  title: text(),
  addresses: z.array(addressSchema).max(10),
  siteUrls: z.array(text(512)).max(50),
  loginEnabled: z.boolean(),
};
export type WritablePersonField = keyof typeof writableShape;
export const WRITABLE_PERSON_FIELDS = Object.keys(writableShape) as WritablePersonField[];

/** Fields that may be cleared with `null` in a PATCH (full-replacement PUT clears what is omitted). */
const CLEARABLE = [
  "extension",
  "locationId",
  "firstName",
  "lastName",
  "avatar",
  "department",
  "manager",
  "managerId",
  "title",
] as const;

export const personChangesSchema = z
  .strictObject({
    emails: writableShape.emails.optional(),
    phoneNumbers: writableShape.phoneNumbers.optional(),
    extension: writableShape.extension.nullable().optional(),
    locationId: writableShape.locationId.nullable().optional(),
    displayName: writableShape.displayName.optional(),
    firstName: writableShape.firstName.nullable().optional(),
    lastName: writableShape.lastName.nullable().optional(),
    avatar: writableShape.avatar.nullable().optional(),
    roles: writableShape.roles.optional(),
    licenses: writableShape.licenses.optional(),
    department: writableShape.department.nullable().optional(),
    manager: writableShape.manager.nullable().optional(),
    managerId: writableShape.managerId.nullable().optional(),
    title: writableShape.title.nullable().optional(),
    addresses: writableShape.addresses.optional(),
    siteUrls: writableShape.siteUrls.optional(),
    loginEnabled: writableShape.loginEnabled.optional(),
  })
  .refine((c) => Object.keys(c).length > 0, { message: "No changes" });
export type PersonChanges = z.infer<typeof personChangesSchema>;
export const CLEARABLE_PERSON_FIELDS: readonly string[] = CLEARABLE;

/** A value copied from Webex: any string Webex holds (not trimmed, so it compares exactly), bounded in size. */
const webexText = z.string().max(4096, "At most 4,096 characters");
/** A phone number or address as Webex returned it: flat, with keys Webex may add over time. */
const webexFlatObject = z
  .record(z.string().max(64), z.union([webexText, z.number(), z.boolean(), z.null()]))
  .refine((o) => Object.keys(o).length <= 20, "At most 20 keys");
const webexList = (item: z.ZodType, max: number) => z.array(item).max(max, `At most ${max} values`);

/**
 * The admin's starting values of the fields they changed, per field the same shape as `changes` (a value, a list of
 * IDs, flat phone-number and address objects), bounded the same way; `null` = not set. The values came from Webex,
 * so their text is taken as Webex holds it: not trimmed (a trimmed copy would differ from Webex's value and raise a
 * false conflict) and not refused for control characters (a name Webex stored with one must stay fixable here).
 */
const originalShape = {
  emails: webexList(webexText, 20),
  phoneNumbers: webexList(webexFlatObject, 20),
  extension: webexText,
  locationId: webexText,
  displayName: webexText,
  firstName: webexText,
  lastName: webexText,
  avatar: webexText,
  roles: webexList(webexText, 200),
  licenses: webexList(webexText, 1000),
  department: webexText,
  manager: webexText,
  managerId: webexText,
  title: webexText,
  addresses: webexList(webexFlatObject, 20),
  siteUrls: webexList(webexText, 200),
  loginEnabled: z.boolean(),
} satisfies Record<WritablePersonField, z.ZodType>;

export const personOriginalSchema = z.strictObject(
  Object.fromEntries(Object.entries(originalShape).map(([k, v]) => [k, v.nullable().optional()])) as {
    [K in WritablePersonField]: z.ZodOptional<z.ZodNullable<(typeof originalShape)[K]>>;
  },
);
export type PersonOriginal = z.infer<typeof personOriginalSchema>;

export const personPatchBodySchema = z.strictObject({
  changes: personChangesSchema,
  /** What the admin started from, per changed field: a field changed in Webex since is a conflict (409). */
  original: personOriginalSchema.optional(),
  lastModified: z.iso.datetime({ offset: true, message: "Invalid timestamp" }).optional(),
});

export const personCreateBodySchema = z
  .strictObject({
    emails: writableShape.emails,
    phoneNumbers: writableShape.phoneNumbers.optional(),
    extension: writableShape.extension.optional(),
    locationId: writableShape.locationId.optional(),
    displayName: writableShape.displayName.optional(),
    firstName: writableShape.firstName.optional(),
    lastName: writableShape.lastName.optional(),
    avatar: writableShape.avatar.optional(),
    roles: writableShape.roles.optional(),
    licenses: writableShape.licenses.optional(),
    department: writableShape.department.optional(),
    manager: writableShape.manager.optional(),
    managerId: writableShape.managerId.optional(),
    title: writableShape.title.optional(),
    addresses: writableShape.addresses.optional(),
    siteUrls: writableShape.siteUrls.optional(),
  })
  .superRefine((b, ctx) => {
    if (!b.displayName && !b.firstName && !b.lastName) {
      ctx.addIssue({
        code: "custom",
        path: ["displayName"],
        message: "Give a display name, first name or last name",
      });
    }
  });
export type PersonCreateBody = z.infer<typeof personCreateBodySchema>;

// ---- Forms (react-hook-form): the same field rules as the API, with empty strings meaning "not set". ----

const optionalText = (max = 256) => safeString().trim().max(max, `At most ${max} characters`);
const optionalId = z.union([z.literal(""), webexIdSchema]);

export const personFormSchema = z.object({
  displayName: writableShape.displayName.min(1, "A display name is required"),
  firstName: optionalText(),
  lastName: optionalText(),
  department: optionalText(),
  title: optionalText(),
  manager: optionalText(),
  managerId: optionalId,
  extension: z.union([z.literal(""), safeString().trim().regex(/^\d{2,10}$/, "2 to 10 digits")]),
  locationId: optionalId,
  phoneNumbers: z.array(phoneNumberSchema).max(20, "At most 20 numbers"),
  addresses: z.array(addressSchema).max(10, "At most 10 addresses"),
  licenses: writableShape.licenses,
  roles: writableShape.roles,
  loginEnabled: z.boolean(),
});
export type PersonFormValues = z.infer<typeof personFormSchema>;

export const onboardingFormSchema = personFormSchema
  .omit({ loginEnabled: true, displayName: true })
  .extend({
    email: safeString().trim().min(1, "An email is required").max(320, "At most 320 characters").pipe(z.email("Enter a valid email address, like name@example.com")),
    displayName: optionalText(),
  })
  .superRefine((v, ctx) => {
    if (!v.displayName && !v.firstName && !v.lastName) {
      ctx.addIssue({ code: "custom", path: ["displayName"], message: "Give a display name, or a first or last name" });
    }
  });
export type OnboardingFormValues = z.infer<typeof onboardingFormSchema>;
