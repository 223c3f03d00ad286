import "server-only";
import { randomUUID } from "node:crypto";
import type { z } from "zod";
import { DEFAULT_PER_MINUTE, MemoryBudgetStore, type BudgetStore, type Lane } from "./budget";
import { attemptTimeoutMs, budgetWaitBoundMs, fitsBeforeDeadline, minAttemptMs, timeLeft } from "./deadline";
import {
  CANCELLED_STATUS,
  WebexError,
  busyBeyondDeadline,
  cancelledError,
  deadlineError,
  errorFromFetchFailure,
  errorFromResponse,
  isTimeout,
  unexpectedResponse,
} from "./errors";
import { gateFor } from "./gate";
import { consoleLogger, levelFor, redactUrl, type WebexLogger } from "./log";
import {
  DEFAULT_MAX_TOTAL_WAIT_MS,
  MAX_RETRY_AFTER_MS,
  backoffMs,
  isRetryable,
  isThrottle,
  parseRetryAfter,
  withinBudget,
  type HttpMethod,
} from "./retry";

export interface WebexClientOptions {
  /** e.g. https://webexapis.com/v1 or http://127.0.0.1:4010/v1 */
  baseUrl: string;
  orgId: string;
  accessToken: () => Promise<string>;
  /** Called once on a 401: returns a fresh token (then the call is repeated) or null (the 401 stands). */
  onUnauthorized?: () => Promise<string | null>;
  budget?: BudgetStore;
  perMinute?: number;
  /** Which lane of the org's budget this client's calls use (default interactive). */
  lane?: Lane;
  /** Per HTTP attempt. Default 30 s. */
  timeoutMs?: number;
  /** Bound on all waiting (rate budget + backoff) within one logical call. Default 60 s. */
  maxTotalWaitMs?: number;
  /**
   * An interactive request's one deadline (epoch ms), shared by every call made with this client (decision 015):
   * each attempt's timeout is cut to the time left, and no budget wait, backoff or Retry-After wait starts that
   * would not leave an attempt before it. Unset (jobs, the reclaim scan): only the bounds above apply.
   */
  deadlineAt?: number;
  /**
   * The browser's request signal: once aborted, reads in flight are aborted and no budget wait, retry sleep or new
   * call starts. After this client has sent a write the signal no longer applies: the request then runs to its
   * end (within the deadline), so that what the write did is known and audited.
   */
  signal?: AbortSignal;
  logger?: WebexLogger;
  fetch?: typeof fetch;
  /**
   * Called after every write to people or their licenses (create, PUT, delete, license PATCH) — whatever the
   * outcome, as a failed write may still have been carried out — before the write's answer goes back: the app
   * drops the org's cached license counts and role membership here (lib/server/reference, decision 012).
   */
  onWrite?: (orgId: string) => Promise<void>;
}

/** Which failures a call may repeat; the default is retry.ts's isRetryable for the method. */
export type RetryPolicy = (status: number | "network" | "timeout", method: HttpMethod) => boolean;

export interface RequestSpec<S extends z.ZodType | undefined> {
  method: HttpMethod;
  url: URL;
  body?: unknown;
  /** Validates the 2xx body; undefined = no body is expected (DELETE). */
  schema: S;
  retry?: RetryPolicy;
}

export interface Response_<T> {
  data: T;
  headers: Headers;
  status: number;
}

/** Process-wide default so that several clients for one org share one budget even without a database. */
const defaultBudget = new MemoryBudgetStore();

/** What a request that gave up in line behind the org's other calls tells the browser to wait before trying again. */
const QUEUED_RETRY_AFTER_MS = 5_000;

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** HTTP plumbing: budget, auth, tracking IDs, timeouts, retries, validation, logs. */
export class WebexTransport {
  readonly base: URL;
  readonly basePath: string;
  readonly orgId: string;
  private readonly opts: WebexClientOptions;
  private readonly budget: BudgetStore;
  private readonly perMinute: number;
  private readonly lane: Lane;
  private readonly timeoutMs: number;
  private readonly maxTotalWaitMs: number;
  private readonly log: WebexLogger;
  private readonly fetchImpl: typeof fetch;
  private readonly deadlineAt: number | undefined;
  private readonly signal: AbortSignal | undefined;
  /** Set when a write was sent: from then on the browser's signal is ignored (see WebexClientOptions.signal). */
  private wrote = false;

