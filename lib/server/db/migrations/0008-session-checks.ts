import "server-only";

// Decision 013. webex_tokens gains:
// - the session's Webex roles as last verified (at sign-in, then by the periodic re-check) and when: every route
//   and page reads access from here, not from the cookie, so a demotion or deletion in Webex is seen within
//   ROSTER_SESSION_RECHECK_SECONDS on every instance and across restarts; NULL roles = not known (older rows);
// - a short lease for that re-check (one Webex check per session however many requests arrive) and the time
//   before which a check that failed on a Webex outage is not tried again;
// - a short lease for the refresh_token grant, so it happens outside any transaction (finding 5).
// snapshot_task_status: per org, the hourly license snapshot's last success and last skip (with why), shown
// on the licenses page.
const migration = {
  id: "0008-session-checks",
  sql: /* sql */ `
ALTER TABLE webex_tokens ADD COLUMN roles jsonb;
ALTER TABLE webex_tokens ADD COLUMN role_names jsonb;
ALTER TABLE webex_tokens ADD COLUMN verified_at timestamptz;
ALTER TABLE webex_tokens ADD COLUMN check_lease_until timestamptz;
ALTER TABLE webex_tokens ADD COLUMN check_retry_at timestamptz;
ALTER TABLE webex_tokens ADD COLUMN refresh_lease_until timestamptz;
ALTER TABLE webex_tokens ADD COLUMN refresh_lease_owner text;
CREATE TABLE snapshot_task_status (
  org_id            text PRIMARY KEY,
  last_ok_at        timestamptz,
  last_skip_at      timestamptz,
  last_skip_reason  text
);
`,
};

export default migration;
