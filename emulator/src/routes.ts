import { listAdminAuditCategories, listAdminAuditEvents } from "./admin-audit";
import * as control from "./control";
import { ApiError } from "./http";
import { accessToken, authorizePage, authorizeSubmit } from "./oauth";
import { activationJobErrors, activationJobStatus, startActivationJob } from "./routes/activation-jobs";
import { deleteAuthorizations, listAuthorizations } from "./routes/authorizations";
import { getLocation, getOrganization, getRole, listLocations, listOrganizations, listRoles } from "./routes/directory";
import { getLicense, listLicenses, patchUserLicenses } from "./routes/licenses";
import { getMe, getPerson, listPeople } from "./routes/people-read";
import { createPerson, deletePerson, updatePerson } from "./routes/people-write";
import type { Route } from "./state";

export const ROUTES: Route[] = [
  { method: "GET", pattern: "/v1/authorize", kind: "oauth", handler: authorizePage },
  { method: "POST", pattern: "/v1/authorize", kind: "oauth", handler: authorizeSubmit },
  { method: "POST", pattern: "/v1/access_token", kind: "oauth", handler: accessToken },

  { method: "GET", pattern: "/v1/people", kind: "api", handler: listPeople },
  { method: "POST", pattern: "/v1/people", kind: "api", handler: createPerson },
  { method: "GET", pattern: "/v1/people/me", kind: "api", handler: getMe },
  { method: "GET", pattern: "/v1/people/{id}", kind: "api", handler: getPerson },
  { method: "PUT", pattern: "/v1/people/{id}", kind: "api", handler: updatePerson },
  { method: "DELETE", pattern: "/v1/people/{id}", kind: "api", handler: deletePerson },
  { method: "GET", pattern: "/v1/licenses", kind: "api", handler: listLicenses },
  { method: "PATCH", pattern: "/v1/licenses/users", kind: "api", handler: patchUserLicenses },
  { method: "GET", pattern: "/v1/licenses/{id}", kind: "api", handler: getLicense },
  { method: "GET", pattern: "/v1/roles", kind: "api", handler: listRoles },
  { method: "GET", pattern: "/v1/roles/{id}", kind: "api", handler: getRole },
  { method: "GET", pattern: "/v1/organizations", kind: "api", handler: listOrganizations },
  { method: "GET", pattern: "/v1/organizations/{id}", kind: "api", handler: getOrganization },
  { method: "GET", pattern: "/v1/locations", kind: "api", handler: listLocations },
  { method: "GET", pattern: "/v1/locations/{id}", kind: "api", handler: getLocation },

  { method: "POST", pattern: "/v1/identity/organizations/{orgId}/jobs/sendActivationEmails", kind: "api", handler: startActivationJob },
  { method: "GET", pattern: "/v1/identity/organizations/{orgId}/jobs/sendActivationEmails/{jobId}/status", kind: "api", handler: activationJobStatus },
  { method: "GET", pattern: "/v1/identity/organizations/{orgId}/jobs/sendActivationEmails/{jobId}/errors", kind: "api", handler: activationJobErrors },

  { method: "GET", pattern: "/v1/adminAudit/events", kind: "api", handler: listAdminAuditEvents },
  { method: "GET", pattern: "/v1/adminAudit/eventCategories", kind: "api", handler: listAdminAuditCategories },

  { method: "GET", pattern: "/v1/authorizations", kind: "api", handler: listAuthorizations },
  { method: "DELETE", pattern: "/v1/authorizations", kind: "api", handler: deleteAuthorizations },

  { method: "GET", pattern: "/_emulator/health", kind: "control", handler: control.health },
  { method: "POST", pattern: "/_emulator/tokens", kind: "control", handler: control.mintToken },
  { method: "POST", pattern: "/_emulator/reset", kind: "control", handler: control.reset },
  { method: "GET", pattern: "/_emulator/config", kind: "control", handler: control.getConfig },
  { method: "PUT", pattern: "/_emulator/config", kind: "control", handler: control.putConfig },
  { method: "GET", pattern: "/_emulator/stats", kind: "control", handler: control.getStats },
  { method: "POST", pattern: "/_emulator/revoke", kind: "control", handler: control.revoke },
  { method: "GET", pattern: "/_emulator/tokens/issued", kind: "control", handler: control.issuedTokens },
  { method: "GET", pattern: "/_emulator/people", kind: "control", handler: control.inspectPerson },
  { method: "GET", pattern: "/_emulator/writes", kind: "control", handler: control.writes },
  { method: "PUT", pattern: "/_emulator/license-units", kind: "control", handler: control.setLicenseUnits },
  { method: "PUT", pattern: "/_emulator/license-name", kind: "control", handler: control.renameLicense },
];

/** Finds the routes whose path matches; literal segments win over {id} (so /people/me is not an id). */
export function matchPath(pathname: string): { routes: Route[]; params: Record<string, string> } {
  const segments = pathname.replace(/\/+$/, "").split("/");
  let best: { routes: Route[]; params: Record<string, string>; literal: number } = { routes: [], params: {}, literal: -1 };
  for (const route of ROUTES) {
    const parts = route.pattern.split("/");
    if (parts.length !== segments.length) continue;
    const params: Record<string, string> = {};
    let literal = 0;
    let ok = true;
    parts.forEach((part, i) => {
      const seg = segments[i] ?? "";
      if (part.startsWith("{")) {
        if (!seg) ok = false;
        params[part.slice(1, -1)] = decodePart(seg);
      } else if (part === seg) literal++;
      else ok = false;
    });
    if (!ok) continue;
    if (literal > best.literal) best = { routes: [route], params, literal };
    else if (literal === best.literal) best.routes.push(route);
  }
  return { routes: best.routes, params: best.params };
}

function decodePart(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    throw new ApiError(400, "The request path is not valid percent-encoding.");
  }
}
