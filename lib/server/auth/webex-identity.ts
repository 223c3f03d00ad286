import "server-only";

import { z } from "zod";
import { humaniseRoleCode, roleCode } from "./roles";

// Sign-in needs two reads before a session exists (who is this, what are their roles called), so it
// talks to Webex directly rather than through lib/server/webex, whose client is per signed-in session.

const meSchema = z.object({
  id: z.string().min(1),
  emails: z.array(z.string()).default([]),
  displayName: z.string().optional(),
  firstName: z.string().optional(),
  lastName: z.string().optional(),
  avatar: z.string().optional(),
  orgId: z.string().min(1),
  roles: z.array(z.string()).optional(),
});

const rolesSchema = z.object({ items: z.array(z.object({ id: z.string(), name: z.string() })) });

/** What sign-in learns about the user; becomes the session cookie's identity claims. */
export type WebexIdentity = {
  personId: string;
  orgId: string;
  name: string;
  email: string;
  avatar?: string;
  roles: string[];
  roleNames: string[];
};

async function getJson(url: string, accessToken: string, timeoutMs: number): Promise<{ status: number; body: unknown }> {
  const res = await fetch(url, {
    headers: { authorization: `Bearer ${accessToken}`, accept: "application/json" },
    signal: AbortSignal.timeout(timeoutMs),
    cache: "no-store",
  });
  const text = await res.text();
  let body: unknown = undefined;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    body = undefined;
  }
  return { status: res.status, body };
}

export async function fetchWebexIdentity(apiBase: string, accessToken: string, timeoutMs: number): Promise<WebexIdentity> {
  const me = await getJson(`${apiBase}/people/me`, accessToken, timeoutMs);
  if (me.status !== 200) throw new Error(`GET /people/me answered ${me.status}`);
  const person = meSchema.parse(me.body);
  const roles = person.roles ?? [];
  const roleNames = await nameRoles(apiBase, accessToken, timeoutMs, roles);
  const name =
    person.displayName || [person.firstName, person.lastName].filter(Boolean).join(" ") || person.emails[0] || person.id;
  return {
    personId: person.id,
    orgId: person.orgId,
    name,
    email: (person.emails[0] ?? "").toLowerCase(),
    avatar: person.avatar || undefined,
    roles,
    roleNames,
  };
}

/** Role names as sign-in gives them: from GET /roles when allowed, else the humanised role code. */
async function nameRoles(apiBase: string, accessToken: string, timeoutMs: number, roles: string[], known?: ReadonlyMap<string, string>): Promise<string[]> {
  let names = new Map<string, string>(known);
  if (roles.some((id) => !names.has(id))) {
    // Admin only; a non-admin (or a token without spark-admin:roles_read) gets 403: humanise the codes.
    try {
      const list = await getJson(`${apiBase}/roles`, accessToken, timeoutMs);
      if (list.status === 200) names = new Map(rolesSchema.parse(list.body).items.map((r) => [r.id, r.name]));
    } catch {
      // fall back below
    }
  }
  return roles.map((id) => names.get(id) ?? humaniseRoleCode(roleCode(id)));
}

/**
 * The periodic re-check (lib/server/auth/session-check.ts): who the token belongs to now, with roles derived as
 * at sign-in. `status` is GET /people/me's answer (roles only with 200); `known` names roles already known, so
 * GET /roles is asked only when a role was added. Throws when Webex could not be reached (timeout, network).
 */
export async function fetchCurrentRoles(
  apiBase: string,
  accessToken: string,
  timeoutMs: number,
  known?: ReadonlyMap<string, string>,
): Promise<{ status: number; personId?: string; roles?: string[]; roleNames?: string[] }> {
  const me = await getJson(`${apiBase}/people/me`, accessToken, timeoutMs);
  if (me.status !== 200) return { status: me.status };
  const parsed = meSchema.safeParse(me.body);
  if (!parsed.success) return { status: 502 };
  const roles = parsed.data.roles ?? [];
  return { status: 200, personId: parsed.data.id, roles, roleNames: await nameRoles(apiBase, accessToken, timeoutMs, roles, known) };
}
