import "server-only";

// /activity pages newest-first by id within an org, and a person page lists that person's history.
const migration = {
  id: "0003-audit-paging",
  sql: /* sql */ `
CREATE INDEX audit_events_org_id_idx ON audit_events (org_id, id DESC);
CREATE INDEX audit_events_org_target_id_idx ON audit_events (org_id, target_id, id DESC);
CREATE INDEX audit_events_org_action_id_idx ON audit_events (org_id, action, id DESC);
`,
};

export default migration;
