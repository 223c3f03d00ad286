import { EMULATOR, emulator } from "./fixtures";

// Expected results for person/onboarding/activity specs come straight from the emulator (never the console).
// A fresh token per call: specs reset the emulator, which revokes every token issued before.
export async function webexToken(): Promise<string> {
  return ((await emulator("/_emulator/tokens", { body: { email: "admin@acme.example" } })) as { access_token: string }).access_token;
}

export type RawPerson = Record<string, unknown> & {
  id: string;
  emails: string[];
  displayName: string;
  licenses: string[];
  roles: string[];
  phoneNumbers: unknown[];
  addresses: unknown[];
  loginEnabled: boolean;
  title?: string;
};

export async function webex<T>(path: string): Promise<T> {
  const res = await fetch(`${EMULATOR}/v1${path}`, { headers: { Authorization: `Bearer ${await webexToken()}` } });
  if (!res.ok) throw new Error(`emulator /v1${path} → ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

/** The emulator's stored record (everything, Calling fields included). */
export async function rawPerson(email: string): Promise<RawPerson | null> {
  const res = await fetch(`${EMULATOR}/_emulator/people?email=${encodeURIComponent(email)}`);
  if (res.status === 404) return null;
  return (await res.json()) as RawPerson;
}

export interface LicenseRow {
  id: string;
  name: string;
  totalUnits: number;
  consumedUnits: number;
}
export const licenses = async () => (await webex<{ items: LicenseRow[] }>("/licenses")).items;

/** Seeded people (not the named test accounts) matching `pick`, Calling data included. */
export async function seededPeople(pick: (p: RawPerson) => boolean): Promise<RawPerson[]> {
  const named = new Set(["admin", "helpdesk", "auditor", "employee"].map((w) => `${w}@acme.example`));
  const items = (await webex<{ items: RawPerson[] }>("/people?max=100&callingData=true")).items;
  return items.filter((p) => p.type === "person" && !named.has(p.emails[0]!) && pick(p));
}

/** Requests the emulator saw that change people (POST/PUT/DELETE /v1/people…). */
export async function peopleWrites(): Promise<number> {
  const stats = (await emulator("/_emulator/stats")) as { routes: Record<string, Record<string, number>> };
  return Object.entries(stats.routes)
    .filter(([k]) => /^(POST|PUT|DELETE) \/v1\/people/.test(k))
    .reduce((n, [, byStatus]) => n + Object.values(byStatus).reduce((a, b) => a + b, 0), 0);
}

export const sameOrigin = (url: string) => ({ origin: new URL(url).origin, "content-type": "application/json" });
