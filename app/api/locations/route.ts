import { route } from "@/lib/server/api/handler";
import { referenceLocations } from "@/lib/server/reference";

/** The org's locations, shared by its admins for a short time (decision 012). */
export const GET = route({ auth: "read" }, async ({ user, webex }) => ({ items: await referenceLocations(user, webex) }));
