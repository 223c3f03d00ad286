import type { IndexedPerson } from "./types";

// Jump to person (issue 15): finding people by name or email in the directory index, in memory. Pure, so the
// ranking is unit tested; lib/server/directory/search.ts runs it over the cached snapshot.
//
// Ranking, best first (ties keep the index's order: display name, then email):
//   0. the display name starts with the query ("ada lo" → "Ada Lovelace");
//   1. the first or last name, or any later word of the display name, starts with it ("love" → "Ada Lovelace");
//   2. the email address starts with it ("ada.l" → "ada.lovelace@…"), or equals it;
//   3. the display name or the email contains it anywhere.
// Matching ignores case and accents ("jose" finds "José").

export const SEARCH_LIMIT = 10;
export const SEARCH_QUERY_MAX = 200;

export interface PersonHit {
  id: string;
  displayName: string;
  email: string;
  title: string | null;
  department: string | null;
  /** 0–3: why it matched (see above). */
  rank: 0 | 1 | 2 | 3;
}

/** Lower case, accents off, whitespace collapsed. */
export function foldText(s: string): string {
  // Most names are plain ASCII: skip the Unicode decomposition for them (a third of the cost at 100,000 people).
  const base = /[^\x00-\x7f]/.test(s) ? s.normalize("NFD").replace(/[\u0300-\u036f]/g, "") : s;
  return base.toLowerCase().replace(/\s+/g, " ").trim();
}

interface Keys {
  name: string;
  /** Starts of words after the first (space, hyphen, apostrophe or dot separated), folded. */
  words: string[];
  first: string;
  last: string;
  email: string;
}

function keysOf(p: IndexedPerson): Keys {
  const name = foldText(p.displayName ?? "");
  const words: string[] = [];
  const re = /[\s\-'.(]+/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(name))) if (m.index + m[0].length < name.length) words.push(name.slice(m.index + m[0].length));
  return { name, words, first: foldText(p.firstName ?? ""), last: foldText(p.lastName ?? ""), email: (p.email ?? "").toLowerCase() };
}

// Folded keys per person array (the snapshot's array lives as long as its generation): folding 100,000 names once,
// not on every keystroke.
const keyCache = new WeakMap<readonly IndexedPerson[], Keys[]>();
function keysFor(people: readonly IndexedPerson[]): Keys[] {
  let keys = keyCache.get(people);
  if (!keys) {
    keys = people.map(keysOf);
    keyCache.set(people, keys);
  }
  return keys;
}

function rankOf(k: Keys, q: string): PersonHit["rank"] | null {
  if (k.name.startsWith(q)) return 0;
  if ((k.first && k.first.startsWith(q)) || (k.last && k.last.startsWith(q)) || k.words.some((w) => w.startsWith(q))) return 1;
  if (k.email.startsWith(q)) return 2;
  if (k.name.includes(q) || k.email.includes(q)) return 3;
  return null;
}

/**
 * The best `limit` people for `query`, ranked as above. `people` must be in the order ties should keep (the
 * snapshot's display-name order). An empty query finds no one.
 */
export function searchPeople(people: readonly IndexedPerson[], query: string, limit = SEARCH_LIMIT): PersonHit[] {
  const q = foldText(query.slice(0, SEARCH_QUERY_MAX));
  if (!q || limit <= 0) return [];
  const keys = keysFor(people);
  const tiers: IndexedPerson[][] = [[], [], [], []];
  for (let i = 0; i < people.length; i++) {
    const r = rankOf(keys[i]!, q);
    if (r === null) continue;
    const tier = tiers[r]!;
    if (tier.length < limit) tier.push(people[i]!);
    // Every better tier is full: nothing later can enter the top `limit`.
    if (r === 0 && tier.length === limit) break;
  }
  const out: PersonHit[] = [];
  tiers.forEach((tier, rank) => {
    for (const p of tier) {
      if (out.length >= limit) return;
      out.push({ id: p.id, displayName: p.displayName, email: p.email, title: p.title, department: p.department, rank: rank as PersonHit["rank"] });
    }
  });
  return out;
}

/** GET /api/directory/search. `indexed` false: the org was never synced (the palette falls back to Webex's search). */
export interface DirectorySearchResponse {
  indexed: boolean;
  asOf: number | null;
  generation: number;
  people: number;
  hits: PersonHit[];
}
