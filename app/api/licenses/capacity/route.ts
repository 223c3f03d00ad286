import { route } from "@/lib/server/api/handler";
import { capacityView } from "@/lib/server/licenses/views";

/** Capacity per license (sorted by utilisation) and totals per subscription; stores an hourly snapshot. */
export const GET = route({ auth: "read" }, ({ webex }) => capacityView(webex));
