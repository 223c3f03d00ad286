import { createHash, randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ADMIN, EMPLOYEE, startTestEmulator, type Emu } from "./helpers";

let emu: Emu;
const CLIENT = "roster-dev-client";
const SECRET = "roster-dev-secret";
const REDIRECT = "http://localhost:3123/api/auth/callback/webex";
const SCOPES = "spark:people_read spark-admin:people_read spark-admin:licenses_read";

beforeAll(async () => {
  emu = await startTestEmulator({ clients: [{ clientId: "other", clientSecret: "s3cret", redirectUris: ["https://console.example/cb"] }] });
});
afterAll(() => emu.close());

function pkce() {
  const verifier = randomBytes(32).toString("base64url");
  return { verifier, challenge: createHash("sha256").update(verifier).digest("base64url") };
}

function authorizeParams(challenge: string, overrides: Record<string, string> = {}) {
  return new URLSearchParams({
    response_type: "code",
    client_id: CLIENT,
    redirect_uri: REDIRECT,
    scope: SCOPES,
    state: "st-123",
    code_challenge: challenge,
    code_challenge_method: "S256",
    ...overrides,
  });
}

async function getCode(challenge: string, email = ADMIN): Promise<string> {
  const form = authorizeParams(challenge);
  form.set("email", email);
  const res = await fetch(`${emu.api}/authorize`, { method: "POST", body: form, redirect: "manual" });
  expect(res.status).toBe(302);
  const location = new URL(res.headers.get("location")!);
  expect(location.origin + location.pathname).toBe(REDIRECT);
  expect(location.searchParams.get("state")).toBe("st-123");
  expect(location.searchParams.has("iss")).toBe(false);
  return location.searchParams.get("code")!;
}

const token = (form: Record<string, string>, headers: Record<string, string> = {}) =>
  fetch(`${emu.api}/access_token`, { method: "POST", headers, body: new URLSearchParams(form) });

describe("OAuth authorization code + PKCE", () => {
  it("shows a consent page with the scopes and one button per well-known account", async () => {
    const res = await fetch(`${emu.api}/authorize?${authorizeParams("abc")}`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("text/html");
    const html = await res.text();
    expect(html).toContain("Continue as Ada Admin (admin@acme.example)");
    expect(html).toContain("Continue as Hal Helpdesk (helpdesk@acme.example)");
    expect(html).toContain("Continue as Audrey Auditor (auditor@acme.example)");
    expect(html).toContain("Continue as Emil Employee (employee@acme.example)");
    expect(html).toContain("spark-admin:licenses_read");
    expect(html).toContain('action="/v1/authorize"');
  });

  it("runs the full flow: code (body client auth), API call, refresh (Basic auth) keeps the refresh token", async () => {
    const { verifier, challenge } = pkce();
    const code = await getCode(challenge);
    const res = await token({ grant_type: "authorization_code", code, redirect_uri: REDIRECT, code_verifier: verifier, client_id: CLIENT, client_secret: SECRET });
    expect(res.status).toBe(200);
    const tokens = (await res.json()) as Record<string, unknown>;
    expect(tokens).toMatchObject({ expires_in: 1209600, refresh_token_expires_in: 7776000, token_type: "Bearer", scope: SCOPES });
    const me = await emu.json<{ emails: string[] }>("/people/me", { token: tokens.access_token as string });
    expect(me.emails).toEqual([ADMIN]);

    const basic = `Basic ${Buffer.from(`${CLIENT}:${SECRET}`).toString("base64")}`;
    const refreshed = await token({ grant_type: "refresh_token", refresh_token: tokens.refresh_token as string }, { Authorization: basic });
    expect(refreshed.status).toBe(200);
    const next = (await refreshed.json()) as Record<string, unknown>;
    expect(next.refresh_token).toBe(tokens.refresh_token);
    expect(next.access_token).not.toBe(tokens.access_token);
    const stats = (await (await emu.control("/stats")).json()) as { grants: Record<string, number> };
    expect(stats.grants.authorization_code).toBeGreaterThanOrEqual(1);
    expect(stats.grants.refresh_token).toBeGreaterThanOrEqual(1);
  });

  it("rejects a bad verifier, a reused code, a wrong redirect_uri and bad client credentials", async () => {
    const { verifier, challenge } = pkce();
    const code = await getCode(challenge);
    const base = { grant_type: "authorization_code", redirect_uri: REDIRECT, client_id: CLIENT, client_secret: SECRET };
    const bad = await token({ ...base, code, code_verifier: "wrong-verifier-wrong-verifier-wrong-verifier" });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ error: "invalid_grant" });
    const reused = await token({ ...base, code, code_verifier: verifier });
    expect(((await reused.json()) as { error: string }).error).toBe("invalid_grant");

    const code2 = await getCode(challenge);
    const wrongRedirect = await token({ ...base, code: code2, code_verifier: verifier, redirect_uri: "http://localhost:1/api/auth/callback/webex" });
    expect(((await wrongRedirect.json()) as { error: string }).error).toBe("invalid_grant");

    const badClient = await token({ ...base, code: code2, code_verifier: verifier, client_secret: "nope" });
    expect(badClient.status).toBe(401);
    expect(((await badClient.json()) as { error: string }).error).toBe("invalid_client");
    expect(((await (await token({ grant_type: "password", client_id: CLIENT, client_secret: SECRET })).json()) as { error: string }).error).toBe("unsupported_grant_type");
  });

  it("validates client, redirect, response_type, scope and PKCE at /authorize", async () => {
    const html = async (p: URLSearchParams) => (await fetch(`${emu.api}/authorize?${p}`, { redirect: "manual" })).status;
    expect(await html(authorizeParams("c", { client_id: "nope" }))).toBe(400);
    expect(await html(authorizeParams("c", { redirect_uri: "http://evil.example/api/auth/callback/webex" }))).toBe(400);
    expect(await html(authorizeParams("c", { redirect_uri: "http://127.0.0.1:4999/api/auth/callback/webex" }))).toBe(200);
    expect(await html(authorizeParams("c", { redirect_uri: "http://[::1]:80/api/auth/callback/webex" }))).toBe(200);
    expect(await html(authorizeParams("c", { client_id: "other", redirect_uri: "https://console.example/cb" }))).toBe(200);

    const errorOf = async (p: URLSearchParams) => {
      const res = await fetch(`${emu.api}/authorize?${p}`, { redirect: "manual" });
      expect(res.status).toBe(302);
      return new URL(res.headers.get("location")!).searchParams.get("error");
    };
    expect(await errorOf(authorizeParams("c", { response_type: "token" }))).toBe("unsupported_response_type");
    expect(await errorOf(authorizeParams("c", { scope: "spark:people_read bogus:scope" }))).toBe("invalid_scope");
    expect(await errorOf(authorizeParams("", {}))).toBe("invalid_request");
    expect(await errorOf(authorizeParams("c", { code_challenge_method: "plain" }))).toBe("invalid_request");
  });
});

