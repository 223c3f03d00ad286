import type { IncomingMessage } from "node:http";
import { ApiError } from "./http";

export function boolParam(url: URL, name: string): boolean {
  const raw = url.searchParams.get(name);
  if (raw === null || raw === "") return false;
  if (raw === "true") return true;
  if (raw === "false") return false;
  throw new ApiError(400, `Query parameter ${name} must be true or false.`);
}

/** Positive integer with a default; larger values are silently clamped as Webex does. */
export function maxParam(url: URL, name: string, fallback: number, ceiling: number): number {
  const raw = url.searchParams.get(name);
  if (raw === null || raw === "") return Math.min(fallback, ceiling);
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1) throw new ApiError(400, `Query parameter ${name} must be a positive integer.`);
  return Math.min(value, ceiling);
}

// Cursors are opaque to clients but simply "the last sequence number returned" inside.
export function encodeCursor(seq: number): string {
  return Buffer.from(`v1:${seq}`, "utf8").toString("base64url");
}

export function decodeCursor(raw: string | null): number {
  if (raw === null) return 0;
  const match = /^v1:(\d{1,15})$/.exec(/^[A-Za-z0-9_-]+$/.test(raw) ? Buffer.from(raw, "base64url").toString("utf8") : "");
  if (!match?.[1]) throw new ApiError(400, "Invalid cursor: use the next link from the Link header exactly as given.");
  return Number(match[1]);
}

/** Absolute next-page URL on the origin the client called, carrying every original parameter. */
export function nextLink(req: IncomingMessage, url: URL, cursorName: string, cursor: string): string {
  const params = new URLSearchParams(url.searchParams);
  params.set(cursorName, cursor);
  const host = req.headers.host ?? url.host;
  return `<http://${host}${url.pathname}?${params.toString()}>; rel="next"`;
}
