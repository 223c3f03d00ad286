import "server-only";
import { cache } from "react";
import { currentReturnPath } from "./current-path";
import { requireUser, type SessionUser } from "./session";

/**
 * The signed-in administrator for a console page. Next renders a layout and its page in parallel, so every
 * page that loads data must call this itself (the layout's check alone would not stop the page's Webex
 * calls). Cached per request, so layout and page share one session lookup. Redirects to /signin (with the
 * return path, and "session ended" when the tokens are gone) or /not-admin.
 */
export const consoleUser = cache(async (): Promise<SessionUser> => requireUser(await currentReturnPath()));
