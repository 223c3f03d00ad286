import "server-only";
import { getEnv } from "@/lib/server/env";
import type { SessionUser } from "@/lib/server/session";
import type { Lane } from "@/lib/server/webex/budget";
import type { WebexClient } from "@/lib/server/webex/client";

/** What bounds an interactive request's Webex calls (decision 015): its deadline and the browser's signal. */
export interface RequestLimits {
  /** Epoch ms by which the request must be answered. */
  deadlineAt: number;
  /** The incoming request's signal: aborted when the browser goes away. */
  signal?: AbortSignal;
}

/** "interactive": one click's worth of calls; "long": a request that walks the org (export, import plan, bulk preview). */
export type RequestKind = "interactive" | "long";

/** What the route layer needs from the outside world; tests replace parts of it at this one boundary. */
export interface ApiDeps {
  getSessionUser(): Promise<SessionUser | null>;
  /** `background`: for work the admin does not wait on call by call (the reclaim scan): it yields to clicks. */
  webexForUser(user: SessionUser, lane?: Lane, limits?: RequestLimits): Promise<WebexClient>;
  /** How long a request of this kind may take, from its arrival (ROSTER_REQUEST_DEADLINE_SECONDS…). */
  requestDeadlineMs(kind: RequestKind): number;
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
  webexForUser: async (user, lane, limits) => (await import("./webex-for-user")).webexForUser(user, lane, limits),
  requestDeadlineMs: (kind) => {
    const env = getEnv();
    return (kind === "long" ? env.ROSTER_LONG_REQUEST_DEADLINE_SECONDS : env.ROSTER_REQUEST_DEADLINE_SECONDS) * 1000;
  },
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
