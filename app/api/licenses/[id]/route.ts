import { z } from "zod";
import { webexIdSchema } from "@/lib/people/schemas";
import { ApiError } from "@/lib/server/api/errors";
import { route } from "@/lib/server/api/handler";
import { licenseDetailView } from "@/lib/server/licenses/views";

const params = z.object({ id: webexIdSchema });

/** One license's capacity, its stored history (90 days) and the run-out forecast. */
export const GET = route({ auth: "read", params }, async ({ webex, user, params }) => {
  const view = await licenseDetailView(webex, user, params.id);
  if (!view) throw new ApiError(404, "No such license in your organization");
  return view;
});
