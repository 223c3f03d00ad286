import { changesCsvHeader, changesCsvRow } from "@/lib/directory/changes-csv";
import { changesQuerySchema } from "@/lib/directory/changes";
import { csvFileName } from "@/lib/csv";
import { route } from "@/lib/server/api/handler";
import { refreshWebexAudit } from "@/lib/server/audit/webex-audit";
import { iterateChanges } from "@/lib/server/directory/changes";
import { getDb } from "@/lib/server/db";

/** CSV of every feed row matching the filters (capped at 50,000 rows), streamed, attributed as on the page. */
export const GET = route({ auth: "read", query: changesQuerySchema }, async ({ user, query, webex }) => {
  const status = await refreshWebexAudit(user, webex, { readOnly: true });
  const includeWebex = status.state === "ok" || status.state === "stale";
  const db = await getDb();
  const encoder = new TextEncoder();
  const stream = new ReadableStream<Uint8Array>({
    async start(controller) {
      controller.enqueue(encoder.encode(changesCsvHeader()));
      for await (const batch of iterateChanges(db, user.orgId, { ...query, cursor: undefined }, { includeWebex })) {
        controller.enqueue(encoder.encode(batch.map(changesCsvRow).join("")));
      }
      controller.close();
    },
  });
  return new Response(stream, {
    headers: { "Content-Type": "text/csv; charset=utf-8", "Content-Disposition": `attachment; filename="roster-${csvFileName("changes")}"` },
  });
});
