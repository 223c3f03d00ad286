import type { NextConfig } from "next";

// Security headers for every response. See docs/decisions/003-security-headers.md for why script-src has
// 'unsafe-inline' (Next's inline bootstrap scripts without per-request nonces) and never 'unsafe-eval'
// outside `next dev`.
function securityHeaders(): { key: string; value: string }[] {
  const dev = process.env.NODE_ENV !== "production";
  // The sign-in redirect goes to Webex's authorize page (or the emulator's); browsers apply form-action to
  // redirects that follow a form submission, so the authorize origin must be allowed there.
  const webexOrigins = new Set(["https://webexapis.com"]);
  try {
    if (process.env.WEBEX_API_BASE) webexOrigins.add(new URL(process.env.WEBEX_API_BASE).origin);
  } catch {
    // an invalid value is reported by lib/server/env.ts at start-up
  }
  const csp = [
    "default-src 'self'",
    `script-src 'self' 'unsafe-inline'${dev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    // Webex avatars are served from Webex CDNs over https.
    "img-src 'self' data: blob: https:",
    "font-src 'self' data:",
    `connect-src 'self'${dev ? " ws: wss:" : ""}`,
    "object-src 'none'",
    "base-uri 'self'",
    `form-action 'self' ${[...webexOrigins].join(" ")}`,
    "frame-ancestors 'none'",
  ].join("; ");
  return [
    { key: "Content-Security-Policy", value: csp },
    { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
    { key: "X-Content-Type-Options", value: "nosniff" },
    { key: "X-Frame-Options", value: "DENY" },
    { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=(), payment=(), usb=()" },
    { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
  ];
}

const nextConfig: NextConfig = {
  output: "standalone",
  poweredByHeader: false,
  reactStrictMode: true,
  // PGlite loads its WASM and data files from its own package directory: keep it out of the server bundle.
  // pg-boss is plain Node code with its own SQL files' worth of strings; bundling it gains nothing.
  serverExternalPackages: ["@electric-sql/pglite", "pg-boss"],
  async headers() {
    return [{ source: "/:path*", headers: securityHeaders() }];
  },
};

export default nextConfig;
