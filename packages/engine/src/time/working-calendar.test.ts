import { describe, expect, it } from "vitest";
import { type WorkingCalendar, addDuration, isWorkingMoment, nextWorkingMoment, validateWorkingCalendar } from "./index";

/** Mon–Fri 09:00–18:00 in Moscow (UTC+3, no DST); Wed 2024-06-12 (Russia Day) is a holiday. */
const moscow: WorkingCalendar = {
  id: "office", timeZone: "Europe/Moscow", workingDays: [1, 2, 3, 4, 5], hours: { from: "09:00", to: "18:00" }, holidays: ["2024-06-12"],
};
/** Mon–Fri 09:00–18:00 in Berlin (DST on 2024-03-31 and 2024-10-27). */
const berlin: WorkingCalendar = { ...moscow, id: "berlin", timeZone: "Europe/Berlin", holidays: [] };
/** Every day 01:00–05:00 in Berlin: the working hours contain the DST changes. */
const night: WorkingCalendar = { ...berlin, id: "night", workingDays: [1, 2, 3, 4, 5, 6, 7], hours: { from: "01:00", to: "05:00" } };

/** Moscow wall time `YYYY-MM-DD HH:MM[:SS]` → instant. May 2024: Mon 13 … Fri 17, Sat 18, Sun 19, Mon 20. */
const msk = (local: string): Date => new Date(`${local.replace(" ", "T")}+03:00`);
const work = (calendar: WorkingCalendar) => ({ timeZone: "UTC", calendar, workingTime: true });

