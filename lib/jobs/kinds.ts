// Bulk jobs: the vocabulary shared by the browser and the server (no React, no server code).

/** What an admin can do to a selection of people, or to everyone matching a filter. */
export const BULK_ACTIONS = [
  "license-add",
  "license-remove",
  "role-add",
  "role-remove",
  "deactivate",
  "reactivate",
  "delete",
  "resend-invites",
] as const;
export type BulkAction = (typeof BULK_ACTIONS)[number];

/** Every kind of job: the bulk actions, reclaim (licenses chosen per person on the reclaim page), and a CSV import. */
export const JOB_KINDS = [...BULK_ACTIONS, "reclaim", "import"] as const;
export type JobKind = (typeof JOB_KINDS)[number];

/**
 * draft: previewed, not started (never listed); queued: waiting for its turn (one running job per org);
 * running; paused (by an admin, or because its Webex session ended); cancelled; done (every item has an
 * outcome, some may have failed); failed (the job itself could not go on).
 */
export const JOB_STATUSES = ["draft", "queued", "running", "paused", "cancelled", "done", "failed"] as const;
export type JobStatus = (typeof JOB_STATUSES)[number];
export const ACTIVE_STATUSES: readonly JobStatus[] = ["queued", "running", "paused"];
export const FINISHED_STATUSES: readonly JobStatus[] = ["cancelled", "done", "failed"];

export const ITEM_STATES = ["pending", "running", "done", "failed", "skipped"] as const;
export type ItemState = (typeof ITEM_STATES)[number];

export const ACTION_LABELS: Record<JobKind, string> = {
  "license-add": "Add license",
  "license-remove": "Remove license",
  "role-add": "Add admin role",
  "role-remove": "Remove admin role",
  deactivate: "Deactivate",
  reactivate: "Reactivate",
  delete: "Delete",
  "resend-invites": "Resend invitations",
  reclaim: "Reclaim licenses",
  import: "CSV import",
};

export const STATUS_LABELS: Record<JobStatus, string> = {
  draft: "Preview",
  queued: "Queued",
  running: "Running",
  paused: "Paused",
  cancelled: "Cancelled",
  done: "Finished",
  failed: "Failed",
};

export const ITEM_STATE_LABELS: Record<ItemState, string> = {
  pending: "Waiting",
  running: "In progress",
  done: "Done",
  failed: "Failed",
  skipped: "Skipped",
};

export function needsLicense(action: JobKind): boolean {
  return action === "license-add" || action === "license-remove";
}

export function needsRole(action: JobKind): boolean {
  return action === "role-add" || action === "role-remove";
}

/** "Add Webex Calling - Professional to 40 people" */
export function jobLabel(action: JobKind, count: number, target?: string | null): string {
  const people = `${count.toLocaleString("en-US")} ${count === 1 ? "person" : "people"}`;
  const what = target ?? "";
  switch (action) {
    case "license-add":
      return `Add ${what || "a license"} to ${people}`;
    case "license-remove":
      return `Remove ${what || "a license"} from ${people}`;
    case "role-add":
      return `Make ${people} ${what || "administrators"}`;
    case "role-remove":
      return `Remove ${what || "an admin role"} from ${people}`;
    case "deactivate":
      return `Deactivate ${people}`;
    case "reactivate":
      return `Reactivate ${people}`;
    case "delete":
      return `Delete ${people}`;
    case "resend-invites":
      return `Resend invitations (${people} selected)`;
    case "reclaim":
      return `Reclaim licenses from ${people}`;
    case "import":
      return `Import ${what || "a CSV file"}: ${people}`;
  }
}
