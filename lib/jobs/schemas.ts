import { z } from "zod";
import { directoryFilterSchema } from "@/lib/directory/schemas";
import { ROW_OUTCOMES } from "@/lib/import/plan";
import { webexIdSchema } from "@/lib/people/schemas";
import { safeEmail, safeString } from "@/lib/safe-string";
import { BULK_ACTIONS, ITEM_STATES, needsLicense, needsRole } from "./kinds";

/** The most people one bulk job may name explicitly (a selection); "all matching" walks the org instead. */
export const MAX_SELECTION = 5_000;
/** The most people one job may hold (Control Hub's CSV limit). */
export const MAX_JOB_ITEMS = 20_000;

const text = (max: number) => safeString().trim().min(1, "Must not be empty").max(max, `At most ${max} characters`);

/** The people grid's filters, as GET /api/people takes them: "all matching" means these, walked server-side. */
export const peopleFilterSchema = z.strictObject({
  email: safeEmail().max(320).optional(),
  displayName: text(256).optional(),
  roles: z.array(webexIdSchema).max(20, "At most 20 roles").optional(),
  locationId: webexIdSchema.optional(),
});
export type PeopleFilter = z.infer<typeof peopleFilterSchema>;

export const jobTargetSchema = z.union([
  z.strictObject({
    personIds: z
      .array(webexIdSchema)
      .min(1, "Select at least one person")
      .max(MAX_SELECTION, `At most ${MAX_SELECTION.toLocaleString("en-US")} people in a selection; use "all matching" for more`),
  }),
  z.strictObject({ filter: peopleFilterSchema }),
]);
export type JobTarget = z.infer<typeof jobTargetSchema>;

/**
 * A bulk job's target: a selection, the grid's Webex filter, or everyone matching a filter of Roster's index
 * (issue 15): the index decides who at preview time and they are frozen into the job's items, as a selection is.
 */
export const previewTargetSchema = z.union([...jobTargetSchema.options, z.strictObject({ directory: directoryFilterSchema })]);
export type PreviewTarget = z.infer<typeof previewTargetSchema>;

/** POST /api/jobs/preview: what would happen, as a draft job that nothing has run yet. */
export const previewBodySchema = z
  .strictObject({
    action: z.enum(BULK_ACTIONS, "Unknown action"),
    licenseId: webexIdSchema.optional(),
    roleId: webexIdSchema.optional(),
    target: previewTargetSchema,
  })
  .superRefine((b, ctx) => {
    if (needsLicense(b.action) && !b.licenseId) ctx.addIssue({ code: "custom", path: ["licenseId"], message: "Choose a license" });
    if (needsRole(b.action) && !b.roleId) ctx.addIssue({ code: "custom", path: ["roleId"], message: "Choose an admin role" });
  });
export type PreviewBody = z.infer<typeof previewBodySchema>;

/** POST /api/jobs/{id}/start */
export const startBodySchema = z.strictObject({
  /** Delete only: the number of people, typed by the admin. */
  confirm: z.number().int().min(0).optional(),
  /** A license add that needs more units than the pool has: run only the people that fit. */
  onlyWhatFits: z.boolean().optional(),
});
export type StartBody = z.infer<typeof startBodySchema>;

export const JOB_COMMANDS = ["start", "pause", "resume", "cancel", "retry"] as const;
export type JobCommand = (typeof JOB_COMMANDS)[number];

/** GET /api/jobs/{id}/items */
export const itemsQuerySchema = z.strictObject({
  state: z.enum([...ITEM_STATES, "all"], "One of all, pending, running, done, failed, skipped").default("all"),
  /** CSV import: rows by what the preview decided. */
  outcome: z.enum(ROW_OUTCOMES, "One of create, update, unchanged, error").optional(),
  after: z.coerce.number("Must be a number").int().min(0).optional(),
  limit: z.coerce.number("Must be a number").int().min(1, "At least 1").max(500, "At most 500").default(100),
});

/** GET /api/jobs */
export const jobsQuerySchema = z.strictObject({
  active: z.enum(["1"]).optional(),
  limit: z.coerce.number("Must be a number").int().min(1).max(100).default(50),
});

export const jobIdSchema = z.uuid("Invalid job ID");

/** POST /api/reclaim: the reviewed people and licenses, run as one reclaim job. */
export const reclaimJobBodySchema = z.strictObject({
  items: z
    .array(z.strictObject({ personId: webexIdSchema, licenseIds: z.array(webexIdSchema).min(1, "Choose at least one license").max(50) }))
    .min(1, "Choose at least one person")
    .max(MAX_JOB_ITEMS, `At most ${MAX_JOB_ITEMS.toLocaleString("en-US")} people per reclaim`),
});
export type ReclaimJobBody = z.infer<typeof reclaimJobBodySchema>;
