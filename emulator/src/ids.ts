// Webex IDs are unpadded base64url of a "ciscospark://us/<TYPE>/<rest>" URI; the official SDK only
// resolves people.get(id) when IDs have exactly this shape, so the emulator mints them the same way.
export type IdType = "PEOPLE" | "ORGANIZATION" | "LOCATION" | "ROLE" | "LICENSE" | "AUTHORIZATION" | "APPLICATION" | "JOB_ID";

export function encodeId(type: IdType, rest: string): string {
  return Buffer.from(`ciscospark://us/${type}/${rest}`, "utf8").toString("base64url");
}

/** Returns the part after the type, or undefined when the ID is not a well-formed ID of that type. */
export function decodeId(type: IdType, id: string): string | undefined {
  if (!/^[A-Za-z0-9_-]+$/.test(id)) return undefined;
  const text = Buffer.from(id, "base64url").toString("utf8");
  const prefix = `ciscospark://us/${type}/`;
  return text.startsWith(prefix) ? text.slice(prefix.length) : undefined;
}
