// Security headers (decision 003). No "server-only" import: next.config.ts loads this file in plain Node.
//
// Two sets:
// - staticSecurityHeaders(): the same for every response, set by next.config.ts at build time;
// - pageSecurityHeaders(): the Content-Security-Policy and HSTS of pages, which depend on the deployment
//   (NEXTAUTH_URL, WEBEX_API_BASE, ROSTER_AVATAR_HOSTS), set at run time by proxy.ts.
// JSON API routes (not matched by proxy.ts) get API_CSP from next.config.ts instead.

/** What pageSecurityHeaders needs to know about the deployment (a subset of Env). */
export type PageHeaderConfig = {
  WEBEX_API_BASE: string;
  ROSTER_EMULATOR: boolean;
  ROSTER_AVATAR_HOSTS: string[] | undefined;
};

/** Webex serves avatars from its content CDN, one host per region (avatar-prod-us-east-2.webexcontent.com…). */
export const WEBEX_AVATAR_SOURCE = "https://*.webexcontent.com";
export const HSTS_VALUE = "max-age=63072000; includeSubDomains";
/** API responses are JSON or CSV downloads: nothing in them may load or run anything. */
export const API_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

function originOf(url: string): string | undefined {
  try {
    const { origin } = new URL(url);
    return origin === "null" ? undefined : origin;
  } catch {
    return undefined;
  }
}

/**
 * Where avatar images may load from (CSP img-src besides 'self'): ROSTER_AVATAR_HOSTS when set; with the bundled
 * emulator, the emulator's origin; otherwise Webex's avatar CDN.
 */
export function avatarSources(config: PageHeaderConfig): string[] {
  if (config.ROSTER_AVATAR_HOSTS && config.ROSTER_AVATAR_HOSTS.length > 0) return config.ROSTER_AVATAR_HOSTS;
  if (config.ROSTER_EMULATOR) {
    const emulator = originOf(config.WEBEX_API_BASE);
    return emulator ? [emulator] : [];
  }
  return [WEBEX_AVATAR_SOURCE];
}

export function contentSecurityPolicy(config: PageHeaderConfig, dev: boolean): string {
  // The sign-in redirect goes to Webex's authorize page (or the emulator's); browsers apply form-action to
  // redirects that follow a form submission, so the authorize origin must be allowed there.
  const webexOrigins = new Set(["https://webexapis.com"]);
  const apiOrigin = originOf(config.WEBEX_API_BASE);
  if (apiOrigin) webexOrigins.add(apiOrigin);
  const images = new Set(["'self'", ...avatarSources(config)]);
  return [
    "default-src 'self'",
    `script-src 'self' 'unsafe-inline'${dev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    `img-src ${[...images].join(" ")}`,
    "font-src 'self' data:",
    `connect-src 'self'${dev ? " ws: wss:" : ""}`,
    "object-src 'none'",
    "base-uri 'self'",
    `form-action 'self' ${[...webexOrigins].join(" ")}`,
    "frame-ancestors 'none'",
  ].join("; ");
}

/**
 * The headers proxy.ts adds to every page response (and to its own redirects). `https`: the console is served
 * over HTTPS (isSecureDeployment in env.ts: NEXTAUTH_URL is https); `dev`: `next dev`.
 */
export function pageSecurityHeaders(config: PageHeaderConfig, opts: { https: boolean; dev: boolean }): Record<string, string> {
  return {
    "Content-Security-Policy": contentSecurityPolicy(config, opts.dev),
    // Only over https: browsers ignore HSTS received over http anyway, and an http console must stay reachable.
    ...(opts.https ? { "Strict-Transport-Security": HSTS_VALUE } : {}),
  };
}

/** Headers that do not depend on the deployment; next.config.ts sends them on every path. */
export function staticSecurityHeaders(): { key: string; value: string }[] {
  return [
    { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
    { key: "X-Content-Type-Options", value: "nosniff" },
    { key: "X-Frame-Options", value: "DENY" },
    { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=(), payment=(), usb=()" },
    { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
  ];
}
