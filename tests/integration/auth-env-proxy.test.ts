import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { encode } from "next-auth/jwt";
import { NextRequest } from "next/server";
import { afterEach, describe, expect, it } from "vitest";

import { DEFAULT_WEBEX_SCOPES, parseEnv, resetEnvCache } from "@/lib/server/env";

const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), "roster-env-"));

describe("env", () => {
  it("with real Webex, says exactly which variables are missing", () => {
    expect(() => parseEnv({})).toThrow(/WEBEX_CLIENT_ID, WEBEX_CLIENT_SECRET, NEXTAUTH_SECRET/);
    expect(() => parseEnv({ WEBEX_CLIENT_ID: "a", WEBEX_CLIENT_SECRET: "b" })).toThrow(/Missing environment variable: NEXTAUTH_SECRET/);
    expect(() => parseEnv({ WEBEX_CLIENT_ID: "a", NEXTAUTH_SECRET: "s" })).toThrow(/WEBEX_CLIENT_SECRET\b/);
  });

  it("has defaults", () => {
    const env = parseEnv({ WEBEX_CLIENT_ID: "a", WEBEX_CLIENT_SECRET: "b", NEXTAUTH_SECRET: "s", WEBEX_API_BASE: "https://x.test/v1/" });
    expect(env).toMatchObject({
      WEBEX_API_BASE: "https://x.test/v1",
      ROSTER_EMULATOR: false,
      ROSTER_DATA_DIR: ".data",
      WEBEX_RATE_LIMIT_PER_MINUTE: 600,
      WEBEX_TIMEOUT_MS: 15000,
      WEBEX_SCOPES: DEFAULT_WEBEX_SCOPES,
      ROSTER_REFERENCE_TTL_SECONDS: 120,
    });
    expect(() => parseEnv({ WEBEX_CLIENT_ID: "a", WEBEX_CLIENT_SECRET: "b", NEXTAUTH_SECRET: "s", WEBEX_TIMEOUT_MS: "soon" })).toThrow(/WEBEX_TIMEOUT_MS/);
    // 0 turns the reference-data cache off (decision 012); negative is a mistake.
    expect(parseEnv({ WEBEX_CLIENT_ID: "a", WEBEX_CLIENT_SECRET: "b", NEXTAUTH_SECRET: "s", ROSTER_REFERENCE_TTL_SECONDS: "0" }).ROSTER_REFERENCE_TTL_SECONDS).toBe(0);
    expect(() => parseEnv({ WEBEX_CLIENT_ID: "a", WEBEX_CLIENT_SECRET: "b", NEXTAUTH_SECRET: "s", ROSTER_REFERENCE_TTL_SECONDS: "-1" })).toThrow(/ROSTER_REFERENCE_TTL_SECONDS/);
  });

  it("in emulator mode, defaults the client and keeps a generated secret in the data dir (0600)", () => {
    const dir = tmp();
    try {
      const a = parseEnv({ ROSTER_EMULATOR: "1", ROSTER_DATA_DIR: dir });
      expect(a).toMatchObject({ WEBEX_CLIENT_ID: "roster-dev-client", WEBEX_CLIENT_SECRET: "roster-dev-secret", ROSTER_EMULATOR: true });
      expect(a.NEXTAUTH_SECRET.length).toBeGreaterThanOrEqual(32);
      const file = path.join(dir, "nextauth-secret");
      expect(fs.statSync(file).mode & 0o777).toBe(0o600);
      expect(parseEnv({ ROSTER_EMULATOR: "1", ROSTER_DATA_DIR: dir }).NEXTAUTH_SECRET).toBe(a.NEXTAUTH_SECRET);
      expect(parseEnv({ ROSTER_EMULATOR: "1", ROSTER_DATA_DIR: dir, NEXTAUTH_SECRET: "given" }).NEXTAUTH_SECRET).toBe("given");
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("proxy.ts", () => {
  const saved = { ...process.env };
  afterEach(() => {
    process.env = { ...saved };
    resetEnvCache();
  });

  async function run(pathname: string, cookie?: string) {
    Object.assign(process.env, { WEBEX_CLIENT_ID: "a", WEBEX_CLIENT_SECRET: "b", NEXTAUTH_SECRET: "proxy-secret", NEXTAUTH_URL: "http://localhost:3000" });
    resetEnvCache();
    const { proxy } = await import("@/proxy");
    const req = new NextRequest(`http://localhost:3000${pathname}`, { headers: cookie ? { cookie } : {} });
    return proxy(req);
  }

  it("sends signed-out visitors to /signin with the original path and query", async () => {
    const res = await run("/people/abc?tab=licenses");
    expect(res.status).toBe(307);
    const to = new URL(res.headers.get("location")!);
    expect(to.pathname).toBe("/signin");
    expect(to.searchParams.get("callbackUrl")).toBe("/people/abc?tab=licenses");
  });

  it("lets a valid session cookie through, and not a forged one", async () => {
    const token = await encode({ token: { sub: "p", sid: "s" }, secret: "proxy-secret" });
    expect((await run("/licenses", `next-auth.session-token=${token}`)).headers.get("location")).toBeNull();
    const forged = await encode({ token: { sub: "p", sid: "s" }, secret: "other-secret" });
    expect((await run("/licenses", `next-auth.session-token=${forged}`)).status).toBe(307);
  });

  it("matches pages and next-auth's routes, not the JSON API nor static files (proxy-host-headers.test.ts)", async () => {
    const { config } = await import("@/proxy");
    expect(config.matcher).toEqual(["/((?!api/|_next/|favicon\\.ico).*)", "/api/auth/:path*"]);
  });
});

describe("security headers (next.config.ts)", () => {
  // Built at build time, so only what does not depend on the deployment; pages get their CSP and HSTS from proxy.ts
  // (proxy-host-headers.test.ts, lib/server/security-headers.test.ts).
  it("sends the fixed headers on every path and a CSP that allows nothing on the JSON API", async () => {
    const { default: nextConfig } = await import("@/next.config");
    const rules = await nextConfig.headers!();
    const all = rules.find((r) => r.source === "/:path*")!;
    const h = Object.fromEntries(all.headers.map((x) => [x.key, x.value]));
    expect(h).toMatchObject({
      "Referrer-Policy": "strict-origin-when-cross-origin",
      "X-Content-Type-Options": "nosniff",
      "X-Frame-Options": "DENY",
      "Cross-Origin-Opener-Policy": "same-origin",
    });
    expect(h["Permissions-Policy"]).toContain("camera=()");
    expect(h).not.toHaveProperty("Content-Security-Policy");
    const api = rules.find((r) => r.source.startsWith("/api/"))!;
    expect(api.headers).toEqual([{ key: "Content-Security-Policy", value: expect.stringContaining("default-src 'none'") }]);
  });
});

describe("safeReturnTo", () => {
  it("keeps paths on the console; anything else is /", async () => {
    // Re-exported by session.ts; the property test over hostile values is lib/server/return-path.test.ts.
    const { safeReturnTo } = await import("@/lib/server/session");
    const origin = "http://localhost:3000";
    expect(safeReturnTo("/people?x=1", origin)).toBe("/people?x=1");
    expect(safeReturnTo("http://localhost:3000/licenses?a=b", origin)).toBe("/licenses?a=b");
    expect(safeReturnTo("https://evil.example/phish", origin)).toBe("/");
    expect(safeReturnTo("//evil.example", origin)).toBe("/");
    expect(safeReturnTo("/\\evil.example", origin)).toBe("/");
    expect(safeReturnTo("javascript:alert(1)", origin)).toBe("/");
    expect(safeReturnTo(undefined, origin)).toBe("/");
  });
});
