import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { recordAdminAudit, snapshotTarget } from "./admin-audit";
import { authenticate } from "./auth";
import { DEFAULT_CONFIG, DEFAULT_PEOPLE, DEFAULT_SEED, MAX_PEOPLE, type EmulatorConfig, type OAuthClient } from "./config";
import { ApiError, sleep, trackingIdFor, webexErrorBody, type Reply } from "./http";
import { DEV_CLIENT } from "./oauth";
import { matchPath } from "./routes";
import { EmulatorState, type Ctx, type Route } from "./state";

export type { EmulatorConfig, OAuthClient } from "./config";

export interface EmulatorOptions {
  /** 0 = random free port. */
  port?: number;
  host?: string;
  people?: number;
  seed?: number;
  config?: Partial<EmulatorConfig>;
  clients?: OAuthClient[];
}

export interface RunningEmulator {
  url: string;
  port: number;
  close(): Promise<void>;
}

const FAULT_MESSAGES: Record<string, string> = {
  "429": "Too many requests have been sent in a given amount of time and the request has been rate limited.",
  "500": "Something went wrong on the server.",
  "502": "The server received an invalid response from an upstream server.",
  "503": "Service Unavailable: the server is overloaded with requests. Try again later.",
};

function pickFault(state: EmulatorState): number | undefined {
  for (const status of ["429", "500", "502", "503"] as const) {
    const p = state.config.faults[status];
    if (p > 0 && Math.random() < p) return Number(status);
  }
  return undefined;
}

/** Runs one /v1 API request: auth, rate limit, injected faults, then the handler. */
async function runApi(ctx: Ctx, route: Route): Promise<Reply> {
  const { state, req } = ctx;
  const caller = authenticate(req, state.tokens, state.store);
  ctx.caller = caller;
  const wait = state.limiter.take(`${caller.token.clientId}|${caller.token.orgId}`, state.config.rateLimitPerMinute);
  if (wait > 0) throw new ApiError(429, FAULT_MESSAGES["429"]!, { "Retry-After": String(wait) });
  const fault = pickFault(state);
  if (fault !== undefined) throw new ApiError(fault, FAULT_MESSAGES[String(fault)]!, fault === 429 ? { "Retry-After": String(state.config.faultRetryAfterSeconds) } : {});
  ctx.auditBefore = snapshotTarget(ctx);
  const reply = await route.handler(ctx);
  const write = req.method !== "GET" && req.method !== "HEAD";
  if (write && reply.status < 300 && Math.random() < state.config.faults.applied500) {
    // The write is done; the answer is lost. Only a client that reads back before retrying stays correct.
    throw new ApiError(500, FAULT_MESSAGES["500"]!);
  }
  return reply;
}

function send(res: ServerResponse, reply: Reply, headers: Record<string, string>): void {
  if (res.headersSent || res.destroyed) return;
  const all = { ...headers, ...reply.headers };
  if (reply.text !== undefined) {
    res.writeHead(reply.status, { ...all, "Content-Type": reply.contentType ?? "text/plain; charset=utf-8" });
    res.end(reply.text);
  } else if (reply.body === undefined || reply.status === 204) {
    res.writeHead(reply.status, all);
    res.end();
  } else {
    res.writeHead(reply.status, { ...all, "Content-Type": "application/json;charset=UTF-8" });
    res.end(JSON.stringify(reply.body));
  }
}

