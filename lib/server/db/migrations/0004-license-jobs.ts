import "server-only";

// License work (lib/server/licenses): at most one running job of a kind per org — the reclaim scan relies on
// this index to refuse a second scan while one runs, across every app instance — and at most one license
// snapshot per license per hour bucket, so concurrent page views and the periodic task never double-count.
const migration = {
  id: "0004-license-jobs",
  sql: /* sql */ `
CREATE UNIQUE INDEX jobs_one_running_per_org_kind ON jobs (org_id, kind) WHERE status IN ('queued', 'running');
CREATE INDEX jobs_org_kind_finished_idx ON jobs (org_id, kind, finished_at DESC);
ALTER TABLE license_snapshots ADD COLUMN hour_bucket bigint;
CREATE UNIQUE INDEX license_snapshots_hourly ON license_snapshots (org_id, license_id, hour_bucket);
`,
};

export default migration;
