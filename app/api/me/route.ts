import { route } from "@/lib/server/api/handler";
import { isWebexError } from "@/lib/server/webex/errors";

// Any signed-in user: the not-an-administrator page needs to know who is signed in, too.
export const GET = route({ auth: "session" }, async ({ user, webex }) => {
  let orgName: string | null = null;
  if (user.isAdmin) {
    // The org's name is nice to have; a Webex hiccup must not break the page chrome that asks for it.
    try {
      orgName = (await webex.listOrganizations()).find((o) => o.id === user.orgId)?.displayName ?? null;
    } catch (err) {
      if (!isWebexError(err)) throw err;
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
