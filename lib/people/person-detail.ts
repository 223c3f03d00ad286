// The full person as /api/people/:id returns it (Webex's object, Calling data included).

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

export interface PersonDetail {
  id: string;
  emails?: string[];
  phoneNumbers?: PhoneNumber[];
  extension?: string;
  locationId?: string;
  displayName?: string;
  nickName?: string;
  firstName?: string;
  lastName?: string;
  avatar?: string;
  orgId?: string;
  roles?: string[];
  licenses?: string[];
  department?: string;
  manager?: string;
  managerId?: string;
  title?: string;
  addresses?: Address[];
  created?: string;
  lastModified?: string;
  timezone?: string;
  lastActivity?: string;
  siteUrls?: string[];
  sipAddresses?: { type?: string; value?: string; primary?: boolean }[];
  status?: string;
  invitePending?: boolean;
  loginEnabled?: boolean;
  type?: string;
  [key: string]: unknown;
}

export interface LicenseDetail {
  id: string;
  name?: string;
  totalUnits?: number;
  consumedUnits?: number;
  subscriptionId?: string;
}
