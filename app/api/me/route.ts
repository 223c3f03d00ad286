import { ApiError } from "@/lib/server/api/errors";
import { route } from "@/lib/server/api/handler";
import { referenceOrgName } from "@/lib/server/reference";
import { isWebexError } from "@/lib/server/webex/errors";

// Any signed-in user: the not-an-administrator page needs to know who is signed in, too.
export const GET = route({ auth: "session" }, async ({ user, webex }) => {
  let orgName: string | null = null;
  if (user.isAdmin) {
    // The org's name is nice to have (shared by the org's admins: decision 012); a Webex hiccup or a session
    // without the organizations scope must not break the page chrome that asks for it.
    try {
      orgName = await referenceOrgName(user, webex);
    } catch (err) {
      if (!isWebexError(err) && !(err instanceof ApiError)) throw err;
    }
  }
  return {
    user: {
      personId: user.personId,
      name: user.name,
      email: user.email,
      avatar: user.avatar ?? null,
      scopes: user.scopes,
      roles: user.roles,
      roleNames: user.roleNames,
      isAdmin: user.isAdmin,
      canWrite: user.canWrite,
    },
    org: { id: user.orgId, name: orgName },
  };
});
