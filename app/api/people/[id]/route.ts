import { z } from "zod";
import type { EditResult } from "@/lib/people/api-types";
import { personPatchBodySchema, webexIdSchema } from "@/lib/people/schemas";
import { jsonResponse, toErrorResponse } from "@/lib/server/api/errors";
import { route } from "@/lib/server/api/handler";
import { ALREADY_DELETED_NOTE, deletePersonAudited } from "@/lib/server/people/delete-person";
import { LicensesRefusedError } from "@/lib/server/people/license-update";
import type { Person } from "@/lib/server/webex/models";
import { PersonConflictError, UpdateFailedError, safeUpdatePerson } from "@/lib/server/people/safe-update";

const params = z.object({ id: webexIdSchema });

// callingData: extension, location and work_extension numbers are part of what the admin sees and edits.
export const GET = route({ auth: "read", params }, ({ webex, params }) => webex.getPerson(params.id, { callingData: true }));

export const PATCH = route({ auth: "write", params, body: personPatchBodySchema }, async ({ req, webex, user, params, body }) => {
  try {
    const result: EditResult<Person> = await safeUpdatePerson(webex, user, params.id, body);
    return result;
  } catch (err) {
    if (err instanceof PersonConflictError) {
      return jsonResponse(
        { error: { status: 409, message: err.message, code: "Conflict", conflicts: err.conflicts }, person: err.current },
        { status: 409 },
      );
    }
    if (err instanceof LicensesRefusedError) {
      // Webex refused every license change (nothing changed): each one by name, with why.
      return jsonResponse(
        { error: { status: 400, message: err.message, code: "LicensesRefused", trackingId: err.trackingId, fields: err.fields }, refusedLicenses: err.refused },
        { status: 400 },
      );
    }
    if (err instanceof UpdateFailedError) {
      // The uniform error body, plus the person as Webex holds it now (the PUT may have applied in part) and which
      // of the admin's fields it applied (`outcome`, null when the person could not be read again).
      const res = toErrorResponse(err.cause, { method: req.method, path: new URL(req.url).pathname });
      const json = (await res.json()) as { error: Record<string, unknown> };
      return jsonResponse({ error: { ...json.error, code: "UpdateFailed" }, person: err.person, outcome: err.outcome }, { status: res.status, headers: res.headers });
    }
    throw err;
  }
});

/** 204 when Webex deleted the person now; 200 `{alreadyDeleted: true}` when Webex no longer had them (a retry). */
export const DELETE = route({ auth: "write", params }, async ({ webex, user, params }) => {
  const { alreadyGone } = await deletePersonAudited(webex, user, params.id);
  return alreadyGone ? { alreadyDeleted: true, message: ALREADY_DELETED_NOTE } : null;
});
