import "server-only";

// Decision 016. Webex's admin audit log (GET /adminAudit/events), read incrementally per org and kept here so the
// person page and /activity can merge it with Roster's own rows without asking Webex per view (the endpoint has no
// target filter). webex_audit_events: one row per Webex event (its id is the key within the org), the people named
// by it as People API IDs (Webex names them by bare UUID), the action Roster files it under, Webex's own texts.
// `seq` orders ties for paging. webex_audit_sync: per org, how far the log has been read (synced_to: every event
// before it is here, less Webex's lag, which the next read overlaps), a window being read in pages (window_*),
// when the last read finished (checked_at, judged by the database's clock), a short lease so one instance reads
// at a time, and the last failure (a 403 says why the events are unavailable).
const migration = {
  id: "0009-webex-audit",
  sql: /* sql */ `
CREATE TABLE webex_audit_events (
  seq               bigserial NOT NULL,
  org_id            text NOT NULL,
  event_id          text NOT NULL,
  created           timestamptz NOT NULL,
  action            text NOT NULL,
  category          text,
  description       text,
  action_text       text,
  actor_id          text,
  actor_name        text,
  actor_email       text,
  target_id         text,
  target_name       text,
  target_type       text,
  tracking_id       text,
  fetched_at        timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (org_id, event_id)
);
CREATE INDEX webex_audit_events_org_created_idx ON webex_audit_events (org_id, created DESC, seq DESC);
CREATE INDEX webex_audit_events_target_idx ON webex_audit_events (org_id, target_id, created DESC);
CREATE TABLE webex_audit_sync (
  org_id            text PRIMARY KEY,
  synced_to         timestamptz,
  window_from       timestamptz,
  window_to         timestamptz,
  window_offset     integer,
  checked_at        timestamptz,
  lease_until       timestamptz,
  lease_owner       text,
  error_status      integer,
  error_message     text
);
`,
};

export default migration;
