// Shared by tests/integration/api-*.test.ts and bench/api-people.ts (not a benchmark itself): an in-process
// emulator plus the route layer's session and Webex client substituted at its one boundary
// (setApiDepsForTests). Everything else is the real code. Server modules are imported lazily so that
// `npm run bench` can load this file on its own without tripping "server-only".
import type { EmulatorOptions } from "@/emulator/src/server";
import type { SessionUser } from "@/lib/server/session";
import type { JobClientFactory } from "@/lib/server/jobs/context";
import type { BudgetStore } from "@/lib/server/webex/budget";
import type { ReferenceCache, ReferenceStore } from "@/lib/server/reference/cache";

export const APP_ORIGIN = "http://roster.test";

export type Who = "admin" | "helpdesk" | "auditor" | "employee";

export interface ApiHarness {
  emulatorUrl: string;
  webexBase: string;
  users: Record<Who, SessionUser>;
  tokens: Record<Who, string>;
  /** Who the next request is signed in as; null = signed out. */
  signIn(who: Who | null): void;
  /**
   * Another session of a seeded account whose token carries only `scopes` (the SessionUser says so too); sign
   * it in with signInAs.
   */
  narrowSession(who: Who, scopes: string[]): Promise<SessionUser>;
  signInAs(user: SessionUser): void;
  /** The Webex token the route layer uses for this user. */
  tokenOf(user: SessionUser): string;
  /** The reference-data cache the routes use (lib/server/reference): memory store unless one was given. */
  reference: ReferenceCache;
  stats(): Promise<{ total: number; routes: Record<string, Record<string, number>>; received: Record<string, number> }>;
  emulatorFetch(path: string, init?: RequestInit): Promise<Response>;
  /** For the job engine: a background-lane client acting as the job's creator, sharing the harness's budget. */
  jobClient: JobClientFactory;
  /**
   * Puts `fn` between the routes' Webex client and the emulator (null removes it): it sees every request the
   * routes make and may answer it itself, fail it, or pass it on with `pass` — fault injection for one call.
   */
  intercept(fn: WebexInterceptor | null): void;
  close(): Promise<void>;
}

export type WebexInterceptor = (req: { method: string; url: URL; init: RequestInit | undefined }, pass: () => Promise<Response>) => Promise<Response>;


export type HarnessOptions = EmulatorOptions & {
  /** The Webex client's rate budget; default an in-memory one. */
  budget?: BudgetStore;
  /** The console's outbound budget per org (WEBEX_RATE_LIMIT_PER_MINUTE); default effectively unlimited. */
  perMinute?: number;
  /** The reference cache's shared store (default in memory) and lifetime (default 120 s, as the app's). */
  referenceStore?: ReferenceStore;
  referenceTtlMs?: number;
  /** How often the routes read Webex's admin audit log (ROSTER_WEBEX_AUDIT_TTL_SECONDS); default 60 s, as the app's. */
  webexAuditTtlMs?: number;
  /** Per-attempt Webex timeout of the routes' client (WEBEX_TIMEOUT_MS); default 15 s. */
  timeoutMs?: number;
  /** The routes' request deadlines (ROSTER_REQUEST_DEADLINE_SECONDS, …_LONG_…); default the app's 25 s and 300 s. */
  requestDeadlineMs?: number;
  longRequestDeadlineMs?: number;
};

