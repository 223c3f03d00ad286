import { auditQuerySchema } from "@/lib/people/audit-types";
import { route } from "@/lib/server/api/handler";
import { listAudit } from "@/lib/server/audit/audit";

/** The audit trail of the caller's organization, newest first, cursor paged. */
export const GET = route({ auth: "read", query: auditQuerySchema }, ({ user, query }) => listAudit(user.orgId, query));
