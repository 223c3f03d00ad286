import "server-only";

// Decision 018. The directory index (issue 15): Roster's copy of the org's people, written by the sync
// (lib/server/directory/sync.ts; its runs are `jobs` rows of kind "directory-sync", one running per org by
// jobs_one_running_per_org_kind).
// - directory_people: one row per person; `data` is the IndexedPerson (lib/directory/types.ts). Facets are evaluated
//   in memory over the whole org (lib/server/directory/cache.ts), so no per-field columns or indexes are needed.
// - directory_state: per org, the generation (bumped by each successful sync), when the data was read (as_of) and
//   when locations were (locations_as_of: a slower walk), and the last sync's figures.
// - directory_changes: what each sync found changed since the previous one (added, removed, one row per changed
//   field), with the actor when Webex's admin audit events name one, and the revert when an admin undid it.
// - saved_views: named views of the people grid (a query string), personal or shared with the org.
const migration = {
  id: "0010-directory-index",
  sql: /* sql */ `
CREATE TABLE directory_people (
  org_id            text NOT NULL,
  person_id         text NOT NULL,
  data              jsonb NOT NULL,
  PRIMARY KEY (org_id, person_id)
);
CREATE TABLE directory_state (
  org_id            text PRIMARY KEY,
  generation        integer NOT NULL DEFAULT 0,
  as_of             timestamptz,
  locations_as_of   timestamptz,
  people            integer NOT NULL DEFAULT 0,
  webex_calls       integer NOT NULL DEFAULT 0,
  duration_ms       integer NOT NULL DEFAULT 0
);
CREATE TABLE directory_changes (
  id                bigserial PRIMARY KEY,
  org_id            text NOT NULL,
  generation        integer NOT NULL,
  seen_from         timestamptz,
  seen_to           timestamptz NOT NULL,
  person_id         text NOT NULL,
  email             text NOT NULL,
  display_name      text NOT NULL,
  kind              text NOT NULL,
  field             text,
  before            jsonb,
  after             jsonb,
  actor_name        text,
  actor_email       text,
  reverted_at       timestamptz,
  reverted_by       text
);
CREATE INDEX directory_changes_org_idx ON directory_changes (org_id, seen_to DESC, id DESC);
CREATE INDEX directory_changes_person_idx ON directory_changes (org_id, person_id, seen_to DESC);
CREATE TABLE saved_views (
  id                text PRIMARY KEY,
  org_id            text NOT NULL,
  owner_email       text NOT NULL,
  name              text NOT NULL,
  shared            boolean NOT NULL DEFAULT false,
  query             text NOT NULL,
  created_at        timestamptz NOT NULL DEFAULT now(),
  updated_at        timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX saved_views_org_idx ON saved_views (org_id, shared, owner_email);
`,
};

export default migration;