describe("tokens at the API", () => {
  it("401 for unknown, expired and revoked tokens with the Webex error body", async () => {
    const unknown = await emu.call("/people/me", { token: "nope" });
    expect(unknown.status).toBe(401);
    expect(await unknown.json()).toMatchObject({ message: expect.any(String), errors: [{ description: expect.any(String) }], trackingId: expect.any(String) });
    expect((await emu.call("/people/me")).status).toBe(401);

    await emu.control("/config", "PUT", { tokenLifetimeSeconds: 1 });
    const shortLived = await emu.token(EMPLOYEE);
    await emu.control("/config", "PUT", { tokenLifetimeSeconds: 1209600 });
    await new Promise((r) => setTimeout(r, 1100));
    expect((await emu.call("/people/me", { token: shortLived })).status).toBe(401);

    const live = await emu.token(EMPLOYEE);
    expect((await emu.call("/people/me", { token: live })).status).toBe(200);
    expect((await emu.control("/revoke", "POST", { email: EMPLOYEE })).status).toBe(200);
    expect((await emu.call("/people/me", { token: live })).status).toBe(401);
  });

  it("403 for a missing scope and for non-admins on admin APIs", async () => {
    const noRead = await emu.token(ADMIN, ["spark:kms"]);
    expect((await emu.call("/people/me", { token: noRead })).status).toBe(403);
    const employee = await emu.token(EMPLOYEE);
    for (const path of ["/licenses", "/roles", "/organizations", "/locations"]) {
      expect((await emu.call(path, { token: employee })).status, path).toBe(403);
    }
  });
});

describe("/v1/authorizations", () => {
  it("lists a person's grants and deletes them per client", async () => {
    const { verifier, challenge } = pkce();
    const code = await getCode(challenge, EMPLOYEE);
    const res = await token({ grant_type: "authorization_code", code, redirect_uri: REDIRECT, code_verifier: verifier, client_id: CLIENT, client_secret: SECRET });
    const { access_token: access } = (await res.json()) as { access_token: string };
    const list = await emu.json<{ items: { clientId: string; type: string }[] }>(`/authorizations?personEmail=${EMPLOYEE}`, { token: access });
    expect(list.items.filter((a) => a.clientId === CLIENT).map((a) => a.type).sort()).toEqual(["access", "refresh"]);
    expect((await emu.call("/authorizations", { token: access })).status).toBe(400);
    expect((await emu.call(`/authorizations?clientId=${CLIENT}`, { method: "DELETE", token: access })).status).toBe(204);
    expect((await emu.call("/people/me", { token: access })).status).toBe(401);
  });
});
