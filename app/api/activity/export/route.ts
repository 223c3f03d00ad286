import { auditCsvHeader, auditCsvRow } from "@/lib/people/audit-csv";
import { auditQuerySchema } from "@/lib/people/audit-types";
import { route } from "@/lib/server/api/handler";
import { iterateAudit } from "@/lib/server/audit/audit";
import { refreshWebexAudit } from "@/lib/server/audit/webex-audit";

/** CSV of every event matching the filters (capped at 50,000 rows), streamed; Webex's events included as on the page. */
export const GET = route({ auth: "read", query: auditQuerySchema }, async ({ user, query, webex }) => {
  const webexStatus = await refreshWebexAudit(user, webex, { readOnly: true });
  const includeWebex = webexStatus.state === "ok" || webexStatus.state === "stale";
  const encoder = new TextEncoder();
  const stream = new ReadableStream<Uint8Array>({
    async start(controller) {
      controller.enqueue(encoder.encode(auditCsvHeader()));
      for await (const batch of iterateAudit(user.orgId, { ...query, cursor: undefined }, { includeWebex })) {
        controller.enqueue(encoder.encode(batch.map(auditCsvRow).join("")));
      }
      controller.close();
    },
  });
  const day = new Date().toISOString().slice(0, 10);
  return new Response(stream, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="roster-activity-${day}.csv"`,
    },
  });
});
