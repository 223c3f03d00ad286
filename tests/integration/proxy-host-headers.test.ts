// proxy.ts, called as Next calls it: the canonical-host redirect (finding 3 of issue 12, decision 014), the
// trusted-proxy setting, and the page headers that depend on the deployment (finding 10, decision 003).
import { encode } from "next-auth/jwt";
import { NextRequest } from "next/server";
import { afterEach, describe, expect, it } from "vitest";

import { resetEnvCache } from "@/lib/server/env";

const saved = { ...process.env };
afterEach(() => {
  process.env = { ...saved };
  resetEnvCache();
});

const SECRET = "proxy-host-secret";

function setEnv(vars: Record<string, string | undefined>) {
  process.env = { ...saved, WEBEX_CLIENT_ID: "a", WEBEX_CLIENT_SECRET: "b", NEXTAUTH_SECRET: SECRET, ROSTER_EMULATOR: "0" };
  delete process.env.NEXTAUTH_URL;
  delete process.env.WEBEX_API_BASE;
  for (const [k, v] of Object.entries(vars)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  resetEnvCache();
}

/**
 * Next hands the proxy a request whose URL names the address it listens on (HOSTNAME:PORT, here 0.0.0.0:3000,
 * as `node server.js` by default) whatever host the browser used; the browser's host is in the Host header.
 */
async function call(pathAndQuery: string, headers: Record<string, string>) {
  const { proxy } = await import("@/proxy");
  return proxy(new NextRequest(`http://0.0.0.0:3000${pathAndQuery}`, { headers }));
}

async function sessionCookie(name = "next-auth.session-token") {
  return `${name}=${await encode({ token: { sub: "p", sid: "s" }, secret: SECRET })}`;
}

describe("canonical host (NEXTAUTH_URL)", () => {
  it("sends a visit on another host to NEXTAUTH_URL's, path and query kept, before sign-in starts", async () => {
    setEnv({ NEXTAUTH_URL: "http://localhost:3000" });
    for (const [path, host] of [
      ["/signin?callbackUrl=%2Fpeople%3Fx%3D1", "127.0.0.1:3000"],
      ["/people/abc?tab=licenses", "127.0.0.1:3000"],
      ["/", "10.1.2.3:3000"],
      ["/api/auth/signin/webex", "127.0.0.1:3000"],
      ["/licenses", "[::1]:3000"],
      ["/licenses", "localhost.example:3000"],
    ] as const) {
      const res = await call(path, { host });
      expect(res.status, `${host}${path}`).toBe(307);
      expect(res.headers.get("location")).toBe(`http://localhost:3000${path}`);
    }
  });

  it("lets requests on the canonical host name through, whatever the case or port (cookies ignore ports)", async () => {
    setEnv({ NEXTAUTH_URL: "https://console.example" });
    for (const host of ["console.example", "CONSOLE.example", "console.example:443", "console.example:8443"]) {
      const res = await call("/signin", { host });
      expect(res.status, host).toBe(200);
      expect(res.headers.get("location"), host).toBeNull();
    }
    // Nothing that merely looks like it.
    for (const host of ["console.example.evil.example", "evil.example#console.example", "user@console.example", "console.example/x", "%"]) {
      expect((await call("/signin", { host })).status, host).toBe(307);
    }
  });

  it("signed-out visitors on the right host still go to /signin with their return path", async () => {
    setEnv({ NEXTAUTH_URL: "http://localhost:3000" });
    const res = await call("/people?displayName=Al", { host: "localhost:3000" });
    expect(res.status).toBe(307);
    const to = new URL(res.headers.get("location")!);
    expect(to.pathname).toBe("/signin");
    expect(to.searchParams.get("callbackUrl")).toBe("/people?displayName=Al");
    // …and a session on the right host passes.
    expect((await call("/people", { host: "localhost:3000", cookie: await sessionCookie() })).headers.get("location")).toBeNull();
  });

  it("without NEXTAUTH_URL, redirects nobody", async () => {
    setEnv({ ROSTER_EMULATOR: "1", ROSTER_DATA_DIR: "/tmp/roster-proxy-host-test", NEXTAUTH_URL: undefined });
    const res = await call("/signin", { host: "127.0.0.1:3000" });
    expect(res.status).toBe(200);
    expect(res.headers.get("location")).toBeNull();
  });

  it("where Next listens under the canonical name itself (next dev), answers a page that refreshes to it instead of a redirect it would turn relative", async () => {
    setEnv({ NEXTAUTH_URL: "http://localhost:3000" });
    const { proxy } = await import("@/proxy");
    const res = await proxy(new NextRequest("http://localhost:3000/people?x=1", { headers: { host: "127.0.0.1:3000" } }));
    expect(res.status).toBe(200);
    expect(res.headers.get("refresh")).toBe("0; url=http://localhost:3000/people?x=1");
    expect(await res.text()).toContain('href="http://localhost:3000/people?x=1"');
  });

  it("a standalone server bound to NEXTAUTH_URL's own host (HOSTNAME=127.0.0.1) also answers the refreshing page, not a redirect Next would make relative", async () => {
    // Seen on the production build: HOSTNAME=127.0.0.1, NEXTAUTH_URL http://127.0.0.1:P, a visit on localhost:P
    // was answered `307 Location: /people?x=1` (relative, so back to localhost: a loop).
    setEnv({ NEXTAUTH_URL: "http://127.0.0.1:3999", HOSTNAME: "127.0.0.1", PORT: "3999" });
    const { proxy } = await import("@/proxy");
    const res = await proxy(new NextRequest("http://localhost:3999/people?x=1", { headers: { host: "localhost:3999" } }));
    expect(res.status).toBe(200);
    expect(res.headers.get("refresh")).toBe("0; url=http://127.0.0.1:3999/people?x=1");
  });

  it("health checks and the JSON API are not the proxy's: its matcher leaves them to answer on any host", async () => {
    const { config } = await import("@/proxy");
    (globalThis as { AsyncLocalStorage?: unknown }).AsyncLocalStorage ??= (await import("node:async_hooks")).AsyncLocalStorage;
    const { unstable_doesMiddlewareMatch } = await import("next/experimental/testing/server");
    const matches = (url: string) => unstable_doesMiddlewareMatch({ config, url, headers: { host: "10.1.2.3:3000" } });
    for (const url of ["/api/health", "/api/health/ready", "/api/people", "/api/activity?from=x", "/_next/static/chunks/a.js"]) {
      expect(matches(url), url).toBe(false);
    }
    for (const url of ["/", "/people", "/people/abc", "/licenses/reclaim", "/signin?callbackUrl=/x", "/not-admin", "/api/auth/signin/webex", "/api/auth/callback/webex?code=c", "/nowhere"]) {
      expect(matches(url), url).toBe(true);
    }
  });
});

describe("trusted proxies (ROSTER_TRUST_PROXY)", () => {
  // A TLS-terminating load balancer: the user opened https://console.example; the pod sees http://pod:3000.
  const behindBalancer = { host: "10.1.2.3:3000", "x-forwarded-host": "console.example", "x-forwarded-proto": "https" };

  it("by default ignores X-Forwarded-Host: the Host header decides", async () => {
    setEnv({ NEXTAUTH_URL: "https://console.example" });
    // A balancer that passes Host on: no redirect, whatever X-Forwarded-Host says.
    const passesHost = await call("/people?x=1", { host: "console.example", "x-forwarded-host": "evil.example", cookie: await sessionCookie("__Secure-next-auth.session-token") });
    expect(passesHost.headers.get("location")).toBeNull();
    // One that rewrites Host to the pod's address is sent to the canonical origin (docs/deploy.md: pass Host on).
    const rewritesHost = await call("/people?x=1", behindBalancer);
    expect(rewritesHost.status).toBe(307);
    expect(rewritesHost.headers.get("location")).toBe("https://console.example/people?x=1");
  });

  it("with ROSTER_TRUST_PROXY=1 compares X-Forwarded-Host instead, so a balancer that rewrites Host causes no loop", async () => {
    setEnv({ NEXTAUTH_URL: "https://console.example", ROSTER_TRUST_PROXY: "1" });
    const res = await call("/people?x=1", { ...behindBalancer, cookie: await sessionCookie("__Secure-next-auth.session-token") });
    expect(res.status).toBe(200);
    expect(res.headers.get("location")).toBeNull();
    // The first of several forwarded hosts is the one the browser used.
    expect((await call("/signin", { ...behindBalancer, "x-forwarded-host": "console.example, lb.internal" })).status).toBe(200);
    // A forwarded host that is not the console's is redirected (to the canonical origin, not to the forwarded host).
    const other = await call("/signin", { ...behindBalancer, "x-forwarded-host": "old-name.example" });
    expect(other.status).toBe(307);
    expect(other.headers.get("location")).toBe("https://console.example/signin");
    // Without X-Forwarded-Host, Host decides.
    expect((await call("/signin", { host: "console.example" })).status).toBe(200);
  });
});

describe("page headers set by proxy.ts", () => {
  it("over https: HSTS, and img-src limited to the console and Webex's avatar CDN", async () => {
    setEnv({ NEXTAUTH_URL: "https://console.example", NODE_ENV: "production" });
    for (const res of [await call("/signin", { host: "console.example" }), await call("/people", { host: "console.example" }), await call("/", { host: "127.0.0.1" })]) {
      expect(res.headers.get("strict-transport-security")).toBe("max-age=63072000; includeSubDomains");
      const csp = res.headers.get("content-security-policy")!;
      expect(csp).toContain("img-src 'self' https://*.webexcontent.com;");
      expect(csp).not.toContain("https:;");
      expect(csp).not.toContain("unsafe-eval");
    }
  });

  it("over http: no HSTS; with the emulator, avatars from the emulator's origin", async () => {
    setEnv({ NEXTAUTH_URL: "http://localhost:3000", ROSTER_EMULATOR: "1", ROSTER_DATA_DIR: "/tmp/roster-proxy-host-test", WEBEX_API_BASE: "http://127.0.0.1:4010/v1", NODE_ENV: "production" });
    const res = await call("/signin", { host: "localhost:3000" });
    expect(res.headers.get("strict-transport-security")).toBeNull();
    expect(res.headers.get("content-security-policy")).toContain("img-src 'self' http://127.0.0.1:4010;");
  });
});
