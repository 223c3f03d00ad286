import { encodeId } from "../ids";
import { Prng } from "../prng";
import type { Location, Organization, Person, PersonStatus, Role } from "../types";
import { buildLicenses, buildLocations, buildRoles, sizeLicenses, SITE_DEFS, type LicenseKey } from "./catalog";
import { DEPARTMENTS, FIRST_NAMES, LAST_NAMES, STATUSES_ACTIVE } from "./names";
import type { License } from "../types";

export interface SeedData {
  org: Organization;
  roles: Role[];
  locations: Location[];
  licenses: License[];
  people: Person[];
}

const DAY = 86_400_000;

const localCache = new Map<string, string>();
function asciiLocal(text: string): string {
  let local = localCache.get(text);
  if (local === undefined) {
    local = text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase().replace(/[^a-z0-9]+/g, "");
    localCache.set(text, local);
  }
  return local;
}

const WELL_KNOWN = [
  { email: "admin@acme.example", first: "Ada", last: "Admin", role: "id_full_admin", dept: "IT", title: "IT Director" },
  { email: "helpdesk@acme.example", first: "Hal", last: "Helpdesk", role: "id_user_admin", dept: "IT", title: "Service Desk Lead" },
  { email: "auditor@acme.example", first: "Audrey", last: "Auditor", role: "id_readonly_admin", dept: "Finance", title: "Internal Auditor" },
  { email: "employee@acme.example", first: "Emil", last: "Employee", role: undefined, dept: "Sales", title: "Account Executive" },
] as const;

// Shared, frozen arrays: write paths always assign new arrays, so sharing is safe and saves memory at 200k.
const NONE: never[] = Object.freeze([]) as unknown as never[];
const SITE_URLS = Object.freeze(["acme.webex.com"]) as unknown as string[];

const BOT_NAMES = ["Build Notifier", "Incident Bot", "Standup Helper", "Expense Bot", "Survey Bot", "Release Train"];

/**
 * Whole-second ISO timestamps as Webex prints them ("2024-05-01T10:20:30.000Z"). Date#toISOString is
 * slow enough to dominate seeding 200k people, so the date part is cached per day.
 */
function isoFormatter(): (ms: number) => string {
  const days = new Map<number, string>();
  const two = (n: number) => (n < 10 ? `0${n}` : String(n));
  return (ms: number) => {
    const day = Math.floor(ms / DAY);
    let date = days.get(day);
    if (date === undefined) {
      date = new Date(day * DAY).toISOString().slice(0, 11);
      days.set(day, date);
    }
    const sec = Math.floor((ms - day * DAY) / 1000);
    return `${date}${two(Math.floor(sec / 3600))}:${two(Math.floor(sec / 60) % 60)}:${two(sec % 60)}.000Z`;
  };
}

/**
 * Builds the deterministic "Acme" org. Dates are relative to the start of the current UTC day so
 * "inactive for more than 90 days" stays meaningful whenever the emulator runs.
 */
