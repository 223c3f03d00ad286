/** Set by proxy.ts on console page requests: the path and query the visitor asked for. */
export const RETURN_PATH_HEADER = "x-roster-return-path";

// Used when the console's public URL is unknown (NEXTAUTH_URL unset): no real origin ends in .invalid, so only
// plain paths survive.
const FALLBACK_ORIGIN = "http://roster.invalid";
const MAX_RETURN_PATH = 2048;
// C0 controls, DEL, C1 controls and backslashes: browsers strip tabs and newlines from URLs and read "\" as "/",
// so "/\t/evil.example" or "/\\evil.example" would leave the site once followed.
const REFUSED = /[\u0000-\u001f\u007f-\u009f\\]/;

function originOf(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    const { origin } = new URL(url);
    return origin === "null" ? undefined : origin;
  } catch {
    return undefined;
  }
}

/**
 * Where to send the user after sign-in: always a path on the console's own origin ("/" when in doubt), never
 * an error. `value` is resolved against `origin` (default: NEXTAUTH_URL's origin) and kept only when it stays
 * on that origin; absolute URLs naming the console itself (next-auth passes them) are reduced to their path.
 * The result is ASCII (the URL serialiser percent-encodes the rest), so it is safe in a Location header.
 */
export function safeReturnTo(value: string | null | undefined, origin?: string): string {
  if (typeof value !== "string" || value === "" || value.length > MAX_RETURN_PATH || REFUSED.test(value)) return "/";
  const base = originOf(origin ?? process.env.NEXTAUTH_URL) ?? FALLBACK_ORIGIN;
  let url: URL;
  try {
    url = new URL(value, base);
  } catch {
    return "/";
  }
  if (url.origin !== base) return "/";
  const path = url.pathname + url.search + url.hash;
  // "/.//evil.example" normalises to the path "//evil.example", which a browser reads as another host.
  if (!path.startsWith("/") || path.startsWith("//")) return "/";
  return path;
}
