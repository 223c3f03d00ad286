import { route } from "@/lib/server/api/handler";
import { overviewData } from "@/lib/server/licenses/overview";

export const GET = route({ auth: "read" }, ({ webex, user }) => overviewData(webex, user));
