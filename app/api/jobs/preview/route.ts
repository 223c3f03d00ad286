import { previewBodySchema } from "@/lib/jobs/schemas";
import { apiDeps } from "@/lib/server/api/deps";
import { jsonResponse } from "@/lib/server/api/errors";
import { route } from "@/lib/server/api/handler";
import { getDb } from "@/lib/server/db";
import { previewJob } from "@/lib/server/jobs/preview";

/** What a bulk action would do, person by person, as a draft job; nothing is written to Webex. */
export const POST = route({ auth: "write", body: previewBodySchema, maxBodyBytes: 512 * 1024, deadline: "long" }, async ({ webex, user, body }) => {
  const preview = await previewJob(await getDb(), webex, user, await apiDeps().sessionIdOf(user), body);
  return jsonResponse(preview, { status: 201 });
});
