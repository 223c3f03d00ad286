import "server-only";

// Bulk jobs (lib/server/jobs, decision 010). A job is a row in bulk_jobs; the work is one bulk_job_items row per
// person, each with its own state, so progress is counted from items and a job resumes exactly where it stopped.
// pg-boss (its own `pgboss` schema, installed by the engine) only carries "run a chunk of job X" messages.
const migration = {
  id: "0005-bulk-jobs",
  sql: /* sql */ `
CREATE TABLE bulk_jobs (
  id text PRIMARY KEY,
  org_id text NOT NULL,
  kind text NOT NULL,
  status text NOT NULL,
  label text NOT NULL,
  params jsonb NOT NULL DEFAULT '{}'::jsonb,
  created_by_id text NOT NULL,
  created_by_email text NOT NULL,
  created_by_name text,
  session_id text,
  total integer NOT NULL DEFAULT 0,
  state jsonb NOT NULL DEFAULT '{}'::jsonb,
  message text,
  webex_calls integer NOT NULL DEFAULT 0,
  lease_owner text,
  lease_until timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  started_at timestamptz,
  finished_at timestamptz
);
CREATE INDEX bulk_jobs_org_created_idx ON bulk_jobs (org_id, created_at DESC);
CREATE INDEX bulk_jobs_status_idx ON bulk_jobs (status);
-- One running job per org: the org's jobs share its rate budget, so they run one after another.
CREATE UNIQUE INDEX bulk_jobs_one_running_per_org ON bulk_jobs (org_id) WHERE status = 'running';

CREATE TABLE bulk_job_items (
  job_id text NOT NULL REFERENCES bulk_jobs (id) ON DELETE CASCADE,
  seq integer NOT NULL,
  person_id text,
  email text,
  display_name text,
  state text NOT NULL DEFAULT 'pending',
  attempts integer NOT NULL DEFAULT 0,
  input jsonb,
  plan jsonb,
  result jsonb,
  message text,
  status integer,
  tracking_id text,
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (job_id, seq)
);
CREATE INDEX bulk_job_items_state_idx ON bulk_job_items (job_id, state, seq);

ALTER TABLE audit_events ADD COLUMN job_id text;
CREATE INDEX audit_events_job_idx ON audit_events (job_id) WHERE job_id IS NOT NULL;
`,
};

export default migration;
