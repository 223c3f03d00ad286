import "server-only";

import type { JWT } from "next-auth/jwt";
import { z } from "zod";

// The session cookie (an encrypted JWT) carries who the user is and a random session id that keys
// their row in webex_tokens. Never tokens: see docs/decisions/002-*.md.

export const identityClaimsSchema = z.object({
  sid: z.string().min(1),
  personId: z.string().min(1),
  orgId: z.string().min(1),
  name: z.string(),
  email: z.string(),
  avatar: z.string().optional(),
  scopes: z.array(z.string()),
  roles: z.array(z.string()),
  roleNames: z.array(z.string()),
});
export type IdentityClaims = z.infer<typeof identityClaimsSchema>;

/** Only the identity claims (plus next-auth's own iat/exp/jti), whatever else the token held. */
export function toJwt(claims: IdentityClaims, previous?: JWT): JWT {
  const keep: JWT = {};
  for (const k of ["iat", "exp", "jti"] as const) if (previous?.[k] !== undefined) keep[k] = previous[k];
  return {
    ...keep,
    sub: claims.personId,
    sid: claims.sid,
    personId: claims.personId,
    orgId: claims.orgId,
    name: claims.name,
    email: claims.email,
    ...(claims.avatar ? { picture: claims.avatar, avatar: claims.avatar } : {}),
    scopes: claims.scopes,
    roles: claims.roles,
    roleNames: claims.roleNames,
  };
}

export function claimsFromJwt(token: JWT | null | undefined): IdentityClaims | null {
  if (!token) return null;
  const parsed = identityClaimsSchema.safeParse(token);
  return parsed.success ? parsed.data : null;
}
