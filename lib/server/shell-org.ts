import "server-only";
import { cache } from "react";
import { webexForUser } from "@/lib/server/api/webex-for-user";
import { logWarn } from "@/lib/server/log";
import { ReferenceAccessError, referenceOrgName } from "@/lib/server/reference";
import type { SessionUser } from "@/lib/server/session";

/** The shell waits at most this long for the name; a page's own data matters more. */
const SHELL_ORG_BUDGET_MS = 3000;

/**
 * The organization's name for the console's shell, from the org's shared reference data (decision 012: one
 * Webex call per org and TTL, not one per page). Nice to have: a Webex failure, a slow answer or a session without
 * the organizations scope gives null, never an error page. Once per request (the shell shows it twice).
 */
export const shellOrgName = cache(async (user: SessionUser): Promise<string | null> => {
  try {
    return await referenceOrgName(user, webexForUser(user, "interactive", { deadlineAt: Date.now() + SHELL_ORG_BUDGET_MS }));
  } catch (err) {
    if (!(err instanceof ReferenceAccessError)) logWarn("organization name unavailable for the shell", {}, err);
    return null;
  }
});
