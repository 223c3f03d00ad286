import { z } from "zod";
import { csvFileName } from "@/lib/csv";
import { jobTargetSchema } from "@/lib/jobs/schemas";
import { route } from "@/lib/server/api/handler";
import { exportPeopleCsv } from "@/lib/server/import/export";

const body = z.strictObject({ target: jobTargetSchema.optional() });

/**
 * People as CSV in the import template's format: a selection (`personIds`), everyone matching the grid's
 * filter, or (no target) the whole organization. A POST because a selection can be thousands of IDs.
 */
export const POST = route({ auth: "read", body, bodyOptional: true, maxBodyBytes: 512 * 1024, deadline: "long" }, async ({ webex, body }) => {
  const out = await exportPeopleCsv(webex, body.target ?? { filter: {} });
  return new Response(out.csv, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${csvFileName("people")}"`,
      "X-Roster-People": String(out.people),
      "X-Roster-Webex-Calls": String(out.calls),
    },
  });
});
