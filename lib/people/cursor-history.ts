// Webex pages forward only (a `next` link). To make "Previous" instant we remember, per browser tab, which
// cursor led to which: a stack flattened into a map `cursor → previous cursor` ("" = the first page).
// It lives in sessionStorage, so a reload keeps it, while the URL only carries the current cursor and stays short.

const KEY = "roster.people.prevCursor";
const LIMIT = 500;

export interface KeyValueStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

function read(storage: KeyValueStorage | undefined): Record<string, string> {
  if (!storage) return {};
  try {
    const parsed: unknown = JSON.parse(storage.getItem(KEY) ?? "{}");
    return parsed && typeof parsed === "object" && !Array.isArray(parsed) ? (parsed as Record<string, string>) : {};
  } catch {
    return {};
  }
}

function safeStorage(): KeyValueStorage | undefined {
  try {
    return typeof window === "undefined" ? undefined : window.sessionStorage;
  } catch {
    return undefined;
  }
}

/** Records that `next` was reached from `current` (null = the first page). */
export function rememberStep(current: string | null, next: string, storage: KeyValueStorage | undefined = safeStorage()): void {
  if (!storage) return;
  const map = read(storage);
  delete map[next];
  map[next] = current ?? "";
  const keys = Object.keys(map);
  // Oldest entries go first (insertion order), so a long session cannot grow without bound.
  for (const k of keys.slice(0, Math.max(0, keys.length - LIMIT))) delete map[k];
  try {
    storage.setItem(KEY, JSON.stringify(map));
  } catch {
    // Storage full or denied: Previous falls back to "First page".
  }
}

/**
 * The cursor of the page before `cursor`: null for the first page, undefined when unknown
 * (e.g. a shared link opened in a new tab).
 */
export function previousCursor(cursor: string, storage: KeyValueStorage | undefined = safeStorage()): string | null | undefined {
  const prev = read(storage)[cursor];
  if (prev === undefined) return undefined;
  return prev === "" ? null : prev;
}
