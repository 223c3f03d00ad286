import "server-only";

const MUTATIONS = new Set(["POST", "PUT", "PATCH", "DELETE"]);

export function isMutation(method: string): boolean {
  return MUTATIONS.has(method.toUpperCase());
}

/**
 * The app's own origin: NEXTAUTH_URL when configured (the URL users actually reach us on, behind any proxy),
 * else the request's Host header with the request's scheme.
 */
export function appOrigin(req: Request, configuredUrl: string | undefined): string | null {
  if (configuredUrl) {
    try {
      return new URL(configuredUrl).origin;
    } catch {
      return null;
    }
  }
  const host = req.headers.get("host");
  if (!host) return null;
  try {
    const proto = new URL(req.url).protocol;
    return new URL(`${proto}//${host}`).origin;
  } catch {
    return null;
  }
}

/**
 * CSRF guard for mutations. Browsers send `Origin` on every cross-site and same-site POST/PATCH/DELETE; when it is
 * absent we fall back to `Sec-Fetch-Site`. A request with neither is not from a browser (no ambient cookie risk).
 */
export function isSameOrigin(req: Request, expectedOrigin: string | null): boolean {
  const origin = req.headers.get("origin");
  if (origin !== null) {
    return expectedOrigin !== null && origin !== "null" && origin === expectedOrigin;
  }
  const site = req.headers.get("sec-fetch-site");
  return site === null || site === "same-origin";
}
