// One rule for the text Roster accepts, and one for the text it stores. Pure (browser and server), no zod.
//
// Accepting: every text field (names, emails, titles, addresses, filters, file names, CSV cells) is single-line, so
// C0 controls (NUL, tab, newline…), DEL, the C1 controls and lone UTF-16 surrogates are refused (400 naming the
// field). Webex may store them; PostgreSQL's jsonb refuses \u0000 and lone surrogates, and a name with a newline
// or a NUL in it is never what an admin meant.
//
// Storing: what Webex returns is stored whatever it holds (`storableText`): \u0000 and lone surrogates, the only
// characters PostgreSQL's text and jsonb refuse, become U+FFFD.

/** C0 controls, DEL, C1 controls, and a high surrogate without its low half or a low one without its high half. */
const UNSAFE = /[\u0000-\u001f\u007f-\u009f]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

export const UNSAFE_TEXT_MESSAGE = "Contains a control character or broken text: retype it";

/** Whether `value` holds a character no text field of Roster accepts. */
export function hasUnsafeText(value: string): boolean {
  return UNSAFE.test(value);
}

/** Characters PostgreSQL cannot store in text or jsonb: NUL and lone surrogates. */
const UNSTORABLE = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** `value` with NUL and lone surrogates replaced by U+FFFD (the replacement character), so any database takes it. */
export function storableText(value: string): string;
export function storableText(value: string | null | undefined): string | null | undefined;
export function storableText(value: string | null | undefined): string | null | undefined {
  if (typeof value !== "string") return value;
  UNSTORABLE.lastIndex = 0;
  return UNSTORABLE.test(value) ? value.replace(UNSTORABLE, "\ufffd") : value;
}

/**
 * `value` (any JSON-able value) with every string and key made storable. Returns `value` itself when nothing
 * needed replacing, so the common case copies nothing.
 */
export function storable<T>(value: T): T {
  return clean(value) as T;
}

function clean(v: unknown): unknown {
  if (typeof v === "string") return storableText(v);
  if (v === null || typeof v !== "object") return v;
  if (Array.isArray(v)) {
    let out: unknown[] | null = null;
    for (let i = 0; i < v.length; i++) {
      const c = clean(v[i]);
      if (c !== v[i] && !out) out = v.slice(0, i);
      if (out) out.push(c);
    }
    return out ?? v;
  }
  if (v instanceof Date || typeof (v as { toJSON?: unknown }).toJSON === "function") return v;
  const entries = Object.entries(v);
  let changed = false;
  const next = entries.map(([k, x]) => {
    const ck = storableText(k);
    const cx = clean(x);
    if (ck !== k || cx !== x) changed = true;
    return [ck, cx] as const;
  });
  return changed ? Object.fromEntries(next) : v;
}

/** JSON text of `value` that PostgreSQL's jsonb accepts (for `${…}::jsonb` in raw SQL). */
export function storableJson(value: unknown): string {
  const text = JSON.stringify(value ?? null);
  // JSON.stringify writes NUL as \u0000 and a lone surrogate as \udXXX: only then is there anything to do.
  return /\\u0000|\\ud[89a-f]/i.test(text) ? JSON.stringify(storable(value ?? null)) : text;
}
