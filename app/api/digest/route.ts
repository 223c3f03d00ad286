import { digestCsv, digestMarkdown } from "@/lib/directory/digest";
import { digestQuerySchema } from "@/lib/directory/schemas";
import { route } from "@/lib/server/api/handler";
import { getDb } from "@/lib/server/db";
import { readDigest } from "@/lib/server/directory/digest";

/**
 * The daily digest as a file (issue 15): one UTC day's changes seen by the directory sync and the license pools
 * whose capacity level changed, as Markdown (default) or CSV. Any administrator; read from Roster's database only.
 */
export const GET = route({ auth: "read", query: digestQuerySchema }, async ({ user, query }) => {
  const digest = await readDigest(await getDb(), user.orgId, query.date);
  const csv = query.format === "csv";
  return new Response(csv ? digestCsv(digest) : digestMarkdown(digest), {
    headers: {
      "Content-Type": csv ? "text/csv; charset=utf-8" : "text/markdown; charset=utf-8",
      "Content-Disposition": `attachment; filename="roster-digest-${query.date}.${csv ? "csv" : "md"}"`,
    },
  });
});