  constructor(opts: WebexClientOptions) {
    this.opts = opts;
    this.base = new URL(opts.baseUrl);
    this.basePath = this.base.pathname.replace(/\/+$/, "");
    this.orgId = opts.orgId;
    this.budget = opts.budget ?? defaultBudget;
    this.perMinute = opts.perMinute ?? DEFAULT_PER_MINUTE;
    this.lane = opts.lane ?? "interactive";
    this.timeoutMs = opts.timeoutMs ?? 30_000;
    this.maxTotalWaitMs = opts.maxTotalWaitMs ?? DEFAULT_MAX_TOTAL_WAIT_MS;
    this.log = opts.logger ?? consoleLogger;
    this.fetchImpl = opts.fetch ?? ((input, init) => fetch(input, init));
    this.deadlineAt = opts.deadlineAt;
    this.signal = opts.signal;
  }

  /** The browser's signal while it still applies. */
  private get liveSignal(): AbortSignal | undefined {
    return this.wrote ? undefined : this.signal;
  }

  private throwIfCancelled(trackingId: string): void {
    if (this.liveSignal?.aborted) throw cancelledError(trackingId);
  }

  private timeLeft(): number {
    return timeLeft(this.deadlineAt, Date.now());
  }

  /** Whether a pause of `ms` still leaves the request's deadline room for one more call (always true without one). */
  hasTimeFor(ms: number): boolean {
    return fitsBeforeDeadline(ms, this.timeLeft(), minAttemptMs(this.timeoutMs));
  }

  /** A retry's pause; ends early (cancelledError) when the browser goes away. */
  private async pause(ms: number, trackingId: string): Promise<void> {
    const signal = this.liveSignal;
    if (!signal) return sleep(ms);
    if (signal.aborted) throw cancelledError(trackingId);
    await new Promise<void>((resolve, reject) => {
      const onAbort = () => {
        clearTimeout(timer);
        reject(cancelledError(trackingId));
      };
      const timer = setTimeout(() => {
        signal.removeEventListener("abort", onAbort);
        resolve();
      }, ms);
      signal.addEventListener("abort", onAbort, { once: true });
    });
  }

  /** `/people` + query → absolute URL under the base. Array values are comma-joined; undefined is skipped. */
  url(path: string, query?: Record<string, string | number | boolean | readonly string[] | undefined>): URL {
    const u = new URL(this.base.origin + this.basePath + path);
    for (const [k, v] of Object.entries(query ?? {})) {
      if (v === undefined) continue;
      u.searchParams.set(k, Array.isArray(v) ? v.join(",") : String(v));
    }
    return u;
  }

  /**
   * A URL we did not build (a `next` link from Webex, a cursor from the browser) is only followed when it is on
   * the configured origin and points at the expected resource under the base path; anything else is refused
   * before any request is made.
   */
  checkFollowUrl(raw: string, resourcePath: string, status: 400 | 502): URL {
    const refuse = () =>
      new WebexError(
        status,
        status === 400 ? "Invalid cursor" : "Webex returned a next link outside the configured API base",
        newTrackingId(),
      );
    let u: URL;
    try {
      u = new URL(raw);
    } catch {
      throw refuse();
    }
    const expected = this.basePath + resourcePath;
    if (
      u.origin !== this.base.origin ||
      u.username ||
      u.password ||
      u.pathname.replace(/\/+$/, "") !== expected ||
      !u.pathname.startsWith(this.basePath + "/")
    ) {
      throw refuse();
    }
    return u;
  }

