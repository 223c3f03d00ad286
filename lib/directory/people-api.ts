import type { Person } from "@/lib/people/person";
import type { FacetCounts } from "./facets";

// GET /api/directory/people (the people grid's index view): shared by the route and the browser query.

export interface DirectoryPeopleLabels {
  /** License ID → name, from the org's license list (the same the licenses page reads). */
  licenses: Record<string, string>;
  roles: Record<string, string>;
  locations: Record<string, string>;
}

export interface DirectoryPeopleIndexed {
  indexed: true;
  /** When the data was read from Webex (epoch ms): the freshness line says so beside it. */
  asOf: number;
  locationsAsOf: number | null;
  generation: number;
  /** Exactly how many people match the filter and the search text, org-wide. */
  total: number;
  offset: number;
  limit: number;
  /** The page: the same shape GET /api/people answers, so the grid's columns render it unchanged. */
  rows: Person[];
  facets: FacetCounts;
  labels: DirectoryPeopleLabels;
}

/** The org was never synced: the page offers "Sync now". */
export interface DirectoryPeopleNotIndexed {
  indexed: false;
  asOf: null;
  generation: 0;
  message: string;
}

export type DirectoryPeopleResponse = DirectoryPeopleIndexed | DirectoryPeopleNotIndexed;
