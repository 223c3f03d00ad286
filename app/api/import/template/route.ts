import { csvFileName } from "@/lib/csv";
import { route } from "@/lib/server/api/handler";
import { templateCsv } from "@/lib/server/import/export";

/** The import template: this organization's columns (fields, each license, each admin role), no rows. */
export const GET = route({ auth: "read" }, async ({ webex }) => {
  return new Response(await templateCsv(webex), {
    headers: { "Content-Type": "text/csv; charset=utf-8", "Content-Disposition": `attachment; filename="${csvFileName("roster-import-template")}"` },
  });
});
