import "server-only";
import { logError } from "@/lib/server/log";
import { ReferenceAccessError } from "@/lib/server/reference";
import { SessionEndedError } from "@/lib/server/session";
import { isWebexError } from "@/lib/server/webex/errors";

export type Loaded<T> = { ok: true; data: T } | { ok: false; message: string; trackingId?: string };

/**
 * Runs a page's data load; a Webex failure becomes a message for the page (with the tracking ID) instead of
 * the generic error page. An ended session is re-thrown (the console layout sends the user to sign in).
 */
export async function loadForPage<T>(work: () => Promise<T>): Promise<Loaded<T>> {
  try {
    return { ok: true, data: await work() };
  } catch (err) {
    if (err instanceof SessionEndedError) throw err;
    if (err instanceof ReferenceAccessError) return { ok: false, message: err.message };
    if (isWebexError(err)) {
      const busy = err.status === 429 || err.status === 423 || err.status === 503;
      return {
        ok: false,
        // The transport's own "busy" message already says when to come back; Webex's own ("Service Unavailable") does not.
        message: busy ? (/try again/i.test(err.message) ? `${err.message}.` : `Webex is busy right now (${err.message}). Wait a moment and try again.`) : err.message,
        trackingId: err.trackingId,
      };
    }
    logError("page load failed", {}, err);
    return { ok: false, message: "Roster could not load this page. Try again; if it keeps failing, check the server log." };
  }
}
