// Shared by e2e/licenses*.spec.ts, e2e/reclaim*.spec.ts, e2e/roles*.spec.ts, e2e/overview*.spec.ts: the
// emulator's own answers, read with an admin token (never through the console), to compare the pages with.
import { EMULATOR, emulator } from "./fixtures";

export interface EmuLicense {
  id: string;
  name: string;
  totalUnits: number;
  consumedUnits: number;
  consumedByUsers?: number;
  consumedByWorkspaces?: number;
  subscriptionId?: string;
}

let token: string | null = null;

export async function webex<T>(path: string): Promise<{ body: T; next: string | null }> {
  token ??= ((await emulator("/_emulator/tokens", { body: { email: "admin@acme.example" } })) as { access_token: string }).access_token;
  const res = await fetch(path.startsWith("http") ? path : `${EMULATOR}/v1${path}`, { headers: { authorization: `Bearer ${token}` } });
  if (!res.ok) throw new Error(`${path} → ${res.status}`);
  const link = res.headers.get("link");
  return { body: (await res.json()) as T, next: link?.match(/<([^>]+)>;\s*rel="next"/)?.[1] ?? null };
}

/** After an emulator reset, tokens are gone. */
export function forgetToken(): void {
  token = null;
}

export async function emuLicenses(): Promise<EmuLicense[]> {
  return (await webex<{ items: EmuLicense[] }>("/licenses")).body.items;
}

/** The emulator's assignment of a license: every user listed by includeAssignedTo=user, all pages. */
export async function emuHolders(licenseId: string): Promise<{ id: string; email?: string }[]> {
  const out: { id: string; email?: string }[] = [];
  let url: string | null = `/licenses/${licenseId}?includeAssignedTo=user&limit=300`;
  while (url) {
    const { body, next }: { body: { users?: { id: string; email?: string }[] }; next: string | null } = await webex(url);
    out.push(...(body.users ?? []));
    url = next;
  }
  return out;
}

export async function emuPeople(query = ""): Promise<{ id: string; emails: string[]; licenses?: string[] }[]> {
  const out: { id: string; emails: string[]; licenses?: string[] }[] = [];
  let url: string | null = `/people?max=1000${query}`;
  while (url) {
    const { body, next }: { body: { items: { id: string; emails: string[]; licenses?: string[] }[] }; next: string | null } = await webex(url);
    out.push(...body.items);
    url = next;
  }
  return out;
}

export const fmt = (n: number) => new Intl.NumberFormat("en-US").format(n);
