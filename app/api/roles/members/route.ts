import type { RoleWithMembers } from "@/lib/licenses/api-types";
import { route } from "@/lib/server/api/handler";
import { rolesWithMembers } from "@/lib/server/licenses/roles";

/** Every admin role with its members (GET /people?roles=). GET /api/roles keeps its plain list. */
export const GET = route({ auth: "read" }, async ({ webex, user }): Promise<{ items: RoleWithMembers[] }> => ({ items: await rolesWithMembers(webex, user) }));
