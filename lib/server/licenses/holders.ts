import "server-only";
import type { WebexClient } from "@/lib/server/webex/client";
import { isWebexError } from "@/lib/server/webex/errors";
import type { License, Person } from "@/lib/server/webex/models";
import type { Holder } from "@/lib/licenses/holder";

export type { Holder } from "@/lib/licenses/holder";

export interface HoldersResult {
  license: License;
  holders: Holder[];
  /** "assigned-to": GET /licenses/{id}?includeAssignedTo=user; "org-scan": every person's `licenses` (fallback). */
  source: "assigned-to" | "org-scan";
  webexCalls: number;
}

const USERS_PAGE = 300; // Webex's ceiling for `limit`
const PEOPLE_PAGE = 1000;

/**
 * Everyone holding a license with their status and last activity. The holder list comes from
 * includeAssignedTo=user; details (status, last activity) from one GET per holder or, when that would take more
 * calls than walking the whole org (people/1000), from an org walk. If includeAssignedTo is refused or absent,
 * the org walk alone answers.
 */
export async function licenseHolders(webex: WebexClient, licenseId: string, opts: { orgSizeHint?: number } = {}): Promise<HoldersResult> {
  let calls = 0;
  let license: License | null = null;
  let users: NonNullable<License["users"]> | null = [];
  try {
    let page = await webex.getLicense(licenseId, { includeAssignedTo: "user", limit: USERS_PAGE });
    calls += 1;
    license = page.license;
    if (!Array.isArray(page.license.users)) users = null;
    else {
      users.push(...page.license.users);
      while (page.next) {
        page = await webex.getLicense(licenseId, {}, page.next);
        calls += 1;
        users.push(...(page.license.users ?? []));
      }
    }
  } catch (err) {
    // 404 is a real answer (no such license); a 400/403/501 on the parameter means "not available here".
    if (!isWebexError(err) || err.status === 404 || err.status === 401 || err.status === 429) throw err;
    users = null;
  }
  if (!license) {
    license = (await webex.getLicense(licenseId)).license;
    calls += 1;
  }
  const found: License = license;

  if (users === null) {
    const { holders, calls: scanCalls } = await scanForHolders(webex, licenseId);
    return { license: found, holders, source: "org-scan", webexCalls: calls + scanCalls };
  }

  const unique = [...new Map(users.map((u) => [u.id, u])).values()];
  // GET /people?id= omits presence (status, lastActivity), so details come from one GET per holder when that
  // is cheaper than walking the org, else from the walk (people/1000 calls).
  const scanCalls = Math.ceil(Math.max(opts.orgSizeHint ?? 0, unique.length) / PEOPLE_PAGE);
  let details = new Map<string, Person>();
  if (unique.length && unique.length <= scanCalls) {
    const got = await mapLimit(unique, 4, (u) => webex.getPerson(u.id).catch((err: unknown) => (isWebexError(err) && err.status === 404 ? null : Promise.reject(err))));
    calls += unique.length;
    details = new Map(got.filter((p): p is Person => p !== null).map((p) => [p.id, p]));
  } else if (unique.length) {
    const scan = await scanForHolders(webex, licenseId);
    calls += scan.calls;
    details = new Map(scan.people.map((p) => [p.id, p]));
  }
  const holders = unique.map((u) => {
    const p = details.get(u.id);
    return {
      ...toHolder(p ?? { id: u.id }),
      displayName: u.displayName || p?.displayName || u.email || p?.emails?.[0] || "Unnamed",
      email: u.email || p?.emails?.[0] || "",
      type: u.type ?? null,
    };
  });
  return { license: found, holders: sortHolders(holders), source: "assigned-to", webexCalls: calls };
}

async function scanForHolders(webex: WebexClient, licenseId: string): Promise<{ holders: Holder[]; people: Person[]; calls: number }> {
  const people: Person[] = [];
  let calls = 0;
  for await (const page of webex.iteratePeople({ max: PEOPLE_PAGE })) {
    calls += 1;
    for (const p of page) if (p.licenses?.includes(licenseId)) people.push(p);
  }
  return { holders: sortHolders(people.map(toHolder)), people, calls };
}

function toHolder(p: Partial<Person> & { id: string }): Holder {
  return {
    id: p.id,
    displayName: p.displayName || p.emails?.[0] || "Unnamed",
    email: p.emails?.[0] ?? "",
    type: null,
    status: p.status ?? null,
    lastActivity: p.lastActivity ?? null,
    loginEnabled: typeof p.loginEnabled === "boolean" ? p.loginEnabled : null,
    invitePending: typeof p.invitePending === "boolean" ? p.invitePending : null,
  };
}

const sortHolders = (h: Holder[]) => h.sort((a, b) => a.displayName.localeCompare(b.displayName) || a.email.localeCompare(b.email));

async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}
