import { z } from "zod";
import { resultsCsvHeader, resultsCsvRows } from "@/lib/jobs/results-csv";
import { jobIdSchema } from "@/lib/jobs/schemas";
import { route } from "@/lib/server/api/handler";
import { getDb } from "@/lib/server/db";
import { loadJob } from "@/lib/server/jobs/commands";
import { listItems } from "@/lib/server/jobs/store";
import { toItemView } from "@/lib/server/jobs/views";

const params = z.object({ id: jobIdSchema });

/** Every person of the job with their outcome, as CSV (streamed, 1,000 rows at a time). */
export const GET = route({ auth: "read", params }, async ({ user, params }) => {
  const db = await getDb();
  const job = await loadJob(db, user, params.id);
  const names = new Map<string, string>();
  if (job.params.licenseId && job.params.licenseName) names.set(job.params.licenseId, job.params.licenseName);
  if (job.params.roleId && job.params.roleName) names.set(job.params.roleId, job.params.roleName);
  for (const [id, name] of Object.entries(job.params.names ?? {})) names.set(id, name);
  const encoder = new TextEncoder();
  const stream = new ReadableStream<Uint8Array>({
    async start(controller) {
      controller.enqueue(encoder.encode(resultsCsvHeader(job.kind)));
      let after: number | undefined;
      for (;;) {
        const page = await listItems(db, job.id, { state: "all", after, limit: 1000 });
        if (!page.length) break;
        controller.enqueue(encoder.encode(resultsCsvRows(page.map(toItemView), names, job.kind)));
        after = page.at(-1)!.seq;
      }
      controller.close();
    },
  });
  return new Response(stream, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="roster-${job.kind === "import" ? (job.status === "draft" ? "import-plan" : "import") : "job"}-${job.createdAt.toISOString().slice(0, 10)}-${job.id.slice(0, 8)}.csv"`,
    },
  });
});
