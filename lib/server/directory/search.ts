import "server-only";
import { searchPeople, type DirectorySearchResponse } from "@/lib/directory/search";
import type { Db } from "@/lib/server/db";
import { getDirectory } from "./cache";

/** Jump to person: the org's best matches for `q` from the index (in memory; see lib/directory/search.ts). */
export async function searchDirectory(db: Db, orgId: string, q: string): Promise<DirectorySearchResponse> {
  const snap = await getDirectory(db, orgId);
  if (!snap) return { indexed: false, asOf: null, generation: 0, people: 0, hits: [] };
  return { indexed: true, asOf: snap.asOf, generation: snap.generation, people: snap.count, hits: searchPeople(snap.people, q) };
}
