import "server-only";

import { bigint, bigserial, index, integer, jsonb, pgTable, primaryKey, text, timestamp } from "drizzle-orm/pg-core";

// Mirrors migrations/*.ts (hand-written SQL is the source of truth; keep both in step).

const tz = (name: string) => timestamp(name, { withTimezone: true, mode: "date" });

export const webexTokens = pgTable(
  "webex_tokens",
  {
    sessionId: text("session_id").primaryKey(),
    personId: text("person_id").notNull(),
    orgId: text("org_id").notNull(),
    accessTokenEnc: text("access_token_enc").notNull(),
    accessExpiresAt: tz("access_expires_at").notNull(),
    refreshTokenEnc: text("refresh_token_enc"),
    refreshExpiresAt: tz("refresh_expires_at"),
    scopes: text("scopes").notNull().default(""),
    createdAt: tz("created_at").notNull().defaultNow(),
    updatedAt: tz("updated_at").notNull().defaultNow(),
    /** Webex role IDs as last verified (sign-in, then lib/server/auth/session-check.ts); null = not known. */
    roles: jsonb("roles").$type<string[]>(),
    roleNames: jsonb("role_names").$type<string[]>(),
    verifiedAt: tz("verified_at"),
    checkLeaseUntil: tz("check_lease_until"),
    checkRetryAt: tz("check_retry_at"),
    refreshLeaseUntil: tz("refresh_lease_until"),
    refreshLeaseOwner: text("refresh_lease_owner"),
  },
  (t) => [index("webex_tokens_person_idx").on(t.personId)],
);

export const auditEvents = pgTable(
  "audit_events",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    at: tz("at").notNull().defaultNow(),
    orgId: text("org_id"),
    actorId: text("actor_id"),
    actorEmail: text("actor_email"),
    action: text("action").notNull(),
    targetId: text("target_id"),
    targetEmail: text("target_email"),
    diff: jsonb("diff"),
    outcome: text("outcome").notNull().default("success"),
    status: integer("status"),
    message: text("message"),
    trackingId: text("tracking_id"),
    /** The bulk job that made the change, if any. */
    jobId: text("job_id"),
  },
  (t) => [index("audit_events_org_at_idx").on(t.orgId, t.at.desc()), index("audit_events_target_idx").on(t.targetId)],
);

export const jobs = pgTable(
  "jobs",
  {
    id: text("id").primaryKey(),
    orgId: text("org_id").notNull(),
    kind: text("kind").notNull(),
    status: text("status").notNull().default("queued"),
    createdBy: text("created_by"),
    input: jsonb("input"),
    progress: jsonb("progress"),
    result: jsonb("result"),
    error: text("error"),
    createdAt: tz("created_at").notNull().defaultNow(),
    updatedAt: tz("updated_at").notNull().defaultNow(),
    startedAt: tz("started_at"),
    finishedAt: tz("finished_at"),
  },
  (t) => [index("jobs_org_created_idx").on(t.orgId, t.createdAt.desc()), index("jobs_status_idx").on(t.status)],
);

export const licenseSnapshots = pgTable(
  "license_snapshots",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    licenseId: text("license_id").notNull(),
    orgId: text("org_id").notNull(),
    name: text("name"),
    takenAt: tz("taken_at").notNull().defaultNow(),
    total: integer("total").notNull(),
    consumed: integer("consumed").notNull(),
    consumedByUsers: integer("consumed_by_users"),
    consumedByWorkspaces: integer("consumed_by_workspaces"),
  },
  (t) => [index("license_snapshots_org_license_taken_idx").on(t.orgId, t.licenseId, t.takenAt.desc())],
);

