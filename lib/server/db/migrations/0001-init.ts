import "server-only";

const migration = {
  id: "0001-init",
  sql: /* sql */ `
-- Webex OAuth tokens, one row per signed-in session (the session cookie carries only session_id).
-- Tokens are AES-256-GCM ciphertext (lib/server/auth/crypto.ts), never plaintext.
CREATE TABLE webex_tokens (
  session_id          text PRIMARY KEY,
  person_id           text NOT NULL,
  org_id              text NOT NULL,
  access_token_enc    text NOT NULL,
  access_expires_at   timestamptz NOT NULL,
  refresh_token_enc   text,
  refresh_expires_at  timestamptz,
  scopes              text NOT NULL DEFAULT '',
  created_at          timestamptz NOT NULL DEFAULT now(),
  updated_at          timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX webex_tokens_person_idx ON webex_tokens (person_id);

-- What admins did through Roster.
CREATE TABLE audit_events (
  id            bigserial PRIMARY KEY,
  at            timestamptz NOT NULL DEFAULT now(),
  org_id        text,
  actor_id      text,
  actor_email   text,
  action        text NOT NULL,
  target_id     text,
  target_email  text,
  diff          jsonb,
  outcome       text NOT NULL DEFAULT 'success',
  status        integer,
  message       text,
  tracking_id   text
);
CREATE INDEX audit_events_org_at_idx ON audit_events (org_id, at DESC);
CREATE INDEX audit_events_target_idx ON audit_events (target_id);

-- Long-running work (bulk imports, activation-email resends…).
CREATE TABLE jobs (
  id           text PRIMARY KEY,
  org_id       text NOT NULL,
  kind         text NOT NULL,
  status       text NOT NULL DEFAULT 'queued',
  created_by   text,
  input        jsonb,
  progress     jsonb,
  result       jsonb,
  error        text,
  created_at   timestamptz NOT NULL DEFAULT now(),
  updated_at   timestamptz NOT NULL DEFAULT now(),
  started_at   timestamptz,
  finished_at  timestamptz
);
CREATE INDEX jobs_org_created_idx ON jobs (org_id, created_at DESC);
CREATE INDEX jobs_status_idx ON jobs (status);

-- License usage over time, for capacity trends.
CREATE TABLE license_snapshots (
  id                      bigserial PRIMARY KEY,
  license_id              text NOT NULL,
  org_id                  text NOT NULL,
  name                    text,
  taken_at                timestamptz NOT NULL DEFAULT now(),
  total                   integer NOT NULL,
  consumed                integer NOT NULL,
  consumed_by_users       integer,
  consumed_by_workspaces  integer
);
CREATE INDEX license_snapshots_org_license_taken_idx ON license_snapshots (org_id, license_id, taken_at DESC);
`,
};

export default migration;
