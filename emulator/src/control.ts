import { z } from "zod";
import { CONSOLE_SCOPES, KNOWN_SCOPES, PERSONAL_APP } from "./auth";
import { applyConfigPatch, configPatchSchema, MAX_PEOPLE } from "./config";
import { ApiError, readBody, type Reply } from "./http";
import { rawPerson } from "./person-view";
import type { Ctx } from "./state";
import { parseWith } from "./validate";

// Control plane for tests and developers: no auth, not under /v1, never rate limited or faulted.
async function optionalJson(ctx: Ctx): Promise<unknown> {
  const buffer = await readBody(ctx.req);
  if (buffer.length === 0) return {};
  try {
    return JSON.parse(buffer.toString("utf8"));
  } catch {
    throw new ApiError(400, "Malformed JSON in request body.");
  }
}

export const health = (): Reply => ({ status: 200, body: { ok: true } });

const tokenSchema = z.strictObject({ email: z.string(), scopes: z.array(z.string()).optional() });

export async function mintToken(ctx: Ctx): Promise<Reply> {
  const body = parseWith(tokenSchema, await optionalJson(ctx));
  const person = ctx.state.store.personByEmail(body.email);
  if (!person) throw new ApiError(404, `No seeded person with email ${body.email}.`);
  const scopes = body.scopes ?? CONSOLE_SCOPES;
  const unknown = scopes.filter((s) => !KNOWN_SCOPES.has(s));
  if (unknown.length > 0) throw new ApiError(400, `Unknown scope(s): ${unknown.join(", ")}`);
  const lifetime = ctx.state.config.tokenLifetimeSeconds;
  return { status: 200, body: { access_token: ctx.state.tokens.issueAccess(person, PERSONAL_APP, scopes, lifetime), expires_in: lifetime } };
}

const resetSchema = z.strictObject({
  people: z.number().int().min(4).max(MAX_PEOPLE).optional(),
  seed: z.number().int().min(0).max(2 ** 32 - 1).optional(),
});

export async function reset(ctx: Ctx): Promise<Reply> {
  const body = parseWith(resetSchema, await optionalJson(ctx));
  ctx.state.reset(body.people, body.seed);
  return { status: 200, body: { ok: true, people: ctx.state.store.size } };
}

export const getConfig = (ctx: Ctx): Reply => ({ status: 200, body: ctx.state.config });

export async function putConfig(ctx: Ctx): Promise<Reply> {
  const patch = parseWith(configPatchSchema, await optionalJson(ctx));
  ctx.state.config = applyConfigPatch(ctx.state.config, patch);
  return { status: 200, body: ctx.state.config };
}

export const getStats = (ctx: Ctx): Reply => ({ status: 200, body: ctx.state.stats.toJSON() });

export async function revoke(ctx: Ctx): Promise<Reply> {
  const body = parseWith(z.strictObject({ email: z.string() }), await optionalJson(ctx));
  const person = ctx.state.store.personByEmail(body.email);
  if (!person) throw new ApiError(404, `No person with email ${body.email}.`);
  return { status: 200, body: { revoked: ctx.state.tokens.revokePerson(person.id) } };
}

const unitsSchema = z.strictObject({ licenseId: z.string(), totalUnits: z.number().int().min(0).max(10_000_000) });

/** Buys (or gives back) units of a license, as an admin would in Control Hub: tests need pools of a given size. */
export async function setLicenseUnits(ctx: Ctx): Promise<Reply> {
  const body = parseWith(unitsSchema, await optionalJson(ctx));
  const license = ctx.state.store.license(body.licenseId);
  if (!license) throw new ApiError(404, `No license ${body.licenseId}.`);
  license.totalUnits = body.totalUnits;
  return { status: 200, body: { id: license.id, totalUnits: license.totalUnits, freeUnits: ctx.state.store.freeUnits(license) } };
}

const nameSchema = z.strictObject({ licenseId: z.string(), name: z.string().trim().min(1).max(256) });

/** Renames a license, as Webex did to several licenses in 2026: the ID stays, only `name` changes. */
export async function renameLicense(ctx: Ctx): Promise<Reply> {
  const body = parseWith(nameSchema, await optionalJson(ctx));
  const license = ctx.state.store.license(body.licenseId);
  if (!license) throw new ApiError(404, `No license ${body.licenseId}.`);
  license.name = body.name;
  return { status: 200, body: { id: license.id, name: license.name } };
}

/** The write log (optionally for one person): what the emulator changed, whatever the client was told. */
export function writes(ctx: Ctx): Reply {
  const personId = ctx.url.searchParams.get("personId");
  const items = personId ? ctx.state.writes.filter((w) => w.personId === personId) : ctx.state.writes;
  return { status: 200, body: { items } };
}

export function inspectPerson(ctx: Ctx): Reply {
  const email = ctx.url.searchParams.get("email");
  if (!email) throw new ApiError(400, "email is required.");
  const person = ctx.state.store.personByEmail(email);
  if (!person) throw new ApiError(404, `No person with email ${email}.`);
  return { status: 200, body: rawPerson(person) };
}

/**
 * Every live token issued to a person (OAuth and personal). Lets leak probes search the console's responses
 * for the exact secrets; the control plane is bound to loopback like the rest of the emulator.
 */
export function issuedTokens(ctx: Ctx): Reply {
  const email = ctx.url.searchParams.get("email");
  if (!email) throw new ApiError(400, "email is required.");
  const person = ctx.state.store.personByEmail(email);
  if (!person) throw new ApiError(404, `No person with email ${email}.`);
  const tokens: { access_token?: string; refresh_token?: string; client_id: string }[] = [];
  for (const [token, t] of ctx.state.tokens.access) if (t.personId === person.id) tokens.push({ access_token: token, client_id: t.clientId });
  for (const [token, t] of ctx.state.tokens.refresh) if (t.personId === person.id) tokens.push({ refresh_token: token, client_id: t.clientId });
  return { status: 200, body: { tokens } };
}