describe("addDuration in working time (Mon–Fri 09:00–18:00, Moscow)", () => {
  it.each([
    // hours spill over into the next working day
    ["Fri 17:00 + PT2H → Mon 10:00", "2024-05-17 17:00", "PT2H", "2024-05-20 10:00"],
    ["Mon 10:00 + PT27H → Thu 10:00", "2024-05-13 10:00", "PT27H", "2024-05-16 10:00"],
    ["Fri 09:00 + PT9H lands on the end of Friday", "2024-05-17 09:00", "PT9H", "2024-05-17 18:00"],
    ["Fri 09:00 + PT9H1S → Mon 09:00:01", "2024-05-17 09:00", "PT9H1S", "2024-05-20 09:00:01"],
    ["Fri 17:30 + PT30M → Fri 18:00", "2024-05-17 17:30", "PT30M", "2024-05-17 18:00"],
    // start outside working hours
    ["Fri 18:00 + PT1H → Mon 10:00", "2024-05-17 18:00", "PT1H", "2024-05-20 10:00"],
    ["Fri 20:00 + PT1H → Mon 10:00", "2024-05-17 20:00", "PT1H", "2024-05-20 10:00"],
    ["Sat 12:00 + PT1H → Mon 10:00", "2024-05-18 12:00", "PT1H", "2024-05-20 10:00"],
    ["Mon 07:00 + PT30M → Mon 09:30", "2024-05-20 07:00", "PT30M", "2024-05-20 09:30"],
    ["Sat 12:00 + PT0S → Mon 09:00", "2024-05-18 12:00", "PT0S", "2024-05-20 09:00"],
    ["Fri 18:00 + PT0S stays (end of day is kept)", "2024-05-17 18:00", "PT0S", "2024-05-17 18:00"],
    // days count whole working days at the same clock time
    ["Wed 10:00 + P2D → Fri 10:00", "2024-05-15 10:00", "P2D", "2024-05-17 10:00"],
    ["Thu 10:00 + P2D → Mon 10:00", "2024-05-16 10:00", "P2D", "2024-05-20 10:00"],
    ["Sat 12:00 + P2D → Wed 09:00", "2024-05-18 12:00", "P2D", "2024-05-22 09:00"],
    ["Fri 18:00 + P1D → Mon 18:00", "2024-05-17 18:00", "P1D", "2024-05-20 18:00"],
    ["Mon 09:00 + P1D → Tue 09:00", "2024-05-20 09:00", "P1D", "2024-05-21 09:00"],
    ["Fri 12:00 + P1W (5 working days) → next Fri 12:00", "2024-05-17 12:00", "P1W", "2024-05-24 12:00"],
    ["Mon 17:30 + P1DT1H → Wed 09:30", "2024-05-13 17:30", "P1DT1H", "2024-05-15 09:30"],
    // holidays are skipped
    ["Tue 12:00 + P1D skips the Wed holiday", "2024-06-11 12:00", "P1D", "2024-06-13 12:00"],
    ["Tue 17:00 + PT2H skips the Wed holiday", "2024-06-11 17:00", "PT2H", "2024-06-13 10:00"],
    ["on the holiday + PT1H → Thu 10:00", "2024-06-12 10:00", "PT1H", "2024-06-13 10:00"],
    // months: calendar time, then the next working moment
    ["Fri May 17 12:00 + P1M → Mon Jun 17 12:00", "2024-05-17 12:00", "P1M", "2024-06-17 12:00"],
    ["Wed May 15 12:00 + P1M → Sat → Mon Jun 17 09:00", "2024-05-15 12:00", "P1M", "2024-06-17 09:00"],
    ["Wed Jan 31 10:00 + P1M → Thu Feb 29 10:00", "2024-01-31 10:00", "P1M", "2024-02-29 10:00"],
    ["Fri Apr 12 12:00 + P2M lands on the holiday → Thu Jun 13 09:00", "2024-04-12 12:00", "P2M", "2024-06-13 09:00"],
    ["May 12 (Sun) + P1M: aligned to Mon May 13 09:00 first", "2024-05-12 12:00", "P1M", "2024-06-13 09:00"],
    // negative durations walk backwards
    ["Mon 10:00 - PT2H → Fri 17:00", "2024-05-20 10:00", "-PT2H", "2024-05-17 17:00"],
    ["Mon 09:00 - PT1H → Fri 17:00", "2024-05-20 09:00", "-PT1H", "2024-05-17 17:00"],
    ["Mon 18:00 - PT9H → Mon 09:00", "2024-05-20 18:00", "-PT9H", "2024-05-20 09:00"],
    ["Mon 07:00 - PT1H → Fri 17:00", "2024-05-20 07:00", "-PT1H", "2024-05-17 17:00"],
    ["Sat 12:00 - PT1H → Fri 17:00", "2024-05-18 12:00", "-PT1H", "2024-05-17 17:00"],
    ["Mon 09:00 - P1D → Fri 09:00", "2024-05-20 09:00", "-P1D", "2024-05-17 09:00"],
    ["Mon 12:00 - P3D → Wed 12:00", "2024-05-20 12:00", "-P3D", "2024-05-15 12:00"],
    ["Sat 12:00 - P1D → Thu 18:00", "2024-05-18 12:00", "-P1D", "2024-05-16 18:00"],
    ["Mon 10:00 - P1W → Mon 10:00 a week before", "2024-05-20 10:00", "-P1W", "2024-05-13 10:00"],
    ["Thu 10:00 - P1D skips the Wed holiday", "2024-06-13 10:00", "-P1D", "2024-06-11 10:00"],
    ["Thu 10:00 - PT2H skips the Wed holiday", "2024-06-13 10:00", "-PT2H", "2024-06-11 17:00"],
    ["Mon Jun 17 12:00 - P1M → Fri May 17 12:00", "2024-06-17 12:00", "-P1M", "2024-05-17 12:00"],
    ["Sun Jun 16 - P1M: aligned to Fri 18:00 first", "2024-06-16 12:00", "-P1M", "2024-05-14 18:00"],
  ])("%s", (_name, start, duration, expected) => {
    expect(addDuration(msk(start), duration, work(moscow)).toISOString()).toBe(msk(expected).toISOString());
  });

  it("P1D and PT9H differ only in which side of the night they land on", () => {
    expect(addDuration(msk("2024-05-20 09:00"), "P1D", work(moscow))).toEqual(msk("2024-05-21 09:00"));
    expect(addDuration(msk("2024-05-20 09:00"), "PT9H", work(moscow))).toEqual(msk("2024-05-20 18:00"));
    expect(addDuration(msk("2024-05-20 12:00"), "P1D", work(moscow))).toEqual(addDuration(msk("2024-05-20 12:00"), "PT9H", work(moscow)));
  });

  it("counts in the calendar's zone, whatever timeZone says", () => {
    const a = addDuration(msk("2024-05-17 17:00"), "PT2H", { timeZone: "America/New_York", calendar: moscow, workingTime: true });
    expect(a).toEqual(msk("2024-05-20 10:00"));
  });
});

describe("working time across DST (Europe/Berlin)", () => {
  it.each([
    ["Fri 17:00 CET + PT2H → Mon 10:00 CEST", berlin, "2024-03-29T17:00:00+01:00", "PT2H", "2024-04-01T10:00:00+02:00"],
    ["Fri 10:00 CET + P1D → Mon 10:00 CEST", berlin, "2024-03-29T10:00:00+01:00", "P1D", "2024-04-01T10:00:00+02:00"],
    ["Fri 10:00 CEST + P1D → Mon 10:00 CET", berlin, "2024-10-25T10:00:00+02:00", "P1D", "2024-10-28T10:00:00+01:00"],
    // 01:00–05:00 on the spring-forward night is 3 real hours; on the fall-back night, 5.
    ["spring night: 3 working hours", night, "2024-03-31T01:00:00+01:00", "PT3H", "2024-03-31T05:00:00+02:00"],
    ["spring night: the 4th hour spills to the next night", night, "2024-03-31T01:00:00+01:00", "PT4H", "2024-04-01T02:00:00+02:00"],
    ["autumn night: 4 hours end at 04:00 CET", night, "2024-10-27T01:00:00+02:00", "PT4H", "2024-10-27T04:00:00+01:00"],
    ["autumn night: 5 hours fill the window", night, "2024-10-27T01:00:00+02:00", "PT5H", "2024-10-27T05:00:00+01:00"],
    ["backwards through the spring night", night, "2024-04-01T02:00:00+02:00", "-PT4H", "2024-03-31T01:00:00+01:00"],
  ])("%s", (_name, calendar, start, duration, expected) => {
    expect(addDuration(new Date(start), duration, work(calendar)).toISOString()).toBe(new Date(expected).toISOString());
  });
});

