import "server-only";

// Licenses, roles and locations change rarely and are the same for every administrator of an org, yet every
// /people render needs them to turn IDs into names. One short-lived, per-process cache per org saves three
// Webex calls (and their rate budget) per page view. Failures are never cached.

const TTL_MS = 60_000;
const MAX_ENTRIES = 500;
const entries = new Map<string, { at: number; value: Promise<unknown> }>();

export function cachedLookup<T>(key: string, load: () => Promise<T>, now: number = Date.now()): Promise<T> {
  const hit = entries.get(key);
  if (hit && now - hit.at < TTL_MS) return hit.value as Promise<T>;
  const value = load();
  entries.set(key, { at: now, value });
  value.catch(() => {
    if (entries.get(key)?.value === value) entries.delete(key);
  });
  if (entries.size > MAX_ENTRIES) entries.delete(entries.keys().next().value as string);
  return value;
}

/** Tests only. */
export function clearLookupCache(): void {
  entries.clear();
}
