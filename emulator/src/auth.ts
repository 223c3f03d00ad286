import { randomBytes } from "node:crypto";
import type { IncomingMessage } from "node:http";
import { ApiError } from "./http";
import type { Store } from "./store";
import type { Person } from "./types";

/** Scopes the console asks for; also the default for /_emulator/tokens. */
export const CONSOLE_SCOPES = [
  "spark:people_read",
  "spark-admin:people_read",
  "spark-admin:people_write",
  "spark-admin:licenses_read",
  "spark-admin:roles_read",
  "spark-admin:organizations_read",
  "spark-admin:locations_read",
  "audit:events_read",
  "spark:kms",
];

export const KNOWN_SCOPES = new Set([
  ...CONSOLE_SCOPES,
  "spark:all",
  "spark:people_write",
  "spark-admin:locations_write",
  "spark-admin:devices_read",
  "identity:tokens_read",
  "identity:tokens_write",
]);

/** Tokens minted by /_emulator/tokens behave like developer-portal personal tokens: one shared "app". */
export const PERSONAL_APP = "personal-access-token";

export interface AccessToken {
  created: number;
  personId: string;
  orgId: string;
  clientId: string;
  scopes: Set<string>;
  expiresAt: number;
}

export interface RefreshToken {
  created: number;
  personId: string;
  orgId: string;
  clientId: string;
  scopes: string[];
  expiresAt: number;
}

export const REFRESH_LIFETIME_SECONDS = 7_776_000;

export class TokenStore {
  access = new Map<string, AccessToken>();
  refresh = new Map<string, RefreshToken>();

  issueAccess(person: Person, clientId: string, scopes: string[], lifetimeSeconds: number): string {
    const token = `${randomBytes(32).toString("base64url")}_EMU_${person.orgId.slice(-8)}`;
    this.access.set(token, {
      created: Date.now(),
      personId: person.id,
      orgId: person.orgId,
      clientId,
      scopes: new Set(scopes),
      expiresAt: Date.now() + lifetimeSeconds * 1000,
    });
    return token;
  }

  issueRefresh(person: Person, clientId: string, scopes: string[]): string {
    const token = randomBytes(40).toString("base64url");
    this.refresh.set(token, {
      created: Date.now(),
      personId: person.id,
      orgId: person.orgId,
      clientId,
      scopes,
      expiresAt: Date.now() + REFRESH_LIFETIME_SECONDS * 1000,
    });
    return token;
  }

  revokePerson(personId: string): number {
    let n = 0;
    for (const [key, value] of this.access) {
      if (value.personId === personId && this.access.delete(key)) n++;
    }
    for (const [key, value] of this.refresh) {
      if (value.personId === personId && this.refresh.delete(key)) n++;
    }
    return n;
  }

  revokeClient(personId: string, clientId: string): number {
    let n = 0;
    for (const map of [this.access, this.refresh] as Map<string, { personId: string; clientId: string }>[]) {
      for (const [key, value] of map) {
        if (value.personId === personId && value.clientId === clientId && map.delete(key)) n++;
      }
    }
    return n;
  }

  clear(): void {
    this.access.clear();
    this.refresh.clear();
  }
}

export type AdminLevel = "full" | "user" | "readonly" | "none";

/** The authenticated caller of a /v1 API request. */
export interface Caller {
  token: AccessToken;
  person: Person;
  level: AdminLevel;
}

export function adminLevel(store: Store, person: Person): AdminLevel {
  const has = (code: "id_full_admin" | "id_user_admin" | "id_readonly_admin") =>
    person.roles.includes(store.roleByCode(code).id);
  if (has("id_full_admin")) return "full";
  if (has("id_user_admin")) return "user";
  if (has("id_readonly_admin")) return "readonly";
  return "none";
}

export function authenticate(req: IncomingMessage, tokens: TokenStore, store: Store): Caller {
  const header = req.headers.authorization ?? "";
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  if (!match?.[1]) throw new ApiError(401, "The request requires a valid access token set in the Authorization request header.");
  const token = tokens.access.get(match[1]);
  if (!token) throw new ApiError(401, "The request requires a valid access token set in the Authorization request header.");
  if (token.expiresAt <= Date.now()) {
    tokens.access.delete(match[1]);
    throw new ApiError(401, "The access token has expired.");
  }
  const person = store.person(token.personId);
  // A deleted or deactivated user's tokens stop working, as they do at Webex.
  if (!person || !person.loginEnabled) throw new ApiError(401, "The access token is no longer valid.");
  return { token, person, level: adminLevel(store, person) };
}

export function requireScope(caller: Caller, ...anyOf: string[]): void {
  if (caller.token.scopes.has("spark:all") && anyOf.some((s) => s.startsWith("spark:"))) return;
  if (!anyOf.some((scope) => caller.token.scopes.has(scope))) {
    throw new ApiError(403, `The access token is missing a required scope: ${anyOf.join(" or ")}.`);
  }
}

/** Admin read access: an admin role plus the admin read scope. */
export function isAdminReader(caller: Caller): boolean {
  return caller.level !== "none" && caller.token.scopes.has("spark-admin:people_read");
}

export function requireAdmin(caller: Caller, what: string): void {
  if (caller.level === "none") throw new ApiError(403, `Only administrators can ${what}.`);
}

export function requireWriter(caller: Caller, what: string): void {
  requireScope(caller, "spark-admin:people_write");
  if (caller.level !== "full" && caller.level !== "user") {
    throw new ApiError(403, `Only full or user administrators can ${what}.`);
  }
}
