import { encodeId } from "../ids";
import type { License, Location, Role } from "../types";
import type { Prng } from "../prng";

// Fixed parts of the seeded org: roles, locations and the license catalogue.
export const ROLE_DEFS: { code: Role["code"]; name: string }[] = [
  { code: "id_full_admin", name: "Full Administrator" },
  { code: "id_user_admin", name: "User Administrator" },
  { code: "id_readonly_admin", name: "Read-only Administrator" },
  { code: "id_device_admin", name: "Device Administrator" },
];

export function buildRoles(): Role[] {
  return ROLE_DEFS.map((r) => ({ id: encodeId("ROLE", r.code), code: r.code, name: r.name }));
}

interface SiteDef {
  name: string;
  address1: string;
  city: string;
  state: string;
  postalCode: string;
  country: string;
  timeZone: string;
  language: string;
  lat: string;
  lon: string;
  /** Country calling code and area code used for work numbers at this site. */
  dial: string;
  weight: number;
}

export const SITE_DEFS: SiteDef[] = [
  { name: "San Jose HQ", address1: "170 West Tasman Drive", city: "San Jose", state: "CA", postalCode: "95134", country: "US", timeZone: "America/Los_Angeles", language: "en_us", lat: "37.408600", lon: "-121.953400", dial: "+1 408 555", weight: 30 },
  { name: "New York", address1: "55 Water Street", city: "New York", state: "NY", postalCode: "10041", country: "US", timeZone: "America/New_York", language: "en_us", lat: "40.703200", lon: "-74.008700", dial: "+1 212 555", weight: 18 },
  { name: "London", address1: "10 New Street Square", city: "London", state: "England", postalCode: "EC4A 3BF", country: "GB", timeZone: "Europe/London", language: "en_gb", lat: "51.515700", lon: "-0.108200", dial: "+44 20 7946", weight: 16 },
  { name: "Berlin", address1: "Friedrichstraße 68", city: "Berlin", state: "BE", postalCode: "10117", country: "DE", timeZone: "Europe/Berlin", language: "de_de", lat: "52.510400", lon: "13.389300", dial: "+49 30 5557", weight: 12 },
  { name: "Bengaluru", address1: "Cessna Business Park, Outer Ring Road", city: "Bengaluru", state: "KA", postalCode: "560103", country: "IN", timeZone: "Asia/Kolkata", language: "en_us", lat: "12.935784", lon: "77.697332", dial: "+91 80 5555", weight: 16 },
  { name: "Tokyo", address1: "2-1-1 Marunouchi, Chiyoda-ku", city: "Tokyo", state: "13", postalCode: "100-0005", country: "JP", timeZone: "Asia/Tokyo", language: "ja_jp", lat: "35.681200", lon: "139.767100", dial: "+81 3 5555", weight: 8 },
];

export function buildLocations(prng: Prng, orgId: string): Location[] {
  return SITE_DEFS.map((s) => ({
    id: encodeId("LOCATION", prng.uuid()),
    name: s.name,
    orgId,
    address: { address1: s.address1, city: s.city, state: s.state, postalCode: s.postalCode, country: s.country },
    timeZone: s.timeZone,
    preferredLanguage: s.language,
    latitude: s.lat,
    longitude: s.lon,
    notes: `Acme ${s.city} office`,
  }));
}

/** Keys used by the seed to decide who gets what; totals are derived from the seeded assignments. */
export type LicenseKey = "meetings" | "messaging" | "callingPro" | "callingBasic" | "webinars" | "contactCenter";

interface LicenseDef {
  key: LicenseKey;
  name: string;
  offerCode: string;
  calling: boolean;
  site: boolean;
  workspaces: number;
  /** How full the pool is after seeding: 1 = exhausted. */
  fill: number;
}

export const LICENSE_DEFS: LicenseDef[] = [
  { key: "meetings", name: "Meeting - Webex Meetings", offerCode: "MC", calling: false, site: true, workspaces: 0, fill: 0.82 },
  { key: "messaging", name: "Messaging", offerCode: "MS", calling: false, site: false, workspaces: 0, fill: 0.78 },
  { key: "callingPro", name: "Webex Calling - Professional", offerCode: "BCWEB", calling: true, site: false, workspaces: 0, fill: 0.94 },
  { key: "callingBasic", name: "Webex Calling - Basic", offerCode: "BCSTD", calling: true, site: false, workspaces: 25, fill: 0.65 },
  { key: "webinars", name: "Webex Webinars", offerCode: "WEB", calling: false, site: true, workspaces: 0, fill: 1 },
  { key: "contactCenter", name: "Webex Contact Center - Premium Agent", offerCode: "CJP", calling: false, site: false, workspaces: 0, fill: 0.03 },
];

export function buildLicenses(prng: Prng, orgUuid: string): Map<LicenseKey, License> {
  const out = new Map<LicenseKey, License>();
  for (const def of LICENSE_DEFS) {
    out.set(def.key, {
      id: encodeId("LICENSE", `${orgUuid}:${def.offerCode}_${prng.uuid()}`),
      name: def.name,
      offerCode: def.offerCode,
      totalUnits: 0,
      consumedByWorkspaces: def.workspaces,
      subscriptionId: "Sub-Acme-2023-0001",
      ...(def.site ? { siteUrl: "acme.webex.com", siteType: "Control Hub managed site" as const } : {}),
      calling: def.calling,
    });
  }
  return out;
}

/** Sizes each pool from the seeded assignments so the fill levels hold at any org size. */
export function sizeLicenses(licenses: Map<LicenseKey, License>, userCounts: Map<LicenseKey, number>): void {
  for (const def of LICENSE_DEFS) {
    const license = licenses.get(def.key);
    if (!license) continue;
    const consumed = (userCounts.get(def.key) ?? 0) + def.workspaces;
    // Exhausted means exactly 100 %; otherwise keep at least one free unit so "above 90 %" stays below 100.
    license.totalUnits =
      def.fill >= 1 ? consumed : Math.max(consumed + 1, Math.ceil(consumed / def.fill), def.fill < 0.1 ? 50 : 0);
  }
}
