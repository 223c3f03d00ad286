import { z } from "zod";
import { personPatchBodySchema, webexIdSchema } from "@/lib/people/schemas";
import { route } from "@/lib/server/api/handler";
import { patchPerson } from "@/lib/server/api/people";

const params = z.object({ id: webexIdSchema });

export const GET = route({ auth: "read", params }, ({ webex, params }) => webex.getPerson(params.id));

export const PATCH = route({ auth: "write", params, body: personPatchBodySchema }, ({ webex, params, body }) =>
  patchPerson(webex, params.id, body),
);

export const DELETE = route({ auth: "write", params }, async ({ webex, params }) => {
  await webex.deletePerson(params.id);
  return null;
});
