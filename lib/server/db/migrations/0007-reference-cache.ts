import "server-only";

// Reference data shared by an org's admins across instances (lib/server/reference, decision 012). One row per
// org and kind: the value Webex answered (NULL once invalidated), until when it is fresh (the database's clock
// judges, so instances need not agree on time), and a version that every invalidation bumps: a load that
// started before an invalidation stores nothing.
const migration = {
  id: "0007-reference-cache",
  sql: /* sql */ `
CREATE TABLE reference_cache (
  org_id      text NOT NULL,
  kind        text NOT NULL,
  value       jsonb,
  version     bigint NOT NULL DEFAULT 0,
  fetched_at  timestamptz,
  expires_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (org_id, kind)
);
`,
};

export default migration;
