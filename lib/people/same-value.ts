// Value equality as Webex means it: an absent field, null and "" are the same (all mean "not set"), the order of
// license and role IDs carries no meaning, and a phone number is the same number however it is written (Webex
// stores "408 526 7209" of a US person as "+1 408 526 7209"). Everything else compares structurally.

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

/**
 * Whether two phone numbers are the same number as Webex stores them (E.164, "+<country code> <number>"): equal
 * digits, or a national form (with or without its trunk prefix "0" or "1") of an international one, whose country
 * code (1 to 3 digits) is all that is missing. Formatting (spaces, dashes, dots, parentheses) never matters.
 */
export function samePhoneNumber(a: string, b: string): boolean {
  const digits = (v: string) => v.replace(/\(0\)/g, "").replace(/\D/g, "");
  const da = digits(a);
  const db = digits(b);
  if (da === db) return da.length > 0 || a.trim() === b.trim();
  const intlA = a.trim().startsWith("+");
  const intlB = b.trim().startsWith("+");
  if (intlA === intlB) return false;
  const [international, national] = intlA ? [da, db] : [db, da];
  const candidates = [national, national.replace(/^[01]/, "")];
  return candidates.some((n) => n.length >= 6 && international.endsWith(n) && international.length - n.length >= 1 && international.length - n.length <= 3);
}

function samePhoneList(a: unknown, b: unknown): boolean | undefined {
  if (!Array.isArray(a) || !Array.isArray(b)) return undefined;
  if (a.length !== b.length) return false;
  return a.every((x, i) => {
    const y: unknown = b[i];
    if (!x || !y || typeof x !== "object" || typeof y !== "object") return JSON.stringify(canonical(x)) === JSON.stringify(canonical(y));
    const { value: va, ...restA } = x as Record<string, unknown>;
    const { value: vb, ...restB } = y as Record<string, unknown>;
    if (JSON.stringify(canonical(restA)) !== JSON.stringify(canonical(restB))) return false;
    return typeof va === "string" && typeof vb === "string" ? samePhoneNumber(va, vb) : JSON.stringify(canonical(va)) === JSON.stringify(canonical(vb));
  });
}

export function sameValue(field: string, a: unknown, b: unknown): boolean {
  if (isBlank(a) && isBlank(b)) return true;
  if (isBlank(a) !== isBlank(b)) return false;
  if (field === "phoneNumbers") {
    const phones = samePhoneList(a, b);
    if (phones !== undefined) return phones;
  }
  if (UNORDERED.has(field) && Array.isArray(a) && Array.isArray(b)) {
    const sa = [...new Set(a.map(String))].sort();
    const sb = [...new Set(b.map(String))].sort();
    return sa.length === sb.length && sa.every((v, i) => v === sb[i]);
  }
  return JSON.stringify(canonical(a)) === JSON.stringify(canonical(b));
}
