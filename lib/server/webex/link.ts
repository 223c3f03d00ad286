import "server-only";

/** One link-value of an RFC 8288 Link header. */
export interface LinkValue {
  uri: string;
  /** Relation types, lower-cased; `rel="next prev"` gives both. */
  rels: string[];
  /** Target attributes (names lower-cased). The first occurrence of a name wins, as RFC 8288 says for rel. */
  params: Record<string, string>;
}

const WS = /[ \t\r\n]/;

/**
 * Parses one or more Link header values. Tolerant: a malformed link-value is skipped up to the next comma
 * that is not inside <…> or a quoted string, and parsing carries on.
 */
export function parseLinkHeader(value: string | readonly string[] | null | undefined): LinkValue[] {
  if (value == null) return [];
  if (typeof value !== "string") return value.flatMap((v) => parseLinkHeader(v));
  const s = value;
  const out: LinkValue[] = [];
  let i = 0;
  const n = s.length;

  const skipWs = () => {
    while (i < n && WS.test(s[i]!)) i++;
  };
  // Skips to just after the next top-level comma (or the end), respecting quotes and <…>.
  const skipToNextLink = () => {
    while (i < n) {
      const c = s[i]!;
      if (c === ",") {
        i++;
        return;
      }
      if (c === '"') readQuoted();
      else if (c === "<") {
        const close = s.indexOf(">", i);
        i = close === -1 ? n : close + 1;
      } else i++;
    }
  };
  const readQuoted = (): string => {
    // s[i] === '"'
    i++;
    let v = "";
    while (i < n) {
      const c = s[i]!;
      if (c === "\\" && i + 1 < n) {
        v += s[i + 1];
        i += 2;
      } else if (c === '"') {
        i++;
        return v;
      } else {
        v += c;
        i++;
      }
    }
    return v; // unterminated: take what there is
  };
  const readToken = (stops: string): string => {
    const start = i;
    while (i < n && !stops.includes(s[i]!) && !WS.test(s[i]!)) i++;
    return s.slice(start, i);
  };

  while (i < n) {
    skipWs();
    if (i >= n) break;
    if (s[i] === ",") {
      i++;
      continue;
    }
    if (s[i] !== "<") {
      skipToNextLink();
      continue;
    }
    const close = s.indexOf(">", i + 1);
    if (close === -1) break;
    const uri = s.slice(i + 1, close).trim();
    i = close + 1;
    const params: Record<string, string> = {};
    let ok = true;
    for (;;) {
      skipWs();
      if (i >= n) break;
      const c = s[i]!;
      if (c === ",") {
        i++;
        break;
      }
      if (c !== ";") {
        ok = false;
        skipToNextLink();
        break;
      }
      i++; // ';'
      skipWs();
      const name = readToken(";,=").toLowerCase();
      skipWs();
      let val = "";
      if (s[i] === "=") {
        i++;
        skipWs();
        if (s[i] === '"') val = readQuoted();
        else val = readToken(";,");
      }
      // RFC 8187 ext-values (title*=UTF-8''…) decoded best-effort.
      if (name.endsWith("*")) {
        const m = /^([^']*)'[^']*'(.*)$/.exec(val);
        if (m) {
          try {
            val = decodeURIComponent(m[2]!);
          } catch {
            /* keep raw */
          }
        }
      }
      if (name && !(name in params)) params[name] = val;
    }
    if (!ok) continue;
    const rels = (params.rel ?? "")
      .split(/[ \t\r\n]+/)
      .map((r) => r.toLowerCase())
      .filter(Boolean);
    out.push({ uri, rels, params });
  }
  return out;
}

type HeaderSource = Headers | { get(name: string): string | null } | Record<string, string | string[] | undefined>;

function linkHeaderValues(headers: HeaderSource): string[] {
  if (typeof (headers as Headers).get === "function") {
    const h = headers as Headers;
    // Headers.get joins several Link header values with ", ", which the parser handles.
    const v = h.get("link");
    return v ? [v] : [];
  }
  const out: string[] = [];
  for (const [k, v] of Object.entries(headers as Record<string, string | string[] | undefined>)) {
    if (k.toLowerCase() !== "link" || v == null) continue;
    if (Array.isArray(v)) out.push(...v);
    else out.push(v);
  }
  return out;
}

/**
 * The URL of the first rel="next" link, resolved against `base` when it is relative, or null.
 * The URL is returned as Webex gave it (opaque); checking where it points is the caller's job.
 */
export function nextLink(headers: HeaderSource, base?: string): string | null {
  for (const link of parseLinkHeader(linkHeaderValues(headers))) {
    if (!link.rels.includes("next")) continue;
    if (URL.canParse(link.uri)) return link.uri; // absolute: follow exactly as given
    if (base && URL.canParse(link.uri, base)) return new URL(link.uri, base).toString();
    return null;
  }
  return null;
}
