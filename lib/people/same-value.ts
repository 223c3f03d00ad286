// Value equality as Webex means it: an absent field, null and "" are the same (all mean "not set"), and the
// order of license and role IDs carries no meaning. Everything else compares structurally.

const UNORDERED = new Set(["licenses", "roles", "siteUrls", "emails"]);

function isBlank(v: unknown): boolean {
  return v === undefined || v === null || v === "" || (Array.isArray(v) && v.length === 0);
}

function canonical(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(canonical);
  if (v && typeof v === "object") {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(v).sort()) {
      const val = (v as Record<string, unknown>)[key];
      if (!isBlank(val)) out[key] = canonical(val);
    }
    return out;
  }
  return v;
}

export function sameValue(field: string, a: unknown, b: unknown): boolean {
  if (isBlank(a) && isBlank(b)) return true;
  if (isBlank(a) !== isBlank(b)) return false;
  if (UNORDERED.has(field) && Array.isArray(a) && Array.isArray(b)) {
    const sa = [...new Set(a.map(String))].sort();
    const sb = [...new Set(b.map(String))].sort();
    return sa.length === sb.length && sa.every((v, i) => v === sb[i]);
  }
  return JSON.stringify(canonical(a)) === JSON.stringify(canonical(b));
}