export async function startApiHarness(options: HarnessOptions = {}): Promise<ApiHarness> {
  const [{ startEmulator }, { setApiDepsForTests }, { MemoryBudgetStore }, { WebexClient }, { DEFAULT_WEBEX_SCOPES }, ref, refCache] = await Promise.all([
    import("@/emulator/src/server"),
    import("@/lib/server/api/deps"),
    import("@/lib/server/webex/budget"),
    import("@/lib/server/webex/client"),
    import("@/lib/server/env"),
    import("@/lib/server/reference"),
    import("@/lib/server/reference/cache"),
  ]);
  const webexAudit = await import("@/lib/server/audit/webex-audit");
  const {
    budget: givenBudget,
    perMinute = 1_000_000,
    referenceStore,
    referenceTtlMs = 120_000,
    webexAuditTtlMs = 60_000,
    timeoutMs = 15_000,
    requestDeadlineMs = 25_000,
    longRequestDeadlineMs = 300_000,
    ...emulatorOptions
  } = options;
  const reference = new refCache.ReferenceCache({ store: referenceStore ?? new refCache.MemoryReferenceStore(), ttlMs: () => referenceTtlMs });
  ref.setReferenceCacheForTests(reference);
  webexAudit.setWebexAuditTtlForTests(webexAuditTtlMs);
  const emu = await startEmulator({ port: 0, ...emulatorOptions });
  const emulatorUrl = emu.url.replace(/\/+$/, "");
  const webexBase = `${emulatorUrl}/v1`;
  const who: Who[] = ["admin", "helpdesk", "auditor", "employee"];
  const tokens = {} as Record<Who, string>;
  const users = {} as Record<Who, SessionUser>;
  for (const w of who) {
    const res = await fetch(`${emulatorUrl}/_emulator/tokens`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email: `${w}@acme.example` }),
    });
    if (!res.ok) throw new Error(`emulator token for ${w}: ${res.status} ${await res.text()}`);
    tokens[w] = ((await res.json()) as { access_token: string }).access_token;
  }
  for (const w of who) {
    const me = (await (
      await fetch(`${webexBase}/people/me`, { headers: { authorization: `Bearer ${tokens[w]}` } })
    ).json()) as { id: string; orgId: string; displayName: string };
    users[w] = {
      personId: me.id,
      orgId: me.orgId,
      name: me.displayName,
      email: `${w}@acme.example`,
      // What the emulator's tokens carry (all the console asks for), as a real session's claims would say.
      scopes: DEFAULT_WEBEX_SCOPES.split(" "),
      roles: [],
      roleNames: [],
      isAdmin: w !== "employee",
      canWrite: w === "admin" || w === "helpdesk",
    };
  }

  let current: SessionUser | null = null;
  let interceptor: WebexInterceptor | null = null;
  const interceptedFetch: typeof fetch = (input, init) => {
    const pass = () => fetch(input, init);
    if (!interceptor) return pass();
    const url = new URL(input instanceof Request ? input.url : String(input));
    return interceptor({ method: (init?.method ?? "GET").toUpperCase(), url, init }, pass);
  };
  const budget = givenBudget ?? new MemoryBudgetStore();
  const narrowTokens = new WeakMap<SessionUser, string>();
  const tokenOf = (user: SessionUser) => narrowTokens.get(user) ?? tokens[user.email.split("@")[0] as Who];
  setApiDepsForTests({
    getSessionUser: async () => current,
    webexForUser: async (user, lane, limits) =>
      new WebexClient({
        lane,
        baseUrl: webexBase,
        orgId: user.orgId,
        accessToken: async () => tokenOf(user),
        budget,
        perMinute,
        timeoutMs,
        logger: () => undefined, // one JSON line per Webex call would drown the test output
        onWrite: ref.invalidateAfterPeopleWrite,
        deadlineAt: limits?.deadlineAt,
        signal: limits?.signal,
        fetch: interceptedFetch,
      }),
    requestDeadlineMs: (kind) => (kind === "long" ? longRequestDeadlineMs : requestDeadlineMs),
    webexApiBase: () => webexBase,
    appUrl: () => APP_ORIGIN,
    cursorSecret: () => "test-cursor-secret",
    sessionIdOf: async () => null,
  });
  const jobClient: JobClientFactory = async (_db, job, onCall) =>
    new WebexClient({
      baseUrl: webexBase,
      orgId: job.orgId,
      accessToken: async () => tokens[job.createdByEmail.split("@")[0] as Who],
      budget,
      perMinute,
      lane: "background",
      timeoutMs: 15_000,
      maxTotalWaitMs: 5 * 60_000,
      logger: () => onCall(),
      onWrite: ref.invalidateAfterPeopleWrite,
      fetch: interceptedFetch,
    });

  return {
    emulatorUrl,
    webexBase,
    users,
    tokens,
    signIn: (w) => {
      current = w ? users[w] : null;
    },
    narrowSession: async (w, scopes) => {
      const res = await fetch(`${emulatorUrl}/_emulator/tokens`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ email: `${w}@acme.example`, scopes }),
      });
      if (!res.ok) throw new Error(`emulator token for ${w}: ${res.status} ${await res.text()}`);
      const user = { ...users[w], scopes };
      narrowTokens.set(user, ((await res.json()) as { access_token: string }).access_token);
      return user;
    },
    signInAs: (user) => {
      current = user;
    },
    tokenOf,
    reference,
    stats: async () => (await fetch(`${emulatorUrl}/_emulator/stats`)).json(),
    emulatorFetch: (path, init) => fetch(`${emulatorUrl}${path}`, init),
    jobClient,
    intercept: (fn) => {
      interceptor = fn;
    },
    close: async () => {
      setApiDepsForTests({});
      ref.setReferenceCacheForTests(undefined);
      webexAudit.setWebexAuditTtlForTests(undefined);
      await emu.close();
    },
  };
}

type Handler = (req: Request, ctx?: { params: Promise<Record<string, string>> }) => Promise<Response>;

export interface CallOptions {
  method?: string;
  query?: Record<string, string>;
  params?: Record<string, string>;
  body?: unknown;
  rawBody?: string | Uint8Array<ArrayBuffer>;
  headers?: Record<string, string>;
  /** Defaults to the app's own origin for mutations. */
  origin?: string | null;
  /** The request's signal, as the browser going away would abort it. */
  signal?: AbortSignal;
}

/** Invokes a route handler export the way Next does: a Request plus `{ params: Promise }`. */
export async function call(handler: Handler, path: string, opts: CallOptions = {}): Promise<Response> {
  const method = opts.method ?? "GET";
  const url = new URL(path, APP_ORIGIN);
  for (const [k, v] of Object.entries(opts.query ?? {})) url.searchParams.set(k, v);
  const headers = new Headers(opts.headers);
  const mutation = method !== "GET" && method !== "HEAD";
  if (mutation && opts.origin !== null && !headers.has("origin")) headers.set("origin", opts.origin ?? APP_ORIGIN);
  let body: string | Uint8Array<ArrayBuffer> | undefined = opts.rawBody;
  if (opts.body !== undefined) {
    body = JSON.stringify(opts.body);
    if (!headers.has("content-type")) headers.set("content-type", "application/json");
  }
  const req = new Request(url, { method, headers, body, signal: opts.signal });
  return handler(req, { params: Promise.resolve(opts.params ?? {}) });
}
