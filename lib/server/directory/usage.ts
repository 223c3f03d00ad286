import "server-only";
import { directReports, personByEmail, usageBreakdown, type UsageResponse } from "@/lib/directory/usage";
import type { UsageQuery } from "@/lib/directory/usage-schemas";
import type { Db } from "@/lib/server/db";
import { referenceLicenses, referenceLocations, type Reader } from "@/lib/server/reference";
import type { WebexClient } from "@/lib/server/webex/client";
import { getDirectory } from "./cache";

/**
 * License usage by department, location or manager, from the org's index (in memory over the cached snapshot).
 * License names and pools come from the org's shared license catalogue and location names from its shared list
 * (decision 012: usually no Webex call at all). `indexed: false` when the org was never synced.
 */
export async function licenseUsage(db: Db, user: Reader & { orgId: string; email: string }, webex: WebexClient, query: UsageQuery): Promise<UsageResponse> {
  const snap = await getDirectory(db, user.orgId);
  const base = { by: query.by, indirect: query.indirect === "1", licenseId: query.licenseId ?? null };
  if (!snap) return { ...base, indexed: false, asOf: null, locationsAsOf: null, licenses: [], rows: [], people: 0, viewer: null };
  const [catalogue, locations] = await Promise.all([
    referenceLicenses(user, webex),
    query.by === "location" ? referenceLocations(user, webex) : Promise.resolve([]),
  ]);
  const licenses = catalogue.items
    .map((l) => ({ id: l.id, name: l.name ?? "Unnamed license", totalUnits: l.totalUnits ?? 0 }))
    .filter((l) => query.licenseId === undefined || l.id === query.licenseId)
    .sort((a, b) => a.name.localeCompare(b.name));
  const names = new Map(locations.map((l) => [l.id, l.name ?? undefined]));
    // Idle days count to the index's own time (its last activity values are as of then), so the figures are the
  // index's, whenever they are read.
  const rows = usageBreakdown(snap.people, licenses, query.by, snap.asOf ?? Date.now(), {
    licenseId: query.licenseId,
    indirect: base.indirect,
    locationName: (id) => names.get(id),
  });
  const me = personByEmail(snap.people, user.email);
  return {
    ...base,
    indexed: true,
    asOf: snap.asOf,
    locationsAsOf: snap.locationsAsOf,
    licenses,
    rows,
    people: snap.count,
    viewer: me ? { personId: me.id, displayName: me.displayName, directReports: directReports(snap.people, me.id) } : null,
  };
}
