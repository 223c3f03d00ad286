import { route } from "@/lib/server/api/handler";
import { referenceRoles } from "@/lib/server/reference";

/** The org's roles, shared by its admins for a short time (decision 012). */
export const GET = route({ auth: "read" }, async ({ user, webex }) => ({ items: await referenceRoles(user, webex) }));
