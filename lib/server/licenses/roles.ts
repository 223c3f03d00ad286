import "server-only";
import type { RoleMember, RoleWithMembers } from "@/lib/licenses/api-types";
import { referenceCache, referenceRoles, type Reader } from "@/lib/server/reference";
import type { WebexClient } from "@/lib/server/webex/client";
import type { Person } from "@/lib/server/webex/models";

/**
 * Every admin role with its members (GET /people?roles=<id>, all pages), roles in Webex's order. Shared by the
 * org's admins for a short time like the roles themselves (decision 012); Roster's own writes to people drop it.
 */
export function rolesWithMembers(webex: WebexClient, reader: Reader): Promise<RoleWithMembers[]> {
  return referenceCache().get(reader, "role-members", () => loadRolesWithMembers(webex, reader));
}

async function loadRolesWithMembers(webex: WebexClient, reader: Reader): Promise<RoleWithMembers[]> {
  const roles = await referenceRoles(reader, webex);
  return Promise.all(
    roles.map(async (r) => {
      const members: RoleMember[] = [];
      for await (const page of webex.iteratePeople({ roles: [r.id], max: 1000 })) members.push(...page.map(toMember));
      members.sort((a, b) => a.displayName.localeCompare(b.displayName));
      return { id: r.id, name: r.name || "Unnamed role", members };
    }),
  );
}

function toMember(p: Person): RoleMember {
  return {
    id: p.id,
    displayName: p.displayName || p.emails?.[0] || "Unnamed",
    email: p.emails?.[0] ?? "",
    status: p.status ?? null,
    loginEnabled: typeof p.loginEnabled === "boolean" ? p.loginEnabled : null,
  };
}
