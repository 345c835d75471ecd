import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { addDuration, parseDuration } from "./index";
import { shiftWall, wallOf, zonedInstant } from "./zone";

/** Calendar-time addition, compared as instants (expected values carry their own offsets). */
const add = (start: string, duration: string, timeZone: string): string =>
  addDuration(new Date(start), duration, { timeZone }).toISOString();
const at = (iso: string): string => new Date(iso).toISOString();

describe("addDuration in calendar time", () => {
  it.each([
    // Europe/Berlin springs forward on Sun 2024-03-31 02:00 → 03:00 (CET +01 → CEST +02).
    ["P1D keeps 10:00 across spring-forward", "2024-03-30T10:00:00+01:00", "P1D", "Europe/Berlin", "2024-03-31T10:00:00+02:00"],
    ["PT24H is exact elapsed time", "2024-03-30T10:00:00+01:00", "PT24H", "Europe/Berlin", "2024-03-31T11:00:00+02:00"],
    ["P1W keeps the clock", "2024-03-27T10:00:00+01:00", "P1W", "Europe/Berlin", "2024-04-03T10:00:00+02:00"],
    ["P1DT2H: days on the clock, then elapsed hours", "2024-03-30T23:00:00+01:00", "P1DT2H", "Europe/Berlin", "2024-04-01T01:00:00+02:00"],
    ["-P1D back across spring-forward", "2024-03-31T10:00:00+02:00", "-P1D", "Europe/Berlin", "2024-03-30T10:00:00+01:00"],
    // Europe/Berlin falls back on Sun 2024-10-27 03:00 → 02:00 (CEST +02 → CET +01).
    ["P1D keeps 10:00 across fall-back", "2024-10-26T10:00:00+02:00", "P1D", "Europe/Berlin", "2024-10-27T10:00:00+01:00"],
    ["PT24H across fall-back", "2024-10-26T10:00:00+02:00", "PT24H", "Europe/Berlin", "2024-10-27T09:00:00+01:00"],
    ["-P1D back across fall-back", "2024-10-27T10:00:00+01:00", "-P1D", "Europe/Berlin", "2024-10-26T10:00:00+02:00"],
    ["-PT24H back across fall-back", "2024-10-27T10:00:00+01:00", "-PT24H", "Europe/Berlin", "2024-10-26T11:00:00+02:00"],
    // Europe/Moscow has no DST: P1D and PT24H agree all year.
    ["Moscow P1D in late March", "2024-03-30T10:00:00+03:00", "P1D", "Europe/Moscow", "2024-03-31T10:00:00+03:00"],
    ["Moscow PT24H in late March", "2024-03-30T10:00:00+03:00", "PT24H", "Europe/Moscow", "2024-03-31T10:00:00+03:00"],
    ["Moscow P1D in late October", "2024-10-26T10:00:00+03:00", "P1D", "Europe/Moscow", "2024-10-27T10:00:00+03:00"],
    // America/New_York springs forward on 2024-03-10.
    ["New York P1D across its DST", "2024-03-09T09:00:00-05:00", "P1D", "America/New_York", "2024-03-10T09:00:00-04:00"],
    ["P1M from Jan 31 clamps to Feb 29", "2024-01-31T12:00:00+03:00", "P1M", "Europe/Moscow", "2024-02-29T12:00:00+03:00"],
    ["P1Y from Feb 29 clamps to Feb 28", "2024-02-29T12:00:00+03:00", "P1Y", "Europe/Moscow", "2025-02-28T12:00:00+03:00"],
    ["P1Y1M adds 13 months at once", "2024-02-29T12:00:00+03:00", "P1Y1M", "Europe/Moscow", "2025-03-29T12:00:00+03:00"],
    ["-P1M from Mar 31 clamps to Feb 29", "2024-03-31T12:00:00+03:00", "-P1M", "Europe/Moscow", "2024-02-29T12:00:00+03:00"],
    // The zone decides the local date: 2024-03-30T20:00Z is already Mar 31 in Tokyo, so P1M is Apr 30 there.
    ["P1M counted on Tokyo's calendar", "2024-03-30T20:00:00Z", "P1M", "Asia/Tokyo", "2024-04-30T05:00:00+09:00"],
    ["P1M counted on UTC's calendar", "2024-03-30T20:00:00Z", "P1M", "UTC", "2024-04-30T20:00:00Z"],
    ["PT30M", "2024-05-17T17:45:00+03:00", "PT30M", "Europe/Moscow", "2024-05-17T18:15:00+03:00"],
    ["fractional seconds", "2024-05-17T12:00:00Z", "PT1.5S", "UTC", "2024-05-17T12:00:01.500Z"],
    ["-PT90M", "2024-05-17T12:00:00Z", "-PT90M", "UTC", "2024-05-17T10:30:00Z"],
    ["P0D is the start", "2024-10-27T02:30:00+01:00", "P0D", "Europe/Berlin", "2024-10-27T02:30:00+01:00"],
  ])("%s", (_name, start, duration, zone, expected) => {
    expect(add(start, duration, zone)).toBe(at(expected));
  });

  it.each([
    // A wall time skipped by the spring-forward gap moves forward by the gap: 02:30 → 03:30.
    ["into the spring-forward gap", "2024-03-30T02:30:00+01:00", "P1D", "2024-03-31T03:30:00+02:00"],
    // A wall time shown twice on the fall-back night takes its first occurrence (still CEST).
    ["into the repeated hour", "2024-10-26T02:30:00+02:00", "P1D", "2024-10-27T02:30:00+02:00"],
    ["from the second 02:30 of the night, a day later", "2024-10-27T02:30:00+01:00", "P1D", "2024-10-28T02:30:00+01:00"],
    // Months first, then days, then one resolution: the gap on Mar 31 does not leak into Apr 3.
    ["months then days, resolved once", "2024-01-31T02:30:00+01:00", "P2M3D", "2024-04-03T02:30:00+02:00"],
  ])("DST edge: %s", (_name, start, duration, expected) => {
    expect(add(start, duration, "Europe/Berlin")).toBe(at(expected));
  });

  it("accepts a parsed duration", () => {
    const d = parseDuration("-P3D", { signed: true });
    if (!d) throw new Error("unreachable");
    expect(addDuration(new Date("2024-05-20T10:00:00Z"), d, { timeZone: "UTC" }).toISOString()).toBe("2024-05-17T10:00:00.000Z");
  });

  it("does not mutate its start and returns a plain Date", () => {
    const start = new Date("2024-05-20T10:00:00Z");
    const result = addDuration(start, "P1D", { timeZone: "Europe/Berlin" });
    expect(start.toISOString()).toBe("2024-05-20T10:00:00.000Z");
    expect(Object.getPrototypeOf(result)).toBe(Date.prototype);
  });

  it("ignores a calendar unless workingTime is set", () => {
    const calendar = { id: "c", timeZone: "Asia/Tokyo", workingDays: [1], hours: { from: "09:00", to: "10:00" }, holidays: [] };
    expect(addDuration(new Date("2024-05-18T10:00:00Z"), "PT1H", { timeZone: "UTC", calendar }).toISOString())
      .toBe("2024-05-18T11:00:00.000Z");
  });

  it.each([
    ["an invalid duration", () => addDuration(new Date(0), "P1H", { timeZone: "UTC" }), /Invalid ISO-8601 duration/],
    ["an unknown zone", () => addDuration(new Date(0), "P1D", { timeZone: "Mars/Olympus" }), /Unknown time zone/],
    ["an invalid start", () => addDuration(new Date(Number.NaN), "P1D", { timeZone: "UTC" }), /not a valid date/],
    ["working time without a calendar", () => addDuration(new Date(0), "P1D", { timeZone: "UTC", workingTime: true }), /working calendar/],
    ["a malformed parsed duration", () =>
      addDuration(new Date(0), { sign: 1, years: 0, months: 0, weeks: 0, days: 1.5, hours: 0, minutes: 0, seconds: 0 }, { timeZone: "UTC" }),
      /Invalid duration/],
    ["a result beyond the Date range", () => addDuration(new Date(0), "P999999Y", { timeZone: "UTC" }), /range/],
  ])("throws for %s", (_name, run, message) => {
    expect(run).toThrow(message);
  });
});

