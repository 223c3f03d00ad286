import type { FieldChange } from "@/lib/people/diff-person";
import type { BulkAction } from "./kinds";

// What a bulk action would do to one person, decided from the person as read at preview time. Pure: the
// preview, its tests and the browser's explanations share it.

export interface PlanPerson {
  id: string;
  displayName?: string;
  emails?: string[];
  licenses?: string[];
  roles?: string[];
  loginEnabled?: boolean;
  invitePending?: boolean;
  type?: string;
}

export interface PlanParams {
  action: BulkAction;
  licenseId?: string;
  roleId?: string;
  /** The admin running the job: some actions refuse to touch their own account. */
  actorId: string;
  /** Webex Calling licenses need a number and a location per person: not a bulk assignment. */
  licenseIsCalling?: boolean;
}

export type ItemPlanResult =
  | { state: "pending"; changes: FieldChange[]; licenseIds?: string[] }
  | { state: "skipped"; reason: string };

export const SKIP = {
  notPerson: "Bots and app users are left alone.",
  hasLicense: "Already has this license.",
  lacksLicense: "Does not have this license.",
  calling: "Webex Calling needs a number and a location for each person: assign it on the person's page.",
  hasRole: "Already has this role.",
  lacksRole: "Does not have this role.",
  self: "Your own account is left alone.",
  deactivated: "Already deactivated.",
  active: "Already active.",
  notPending: "Not invite-pending (already signed in).",
  notFound: "Not found in Webex.",
} as const;

export function planItem(p: PlanPerson, params: PlanParams): ItemPlanResult {
  const skip = (reason: string): ItemPlanResult => ({ state: "skipped", reason });
  if (p.type && p.type !== "person") return skip(SKIP.notPerson);
  const licenses = p.licenses ?? [];
  const roles = p.roles ?? [];
  const self = p.id === params.actorId;
  switch (params.action) {
    case "license-add": {
      const id = params.licenseId!;
      if (licenses.includes(id)) return skip(SKIP.hasLicense);
      if (params.licenseIsCalling) return skip(SKIP.calling);
      return { state: "pending", licenseIds: [id], changes: [{ field: "licenses", before: licenses, after: [...licenses, id] }] };
    }
    case "license-remove": {
      const id = params.licenseId!;
      if (!licenses.includes(id)) return skip(SKIP.lacksLicense);
      return { state: "pending", licenseIds: [id], changes: [{ field: "licenses", before: licenses, after: licenses.filter((l) => l !== id) }] };
    }
    case "role-add": {
      const id = params.roleId!;
      if (roles.includes(id)) return skip(SKIP.hasRole);
      return { state: "pending", changes: [{ field: "roles", before: roles, after: [...roles, id] }] };
    }
    case "role-remove": {
      const id = params.roleId!;
      if (!roles.includes(id)) return skip(SKIP.lacksRole);
      if (self) return skip(SKIP.self);
      return { state: "pending", changes: [{ field: "roles", before: roles, after: roles.filter((r) => r !== id) }] };
    }
    case "deactivate":
      if (self) return skip(SKIP.self);
      if (p.loginEnabled === false) return skip(SKIP.deactivated);
      return { state: "pending", changes: [{ field: "loginEnabled", before: true, after: false }] };
    case "reactivate":
      if (p.loginEnabled !== false) return skip(SKIP.active);
      return { state: "pending", changes: [{ field: "loginEnabled", before: false, after: true }] };
    case "delete":
      if (self) return skip(SKIP.self);
      return { state: "pending", changes: [] };
    case "resend-invites":
      if (p.invitePending !== true) return skip(SKIP.notPending);
      return { state: "pending", changes: [] };
  }
}

/** Skip reasons, most common first, for the preview's summary. */
export function countReasons(reasons: readonly string[]): { reason: string; count: number }[] {
  const counts = new Map<string, number>();
  for (const r of reasons) counts.set(r, (counts.get(r) ?? 0) + 1);
  return [...counts].map(([reason, count]) => ({ reason, count })).sort((a, b) => b.count - a.count || a.reason.localeCompare(b.reason));
}
