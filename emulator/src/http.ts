import type { IncomingMessage } from "node:http";
import { randomUUID } from "node:crypto";

export const MAX_BODY_BYTES = 1024 * 1024;

/** What a handler returns; the server turns it into bytes, headers, stats and timing. */
export interface Reply {
  status: number;
  body?: unknown;
  /** Pre-rendered text (HTML pages); sent as-is with contentType. */
  text?: string;
  contentType?: string;
  headers?: Record<string, string>;
}

/** Thrown anywhere in a /v1 handler; rendered as the Webex error body. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly headers: Record<string, string> = {},
    readonly errorCode?: number,
    /** `errors[0].description` when it says more than `message` (Webex's license errors: a short message, a long description). */
    readonly description?: string,
  ) {
    super(message);
  }
}

export function webexErrorBody(message: string, trackingId: string, errorCode?: number, description = message) {
  return {
    message,
    errors: [errorCode === undefined ? { description } : { errorCode, description }],
    trackingId,
  };
}

export function trackingIdFor(req: IncomingMessage): string {
  const given = req.headers["trackingid"];
  const value = Array.isArray(given) ? given[0] : given;
  return value && value.length <= 256 ? value : `ROUTER_${randomUUID()}`;
}

/**
 * Reads the body up to MAX_BODY_BYTES. Past the limit it keeps draining (discarding) so the client
 * still receives our 413 instead of a reset connection, up to a hard cap after which it gives up.
 */
export function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers["content-length"] ?? "0");
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = declared > MAX_BODY_BYTES;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) tooLarge = true;
      if (!tooLarge) chunks.push(chunk);
      if (size > 64 * MAX_BODY_BYTES) req.destroy();
    });
    req.on("end", () => {
      if (tooLarge) reject(new ApiError(413, `Request body is larger than ${MAX_BODY_BYTES} bytes.`));
      else resolve(Buffer.concat(chunks));
    });
    req.on("error", () => reject(new ApiError(400, "The request body could not be read.")));
  });
}

/** Parses a JSON request body; media type and syntax problems become 415/400 Webex errors. */
export async function readJson(req: IncomingMessage): Promise<unknown> {
  const buffer = await readBody(req);
  const type = (req.headers["content-type"] ?? "").toLowerCase();
  if (type && !type.startsWith("application/json")) {
    throw new ApiError(415, "Content-Type must be application/json.");
  }
  if (buffer.length === 0) throw new ApiError(400, "Request body is required.");
  try {
    return JSON.parse(buffer.toString("utf8"));
  } catch {
    throw new ApiError(400, "Malformed JSON in request body.");
  }
}

export async function readForm(req: IncomingMessage): Promise<URLSearchParams> {
  const buffer = await readBody(req);
  return new URLSearchParams(buffer.toString("utf8"));
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
