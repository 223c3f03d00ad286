import "server-only";
import type { IndexedPerson } from "@/lib/directory/types";
import type { Person } from "@/lib/server/webex/models";

/** A person from a walk of Webex (GET /people, admin fields included) as the index keeps them. */
export function toIndexed(p: Person, previous?: IndexedPerson): IndexedPerson {
  return {
    id: p.id,
    email: (p.emails?.[0] ?? "").toLowerCase(),
    displayName: p.displayName ?? "",
    firstName: p.firstName ?? null,
    lastName: p.lastName ?? null,
    status: p.status ?? null,
    invitePending: p.invitePending === true,
    loginEnabled: p.loginEnabled !== false,
    department: p.department ?? null,
    title: p.title ?? null,
    // Only a callingData walk carries locations; otherwise the last known one stands (see IndexedPerson.locationId).
    locationId: p.locationId ?? previous?.locationId ?? null,
    managerId: p.managerId ?? null,
    manager: p.manager ?? null,
    licenses: p.licenses ?? [],
    roles: p.roles ?? [],
    lastActivity: p.lastActivity ?? null,
    created: p.created ?? null,
    type: p.type ?? null,
  };
}