describe("calendar days: the steady-offset shortcut", () => {
  // `addDuration` adds whole days without leaving milliseconds when the zone's offset is steady
  // at both ends; it must land exactly where the general path (wall clock → civil days → instant)
  // does, including next to DST changes, in gaps and in repeated hours.
  const ZONES = ["Europe/Berlin", "America/New_York", "Australia/Lord_Howe", "Europe/Moscow", "Asia/Kolkata", "UTC"];
  const general = (start: Date, days: number, zone: string) => zonedInstant(shiftWall(wallOf(start, zone), 0, days), zone);

  it("agrees with the general path for any start and day count", () => {
    fc.assert(fc.property(
      fc.integer({ min: Date.UTC(2023, 0, 1), max: Date.UTC(2026, 0, 1) }),
      fc.integer({ min: -60, max: 60 }),
      fc.constantFrom(...ZONES),
      (ms, days, zone) => {
        const start = new Date(ms);
        const duration = `${days < 0 ? "-" : ""}P${Math.abs(days)}D`;
        expect(addDuration(start, duration, { timeZone: zone }).toISOString()).toBe(general(start, days, zone).toISOString());
      },
    ), { numRuns: 3000 });
  });

  it("agrees next to every DST change of 2024 in Berlin and New York, minute by minute", () => {
    const changes = [Date.UTC(2024, 2, 31, 1), Date.UTC(2024, 9, 27, 1), Date.UTC(2024, 2, 10, 7), Date.UTC(2024, 10, 3, 6)];
    for (const change of changes) {
      for (const zone of ["Europe/Berlin", "America/New_York"]) {
        for (let m = -26 * 60; m <= 26 * 60; m += 7) {
          const start = new Date(change + m * 60_000);
          for (const days of [-1, 1]) {
            expect(addDuration(start, days < 0 ? "-P1D" : "P1D", { timeZone: zone }).toISOString()).toBe(general(start, days, zone).toISOString());
          }
        }
      }
    }
  });
});