export function seedOrg(peopleCount: number, seed: number): SeedData {
  const prng = new Prng(seed);
  const today = Math.floor(Date.now() / DAY) * DAY;
  const iso = isoFormatter();

  const orgUuid = prng.uuid();
  const org: Organization = { id: encodeId("ORGANIZATION", orgUuid), uuid: orgUuid, displayName: "Acme", created: iso(today - 4 * 365 * DAY) };
  const roles = buildRoles();
  const roleId = (code: string) => roles.find((r) => r.code === code)?.id ?? "";
  const locations = buildLocations(prng, org.id);
  const licenses = buildLicenses(prng, orgUuid);
  const lic = (key: LicenseKey) => licenses.get(key)?.id ?? "";
  const counts = new Map<LicenseKey, number>();
  const siteWeights = SITE_DEFS.map((s) => s.weight);
  const totalSiteWeight = siteWeights.reduce((a, b) => a + b, 0);
  const deptWeight = DEPARTMENTS.reduce((a, d) => a + d.weight, 0);
  const managers = new Map<string, Person[]>();
  const usedLocals = new Map<string, number>();
  const people: Person[] = [];
  let extension = 2000;
  const siteAddresses = SITE_DEFS.map((site) =>
    Object.freeze([{ type: "work", country: site.country, locality: site.city, region: site.state, streetAddress: site.address1, postalCode: site.postalCode }]) as unknown as Person["addresses"],
  );

  const pickSite = () => {
    let r = prng.next() * totalSiteWeight;
    for (let i = 0; i < SITE_DEFS.length; i++) {
      r -= siteWeights[i] ?? 0;
      if (r < 0) return i;
    }
    return 0;
  };
  const pickDept = () => {
    let r = prng.next() * deptWeight;
    for (const d of DEPARTMENTS) {
      r -= d.weight;
      if (r < 0) return d;
    }
    return DEPARTMENTS[0]!;
  };

  for (let i = 0; i < peopleCount; i++) {
    const known = WELL_KNOWN[i];
    const kind: Person["type"] = known ? "person" : prng.chance(0.004) ? "bot" : prng.chance(0.003) ? "appuser" : "person";
    const siteIndex = known ? 0 : pickSite();
    const site = SITE_DEFS[siteIndex]!;
    const location = locations[siteIndex]!;
    const dept = known ? DEPARTMENTS.find((d) => d.name === known.dept)! : pickDept();
    const first = known ? known.first : prng.pick(FIRST_NAMES);
    const last = known ? known.last : prng.pick(LAST_NAMES);
    const created = known ? today - 3 * 365 * DAY : today - prng.int(1, 3 * 365) * DAY + prng.int(0, DAY - 1);

    let email: string;
    let displayName = `${first} ${last}`;
    if (known) {
      email = known.email;
    } else if (kind === "bot") {
      displayName = `${prng.pick(BOT_NAMES)} ${i}`;
      email = `${asciiLocal(displayName)}@webex.bot`;
    } else if (kind === "appuser") {
      displayName = `Guest ${first} ${last}`;
      email = `guest-${i}@appid.ciscospark.com`;
    } else {
      const base = `${asciiLocal(first)}.${asciiLocal(last)}`;
      const n = (usedLocals.get(base) ?? 0) + 1;
      usedLocals.set(base, n);
      email = `${n === 1 ? base : `${base}${n}`}@acme.example`;
    }

    // Account state: a few invited-but-never-signed-in, a few deactivated, the rest in use.
    const pending = !known && kind === "person" && prng.chance(0.04);
    const deactivated = !known && !pending && kind === "person" && prng.chance(0.03);
    let status: PersonStatus = known ? "active" : prng.pick(STATUSES_ACTIVE);
    let lastActivity: string | undefined;
    if (pending) {
      status = "pending";
    } else {
      if (deactivated) status = "inactive";
      const stale = deactivated || prng.chance(0.12);
      const since = stale ? prng.int(91, 700) * DAY : prng.int(0, 89) * DAY;
      lastActivity = iso(Math.max(created, today - since + prng.int(0, DAY - 1)));
      if (stale && status !== "inactive") status = "inactive";
    }

    const person: Person = {
      seq: i + 1,
      id: encodeId("PEOPLE", prng.uuid()),
      emails: [email],
      phoneNumbers: NONE,
      displayName,
      firstName: kind === "bot" ? undefined : first,
      lastName: kind === "bot" ? undefined : last,
      orgId: org.id,
      roles: NONE,
      licenses: [],
      addresses: NONE,
      created: iso(created),
      lastModified: iso(Math.min(today, created + prng.int(0, 200) * DAY)),
      siteUrls: NONE,
      sipAddresses: NONE,
      status,
      invitePending: pending,
      loginEnabled: !deactivated,
      type: kind,
    };
    if (lastActivity) person.lastActivity = lastActivity;
    if (pending) person.invitedAt = iso(created); // the activation email went out when they were created
    if (kind !== "person") {
      person.status = "unknown";
      people.push(person);
      continue;
    }

    person.nickName = first;
    person.department = dept.name;
    person.title = known ? known.title : prng.pick(dept.titles);
    if (known || prng.chance(0.7)) person.timezone = site.timeZone;
    person.addresses = siteAddresses[siteIndex] ?? NONE;

    const pool = managers.get(dept.name) ?? [];
    if (pool.length > 0 && (known === undefined ? prng.chance(0.92) : false)) {
      const boss = prng.pick(pool);
      person.manager = boss.displayName;
      person.managerId = boss.id;
    }
    if (!known && pool.length < Math.max(2, Math.floor(peopleCount / 120))) {
      pool.push(person);
      managers.set(dept.name, pool);
    }

    if (known?.role) person.roles = [roleId(known.role)];
    else if (!known && prng.chance(0.004)) person.roles = [roleId(prng.pick(["id_user_admin", "id_readonly_admin", "id_device_admin"]))];

    const give = (key: LicenseKey) => {
      person.licenses.push(lic(key));
      counts.set(key, (counts.get(key) ?? 0) + 1);
    };
    if (known || prng.chance(0.97)) give("messaging");
    if (known || prng.chance(0.88)) give("meetings");
    const callingRoll = prng.next();
    const calling: LicenseKey | undefined =
      known?.role === "id_full_admin" || (!known && callingRoll < 0.33) ? "callingPro" : !known && callingRoll < 0.45 ? "callingBasic" : undefined;
    if (calling) {
      give(calling);
      person.locationId = location.id;
      person.extension = String(extension++);
      if (prng.chance(0.75)) {
        const line = String(1000 + (i % 9000)).padStart(4, "0");
        person.phoneNumbers = [{ type: "work", value: `${site.dial} ${line}`, primary: true }];
      }
      person.sipAddresses = [{ type: "cloud-calling", value: `${email.split("@")[0]}@acme.calls.webex.com`, primary: true }];
    }
    if (known?.role === "id_full_admin" || (!known && prng.chance(0.03))) give("webinars");
    if (!known && prng.chance(0.002)) give("contactCenter");
    if (person.licenses.includes(lic("meetings"))) person.siteUrls = SITE_URLS;
    people.push(person);
  }

  sizeLicenses(licenses, counts);
  return { org, roles, locations, licenses: [...licenses.values()], people };
}
