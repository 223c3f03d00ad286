import { getToken } from "next-auth/jwt";
import { NextResponse, type NextRequest } from "next/server";

import { sessionCookieName } from "@/lib/server/auth/config";
import { canonicalRedirectTarget } from "@/lib/server/canonical-host";
import { getEnv, isSecureDeployment, type Env } from "@/lib/server/env";
import { RETURN_PATH_HEADER } from "@/lib/server/return-path";
import { pageSecurityHeaders } from "@/lib/server/security-headers";

// Console pages need a session; the other matched paths (/signin, /not-admin, /api/auth/*, unknown paths) only
// get the host check and the headers.
const CONSOLE_PAGE = /^\/(?:people|licenses|roles|activity|jobs|changes)?(?:\/|$)/;

// For every page (and next-auth's /api/auth/*), in order:
// 1. a request on another host than NEXTAUTH_URL's goes there, path and query kept, before sign-in can start on
//    the wrong host (decision 014);
// 2. signed-out visitors to console pages go to /signin with a return URL. Only a cheap check (a session cookie
//    that decrypts); pages (requireUser) and every /api route handler check the session themselves;
// 3. the page headers that depend on the deployment (CSP, HSTS; decision 003) are added to whatever is answered.
export async function proxy(request: NextRequest) {
  const env = getEnv();
  return withPageHeaders(await decide(request, env), env);
}

async function decide(request: NextRequest, env: Env): Promise<NextResponse> {
  const canonical = canonicalRedirectTarget(request.url, request.headers, env);
  if (canonical) return toCanonical(request, canonical);

  if (!CONSOLE_PAGE.test(request.nextUrl.pathname)) return NextResponse.next();
  const token = await getToken({
    req: request,
    secret: env.NEXTAUTH_SECRET,
    cookieName: sessionCookieName(env),
    secureCookie: isSecureDeployment(env),
  });
  if (token) {
    // Pages learn their own URL from this header, so an ended session can send the user back here after sign-in.
    const headers = new Headers(request.headers);
    headers.set(RETURN_PATH_HEADER, request.nextUrl.pathname + request.nextUrl.search);
    return NextResponse.next({ request: { headers } });
  }
  const target = new URL("/signin", request.url);
  target.searchParams.set("callbackUrl", request.nextUrl.pathname + request.nextUrl.search);
  return NextResponse.redirect(target);
}

function toCanonical(request: NextRequest, target: URL): NextResponse {
  // Next rewrites a redirect whose host equals the one it listens under (HOSTNAME:PORT, e.g. `next dev`'s
  // localhost:3000, or a standalone server bound to 127.0.0.1 with NEXTAUTH_URL http://127.0.0.1:…) into a relative
  // one, which would send the browser back to the host it is on, forever. Then a page that refreshes to the
  // console's address (and says where it is) does the job instead.
  if (!listensAs(request, target.host)) return NextResponse.redirect(target, 307);
  const href = escapeHtml(target.href);
  return new NextResponse(
    `<!doctype html><meta charset="utf-8"><title>Roster</title><p>Roster is at <a href="${href}">${href}</a>.</p>\n`,
    { status: 200, headers: { "content-type": "text/html; charset=utf-8", refresh: `0; url=${target.href}`, "cache-control": "no-store" } },
  );
}

/** Whether `host` is the address Next listens under, which it would turn a redirect to into a relative one. */
function listensAs(request: NextRequest, host: string): boolean {
  const bound = process.env.HOSTNAME && process.env.PORT ? `${process.env.HOSTNAME}:${process.env.PORT}` : null;
  return host === request.nextUrl.host || host === new URL(request.url).host || host === bound;
}

function escapeHtml(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

function withPageHeaders(response: NextResponse, env: Env): NextResponse {
  const headers = pageSecurityHeaders(env, { https: isSecureDeployment(env), dev: process.env.NODE_ENV !== "production" });
  for (const [key, value] of Object.entries(headers)) response.headers.set(key, value);
  return response;
}

// Every page, /signin and next-auth's /api/auth/*; not the JSON API (/api/*: it answers 401 itself, health checks
// must answer on any host, and a proxy would buffer request bodies), not /_next/* (static files) nor favicon.ico.
export const config = {
  matcher: ["/((?!api/|_next/|favicon\\.ico).*)", "/api/auth/:path*"],
};