async function handle(state: EmulatorState, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const started = performance.now();
  const trackingId = trackingIdFor(req);
  const method = req.method ?? "GET";
  let routeKey = `${method} (unmatched)`;
  let kind: Route["kind"] | undefined;
  let reply: Reply;
  let ctx: Ctx | undefined;
  try {
    const url = new URL(req.url ?? "/", "http://emulator.invalid");
    kind = url.pathname.startsWith("/_emulator/") ? "control" : url.pathname.startsWith("/v1/") ? "api" : undefined;
    const { routes, params } = matchPath(url.pathname);
    const route = routes.find((r) => r.method === method);
    if (!route) {
      if (routes.length > 0) {
        const allow = routes.map((r) => r.method).join(", ");
        routeKey = `${method} ${routes[0]!.pattern}`;
        throw new ApiError(405, `Method ${method} is not allowed here. Allowed: ${allow}.`, { Allow: allow });
      }
      throw new ApiError(404, "The requested resource could not be found.");
    }
    routeKey = `${method} ${route.pattern}`;
    kind = route.kind;
    if (kind !== "control") state.stats.receive(routeKey);
    ctx = { req, url, params, trackingId, state };
    reply = route.kind === "api" ? await runApi(ctx, route) : await route.handler(ctx);
  } catch (error) {
    if (error instanceof ApiError) {
      reply = { status: error.status, body: webexErrorBody(error.message, trackingId, error.errorCode, error.description), headers: error.headers };
    } else {
      // Never crash or hang on a bug: answer 500 with the usual body and keep serving.
      console.error("[emulator] unexpected error", error);
      reply = { status: 500, body: webexErrorBody("Internal error in the Webex emulator.", trackingId) };
    }
    if (method === "HEAD") reply.body = undefined;
  }
  // Serialize before reading the clock so Server-Timing covers the JSON encoding of big pages too.
  if (reply.text === undefined && reply.body !== undefined && reply.status !== 204) {
    reply = { ...reply, text: JSON.stringify(reply.body), contentType: "application/json;charset=UTF-8" };
  }
  const headers: Record<string, string> = { Trackingid: trackingId };
  if (kind === "api") {
    headers["Server-Timing"] = `app;dur=${(performance.now() - started).toFixed(2)}`;
    const delay = state.config.latencyMs + (state.config.routeLatencyMs[routeKey] ?? 0);
    if (delay > 0) await sleep(delay);
  }
  if (kind !== "control") state.stats.record(routeKey, reply.status);
  // Every write carried out becomes an admin audit event, whatever the client was answered (applied500, 400 after create).
  if (ctx) recordAdminAudit(ctx, method, ctx.auditBefore);
  for (const w of ctx?.writes ?? []) state.writes.push({ at: new Date().toISOString(), route: routeKey, ...w, status: reply.status });
  // Drain any unread request body so keep-alive connections stay usable.
  if (!req.readableEnded) req.resume();
  send(res, reply, headers);
}

/** Starts an emulator in this process; tests use port 0 and the returned url. */
export async function startEmulator(opts: EmulatorOptions = {}): Promise<RunningEmulator> {
  const people = opts.people ?? DEFAULT_PEOPLE;
  if (!Number.isInteger(people) || people < 4 || people > MAX_PEOPLE) throw new Error(`people must be 4..${MAX_PEOPLE}`);
  const config: EmulatorConfig = {
    ...DEFAULT_CONFIG,
    ...opts.config,
    faults: { ...DEFAULT_CONFIG.faults, ...opts.config?.faults },
    routeLatencyMs: { ...opts.config?.routeLatencyMs },
  };
  const state = new EmulatorState({ people, seed: opts.seed ?? DEFAULT_SEED, config }, [DEV_CLIENT, ...(opts.clients ?? [])]);
  const server = createServer((req, res) => {
    handle(state, req, res).catch((error: unknown) => {
      console.error("[emulator] failed to answer", error);
      if (!res.headersSent) res.writeHead(500).end();
    });
  });
  server.keepAliveTimeout = 5_000;
  const host = opts.host ?? "127.0.0.1";
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(opts.port ?? 4010, host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const urlHost = host.includes(":") ? `[${host}]` : host === "0.0.0.0" ? "127.0.0.1" : host;
  return {
    url: `http://${urlHost}:${port}`,
    port,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        server.closeAllConnections();
      }),
  };
}
