import { TRACKED_FIELDS, type DetectedChange, type FieldValue, type IndexedPerson, type TrackedField } from "./types";

// What changed between two copies of the index: people added, removed, and each tracked field that differs.
// Licenses and roles are compared as sets (Webex does not promise their order).

function norm(v: IndexedPerson[TrackedField]): FieldValue {
  if (Array.isArray(v)) return [...v].sort();
  return v ?? null;
}

export function sameValue(a: FieldValue, b: FieldValue): boolean {
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    return a.every((x, i) => x === b[i]);
  }
  return a === b;
}

export interface DiffOptions {
  /**
   * False when this sync did not read locations (they come from a less frequent walk): the new copy's locationId
   * is then the previous one carried over, and location is not compared.
   */
  locationsRead: boolean;
}

/** Changes from `before` to `after`, people in `after`'s order, then the removed ones. */
export function diffIndex(before: ReadonlyMap<string, IndexedPerson>, after: ReadonlyMap<string, IndexedPerson>, opts: DiffOptions): DetectedChange[] {
  const out: DetectedChange[] = [];
  const fields = opts.locationsRead ? TRACKED_FIELDS : TRACKED_FIELDS.filter((f) => f !== "locationId");
  for (const [id, next] of after) {
    const prev = before.get(id);
    if (!prev) {
      out.push({ kind: "added", personId: id, email: next.email, displayName: next.displayName, field: null, before: null, after: null });
      continue;
    }
    for (const field of fields) {
      const a = norm(prev[field]);
      const b = norm(next[field]);
      if (!sameValue(a, b)) out.push({ kind: "changed", personId: id, email: next.email, displayName: next.displayName, field, before: a, after: b });
    }
  }
  for (const [id, prev] of before) {
    if (!after.has(id)) out.push({ kind: "removed", personId: id, email: prev.email, displayName: prev.displayName, field: null, before: null, after: null });
  }
  return out;
}