export const bulkJobs = pgTable("bulk_jobs", {
  id: text("id").primaryKey(),
  orgId: text("org_id").notNull(),
  kind: text("kind").notNull(),
  status: text("status").notNull(),
  label: text("label").notNull(),
  params: jsonb("params").notNull(),
  createdById: text("created_by_id").notNull(),
  createdByEmail: text("created_by_email").notNull(),
  createdByName: text("created_by_name"),
  sessionId: text("session_id"),
  total: integer("total").notNull(),
  state: jsonb("state").notNull(),
  message: text("message"),
  webexCalls: integer("webex_calls").notNull(),
  leaseOwner: text("lease_owner"),
  leaseUntil: tz("lease_until"),
  createdAt: tz("created_at").notNull().defaultNow(),
  updatedAt: tz("updated_at").notNull().defaultNow(),
  startedAt: tz("started_at"),
  finishedAt: tz("finished_at"),
});

export const bulkJobItems = pgTable(
  "bulk_job_items",
  {
    jobId: text("job_id").notNull(),
    seq: integer("seq").notNull(),
    personId: text("person_id"),
    email: text("email"),
    displayName: text("display_name"),
    state: text("state").notNull(),
    attempts: integer("attempts").notNull(),
    input: jsonb("input"),
    plan: jsonb("plan"),
    result: jsonb("result"),
    message: text("message"),
    status: integer("status"),
    trackingId: text("tracking_id"),
    updatedAt: tz("updated_at").notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.jobId, t.seq] })],
);

/** One row per claimed round of a periodic task (lib/server/tasks/periodic.ts): the primary key makes it once. */
export const taskRuns = pgTable(
  "task_runs",
  {
    task: text("task").notNull(),
    scope: text("scope").notNull(),
    slot: bigint("slot", { mode: "number" }).notNull(),
    instanceId: text("instance_id").notNull(),
    claimedAt: tz("claimed_at").notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.task, t.scope, t.slot] })],
);

/** Reference data shared by an org's admins (lib/server/reference, migration 0007). */
export const referenceCache = pgTable(
  "reference_cache",
  {
    orgId: text("org_id").notNull(),
    kind: text("kind").notNull(),
    value: jsonb("value"),
    version: bigint("version", { mode: "number" }).notNull().default(0),
    fetchedAt: tz("fetched_at"),
    expiresAt: tz("expires_at").notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.kind] })],
);

/** The license snapshot task's last success and last skip per org (lib/server/licenses/snapshot-task.ts). */
export const snapshotTaskStatus = pgTable("snapshot_task_status", {
  orgId: text("org_id").primaryKey(),
  lastOkAt: tz("last_ok_at"),
  lastSkipAt: tz("last_skip_at"),
  lastSkipReason: text("last_skip_reason"),
});

/** Webex's admin audit events, read per org (lib/server/audit/webex-audit.ts, migration 0009, decision 016). */
export const webexAuditEvents = pgTable(
  "webex_audit_events",
  {
    seq: bigserial("seq", { mode: "number" }).notNull(),
    orgId: text("org_id").notNull(),
    eventId: text("event_id").notNull(),
    created: tz("created").notNull(),
    action: text("action").notNull(),
    category: text("category"),
    description: text("description"),
    actionText: text("action_text"),
    actorId: text("actor_id"),
    actorName: text("actor_name"),
    actorEmail: text("actor_email"),
    targetId: text("target_id"),
    targetName: text("target_name"),
    targetType: text("target_type"),
    trackingId: text("tracking_id"),
    fetchedAt: tz("fetched_at").notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.eventId] }),
    index("webex_audit_events_org_created_idx").on(t.orgId, t.created.desc(), t.seq.desc()),
    index("webex_audit_events_target_idx").on(t.orgId, t.targetId, t.created.desc()),
  ],
);

/** How far each org's Webex audit log has been read (migration 0009). */
export const webexAuditSync = pgTable("webex_audit_sync", {
  orgId: text("org_id").primaryKey(),
  syncedTo: tz("synced_to"),
  windowFrom: tz("window_from"),
  windowTo: tz("window_to"),
  windowOffset: integer("window_offset"),
  checkedAt: tz("checked_at"),
  leaseUntil: tz("lease_until"),
  leaseOwner: text("lease_owner"),
  errorStatus: integer("error_status"),
  errorMessage: text("error_message"),
});
