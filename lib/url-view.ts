// Shared by the list views that keep their state in the URL (people, licenses, a license's holders, reclaim,
// activity): reading a query string or Next's `searchParams` object the same way. Each view's own parse/serialize
// lives beside its domain (pure, tested).

/** A query string, or the object a page's `searchParams` resolves to. */
export type RawParams = URLSearchParams | Record<string, string | string[] | undefined>;

/** The value of a key; the last one when the key is repeated. */
export function paramGetter(params: RawParams): (key: string) => string | undefined {
  if (params instanceof URLSearchParams) {
    return (key) => {
      const all = params.getAll(key);
      return all[all.length - 1];
    };
  }
  return (key) => {
    const v = params[key];
    return Array.isArray(v) ? v[v.length - 1] : v;
  };
}

/** "?a=1&b=2" from the non-empty entries, or "" (defaults are left out so links stay short). */
export function queryString(entries: Record<string, string | null | undefined>): string {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(entries)) if (v !== null && v !== undefined && v !== "") p.set(k, v);
  const s = p.toString();
  return s ? `?${s}` : "";
}

/**
 * How a new search or filter text is written to history: refining the same text (a letter more or less) replaces
 * the entry; starting one, or clearing it, is a new Back step.
 */
export function filterNavigation(from: string, to: string): "push" | "replace" {
  return from && to && (to.startsWith(from) || from.startsWith(to)) ? "replace" : "push";
}
