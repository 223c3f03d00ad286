import "server-only";

import init from "./0001-init";
import webexRateBudget from "./0002-webex-rate-budget";
import auditPaging from "./0003-audit-paging";
import licenseJobs from "./0004-license-jobs";
import bulkJobs from "./0005-bulk-jobs";
import taskRuns from "./0006-task-runs";
import referenceCache from "./0007-reference-cache";
import sessionChecks from "./0008-session-checks";
import webexAudit from "./0009-webex-audit";
import directoryIndex from "./0010-directory-index";

export type Migration = { id: string; sql: string };

/** Applied in this order, once each (tracked in schema_migrations). Append new migrations at the end. */
export const migrations: Migration[] = [
  init,
  webexRateBudget,
  auditPaging,
  licenseJobs,
  bulkJobs,
  taskRuns,
  referenceCache,
  sessionChecks,
  webexAudit,
  directoryIndex,
];
