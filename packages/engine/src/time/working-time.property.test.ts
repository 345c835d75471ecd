import { TZDate } from "@date-fns/tz";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type WorkingCalendar, addDuration, isWorkingMoment } from "./index";

const ZONES = ["Europe/Moscow", "Europe/Berlin", "America/New_York", "Asia/Kolkata", "Australia/Lord_Howe"] as const;

const calendarIn = (timeZone: string): WorkingCalendar => ({
  id: "office", timeZone, workingDays: [1, 2, 3, 4, 5], hours: { from: "09:00", to: "18:00" },
  holidays: ["2024-01-01", "2024-05-01", "2024-05-09", "2024-06-12", "2024-12-31", "2025-01-01"],
});

/** The convention: a working-time result is a working moment, or exactly 18:00 (`to`) ending a working day. */
function isWorkingMomentOrDayEnd(at: Date, calendar: WorkingCalendar): boolean {
  if (isWorkingMoment(at, calendar)) return true;
  const local = new TZDate(+at, calendar.timeZone);
  const endsWindow = local.getHours() === 18 && local.getMinutes() === 0 && local.getSeconds() === 0 && local.getMilliseconds() === 0;
  return endsWindow && isWorkingMoment(new Date(+at - 1), calendar);
}

const startArb = fc.integer({ min: Date.UTC(2023, 6, 1), max: Date.UTC(2025, 6, 1) }).map((t) => new Date(t));
const zoneArb = fc.constantFrom(...ZONES);
const durationArb = fc
  .record({
    months: fc.nat({ max: 14 }),
    weeks: fc.nat({ max: 3 }),
    days: fc.nat({ max: 20 }),
    hours: fc.nat({ max: 60 }),
    minutes: fc.nat({ max: 59 }),
    seconds: fc.nat({ max: 59 }),
  })
  .map(({ months, weeks, days, hours, minutes, seconds }) => {
    const date = `${months ? `${months}M` : ""}${weeks ? `${weeks}W` : ""}${days ? `${days}D` : ""}`;
    const time = `${hours ? `${hours}H` : ""}${minutes ? `${minutes}M` : ""}${seconds ? `${seconds}S` : ""}`;
    return date || time ? `P${date}${time ? `T${time}` : ""}` : "PT0S";
  });

describe("working-time properties (Mon–Fri 09:00–18:00)", () => {
  it("a positive duration lands on a working moment or a working day's end, never before its start", () => {
    fc.assert(
      fc.property(startArb, durationArb, zoneArb, (start, duration, zone) => {
        const calendar = calendarIn(zone);
        const result = addDuration(start, duration, { timeZone: zone, calendar, workingTime: true });
        expect(+result).toBeGreaterThanOrEqual(+start);
        expect(isWorkingMomentOrDayEnd(result, calendar)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it("a negative duration lands on a working moment or a working day's end, never after its start", () => {
    fc.assert(
      fc.property(startArb, durationArb, zoneArb, (start, duration, zone) => {
        const calendar = calendarIn(zone);
        const result = addDuration(start, `-${duration}`, { timeZone: zone, calendar, workingTime: true });
        expect(+result).toBeLessThanOrEqual(+start);
        expect(isWorkingMomentOrDayEnd(result, calendar)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it("hours forward then back return to a working-moment start", () => {
    fc.assert(
      fc.property(startArb, fc.integer({ min: 1, max: 200 * 60 }), zoneArb, (start, minutes, zone) => {
        const calendar = calendarIn(zone);
        fc.pre(isWorkingMoment(start, calendar));
        const opts = { timeZone: zone, calendar, workingTime: true };
        const there = addDuration(start, `PT${minutes}M`, opts);
        expect(addDuration(there, `-PT${minutes}M`, opts)).toEqual(start);
      }),
      { numRuns: 200 },
    );
  });

  it("is deterministic", () => {
    fc.assert(
      fc.property(startArb, durationArb, zoneArb, (start, duration, zone) => {
        const opts = { timeZone: zone, calendar: calendarIn(zone), workingTime: true };
        expect(addDuration(start, duration, opts)).toEqual(addDuration(new Date(+start), duration, opts));
      }),
      { numRuns: 50 },
    );
  });
});

describe("calendar-time properties", () => {
  it("whole days keep the local clock time (away from DST-night hours)", () => {
    fc.assert(
      fc.property(startArb, fc.integer({ min: -400, max: 400 }), zoneArb, (start, days, zone) => {
        const local = new TZDate(+start, zone);
        fc.pre(local.getHours() >= 4);
        const result = new TZDate(+addDuration(start, `${days < 0 ? "-" : ""}P${Math.abs(days)}D`, { timeZone: zone }), zone);
        expect([result.getHours(), result.getMinutes(), result.getSeconds()])
          .toEqual([local.getHours(), local.getMinutes(), local.getSeconds()]);
      }),
      { numRuns: 300 },
    );
  });

  it("clock units are exact elapsed time", () => {
    fc.assert(
      fc.property(startArb, fc.integer({ min: -100_000, max: 100_000 }), zoneArb, (start, seconds, zone) => {
        const text = `${seconds < 0 ? "-" : ""}PT${Math.abs(seconds)}S`;
        expect(+addDuration(start, text, { timeZone: zone }) - +start).toBe(seconds * 1000);
      }),
      { numRuns: 200 },
    );
  });
});
