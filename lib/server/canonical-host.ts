// The console has one public origin, NEXTAUTH_URL: the OAuth callback and the session cookie live there. A
// visitor who opened it under another name (http://127.0.0.1:3000 for http://localhost:3000, a pod IP, an old
// DNS name) is sent to that origin before sign-in starts, path and query kept (proxy.ts). Decision 014.
// No "server-only" import: pure functions of a URL and headers, tested directly.

export type CanonicalHostConfig = {
  NEXTAUTH_URL: string | undefined;
  /** Read the host from X-Forwarded-Host (set by a trusted load balancer) instead of Host. */
  ROSTER_TRUST_PROXY: boolean;
};

/**
 * The host the browser asked for: the Host header, or with ROSTER_TRUST_PROXY the first X-Forwarded-Host (the
 * one the first proxy saw). Null when the request names none.
 */
export function requestedHost(headers: Headers, trustProxy: boolean): string | null {
  if (trustProxy) {
    const forwarded = headers.get("x-forwarded-host")?.split(",")[0]?.trim();
    if (forwarded) return forwarded;
  }
  return headers.get("host")?.trim() || null;
}

/**
 * True when `host` (a Host header value) names the canonical origin's host name, compared without case. Ports are
 * not compared: cookies (next-auth's state and PKCE cookies, the session) belong to a host name whatever the port,
 * so sign-in works across ports, and a port is what proxies in front most often change (a balancer, `docker -p`).
 */
export function isCanonicalHost(host: string, canonical: URL): boolean {
  let parsed: URL;
  try {
    parsed = new URL(`http://${host}`);
  } catch {
    return false;
  }
  if (parsed.username || parsed.password || parsed.pathname !== "/" || parsed.search || parsed.hash) return false;
  return parsed.hostname === canonical.hostname;
}

/**
 * Where to send a request that arrived on another host than NEXTAUTH_URL's, path and query kept; null when it
 * is on the right host, when NEXTAUTH_URL is not set, or when the request names no host at all.
 */
export function canonicalRedirectTarget(requestUrl: string, headers: Headers, config: CanonicalHostConfig): URL | null {
  if (!config.NEXTAUTH_URL) return null;
  let canonical: URL;
  try {
    canonical = new URL(config.NEXTAUTH_URL);
  } catch {
    return null;
  }
  const host = requestedHost(headers, config.ROSTER_TRUST_PROXY);
  if (host === null || isCanonicalHost(host, canonical)) return null;
  const from = new URL(requestUrl);
  const target = new URL(canonical.origin);
  target.pathname = from.pathname;
  target.search = from.search;
  return target;
}
