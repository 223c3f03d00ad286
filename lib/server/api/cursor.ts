import "server-only";
import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { ApiError } from "./errors";

// The browser gets an opaque, signed token instead of Webex's `next` URL. Only the URL's query string is carried;
// on use the URL is rebuilt from the configured Webex base + /people, so a cursor can never name another host or
// path, and without the key it cannot be forged or altered.

let processKey: Buffer | undefined;

function keyFrom(secret: string | undefined): Buffer {
  if (!secret) {
    processKey ??= randomBytes(32);
    return processKey;
  }
  return createHmac("sha256", secret).update("roster/people-cursor/v1").digest();
}

function mac(key: Buffer, orgId: string, payload: string): Buffer {
  return createHmac("sha256", key).update(`${orgId}\n${payload}`).digest();
}

export function peopleUrl(webexBase: string): URL {
  const url = new URL(webexBase);
  url.pathname = `${url.pathname.replace(/\/+$/, "")}/people`;
  url.search = "";
  url.hash = "";
  return url;
}

/** Signs the query string of Webex's next link; a link for another origin or path is refused. */
export function encodePeopleCursor(nextUrl: string, webexBase: string, orgId: string, secret: string | undefined): string {
  const expected = peopleUrl(webexBase);
  const next = new URL(nextUrl, expected);
  if (next.origin !== expected.origin || next.pathname !== expected.pathname) {
    throw new Error(`Webex next link is not on ${expected.origin}${expected.pathname}`);
  }
  return signCursorPayload(next.search.replace(/^\?/, ""), orgId, secret);
}

/** Exposed for tests (forging a correctly signed cursor with hostile content). */
export function signCursorPayload(query: string, orgId: string, secret: string | undefined): string {
  const payload = Buffer.from(query, "utf8").toString("base64url");
  return `${payload}.${mac(keyFrom(secret), orgId, payload).toString("base64url")}`;
}

const badCursor = () => new ApiError(400, "Invalid cursor", { cursor: "Invalid or expired cursor" });

/** Verifies the signature and returns the full Webex URL to fetch; throws a 400 naming `cursor` otherwise. */
export function decodePeopleCursor(cursor: string, webexBase: string, orgId: string, secret: string | undefined): string {
  const match = /^([A-Za-z0-9_-]*)\.([A-Za-z0-9_-]{43})$/.exec(cursor);
  if (!match) throw badCursor();
  const [, payload = "", sig = ""] = match;
  const expectedSig = mac(keyFrom(secret), orgId, payload);
  const given = Buffer.from(sig, "base64url");
  if (given.length !== expectedSig.length || !timingSafeEqual(given, expectedSig)) throw badCursor();
  const query = Buffer.from(payload, "base64url").toString("utf8");
  // Signed content is only ever a query string; anything that looks like a URL or path is refused outright.
  if (/^[/\\]|:\/\/|^[a-z][a-z0-9+.-]*:/i.test(query) || /[\s#\\]/.test(query)) throw badCursor();
  const url = peopleUrl(webexBase);
  url.search = query;
  const expected = peopleUrl(webexBase);
  if (url.origin !== expected.origin || url.pathname !== expected.pathname) throw badCursor();
  return url.toString();
}
