import { personCreateBodySchema, peopleListQuerySchema } from "@/lib/people/schemas";
import { jsonResponse } from "@/lib/server/api/errors";
import { route } from "@/lib/server/api/handler";
import { createPerson, listPeoplePage } from "@/lib/server/api/people";
import { DuplicateEmailError } from "@/lib/server/people/create-person";

export const GET = route({ auth: "read", query: peopleListQuerySchema }, ({ webex, user, query }) =>
  listPeoplePage(webex, user, query),
);

export const POST = route({ auth: "write", body: personCreateBodySchema }, async ({ webex, user, body }) => {
  try {
    return jsonResponse(await createPerson(webex, user, body), { status: 201 });
  } catch (err) {
    if (!(err instanceof DuplicateEmailError)) throw err;
    return jsonResponse(
      { error: { status: 409, message: err.message, code: "DuplicateEmail", fields: err.fields, existingId: err.existingId } },
      { status: 409 },
    );
  }
});
