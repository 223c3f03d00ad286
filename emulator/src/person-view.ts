import type { Person } from "./types";

export interface ViewOptions {
  /** Admin-only fields (roles, licenses, invitePending, loginEnabled...) are included. */
  admin: boolean;
  /** Presence (status, lastActivity) is left out, as for `?id=` lookups. */
  presence: boolean;
  /** `excludeStatus=true` drops only `status`. */
  status: boolean;
  /**
   * `callingData=true`: the Calling fields (extension, locationId, work_extension numbers) are included.
   * Real Webex leaves them out otherwise, so a client that PUTs back a plain GET loses them.
   */
  callingData: boolean;
}

/**
 * Person JSON in the documented field order. Optional strings are omitted when unset (Webex leaves
 * out nickName/timezone rather than sending null); booleans stay booleans (the spec's string typing
 * is a documented defect).
 */
export function personJson(p: Person, view: ViewOptions): Record<string, unknown> {
  const out: Record<string, unknown> = { id: p.id, emails: p.emails };
  const phones = view.callingData ? p.phoneNumbers : p.phoneNumbers.filter((n) => n.type !== "work_extension");
  if (phones.length > 0) out.phoneNumbers = phones;
  if (view.admin && view.callingData) {
    if (p.extension !== undefined) out.extension = p.extension;
    if (p.locationId !== undefined) out.locationId = p.locationId;
  }
  out.displayName = p.displayName;
  if (p.nickName !== undefined) out.nickName = p.nickName;
  if (p.firstName !== undefined) out.firstName = p.firstName;
  if (p.lastName !== undefined) out.lastName = p.lastName;
  if (p.avatar !== undefined) out.avatar = p.avatar;
  out.orgId = p.orgId;
  if (view.admin) {
    out.roles = p.roles;
    out.licenses = p.licenses;
  }
  if (p.department !== undefined) out.department = p.department;
  if (p.manager !== undefined) out.manager = p.manager;
  if (p.managerId !== undefined) out.managerId = p.managerId;
  if (p.title !== undefined) out.title = p.title;
  if (p.addresses.length > 0) out.addresses = p.addresses;
  out.created = p.created;
  if (view.admin) out.lastModified = p.lastModified;
  if (p.timezone !== undefined) out.timezone = p.timezone;
  if (view.presence && p.lastActivity !== undefined) out.lastActivity = p.lastActivity;
  if (view.admin && p.siteUrls.length > 0) out.siteUrls = p.siteUrls;
  if (p.sipAddresses.length > 0) out.sipAddresses = p.sipAddresses;
  if (p.xmppFederationJid !== undefined) out.xmppFederationJid = p.xmppFederationJid;
  if (view.presence && view.status) out.status = p.status;
  if (view.admin) {
    out.invitePending = p.invitePending;
    out.loginEnabled = p.loginEnabled;
  }
  out.type = p.type;
  return out;
}

/** The stored record for /_emulator/people: everything, including the internal sequence. */
export function rawPerson(p: Person): Record<string, unknown> {
  return { ...p };
}
