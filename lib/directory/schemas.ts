import { z } from "zod";
import { webexIdSchema } from "@/lib/people/schemas";
import { safeString } from "@/lib/safe-string";
import type { DirectoryFilter } from "./filter";

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
