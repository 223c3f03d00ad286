import { route } from "@/lib/server/api/handler";
import { rolesWithMembers } from "@/lib/server/licenses/roles";

/** Every admin role with its members (GET /people?roles=). GET /api/roles keeps its plain list. */
export const GET = route({ auth: "read" }, async ({ webex, user }) => ({ items: await rolesWithMembers(webex, user) }));
