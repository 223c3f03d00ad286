import { personCreateBodySchema, peopleListQuerySchema } from "@/lib/people/schemas";
import { route } from "@/lib/server/api/handler";
import { createPerson, listPeoplePage } from "@/lib/server/api/people";

export const GET = route({ auth: "read", query: peopleListQuerySchema }, ({ webex, user, query }) =>
  listPeoplePage(webex, user, query),
);

export const POST = route({ auth: "write", body: personCreateBodySchema }, async ({ webex, body }) =>
  Response.json(await createPerson(webex, body), { status: 201 }),
);
