// Stored shapes. Person fields mirror the Webex Person object; `seq` is our immutable insertion
// sequence, the sort key behind cursor paging (never exposed in the API).
export interface PhoneNumber {
  type: "work" | "mobile" | "fax" | "work_extension";
  value: string;
  primary?: boolean;
}

export interface Address {
  type?: string;
  country?: string;
  locality?: string;
  region?: string;
  streetAddress?: string;
  postalCode?: string;
}

export interface SipAddress {
  type: "personal-room" | "enterprise" | "cloud-calling";
  value: string;
  primary: boolean;
}

export type PersonStatus =
  | "active" | "call" | "DoNotDisturb" | "inactive" | "meeting" | "OutOfOffice" | "pending" | "presenting" | "unknown";

export interface Person {
  seq: number;
  id: string;
  emails: string[];
  phoneNumbers: PhoneNumber[];
  extension?: string;
  locationId?: string;
  displayName: string;
  nickName?: string;
  firstName?: string;
  lastName?: string;
  avatar?: string;
  orgId: string;
  roles: string[];
  licenses: string[];
  department?: string;
  manager?: string;
  managerId?: string;
  title?: string;
  addresses: Address[];
  created: string;
  lastModified: string;
  timezone?: string;
  lastActivity?: string;
  siteUrls: string[];
  sipAddresses: SipAddress[];
  xmppFederationJid?: string;
  status: PersonStatus;
  invitePending: boolean;
  loginEnabled: boolean;
  type: "person" | "bot" | "appuser";
  /** Internal (never in the API): when the last activation email went out, and how many were sent. */
  invitedAt?: string;
  invitesSent?: number;
}

export interface License {
  id: string;
  name: string;
  offerCode: string;
  totalUnits: number;
  consumedByWorkspaces: number;
  subscriptionId: string;
  siteUrl?: string;
  siteType?: "Control Hub managed site" | "Linked site" | "Site Admin managed site";
  /** Calling licenses carry the Calling rules (phone/extension + location). */
  calling: boolean;
}

export interface Location {
  id: string;
  name: string;
  orgId: string;
  address: { address1: string; address2?: string; city: string; state: string; postalCode: string; country: string };
  timeZone: string;
  preferredLanguage: string;
  latitude: string;
  longitude: string;
  notes?: string;
}

export interface Role {
  id: string;
  code: "id_full_admin" | "id_user_admin" | "id_readonly_admin" | "id_device_admin";
  name: string;
}

export interface Organization {
  id: string;
  uuid: string;
  displayName: string;
  created: string;
}