  async request<S extends z.ZodType | undefined>(
    spec: RequestSpec<S>,
  ): Promise<Response_<S extends z.ZodType ? z.output<S> : undefined>> {
    const trackingBase = newTrackingId();
    const retryPolicy = spec.retry ?? isRetryable;
    let waitedMs = 0;
    let tokenOverride: string | null = null;
    let refreshed = false;
    const minAttempt = minAttemptMs(this.timeoutMs);

    for (let attempt = 1; ; attempt++) {
      const trackingId = attempt === 1 ? trackingBase : `${trackingBase}_${attempt}`;
      this.throwIfCancelled(trackingId);
      if (this.timeLeft() <= 0) throw deadlineError(trackingId);
      waitedMs += await this.takeBudget(waitedMs, trackingId);

      const token = tokenOverride ?? (await this.opts.accessToken());
      this.throwIfCancelled(trackingId);
      const timeoutMs = attemptTimeoutMs(this.timeoutMs, this.timeLeft());
      if (timeoutMs <= 0) throw deadlineError(trackingId);
      const headers: Record<string, string> = {
        Authorization: `Bearer ${token}`,
        TrackingID: trackingId,
        Accept: "application/json",
      };
      if (spec.body !== undefined) headers["Content-Type"] = "application/json";

      // A read is abandoned with the browser; a write, once sent, is let finish (see WebexClientOptions.signal).
      const userSignal = spec.method === "GET" ? this.liveSignal : undefined;
      if (spec.method !== "GET") this.wrote = true;
      const timeout = AbortSignal.timeout(timeoutMs);
      const started = performance.now();
      let res: Response;
      let text: string;
      try {
        res = await this.fetchImpl(spec.url, {
          method: spec.method,
          headers,
          body: spec.body === undefined ? undefined : JSON.stringify(spec.body),
          signal: userSignal ? AbortSignal.any([timeout, userSignal]) : timeout,
          redirect: "manual",
        });
        text = await res.text();
      } catch (e) {
        if (userSignal?.aborted) {
          this.emit(spec, CANCELLED_STATUS, started, trackingId, attempt, "cancelled: the browser went away");
          throw cancelledError(trackingId);
        }
        // A timeout cut short by the deadline is the deadline's: "did not answer in time", not "within 3 s".
        const err = isTimeout(e) && timeoutMs < this.timeoutMs ? deadlineError(trackingId) : errorFromFetchFailure(e, trackingId, timeoutMs);
        this.emit(spec, 0, started, trackingId, attempt, err.message);
        const kind = isTimeout(e) ? "timeout" : "network";
        const delay = backoffMs(attempt);
        if (!retryPolicy(kind, spec.method) || !withinBudget({ attempt, waitedMs, maxTotalWaitMs: this.maxTotalWaitMs, delayMs: delay })) {
          throw err;
        }
        if (!fitsBeforeDeadline(delay, this.timeLeft(), minAttempt)) throw kind === "timeout" ? deadlineError(trackingId) : err;
        await this.pause(delay, trackingId);
        waitedMs += delay;
        continue;
      }

      if (res.ok) {
        this.emit(spec, res.status, started, trackingId, attempt);
        let json: unknown = undefined;
        if (text.trim()) {
          try {
            json = JSON.parse(text);
          } catch {
            throw unexpectedResponse(res.headers.get("trackingid") || trackingId);
          }
        }
        if (!spec.schema) return { data: undefined as never, headers: res.headers, status: res.status };
        const parsed = spec.schema.safeParse(json);
        if (!parsed.success) throw unexpectedResponse(res.headers.get("trackingid") || trackingId);
        return { data: parsed.data as never, headers: res.headers, status: res.status };
      }

      const status = res.status;
      if (status === 401 && this.opts.onUnauthorized && !refreshed) {
        this.emit(spec, status, started, trackingId, attempt);
        refreshed = true;
        try {
          tokenOverride = await this.opts.onUnauthorized();
        } catch {
          tokenOverride = null; // a failed refresh leaves the 401 standing
        }
        if (tokenOverride) continue;
        throw errorFromResponse(status, text, res.headers, trackingId);
      }

      let retryAfterMs: number | undefined;
      let delay = backoffMs(attempt);
      if (isThrottle(status)) {
        // Missing or unreadable Retry-After: the jittered backoff step stands in for it.
        retryAfterMs = parseRetryAfter(res.headers.get("retry-after"), Date.now(), delay, MAX_RETRY_AFTER_MS);
        delay = retryAfterMs;
        await this.pauseOrg(Date.now() + retryAfterMs);
      }
      const err = errorFromResponse(status, text, res.headers, trackingId, retryAfterMs);
      this.emit(spec, status, started, trackingId, attempt, err.message);
      if (!retryPolicy(status, spec.method) || !withinBudget({ attempt, waitedMs, maxTotalWaitMs: this.maxTotalWaitMs, delayMs: delay })) {
        throw err;
      }
      if (!fitsBeforeDeadline(delay, this.timeLeft(), minAttempt)) {
        // Webex's "come back in N s" is beyond this request's deadline: say so now rather than wait for nothing.
        throw isThrottle(status) ? busyBeyondDeadline(status, delay, err.trackingId) : err;
      }
      if (isThrottle(status)) continue; // the paused budget does the waiting (and counts it)
      await this.pause(delay, trackingId);
      waitedMs += delay;
    }
  }

