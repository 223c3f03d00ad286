import "server-only";
import { ApiError } from "./errors";

export const DEFAULT_MAX_BODY_BYTES = 64 * 1024;

/** Reads the body as UTF-8, refusing (413) anything larger than `max` whatever Content-Length claims. */
export async function readBodyText(req: Request, max: number): Promise<string> {
  const bytes = await readBodyBytes(req, max);
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new ApiError(400, "Request body is not valid UTF-8");
  }
}

/** The body's bytes, refusing (413, with `message` when given) anything larger than `max`. */
export async function readBodyBytes(req: Request, max: number, message?: string): Promise<Uint8Array> {
  const tooLarge = (n: number) => (message ? new ApiError(413, message) : tooLargeError(n));
  const declared = req.headers.get("content-length");
  if (declared !== null && Number(declared) > max) throw tooLarge(max);
  if (!req.body) return new Uint8Array(0);
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > max) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge(max);
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}

function tooLargeError(max: number): ApiError {
  return new ApiError(413, `Request body larger than ${max} bytes`);
}

/** `optional`: an empty body reads as `{}` (commands whose options are all optional). */
export async function readJsonBody(req: Request, max: number, opts: { optional?: boolean } = {}): Promise<unknown> {
  const type = req.headers.get("content-type") ?? "";
  const isJson = /^application\/json\s*(;|$)/i.test(type);
  if (!isJson && !opts.optional) throw new ApiError(415, "Content-Type must be application/json");
  const text = await readBodyText(req, max);
  if (text.trim() === "" && opts.optional) return {};
  if (!isJson) throw new ApiError(415, "Content-Type must be application/json");
  if (text.trim() === "") throw new ApiError(400, "Request body is required", { body: "Required" });
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new ApiError(400, "Request body is not valid JSON", { body: "Malformed JSON" });
  }
}
