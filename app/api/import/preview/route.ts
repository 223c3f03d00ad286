import { z } from "zod";
import { MAX_IMPORT_BYTES } from "@/lib/import/parse";
import { safeString } from "@/lib/safe-string";
import { apiDeps } from "@/lib/server/api/deps";
import { readBodyBytes } from "@/lib/server/api/body";
import { jsonResponse } from "@/lib/server/api/errors";
import { route } from "@/lib/server/api/handler";
import { getDb } from "@/lib/server/db";
import { previewImport } from "@/lib/server/import/preview";

const query = z.strictObject({ name: safeString().max(1000).optional() });

/**
 * The plan of a CSV file (sent as the request body, as it is on disk), as a draft import job: what each row would
 * do to the organization. Nothing is written to Webex; POST /api/jobs/{id}/start runs it.
 */
export const POST = route({ auth: "write", query, deadline: "long" }, async ({ req, webex, user, query }) => {
  const bytes = await readBodyBytes(req, MAX_IMPORT_BYTES, "The file is larger than 10 MB (Webex's limit for one import, with 20,000 rows). Split it into smaller files.");
  const preview = await previewImport(await getDb(), webex, user, await apiDeps().sessionIdOf(user), bytes, query.name ?? null);
  return jsonResponse(preview, { status: 201 });
});
