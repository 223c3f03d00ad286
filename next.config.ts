import type { NextConfig } from "next";

import { API_CSP, staticSecurityHeaders } from "./lib/server/security-headers";

// Security headers (docs/decisions/003-security-headers.md). This function runs at build time, so only headers that
// do not depend on the deployment are set here, on every path. Pages get their Content-Security-Policy and HSTS at
// run time from proxy.ts (they depend on NEXTAUTH_URL, WEBEX_API_BASE and ROSTER_AVATAR_HOSTS); the JSON API,
// which proxy.ts does not see, gets a CSP that allows nothing (next-auth's /api/auth/* excepted: proxy.ts).
const nextConfig: NextConfig = {
  output: "standalone",
  poweredByHeader: false,
  reactStrictMode: true,
  // PGlite loads its WASM and data files from its own package directory: keep it out of the server bundle.
  // pg-boss is plain Node code with its own SQL files' worth of strings; bundling it gains nothing.
  serverExternalPackages: ["@electric-sql/pglite", "pg-boss"],
  async headers() {
    return [
      { source: "/:path*", headers: staticSecurityHeaders() },
      { source: "/api/:path((?!auth/).*)", headers: [{ key: "Content-Security-Policy", value: API_CSP }] },
    ];
  },
};

export default nextConfig;
