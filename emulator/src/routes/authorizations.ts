import { createHash } from "node:crypto";
import { requireAdmin } from "../auth";
import { encodeId } from "../ids";
import { ApiError, type Reply } from "../http";
import { callerOf, type Ctx } from "../state";

// GET/DELETE /v1/authorizations: the grants (access and refresh tokens) a person holds per app.
// IDs are derived from the token so they stay stable without exposing it.
const authId = (token: string) => encodeId("AUTHORIZATION", createHash("sha256").update(token).digest("hex").slice(0, 32));

export function listAuthorizations(ctx: Ctx): Reply {
  const caller = callerOf(ctx);
  const { store, tokens } = ctx.state;
  const q = ctx.url.searchParams;
  const personId = q.get("personId");
  const email = q.get("personEmail");
  if (!personId && !email) throw new ApiError(400, "Either personId or personEmail is required.");
  const person = personId ? store.person(personId) : store.personByEmail(email ?? "");
  if (!person) throw new ApiError(404, "Person not found.");
  if (person !== caller.person) requireAdmin(caller, "list other people's authorizations");
  const items: Record<string, unknown>[] = [];
  for (const [kind, map] of [["access", tokens.access], ["refresh", tokens.refresh]] as const) {
    for (const [token, value] of map) {
      if (value.personId !== person.id) continue;
      items.push({
        id: authId(token),
        applicationId: encodeId("APPLICATION", value.clientId),
        applicationName: value.clientId,
        personId: person.id,
        clientId: value.clientId,
        created: new Date(value.created).toISOString(),
        type: kind,
      });
    }
  }
  return { status: 200, body: { items } };
}

export function deleteAuthorizations(ctx: Ctx): Reply {
  const caller = callerOf(ctx);
  const clientId = ctx.url.searchParams.get("clientId");
  if (!clientId) throw new ApiError(400, "clientId is required.");
  ctx.state.tokens.revokeClient(caller.person.id, clientId);
  return { status: 204 };
}