  /** Waits (in line with this process's other callers for the org) for a slot in the budget; returns the time waited. */
  private async takeBudget(waitedMs: number, trackingId: string): Promise<number> {
    const started = Date.now();
    const left = budgetWaitBoundMs(this.maxTotalWaitMs, waitedMs, this.timeLeft(), minAttemptMs(this.timeoutMs));
    // retryAfterMs is unknown when the wait was in line behind other calls (the gate): the admin is still told
    // Webex is busy and given a short wait, like any other answer that comes back before the deadline.
    const exhausted = (retryAfterMs?: number) =>
      this.deadlineAt !== undefined
        ? busyBeyondDeadline(429, retryAfterMs ?? QUEUED_RETRY_AFTER_MS, trackingId)
        : new WebexError(429, "Too many requests to Webex for this organization; try again shortly", trackingId, retryAfterMs);
    // Each lane has its own line: an interactive call never waits behind a queue of background calls.
    await gateFor(this.budget, `${this.orgId}|${this.lane}`).run(
      async () => {
        for (;;) {
          let wait: number;
          try {
            wait = await this.budget.acquire(this.orgId, this.perMinute, this.lane);
          } catch {
            // A budget store that is down must not take the console down with it; Webex's own 429s still apply.
            return;
          }
          if (wait <= 0) return;
          // A little jitter so that instances woken together do not all collide on the next token (only one
          // process polls an in-memory bucket, and there jitter would only waste budget).
          const ms = this.budget.shared ? wait + Math.floor(Math.random() * Math.min(50, wait / 4 + 1)) : wait;
          if (Date.now() - started + ms > left) throw exhausted(wait);
          await this.pause(ms, trackingId);
        }
      },
      left,
      () => exhausted(),
      this.liveSignal,
      () => cancelledError(trackingId),
    );
    return Date.now() - started;
  }

  private async pauseOrg(untilMs: number): Promise<void> {
    try {
      await this.budget.pause(this.orgId, untilMs);
    } catch {
      /* see takeBudget */
    }
  }

  private emit(spec: { method: HttpMethod; url: URL }, status: number, started: number, trackingId: string, attempt: number, error?: string) {
    try {
      this.log({
        level: levelFor(status),
        msg: "webex",
        method: spec.method,
        path: redactUrl(spec.url),
        status,
        ms: Math.round(performance.now() - started),
        trackingId,
        attempt,
        ...(error ? { error } : {}),
      });
    } catch {
      /* a broken logger must not fail the call */
    }
  }
}

export function newTrackingId(): string {
  return `ROSTER_${randomUUID()}`;
}
