import "server-only";

import init from "./0001-init";
import webexRateBudget from "./0002-webex-rate-budget";

export type Migration = { id: string; sql: string };

/** Applied in this order, once each (tracked in schema_migrations). Append new migrations at the end. */
export const migrations: Migration[] = [
  init,
  webexRateBudget,
];
