import type { CapacityLevel } from "./capacity";
import type { AuditOutcome } from "@/lib/people/audit-types";

// Response types of the licenses API, shared by the server function that builds them (lib/server/licenses/) and
// the browser code that reads them.

/** One tile of the overview: its data, or why it could not be loaded (the other tiles still show). */
export type Section<T> = { ok: true; data: T } | { ok: false; message: string };

/** GET /api/overview and the overview page (lib/server/licenses/overview.ts). */
export interface OverviewData {
  licenses: Section<{ counts: Record<"warning" | "critical" | "exhausted" | "overage", number>; attention: { id: string; name: string; level: CapacityLevel; utilisation: number | null }[]; total: number }>;
  reclaim: Section<null | { units: number; people: number; invitePending: number; scannedAt: number; inviteDays: number; inactiveDays: number }>;
  roles: Section<{ id: string; name: string; members: number }[]>;
  audit: Section<{ id: number; at: number; actor: string | null; action: string; target: string | null; outcome: AuditOutcome }[]>;
}
