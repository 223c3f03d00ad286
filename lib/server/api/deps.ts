import "server-only";
import { getEnv } from "@/lib/server/env";
import type { SessionUser } from "@/lib/server/session";
import type { Lane } from "@/lib/server/webex/budget";
import type { WebexClient } from "@/lib/server/webex/client";

/** What the route layer needs from the outside world; tests replace parts of it at this one boundary. */
export interface ApiDeps {
  getSessionUser(): Promise<SessionUser | null>;
  /** `background`: for work the admin does not wait on call by call (the reclaim scan): it yields to clicks. */
  webexForUser(user: SessionUser, lane?: Lane): Promise<WebexClient>;
  /** The configured Webex base URL (e.g. https://webexapis.com/v1); the only upstream we ever call. */
  webexApiBase(): string;
  /** NEXTAUTH_URL, the app's public URL; undefined → derive from the request Host. */
  appUrl(): string | undefined;
  /** Secret the cursor-signing key is derived from; undefined → a per-process random key. */
  cursorSecret(): string | undefined;
  /** The session (token row) a background job started by this user runs with; null when there is none. */
  sessionIdOf(user: SessionUser): Promise<string | null>;
}

// The session and token modules are loaded on first use: tests that substitute them never load next-auth.
const defaults: ApiDeps = {
  // An ended session (token revoked, person deleted: decision 013) answers 401 with code SessionExpired.
  getSessionUser: async () => (await import("@/lib/server/session")).getApiSessionUser(),
  webexForUser: async (user, lane) => (await import("./webex-for-user")).webexForUser(user, lane),
  webexApiBase: () => getEnv().WEBEX_API_BASE,
  appUrl: () => getEnv().NEXTAUTH_URL || undefined,
  cursorSecret: () => getEnv().NEXTAUTH_SECRET || undefined,
  sessionIdOf: async (user) => (await import("@/lib/server/session")).sessionIdOf(user),
};

let overrides: Partial<ApiDeps> = {};

export function apiDeps(): ApiDeps {
  return { ...defaults, ...overrides };
}

/** Tests only: substitute the session lookup, the Webex client factory, etc. Pass `{}` to reset. */
export function setApiDepsForTests(next: Partial<ApiDeps>): void {
  overrides = next;
}
