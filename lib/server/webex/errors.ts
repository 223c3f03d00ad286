import "server-only";
import { secondsToWait } from "./deadline";

/** Every failure of a Webex call, normalised to what the console shows an admin. */
export class WebexError extends Error {
  readonly status: number;
  readonly trackingId: string;
  /** Set when Webex told us when to come back (429/423/503). */
  readonly retryAfterMs?: number;
  /** Webex's `errors[].errorCode` (license assignment errors carry one, e.g. 400411: Calling properties missing). */
  errorCode?: number;

  constructor(status: number, message: string, trackingId: string, retryAfterMs?: number) {
    super(message);
    this.name = "WebexError";
    this.status = status;
    this.trackingId = trackingId;
    if (retryAfterMs !== undefined) this.retryAfterMs = retryAfterMs;
  }

  toJSON(): { status: number; message: string; trackingId: string } {
    return { status: this.status, message: this.message, trackingId: this.trackingId };
  }
}

export function isWebexError(e: unknown): e is WebexError {
  return e instanceof WebexError;
}

const STATUS_TEXT: Record<number, string> = {
  400: "Webex rejected the request",
  401: "The Webex access token is missing, invalid or expired",
  403: "Not allowed by Webex (missing scope or admin role)",
  404: "Not found in Webex",
  405: "Method not allowed by Webex",
  409: "Conflict reported by Webex",
  410: "Gone from Webex",
  415: "Unsupported media type",
  423: "Webex resource is locked; try again later",
  428: "Webex requires a precondition",
  429: "Too many requests to Webex",
  500: "Webex internal error",
  502: "Webex bad gateway",
  503: "Webex is unavailable",
  504: "Webex gateway timeout",
};

/** Builds the admin-facing message from a Webex error body (or whatever came back instead of one). */
export function messageFromBody(status: number, bodyText: string): string {
  const fallback = STATUS_TEXT[status] ?? `Webex answered HTTP ${status}`;
  const text = bodyText.trim();
  if (!text) return fallback;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    // Not JSON (an HTML error page from a proxy, say): don't echo it, it can be huge or contain markup.
    return fallback;
  }
  if (!parsed || typeof parsed !== "object") return fallback;
  const body = parsed as { message?: unknown; errors?: unknown };
  const parts: string[] = [];
  if (typeof body.message === "string" && body.message.trim()) parts.push(body.message.trim());
  if (Array.isArray(body.errors)) {
    for (const e of body.errors) {
      const d = e && typeof e === "object" ? (e as { description?: unknown }).description : undefined;
      if (typeof d === "string" && d.trim() && !parts.includes(d.trim())) parts.push(d.trim());
    }
  }
  return parts.length ? parts.join(" — ").slice(0, 1000) : fallback;
}

/** Tracking ID from the body if Webex put one there, else from the response header, else ours. */
export function trackingIdFrom(bodyText: string, headers: Headers | null, sent: string): string {
  try {
    const body = JSON.parse(bodyText) as { trackingId?: unknown };
    if (body && typeof body.trackingId === "string" && body.trackingId) return body.trackingId;
  } catch {
    /* not JSON */
  }
  return headers?.get("trackingid") || sent;
}

export function errorFromResponse(
  status: number,
  bodyText: string,
  headers: Headers,
  sentTrackingId: string,
  retryAfterMs?: number,
): WebexError {
  const err = new WebexError(
    status,
    messageFromBody(status, bodyText),
    trackingIdFrom(bodyText, headers, sentTrackingId),
    retryAfterMs,
  );
  const code = errorCodeFrom(bodyText);
  if (code !== undefined) err.errorCode = code;
  return err;
}

/** The first numeric `errorCode` of a Webex error body (in `errors[]`, or at the top level). */
export function errorCodeFrom(bodyText: string): number | undefined {
  try {
    const body = JSON.parse(bodyText) as { errorCode?: unknown; errors?: unknown };
    const candidates = [...(Array.isArray(body?.errors) ? body.errors.map((e) => (e && typeof e === "object" ? (e as { errorCode?: unknown }).errorCode : undefined)) : []), body?.errorCode];
    for (const c of candidates) {
      const n = typeof c === "string" && /^\d+$/.test(c) ? Number(c) : c;
      if (typeof n === "number" && Number.isSafeInteger(n)) return n;
    }
  } catch {
    /* not JSON */
  }
  return undefined;
}

/** A fetch that threw: timeout → 504, anything else (DNS, refused, reset) → 503. */
export function errorFromFetchFailure(e: unknown, trackingId: string, timeoutMs: number): WebexError {
  if (isTimeout(e)) {
    return new WebexError(504, `Webex did not answer within ${Math.round(timeoutMs / 1000)} s`, trackingId);
  }
  const code = causeCode(e);
  return new WebexError(503, `Could not reach Webex${code ? ` (${code})` : ""}`, trackingId);
}

export function isTimeout(e: unknown): boolean {
  const name = (e as { name?: unknown } | null)?.name;
  return name === "TimeoutError" || name === "AbortError";
}

function causeCode(e: unknown): string | undefined {
  let cur: unknown = e;
  for (let i = 0; i < 4 && cur && typeof cur === "object"; i++) {
    const code = (cur as { code?: unknown }).code;
    if (typeof code === "string") return code;
    cur = (cur as { cause?: unknown }).cause;
  }
  return undefined;
}

/** The request's deadline (decision 015) came before Webex answered: what the admin sees, with no detail to leak. */
export function deadlineError(trackingId: string): WebexError {
  return new WebexError(504, "Webex did not answer in time; try again shortly", trackingId);
}

/**
 * Webex said to come back (429/423/503 with Retry-After, or the org's shared budget is paused) later than the
 * request's deadline: answered at once, keeping the busy status so the browser retries after `retryAfterMs`.
 */
export function busyBeyondDeadline(status: number, retryAfterMs: number, trackingId: string): WebexError {
  const s = secondsToWait(retryAfterMs);
  const message = status === 423 ? `Webex has locked this resource; try again in ${s} s` : `Webex is slow or rate limiting this organization; try again in ${s} s`;
  return new WebexError(status, message, trackingId, retryAfterMs);
}

/** Status of a call the browser abandoned (nginx's "client closed request"): nobody reads it, nothing is logged as a failure. */
export const CANCELLED_STATUS = 499;

/** The browser went away: the call was stopped before Webex was asked again. */
export function cancelledError(trackingId: string): WebexError {
  return new WebexError(CANCELLED_STATUS, "The request was cancelled", trackingId);
}

/** A 2xx whose body is not what the Webex contract says. */
export function unexpectedResponse(trackingId: string): WebexError {
  return new WebexError(502, "Unexpected response from Webex", trackingId);
}

/** Anything thrown anywhere, as the uniform {status, message, trackingId} the API returns. */
export function normaliseError(e: unknown, trackingId = ""): { status: number; message: string; trackingId: string } {
  if (e instanceof WebexError) return e.toJSON();
  if (isTimeout(e)) return { status: 504, message: "Webex did not answer in time", trackingId };
  return { status: 500, message: "Unexpected error while calling Webex", trackingId };
}
