import { describe, expect, it } from "vitest";

import { parseEnv } from "./env";
import { API_CSP, avatarSources, pageSecurityHeaders, type PageHeaderConfig } from "./security-headers";

const webex: PageHeaderConfig = { WEBEX_API_BASE: "https://webexapis.com/v1", ROSTER_EMULATOR: false, ROSTER_AVATAR_HOSTS: undefined };
const emulator: PageHeaderConfig = { WEBEX_API_BASE: "http://127.0.0.1:4010/v1", ROSTER_EMULATOR: true, ROSTER_AVATAR_HOSTS: undefined };

function directives(csp: string): Map<string, string[]> {
  return new Map(csp.split(";").map((d) => d.trim().split(/\s+/)).map(([name, ...values]) => [name!, values]));
}

describe("pageSecurityHeaders", () => {
  it("sends HSTS when the console is served over https, and not over http", () => {
    const https = pageSecurityHeaders(webex, { https: true, dev: false });
    expect(https["Strict-Transport-Security"]).toBe("max-age=63072000; includeSubDomains");
    const http = pageSecurityHeaders(webex, { https: false, dev: false });
    expect(http).not.toHaveProperty("Strict-Transport-Security");
    expect(http["Content-Security-Policy"]).toBe(https["Content-Security-Policy"]);
  });

  it("lets images load only from the console and Webex's avatar CDN, not from any https host", () => {
    const csp = directives(pageSecurityHeaders(webex, { https: true, dev: false })["Content-Security-Policy"]!);
    expect(csp.get("img-src")).toEqual(["'self'", "https://*.webexcontent.com"]);
    expect(csp.get("img-src")).not.toContain("https:");
    expect(csp.get("img-src")).not.toContain("*");
  });

  it("with the emulator, allows the emulator's origin for avatars (from WEBEX_API_BASE at run time)", () => {
    const csp = directives(pageSecurityHeaders(emulator, { https: false, dev: false })["Content-Security-Policy"]!);
    expect(csp.get("img-src")).toEqual(["'self'", "http://127.0.0.1:4010"]);
    expect(csp.get("form-action")).toEqual(["'self'", "https://webexapis.com", "http://127.0.0.1:4010"]);
  });

  it("ROSTER_AVATAR_HOSTS replaces the default avatar hosts", () => {
    const config = { ...webex, ROSTER_AVATAR_HOSTS: ["https://avatars.example.com", "https://*.cdn.example.net"] };
    expect(avatarSources(config)).toEqual(["https://avatars.example.com", "https://*.cdn.example.net"]);
    const csp = directives(pageSecurityHeaders(config, { https: true, dev: false })["Content-Security-Policy"]!);
    expect(csp.get("img-src")).toEqual(["'self'", "https://avatars.example.com", "https://*.cdn.example.net"]);
  });

  it("keeps the rest of the policy: no unsafe-eval outside next dev, no framing, scripts only from the console", () => {
    const prod = directives(pageSecurityHeaders(webex, { https: true, dev: false })["Content-Security-Policy"]!);
    expect(prod.get("script-src")).toEqual(["'self'", "'unsafe-inline'"]);
    expect(prod.get("frame-ancestors")).toEqual(["'none'"]);
    expect(prod.get("object-src")).toEqual(["'none'"]);
    expect(prod.get("connect-src")).toEqual(["'self'"]);
    const dev = directives(pageSecurityHeaders(webex, { https: false, dev: true })["Content-Security-Policy"]!);
    expect(dev.get("script-src")).toContain("'unsafe-eval'");
  });

  it("the JSON API's policy allows nothing", () => {
    expect(directives(API_CSP).get("default-src")).toEqual(["'none'"]);
    expect(directives(API_CSP).get("frame-ancestors")).toEqual(["'none'"]);
  });
});

describe("settings (env.ts)", () => {
  const real = { WEBEX_CLIENT_ID: "a", WEBEX_CLIENT_SECRET: "b", NEXTAUTH_SECRET: "s" };

  it("ROSTER_AVATAR_HOSTS takes origins (space or comma separated) and refuses anything that could change the policy", () => {
    expect(parseEnv(real).ROSTER_AVATAR_HOSTS).toBeUndefined();
    expect(parseEnv({ ...real, ROSTER_AVATAR_HOSTS: " " }).ROSTER_AVATAR_HOSTS).toBeUndefined();
    expect(parseEnv({ ...real, ROSTER_AVATAR_HOSTS: "https://a.example.com, https://*.cdn.example.net http://127.0.0.1:4010" }).ROSTER_AVATAR_HOSTS).toEqual([
      "https://a.example.com",
      "https://*.cdn.example.net",
      "http://127.0.0.1:4010",
    ]);
    for (const bad of ["https:", "*", "https://*", "a.example.com", "https://a.example.com/path", "https://a.example.com;script-src", "'unsafe-inline'", "data:"]) {
      expect(() => parseEnv({ ...real, ROSTER_AVATAR_HOSTS: bad }), bad).toThrow(/ROSTER_AVATAR_HOSTS/);
    }
  });

  it("ROSTER_TRUST_PROXY is off unless 1", () => {
    expect(parseEnv(real).ROSTER_TRUST_PROXY).toBe(false);
    expect(parseEnv({ ...real, ROSTER_TRUST_PROXY: "1" }).ROSTER_TRUST_PROXY).toBe(true);
    expect(() => parseEnv({ ...real, ROSTER_TRUST_PROXY: "yes" })).toThrow(/ROSTER_TRUST_PROXY/);
  });
});