describe("isWorkingMoment / nextWorkingMoment", () => {
  it.each([
    ["Fri 09:00 (from is included)", "2024-05-17 09:00", true],
    ["Fri 08:59:59", "2024-05-17 08:59:59", false],
    ["Fri 17:59:59", "2024-05-17 17:59:59", true],
    ["Fri 18:00 (to is excluded)", "2024-05-17 18:00", false],
    ["Sat 12:00", "2024-05-18 12:00", false],
    ["holiday 12:00", "2024-06-12 12:00", false],
    ["Mon 00:30 Moscow, still Sunday in UTC", "2024-05-20 00:30", false],
  ])("isWorkingMoment: %s", (_name, local, expected) => {
    expect(isWorkingMoment(msk(local), moscow)).toBe(expected);
  });

  it.each([
    ["inside hours: itself", "2024-05-17 12:34", "2024-05-17 12:34"],
    ["before from", "2024-05-20 07:00", "2024-05-20 09:00"],
    ["exactly at to", "2024-05-17 18:00", "2024-05-20 09:00"],
    ["Friday evening", "2024-05-17 18:30", "2024-05-20 09:00"],
    ["Sunday", "2024-05-19 23:59", "2024-05-20 09:00"],
    ["evening before a holiday", "2024-06-11 19:00", "2024-06-13 09:00"],
  ])("nextWorkingMoment: %s", (_name, local, expected) => {
    expect(nextWorkingMoment(msk(local), moscow)).toEqual(msk(expected));
  });
});

describe("unusable calendars fail fast", () => {
  const noDays = { ...moscow, workingDays: [] };
  it.each([
    ["no working days: addDuration", () => addDuration(msk("2024-05-17 12:00"), "PT1H", work(noDays)), /no working days/],
    ["no working days: isWorkingMoment", () => isWorkingMoment(msk("2024-05-17 12:00"), noDays), /no working days/],
    ["no working days: nextWorkingMoment", () => nextWorkingMoment(msk("2024-05-17 12:00"), noDays), /no working days/],
    ["hours inside out", () => isWorkingMoment(new Date(0), { ...moscow, hours: { from: "18:00", to: "09:00" } }), /start before/],
    ["unknown zone", () => isWorkingMoment(new Date(0), { ...moscow, timeZone: "Mars/Olympus" }), /unknown time zone/],
  ])("%s", (_name, run, message) => {
    expect(run).toThrow(message);
  });

  it("gives up when no working day exists within 3,660 days", () => {
    // Only Mondays work, and every Monday for 11 years is a holiday.
    const holidays: string[] = [];
    for (let t = Date.UTC(2024, 4, 20); t < Date.UTC(2035, 0, 1); t += 7 * 86_400_000) holidays.push(new Date(t).toISOString().slice(0, 10));
    const cal = { ...moscow, workingDays: [1], holidays };
    expect(() => nextWorkingMoment(msk("2024-05-18 12:00"), cal)).toThrow(/no working day within 3660 days/);
    expect(() => addDuration(msk("2024-05-18 12:00"), "PT1H", work(cal))).toThrow(/no working day/);
  });

  it.each(["P2700D", "PT30000H", "P600W", "P99999999D"])("refuses walks longer than 10 years (%s)", (d) => {
    expect(() => addDuration(msk("2024-05-17 12:00"), d, work(moscow))).toThrow(/more than 3660 days/);
  });

  it.each([
    [moscow, []],
    [{ ...moscow, workingDays: [0, 8] }, ["working days must be 1 (Monday) … 7 (Sunday)"]],
    [{ ...moscow, hours: { from: "9:00", to: "18:00" } }, ["working hours must be HH:MM"]],
    [{ ...moscow, hours: { from: "10:00", to: "10:00" } }, ["must start before they end"]],
    [{ ...moscow, holidays: ["2024-02-30"] }, ["is not a YYYY-MM-DD date"]],
  ])("validateWorkingCalendar %#", (calendar, fragments) => {
    const problems = validateWorkingCalendar(calendar);
    expect(problems).toHaveLength(fragments.length);
    fragments.forEach((f, i) => expect(problems[i]).toContain(f));
  });
});
