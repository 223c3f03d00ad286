import "server-only";

// Webex role IDs are unpadded base64url of "ciscospark://us/ROLE/<code>"; permissions hang off the code.

const ADMIN_CODES = new Set(["id_full_admin", "id_user_admin", "id_readonly_admin", "id_device_admin", "id_support_admin"]);
const WRITE_CODES = new Set(["id_full_admin", "id_user_admin"]);

/** The role code inside a Webex role ID, e.g. "id_full_admin"; the input itself when it is not an encoded ID. */
export function roleCode(roleId: string): string {
  try {
    const decoded = Buffer.from(roleId, "base64url").toString("utf8");
    const match = /^ciscospark:\/\/[^/]+\/ROLE\/(.+)$/.exec(decoded);
    if (match?.[1]) return match[1];
  } catch {
    // not base64: fall through
  }
  return roleId;
}

/** "id_readonly_admin" → "Read-only Administrator": used when GET /roles is not allowed. */
export function humaniseRoleCode(code: string): string {
  const known: Record<string, string> = {
    id_full_admin: "Full Administrator",
    id_user_admin: "User Administrator",
    id_readonly_admin: "Read-only Administrator",
    id_device_admin: "Device Administrator",
    id_support_admin: "Support Administrator",
  };
  if (known[code]) return known[code];
  return code
    .replace(/^id_/, "")
    .split(/[_\s]+/)
    .filter(Boolean)
    .map((w) => (w === "admin" ? "Administrator" : w.charAt(0).toUpperCase() + w.slice(1)))
    .join(" ");
}

export function accessFromRoles(roleIds: readonly string[]): { isAdmin: boolean; canWrite: boolean } {
  const codes = roleIds.map(roleCode);
  return {
    isAdmin: codes.some((c) => ADMIN_CODES.has(c) || /^id_[a-z_]*_admin$/.test(c)),
    canWrite: codes.some((c) => WRITE_CODES.has(c)),
  };
}
