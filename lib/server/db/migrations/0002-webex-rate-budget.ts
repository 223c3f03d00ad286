import "server-only";

// Outbound Webex rate budget, one token bucket per org, shared by every app instance
// (lib/server/webex/budget.ts DbBudgetStore). Times are epoch milliseconds.
const migration = {
  id: "0002-webex-rate-budget",
  sql: /* sql */ `
CREATE TABLE webex_rate_budget (
  org_id           text PRIMARY KEY,
  tokens           double precision NOT NULL,
  updated_ms       double precision NOT NULL,
  paused_until_ms  double precision NOT NULL DEFAULT 0,
  wait_ms          double precision NOT NULL DEFAULT 0
);
`,
};

export default migration;
