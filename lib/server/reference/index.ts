import "server-only";
import { logError } from "@/lib/server/log";

import { getDb } from "@/lib/server/db";
import { getEnv } from "@/lib/server/env";
import { recordSnapshots } from "@/lib/server/licenses/snapshots";
import type { WebexClient } from "@/lib/server/webex/client";
import type { License, Location, Role } from "@/lib/server/webex/models";
import { CHANGED_BY_PEOPLE_WRITES, MemoryReferenceStore, ReferenceCache, type ReadOptions, type Reader } from "./cache";
import { DbReferenceStore } from "./db-store";

export { ReferenceAccessError, type Reader, type ReadOptions } from "./cache";

// The app's reference-data cache (decision 012) and one reader per kind. Each reader loads with the caller's own
// Webex client on a miss, so whoever fills an entry could read it; every hit is checked against the reader.

const globalForReference = globalThis as unknown as { __rosterReferenceCache?: ReferenceCache };

/** One per process, created on first use: entries in PostgreSQL when DATABASE_URL is set, else in memory (PGlite: one process). */
export function referenceCache(): ReferenceCache {
  globalForReference.__rosterReferenceCache ??= new ReferenceCache({
    store: getEnv().DATABASE_URL ? new DbReferenceStore(getDb) : new MemoryReferenceStore(),
    ttlMs: () => getEnv().ROSTER_REFERENCE_TTL_SECONDS * 1000,
  });
  return globalForReference.__rosterReferenceCache;
}

/** Tests only: substitute the cache (its store, clock, TTL), or undefined to go back to the default. */
export function setReferenceCacheForTests(cache: ReferenceCache | undefined): void {
  globalForReference.__rosterReferenceCache = cache;
}

/**
 * Roster wrote to a person (create, PUT, delete, license PATCH; see the Webex client's onWrite): license counts
 * and role membership may have changed, so the org's entries go. A failure is logged, never thrown (the write
 * itself happened); the entry then ages out within the TTL.
 */
export async function invalidateAfterPeopleWrite(orgId: string): Promise<void> {
  try {
    await referenceCache().invalidate(orgId, CHANGED_BY_PEOPLE_WRITES);
  } catch (err) {
    logError("reference cache: invalidation failed", { orgId }, err);
  }
}

export interface LicenseCatalogue {
  items: License[];
  /** When Webex answered (epoch ms): what "as of" a page shows. */
  fetchedAt: number;
}

/**
 * The org's licenses with their counts. A fetch from Webex also records the hourly snapshot (a side effect that
 * never breaks the read). `fresh`: ask Webex now (an admin's Refresh, a capacity check before assigning).
 */
export function referenceLicenses(reader: Reader, webex: WebexClient, opts?: ReadOptions): Promise<LicenseCatalogue> {
  return referenceCache().get(
    reader,
    "licenses",
    async () => {
      const items = await webex.listLicenses();
      try {
        await recordSnapshots(await getDb(), webex.orgId, items);
      } catch (err) {
        logError("license snapshot failed", { orgId: webex.orgId }, err);
      }
      return { items, fetchedAt: Date.now() };
    },
    opts,
  );
}

export function referenceRoles(reader: Reader, webex: WebexClient, opts?: ReadOptions): Promise<Role[]> {
  return referenceCache().get(reader, "roles", () => webex.listRoles(), opts);
}

export function referenceLocations(reader: Reader, webex: WebexClient, opts?: ReadOptions): Promise<Location[]> {
  return referenceCache().get(reader, "locations", () => webex.listLocations(), opts);
}

/** The org's display name (null when Webex does not list it). */
export async function referenceOrgName(reader: Reader, webex: WebexClient): Promise<string | null> {
  const orgs = await referenceCache().get(reader, "organizations", async () => (await webex.listOrganizations()).map((o) => ({ id: o.id, displayName: o.displayName ?? null })));
  return orgs.find((o) => o.id === reader.orgId)?.displayName ?? null;
}
