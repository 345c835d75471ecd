/**
 * Results must not depend on the time zone of the machine running the engine (a server in UTC, a
 * browser in Berlin). `TZDate` alone resolves a repeated wall time differently depending on the
 * host zone; these tests switch the host zone and expect identical answers.
 */
import { afterAll, describe, expect, it } from "vitest";
import { type WorkingCalendar, addDuration, resolveTime } from "./index";

const HOSTS = ["UTC", "Europe/Berlin", "America/New_York", "Asia/Kolkata", "Australia/Lord_Howe", "Pacific/Chatham", "America/St_Johns"];
const original = process.env.TZ;
afterAll(() => {
  if (original === undefined) delete process.env.TZ;
  else process.env.TZ = original;
});

const night: WorkingCalendar = {
  id: "night", timeZone: "Europe/Berlin", workingDays: [1, 2, 3, 4, 5, 6, 7], hours: { from: "01:00", to: "05:00" }, holidays: [],
};

const CASES: [string, () => Date | null, string][] = [
  ["Berlin: into the repeated hour → first 02:30", () => addDuration(new Date("2024-10-26T02:30:00+02:00"), "P1D", { timeZone: "Europe/Berlin" }), "2024-10-27T02:30:00+02:00"],
  ["Berlin: into the gap → 03:30", () => addDuration(new Date("2024-03-30T02:30:00+01:00"), "P1D", { timeZone: "Europe/Berlin" }), "2024-03-31T03:30:00+02:00"],
  ["New York: into the repeated hour", () => addDuration(new Date("2024-11-02T01:30:00-04:00"), "P1D", { timeZone: "America/New_York" }), "2024-11-03T01:30:00-04:00"],
  ["New York: into the gap", () => addDuration(new Date("2024-03-09T02:30:00-05:00"), "P1D", { timeZone: "America/New_York" }), "2024-03-10T03:30:00-04:00"],
  ["Lord Howe: 30-minute repeat", () => addDuration(new Date("2024-04-06T01:45:00+11:00"), "P1D", { timeZone: "Australia/Lord_Howe" }), "2024-04-07T01:45:00+11:00"],
  ["Lord Howe: 30-minute gap", () => addDuration(new Date("2024-10-05T02:15:00+10:30"), "P1D", { timeZone: "Australia/Lord_Howe" }), "2024-10-06T02:45:00+11:00"],
  ["Berlin: P1D across spring-forward", () => addDuration(new Date("2024-03-30T10:00:00+01:00"), "P1D", { timeZone: "Europe/Berlin" }), "2024-03-31T10:00:00+02:00"],
  ["working hours over the autumn night", () => addDuration(new Date("2024-10-27T01:00:00+02:00"), "PT4H", { timeZone: "UTC", calendar: night, workingTime: true }), "2024-10-27T04:00:00+01:00"],
  ["working hours over the spring night", () => addDuration(new Date("2024-03-31T01:00:00+01:00"), "PT4H", { timeZone: "UTC", calendar: night, workingTime: true }), "2024-04-01T02:00:00+02:00"],
  ["date field at a repeated time", () => resolveTime({ field: "d", offset: "P0D", time: "02:30" }, { from: new Date(0), fields: { d: "2024-10-27" }, timeZone: "Europe/Berlin" }), "2024-10-27T02:30:00+02:00"],
  ["datetime field, time in the gap", () => resolveTime({ field: "d", offset: "P0D", time: "02:30" }, { from: new Date(0), fields: { d: "2024-03-31T12:00:00+02:00" }, timeZone: "Europe/Berlin" }), "2024-03-31T03:30:00+02:00"],
];

describe.each(HOSTS)("with the host in %s", (host) => {
  it("the host zone really changed", () => {
    process.env.TZ = host;
    const offsets: Record<string, number> = {
      UTC: 0, "Europe/Berlin": -60, "America/New_York": 300, "Asia/Kolkata": -330, "Australia/Lord_Howe": -660,
      "Pacific/Chatham": -825, "America/St_Johns": 210,
    };
    expect(new Date(Date.UTC(2024, 0, 15, 12)).getTimezoneOffset()).toBe(offsets[host]);
  });

  it.each(CASES)("%s", (_name, run, expected) => {
    process.env.TZ = host;
    expect(run()?.toISOString()).toBe(new Date(expected).toISOString());
  });
});
