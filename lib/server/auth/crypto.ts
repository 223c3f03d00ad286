import "server-only";

import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";

// Webex tokens at rest: AES-256-GCM, key = HKDF-SHA256(NEXTAUTH_SECRET). The row's session id is the
// additional authenticated data, so a ciphertext copied into another row does not decrypt.
// Format: "v1.<iv>.<tag>.<ciphertext>", each part base64url.

const VERSION = "v1";
const keys = new Map<string, Buffer>();

export function deriveTokenKey(secret: string): Buffer {
  let key = keys.get(secret);
  if (!key) {
    key = Buffer.from(hkdfSync("sha256", secret, "roster/webex-tokens", "aes-256-gcm v1", 32));
    keys.set(secret, key);
  }
  return key;
}

export function encryptToken(plaintext: string, secret: string, aad: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", deriveTokenKey(secret), iv);
  cipher.setAAD(Buffer.from(aad, "utf8"));
  const ct = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  const tag = cipher.getAuthTag();
  return [VERSION, iv.toString("base64url"), tag.toString("base64url"), ct.toString("base64url")].join(".");
}

/** Throws when the value was not produced by encryptToken with the same secret and aad. */
export function decryptToken(value: string, secret: string, aad: string): string {
  const [version, iv, tag, ct] = value.split(".");
  if (version !== VERSION || iv === undefined || tag === undefined || ct === undefined) {
    throw new Error("Unrecognised token ciphertext");
  }
  const decipher = createDecipheriv("aes-256-gcm", deriveTokenKey(secret), Buffer.from(iv, "base64url"));
  decipher.setAAD(Buffer.from(aad, "utf8"));
  decipher.setAuthTag(Buffer.from(tag, "base64url"));
  return Buffer.concat([decipher.update(Buffer.from(ct, "base64url")), decipher.final()]).toString("utf8");
}
