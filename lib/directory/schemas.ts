import { z } from "zod";
import { webexIdSchema } from "@/lib/people/schemas";
import { safeString } from "@/lib/safe-string";
import { SORT_KEYS, type SortKey } from "./facets";
import type { DirectoryFilter } from "./filter";
import { parseDirectoryFilter } from "./filter-url";

/** A DirectoryFilter in a JSON body (bulk jobs on "all N matching", saved views' checks); missing facets are empty. */
export const directoryFilterSchema = z.object({
  status: z.array(safeString().trim().max(40)).max(20).default([]),
  hasLicenses: z.array(webexIdSchema).max(20).default([]),
  lacksLicenses: z.array(webexIdSchema).max(20).default([]),
  noLicense: z.boolean().default(false),
  admin: z.boolean().nullable().default(null),
  roles: z.array(webexIdSchema).max(20).default([]),
  departments: z.array(safeString().trim().max(256)).max(50).default([]),
  locations: z.array(z.union([webexIdSchema, z.literal("")])).max(50).default([]),
  invitePending: z.boolean().nullable().default(null),
  signInDisabled: z.boolean().nullable().default(null),
  inactiveDays: z.number().int().min(1).max(3650).nullable().default(null),
}) satisfies z.ZodType<DirectoryFilter, unknown>;

/** GET /api/digest: one UTC day's digest, as Markdown (default) or CSV. */
export const digestQuerySchema = z.strictObject({
  date: z.iso.date("A day as YYYY-MM-DD"),
  format: z.enum(["md", "csv"], "md or csv").default("md"),
});
// GET /api/directory/people: the filter in its URL form (./filter-url.ts), the search text, the org-wide sort and a
// page by offset. Every list item must be readable: a value parseDirectoryFilter would drop is refused (400).
const LIST_KEYS = { status: 20, has: 20, lacks: 20, roles: 20, dept: 50, loc: 50 } as const;

export const directoryPeopleQuerySchema = z
  .object({
    status: safeString().max(1000).optional(),
    has: safeString().max(12_000).optional(),
    lacks: safeString().max(12_000).optional(),
    nolicense: z.enum(["1"]).optional(),
    admin: z.enum(["yes", "no"]).optional(),
    roles: safeString().max(12_000).optional(),
    dept: safeString().max(40_000).optional(),
    loc: safeString().max(30_000).optional(),
    pending: z.enum(["yes", "no"]).optional(),
    signin: z.enum(["disabled", "enabled"]).optional(),
    inactive: z.coerce.number("Must be a number").int("Must be a whole number").min(1, "At least 1").max(3650, "At most 3650").optional(),
    q: safeString().trim().max(256, "At most 256 characters").optional(),
    sort: z
      .string()
      .regex(new RegExp(`^-?(${SORT_KEYS.join("|")})$`), `One of ${SORT_KEYS.join(", ")} (a leading - sorts descending)`)
      .optional(),
    offset: z.coerce.number("Must be a number").int("Must be a whole number").min(0, "At least 0").max(10_000_000).default(0),
    limit: z.coerce.number("Must be a number").int("Must be a whole number").min(1, "At least 1").max(1000, "At most 1000").default(100),
  })
  .superRefine((q, ctx) => {
    for (const [key, max] of Object.entries(LIST_KEYS) as [keyof typeof LIST_KEYS, number][]) {
      const raw = q[key];
      if (raw === undefined) continue;
      const items = raw.split(",").map((s) => s.trim()).filter(Boolean);
      const parsed = parseDirectoryFilter({ [key]: raw });
      const got = { status: parsed.status, has: parsed.hasLicenses, lacks: parsed.lacksLicenses, roles: parsed.roles, dept: parsed.departments, loc: parsed.locations }[key];
      if (!items.length || items.length > max || got.length !== new Set(items).size) {
        ctx.addIssue({ code: "custom", path: [key], message: items.length > max ? `At most ${max} values` : "Invalid value" });
      }
    }
  })
  .transform(({ offset, limit, q, sort, ...rest }) => ({
    filter: parseDirectoryFilter(Object.fromEntries(Object.entries(rest).map(([k, v]) => [k, v === undefined ? undefined : String(v)]))),
    q: q ?? "",
    sort: sort ? { key: sort.replace(/^-/, "") as SortKey, desc: sort.startsWith("-") } : null,
    offset,
    limit,
  }));
export type DirectoryPeopleQuery = z.infer<typeof directoryPeopleQuerySchema>;
