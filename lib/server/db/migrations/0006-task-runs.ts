import "server-only";

// Periodic tasks (license snapshots, retention cleanup) run in every console instance, but each round must happen
// once per org per interval across all of them: an instance claims the round by inserting its (task, scope, slot)
// row first (lib/server/tasks/periodic.ts). Rows older than a few intervals are removed by the claimer.
const migration = {
  id: "0006-task-runs",
  sql: /* sql */ `
CREATE TABLE task_runs (
  task text NOT NULL,
  scope text NOT NULL,
  slot bigint NOT NULL,
  instance_id text NOT NULL,
  claimed_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (task, scope, slot)
);
`,
};

export default migration;
