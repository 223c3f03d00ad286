import { getToken } from "next-auth/jwt";
import { NextResponse, type NextRequest } from "next/server";

import { sessionCookieName } from "@/lib/server/auth/config";
import { getEnv, isSecureDeployment } from "@/lib/server/env";
import { RETURN_PATH_HEADER } from "@/lib/server/return-path";

// Signed-out visitors to console pages go to /signin with a return URL. Only a cheap check (a session
// cookie that decrypts); pages (requireUser) and every /api route handler check the session themselves.
export async function proxy(request: NextRequest) {
  const env = getEnv();
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

// Console pages only: /api/** answers 401 itself; /signin, /not-admin, /api/auth, /_next and files pass.
export const config = {
  matcher: ["/", "/people/:path*", "/licenses/:path*", "/roles/:path*", "/activity/:path*", "/jobs/:path*"],
};
