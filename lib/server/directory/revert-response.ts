import "server-only";
import { jsonResponse } from "@/lib/server/api/errors";
import { PersonConflictError } from "@/lib/server/people/safe-update";

/** An Undo's 409 when the field was changed again in Webex since: what Webex holds now, nothing written. */
export async function undoOrConflict<T>(work: () => Promise<T>): Promise<T | Response> {
  try {
    return await work();
  } catch (err) {
    if (err instanceof PersonConflictError) {
      return jsonResponse(
        {
          error: {
            status: 409,
            code: "Conflict",
            message: `Not undone: ${err.conflicts.map((c) => c.field).join(", ")} changed again in Webex since; reload to see the current value.`,
            conflicts: err.conflicts,
          },
        },
        { status: 409 },
      );
    }
    throw err;
  }
}
