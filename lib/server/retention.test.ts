// @vitest-environment node
import { describe, expect, it, vi } from "vitest";
import { retentionSettings } from "./retention";

describe("retentionSettings", () => {
  it("defaults to 90 days for jobs and scans, 730 for snapshots, and keeps the audit trail", () => {
    expect(retentionSettings({})).toEqual({ jobsDays: 90, snapshotDays: 730, auditDays: null });
    expect(retentionSettings({ ROSTER_RETENTION_DAYS: " ", ROSTER_SNAPSHOT_RETENTION_DAYS: "", ROSTER_AUDIT_RETENTION_DAYS: "" })).toEqual({
      jobsDays: 90,
      snapshotDays: 730,
      auditDays: null,
    });
  });

  it("reads days, and 0 keeps that kind forever", () => {
    expect(retentionSettings({ ROSTER_RETENTION_DAYS: "30", ROSTER_SNAPSHOT_RETENTION_DAYS: "365", ROSTER_AUDIT_RETENTION_DAYS: "2555" })).toEqual({
      jobsDays: 30,
      snapshotDays: 365,
      auditDays: 2555,
    });
    expect(retentionSettings({ ROSTER_RETENTION_DAYS: "0", ROSTER_SNAPSHOT_RETENTION_DAYS: "0" })).toEqual({ jobsDays: null, snapshotDays: null, auditDays: null });
  });

  it("keeps everything of a kind whose value is not understood, and says what to set", () => {
    const err = vi.spyOn(console, "error").mockImplementation(() => undefined);
    try {
      expect(retentionSettings({ ROSTER_RETENTION_DAYS: "9O" }).jobsDays).toBeNull();
      expect(err.mock.calls.at(-1)![0]).toMatch(/ROSTER_RETENTION_DAYS must be a whole number of days ≥ 1, or 0 to keep forever; got "9O"\. Nothing of that kind is deleted/);
      expect(retentionSettings({ ROSTER_RETENTION_DAYS: "-1" }).jobsDays).toBeNull();
      expect(retentionSettings({ ROSTER_RETENTION_DAYS: "1.5" }).jobsDays).toBeNull();
      expect(retentionSettings({ ROSTER_SNAPSHOT_RETENTION_DAYS: "7" }).snapshotDays).toBeNull();
      expect(err.mock.calls.at(-1)![0]).toMatch(/ROSTER_SNAPSHOT_RETENTION_DAYS must be a whole number of days ≥ 31 \(license forecasts read the last 30 days\)/);
      expect(retentionSettings({ ROSTER_AUDIT_RETENTION_DAYS: "forever" }).auditDays).toBeNull();
    } finally {
      err.mockRestore();
    }
  });
});
