// One way for the browser to call our /api routes: JSON in, uniform errors out.

import type { ApiErrorBody } from "@/lib/api-error-body";

export type { ApiErrorBody };

export class ApiRequestError extends Error {
  readonly status: number;
  readonly trackingId?: string;
  readonly retryAfterSeconds?: number;
  readonly code?: string;
  readonly fields?: Record<string, string>;

  constructor(body: ApiErrorBody["error"]) {
    super(body.message);
    this.name = "ApiRequestError";
    this.status = body.status;
    this.trackingId = body.trackingId;
    this.retryAfterSeconds = body.retryAfterSeconds;
    this.code = body.code;
    this.fields = body.fields;
  }

  /** The Webex session behind the cookie is gone: only signing in again helps. */
  get sessionEnded(): boolean {
    return this.status === 401;
  }
}

function isErrorBody(value: unknown): value is ApiErrorBody {
  if (!value || typeof value !== "object") return false;
  const err = (value as { error?: unknown }).error;
  return Boolean(err && typeof err === "object" && typeof (err as { message?: unknown }).message === "string");
}

export async function fetchApi<T>(path: string, init?: { signal?: AbortSignal }): Promise<T> {
  let res: Response;
  try {
    res = await fetch(path, { headers: { Accept: "application/json" }, signal: init?.signal, credentials: "same-origin" });
  } catch (err) {
    if (err instanceof DOMException && err.name === "AbortError") throw err;
    throw new ApiRequestError({ status: 0, message: "Could not reach Roster. Check your network connection and try again." });
  }
  const body: unknown = await res.json().catch(() => null);
  if (!res.ok) {
    if (isErrorBody(body)) throw new ApiRequestError({ ...body.error, status: body.error.status || res.status });
    const retry = Number(res.headers.get("retry-after"));
    throw new ApiRequestError({
      status: res.status,
      message: `Roster answered ${res.status} ${res.statusText}`.trim(),
      ...(Number.isFinite(retry) && retry > 0 ? { retryAfterSeconds: retry } : {}),
    });
  }
  return body as T;
}

export function searchString(params: object): string {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v !== undefined && v !== null && v !== "") p.set(k, String(v));
  }
  const s = p.toString();
  return s ? `?${s}` : "";
}

const UNREACHABLE = "Could not reach Roster. Check your network connection; the change may or may not have been made.";

/** A mutation's response and its JSON (null when there is none); a network failure is an ApiRequestError with status 0. */
export async function sendRaw(method: "POST" | "PUT" | "PATCH" | "DELETE", path: string, body?: unknown): Promise<{ res: Response; json: unknown }> {
  let res: Response;
  try {
    res = await fetch(path, {
      method,
      credentials: "same-origin",
      headers: { Accept: "application/json", ...(body === undefined ? {} : { "Content-Type": "application/json" }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new ApiRequestError({ status: 0, message: UNREACHABLE });
  }
  return { res, json: res.status === 204 ? null : await res.json().catch(() => null) };
}

/** A POST/PUT/PATCH/DELETE to our API: JSON in (optional), JSON out, the same ApiRequestError as fetchApi. */
export async function sendApi<T>(method: "POST" | "PUT" | "PATCH" | "DELETE", path: string, body?: unknown): Promise<T> {
  const { res, json } = await sendRaw(method, path, body);
  if (!res.ok) {
    if (isErrorBody(json)) throw new ApiRequestError({ ...json.error, status: json.error.status || res.status });
    throw new ApiRequestError({ status: res.status, message: `Roster answered ${res.status} ${res.statusText}`.trim() });
  }
  return json as T;
}

async function failure(res: Response): Promise<ApiRequestError> {
  const json: unknown = await res.json().catch(() => null);
  if (isErrorBody(json)) return new ApiRequestError({ ...json.error, status: json.error.status || res.status });
  return new ApiRequestError({ status: res.status, message: `Roster answered ${res.status} ${res.statusText}`.trim() });
}

/** POSTs a file as it is on disk (the request body), JSON out. */
export async function sendFile<T>(path: string, file: Blob, type = "text/csv"): Promise<T> {
  let res: Response;
  try {
    res = await fetch(path, { method: "POST", credentials: "same-origin", headers: { Accept: "application/json", "Content-Type": type }, body: file });
  } catch {
    throw new ApiRequestError({ status: 0, message: "Could not reach Roster. Check your network connection and try again." });
  }
  if (!res.ok) throw await failure(res);
  return (await res.json()) as T;
}

/** A POST whose answer is a file (an export): the response, or the same ApiRequestError as the rest. */
export async function postForFile(path: string, body: unknown): Promise<Response> {
  let res: Response;
  try {
    res = await fetch(path, { method: "POST", credentials: "same-origin", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) });
  } catch {
    throw new ApiRequestError({ status: 0, message: "Could not reach Roster. Check your network connection and try again." });
  }
  if (!res.ok) throw await failure(res);
  return res;
}

/** A GET whose answer is a file (an export): the response, or the same ApiRequestError as the rest. */
export async function getForFile(path: string): Promise<Response> {
  let res: Response;
  try {
    res = await fetch(path, { credentials: "same-origin" });
  } catch {
    throw new ApiRequestError({ status: 0, message: "Could not reach Roster. Check your network connection and try again." });
  }
  if (!res.ok) throw await failure(res);
  return res;
}
