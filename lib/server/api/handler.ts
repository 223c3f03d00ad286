import "server-only";
import type { z } from "zod";
import type { SessionUser } from "@/lib/server/session";
import type { WebexClient } from "@/lib/server/webex/client";
import { DEFAULT_MAX_BODY_BYTES, readJsonBody } from "./body";
import { apiDeps, type RequestKind } from "./deps";
import { ApiError, NO_STORE, jsonResponse, toErrorResponse, validationError } from "./errors";
import { appOrigin, isMutation, isSameOrigin } from "./origin";

/**
 * - "session": any signed-in user (e.g. /api/me, which the not-an-admin page needs);
 * - "read": Webex administrators (full, user, read-only…);
 * - "write": administrators allowed to change people.
 */
export type AuthLevel = "session" | "read" | "write";

type Schema = z.ZodType;
type Out<S> = S extends z.ZodType ? z.output<S> : undefined;

export interface RouteOptions<Q extends Schema | undefined, B extends Schema | undefined, P extends Schema | undefined> {
  auth: AuthLevel;
  /** Validates the query string (an object of single string values; repeated keys keep the last). */
  query?: Q;
  /** Validates the JSON body; requires `Content-Type: application/json`. */
  body?: B;
  /** Validates the dynamic path segments (e.g. `{ id: webexIdSchema }`). */
  params?: P;
  /** Default 64 KiB. */
  maxBodyBytes?: number;
  /** An empty body is read as `{}` (every field of `body` optional). */
  bodyOptional?: boolean;
  /** Which deadline bounds the request's Webex calls (decision 015); default "interactive". */
  deadline?: RequestKind;
}

export interface HandlerContext<Q, B, P> {
  req: Request;
  user: SessionUser;
  query: Q;
  body: B;
  params: P;
  /** A client acting as `user` against the configured Webex base (constructing it calls nothing). */
  webex: WebexClient;
}

/** Next passes `{ params: Promise<…> }`; routes without dynamic segments may be called without it in tests. */
export interface RouteContextArg {
  params: Promise<Record<string, string | string[] | undefined>>;
}

export type RouteHandler = (req: Request, ctx?: RouteContextArg) => Promise<Response>;

/**
 * The one wrapper every /api route uses: same-origin check on mutations, session (401), permission (403),
 * query/params/body validation (400 naming fields, 413, 415), uniform error JSON with Webex tracking IDs,
 * and `Cache-Control: no-store` on every response. The handler returns a Response, a JSON-able object, or
 * null for 204.
 */
export function route<
  Q extends Schema | undefined = undefined,
  B extends Schema | undefined = undefined,
  P extends Schema | undefined = undefined,
>(
  options: RouteOptions<Q, B, P>,
  handler: (ctx: HandlerContext<Out<Q>, Out<B>, Out<P>>) => Promise<Response | object | null> | Response | object | null,
): RouteHandler {
  return async (req, routeCtx) => {
    const started = performance.now();
    const arrivedAt = Date.now();
    const url = new URL(req.url);
    // Server-Timing: how long Roster's own work took (session, checks, Webex, serialisation), so the rest of what a
    // client measures is the HTTP server's and the network's. Milliseconds only: nothing about the request.
    const timed = (res: Response) => withServerTiming(res, performance.now() - started);
    try {
      const deps = apiDeps();
      if (isMutation(req.method) && !isSameOrigin(req, appOrigin(req, deps.appUrl()))) {
        throw new ApiError(403, "Cross-origin request refused");
      }

      const user = await deps.getSessionUser();
      if (!user) throw new ApiError(401, "Not signed in");
      if (options.auth === "read" && !user.isAdmin) throw new ApiError(403, "Administrator access required");
      if (options.auth === "write" && !user.canWrite) {
        throw new ApiError(403, "Your administrator role cannot make changes");
      }

      const params = await parse(options.params, (await routeCtx?.params) ?? {}, "params");
      const query = await parse(options.query, Object.fromEntries(url.searchParams), "query");
      const body = options.body
        ? await parse(options.body, await readJsonBody(req, options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES, { optional: options.bodyOptional }), "body")
        : undefined;

      const ctx: HandlerContext<Out<Q>, Out<B>, Out<P>> = {
        req,
        user,
        query: query as Out<Q>,
        body: body as Out<B>,
        params: params as Out<P>,
        // One deadline from the request's arrival for all its Webex calls; the browser going away stops them.
        webex: await deps.webexForUser(user, "interactive", {
          deadlineAt: arrivedAt + deps.requestDeadlineMs(options.deadline ?? "interactive"),
          signal: req.signal,
        }),
      };
      return timed(toResponse(await handler(ctx)));
    } catch (err) {
      return timed(toErrorResponse(err, { method: req.method, path: url.pathname }));
    }
  };
}

async function parse(schema: Schema | undefined, input: unknown, where: "query" | "body" | "params"): Promise<unknown> {
  if (!schema) return undefined;
  const result = await schema.safeParseAsync(input);
  if (result.success) return result.data;
  const err = validationError(result.error, where === "body" ? "body" : "query");
  if (where === "params") throw new ApiError(400, "Invalid path", err.fields);
  throw err;
}

function withServerTiming(res: Response, ms: number): Response {
  try {
    res.headers.set("Server-Timing", `app;dur=${ms.toFixed(1)}`);
  } catch {
    // immutable headers (a fetched Response passed through): leave them
  }
  return res;
}

function toResponse(result: Response | object | null): Response {
  if (result === null) return new Response(null, { status: 204, headers: { "Cache-Control": NO_STORE } });
  if (!(result instanceof Response)) return jsonResponse(result);
  try {
    result.headers.set("Cache-Control", NO_STORE);
    return result;
  } catch {
    // Immutable headers (e.g. a fetched Response): copy into a new one.
    const headers = new Headers(result.headers);
    headers.set("Cache-Control", NO_STORE);
    return new Response(result.body, { status: result.status, statusText: result.statusText, headers });
  }
}
