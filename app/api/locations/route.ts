import { route } from "@/lib/server/api/handler";

export const GET = route({ auth: "read" }, async ({ webex }) => ({ items: await webex.listLocations() }));
