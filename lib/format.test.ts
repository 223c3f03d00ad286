import { describe, expect, it } from "vitest";
import { formatDate, formatDateTime, formatFull, isoUtc, isTimeZone, relativeTime, startOfZonedDay, zonedDayRange, zoneLabel } from "./format";

// Every test names its time zone: they pass whatever the machine's TZ is.
const AT = "2026-12-02T13:03:05.000Z";

describe("formatDateTime / formatDate: the viewer's zone, labelled", () => {
  it("prints the wall-clock time of the zone it is given, with the zone's label", () => {
    expect(formatDateTime(AT, "Europe/Berlin")).toBe("2 Dec 2026, 14:03 CET");
    expect(formatDateTime(AT, "America/Los_Angeles")).toBe("2 Dec 2026, 05:03 PST");
    expect(formatDateTime(AT, "UTC")).toBe("2 Dec 2026, 13:03 UTC");
    expect(formatDateTime(AT, "Asia/Kolkata")).toBe("2 Dec 2026, 18:33 GMT+5:30");
  });

  it("labels daylight saving time", () => {
    expect(formatDateTime("2026-07-01T12:00:00Z", "Europe/Berlin")).toBe("1 Jul 2026, 14:00 CEST");
    expect(formatDateTime("2026-07-01T12:00:00Z", "America/Los_Angeles")).toBe("1 Jul 2026, 05:00 PDT");
  });

  it("gives the calendar day of the zone, which is not always UTC's", () => {
    expect(formatDate("2026-12-02T03:00:00Z", "UTC")).toBe("2 Dec 2026");
    expect(formatDate("2026-12-02T03:00:00Z", "America/Los_Angeles")).toBe("1 Dec 2026");
    expect(formatDate(Date.parse("2026-12-02T23:30:00Z"), "Asia/Tokyo")).toBe("3 Dec 2026");
  });

  it("takes ISO strings, epoch milliseconds and Dates, and says — for nothing", () => {
    expect(formatDateTime(Date.parse(AT), "UTC")).toBe(formatDateTime(new Date(AT), "UTC"));
    expect(formatDateTime(null, "UTC")).toBe("—");
    expect(formatDate(undefined, "UTC")).toBe("—");
    expect(formatDate("not a date", "UTC")).toBe("—");
  });

  it("has the full local time and the ISO instant for a title", () => {
    expect(formatFull(AT, "America/Los_Angeles")).toBe("Wednesday, 2 December 2026 at 05:03:05 PST (2026-12-02T13:03:05.000Z)");
  });

  it("zoneLabel prefers a common abbreviation, else the offset", () => {
    expect(zoneLabel("Europe/Berlin", AT)).toBe("CET");
    expect(zoneLabel("America/New_York", AT)).toBe("EST");
    expect(zoneLabel("Australia/Adelaide", AT)).toBe("GMT+10:30");
  });
});

describe("exports: ISO 8601 in UTC", () => {
  it("isoUtc ends in Z whatever the input", () => {
    expect(isoUtc("2026-12-02T14:03:05+01:00")).toBe("2026-12-02T13:03:05.000Z");
    expect(isoUtc(Date.parse(AT))).toBe(AT);
    expect(isoUtc(null)).toBe("");
  });
});

describe("relativeTime", () => {
  const now = Date.parse("2026-01-10T12:00:00Z");
  it("is zone-free", () => {
    expect(relativeTime("2026-01-07T12:00:00Z", now)).toBe("3 days ago");
    expect(relativeTime("2026-01-10T11:59:30Z", now)).toBe("just now");
    expect(relativeTime("2026-01-10T14:00:00Z", now)).toBe("in 2 hours");
    expect(relativeTime(undefined, now)).toBe("");
  });
});

describe("date filters: whole days in the named zone", () => {
  it("a day starts at local midnight", () => {
    expect(new Date(startOfZonedDay("2026-12-02", "UTC")).toISOString()).toBe("2026-12-02T00:00:00.000Z");
    expect(new Date(startOfZonedDay("2026-12-02", "Europe/Berlin")).toISOString()).toBe("2026-12-01T23:00:00.000Z");
    expect(new Date(startOfZonedDay("2026-12-02", "America/Los_Angeles")).toISOString()).toBe("2026-12-02T08:00:00.000Z");
    expect(new Date(startOfZonedDay("2026-12-02", "Asia/Kolkata")).toISOString()).toBe("2026-12-01T18:30:00.000Z");
  });

  it("'to' includes the whole of its day in the zone, up to the next local midnight (exclusive)", () => {
    const { start, end } = zonedDayRange("2026-12-01", "2026-12-02", "America/Los_Angeles");
    expect(start?.toISOString()).toBe("2026-12-01T08:00:00.000Z");
    expect(end?.toISOString()).toBe("2026-12-03T08:00:00.000Z");
    // 23:30 on 2 Dec in Los Angeles is 07:30 UTC on 3 Dec: inside the range; 00:00 on 3 Dec is not.
    const lateEvening = Date.parse("2026-12-03T07:30:00Z");
    expect(lateEvening >= start!.getTime() && lateEvening < end!.getTime()).toBe(true);
    expect(Date.parse("2026-12-03T08:00:00Z") < end!.getTime()).toBe(false);
  });

  it("handles the days the clocks change (23- and 25-hour days)", () => {
    // Los Angeles springs forward on 8 Mar 2026 and falls back on 1 Nov 2026.
    const spring = zonedDayRange("2026-03-08", "2026-03-08", "America/Los_Angeles");
    expect(spring.start?.toISOString()).toBe("2026-03-08T08:00:00.000Z");
    expect(spring.end?.toISOString()).toBe("2026-03-09T07:00:00.000Z");
    const autumn = zonedDayRange("2026-11-01", "2026-11-01", "America/Los_Angeles");
    expect(autumn.start?.toISOString()).toBe("2026-11-01T07:00:00.000Z");
    expect(autumn.end?.toISOString()).toBe("2026-11-02T08:00:00.000Z");
  });

  it("a day with no midnight (Santiago jumps from 00:00 to 01:00) starts when the clocks jump", () => {
    expect(new Date(startOfZonedDay("2026-09-06", "America/Santiago")).toISOString()).toBe("2026-09-06T04:00:00.000Z");
    expect(new Date(startOfZonedDay("2026-09-07", "America/Santiago")).toISOString()).toBe("2026-09-07T03:00:00.000Z");
  });

  it("crosses month and year ends", () => {
    expect(zonedDayRange(undefined, "2026-12-31", "Pacific/Auckland").end?.toISOString()).toBe("2026-12-31T11:00:00.000Z");
    expect(zonedDayRange("2026-01-01", undefined, "Pacific/Auckland")).toEqual({ start: new Date("2025-12-31T11:00:00.000Z") });
  });

  it("isTimeZone accepts IANA names and rejects anything else", () => {
    expect(isTimeZone("America/Los_Angeles")).toBe(true);
    expect(isTimeZone("UTC")).toBe(true);
    expect(isTimeZone("Mars/Olympus")).toBe(false);
    expect(isTimeZone("'; DROP TABLE")).toBe(false);
    expect(isTimeZone("")).toBe(false);
  });
});
