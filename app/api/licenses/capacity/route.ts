import { z } from "zod";
import { route } from "@/lib/server/api/handler";
import { capacityView } from "@/lib/server/licenses/views";

const query = z.object({ fresh: z.enum(["1"]).optional() });

/**
 * Capacity per license (sorted by utilisation) and totals per subscription, from the org's shared license
 * catalogue (decision 012); `?fresh=1` (the dashboard's Refresh) asks Webex now. A fetch stores an hourly snapshot.
 */
export const GET = route({ auth: "read", query }, ({ webex, user, query }) => capacityView(webex, user, { fresh: query.fresh === "1" }));
