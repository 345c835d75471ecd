import { describe, expect, it } from "vitest";
import { type Deadline, type Delay, type ResolveTimeContext, type WorkingCalendar, resolveTime } from "./index";

/** Mon–Fri 10:00–19:00 in Moscow; Wed 2024-06-12 is a holiday. May 2024: Fri 17, Sat 18, Mon 20. */
const calendar: WorkingCalendar = {
  id: "office", timeZone: "Europe/Moscow", workingDays: [1, 2, 3, 4, 5], hours: { from: "10:00", to: "19:00" }, holidays: ["2024-06-12"],
};
const from = new Date("2024-05-17T15:00:00+03:00"); // Friday 15:00 in Moscow
const fields: Record<string, unknown> = {
  meeting: "2024-05-20", // a Monday
  saturday: "2024-05-18",
  holiday: "2024-06-12",
  callAt: "2024-05-20T16:45:00+03:00",
  callUtc: "2024-05-20T23:30:00Z", // already Tuesday 02:30 in Moscow
  asDate: new Date("2024-05-20T16:45:00+03:00"),
  empty: "",
  nothing: null,
  bogus: "next Tuesday",
  feb30: "2024-02-30",
  noOffset: "2024-05-20T16:45:00",
  number: 1716200000000,
};
const berlinCtx: ResolveTimeContext = { from, fields, timeZone: "Europe/Berlin" };
const ctx: ResolveTimeContext = { from, fields, timeZone: "Europe/Berlin", calendar };
const iso = (d: Date | null): string | null => (d ? d.toISOString() : null);
const at = (s: string): string => new Date(s).toISOString();

describe("resolveTime", () => {
  it.each<[string, Delay | Deadline, ResolveTimeContext, string | null]>([
    // { after } counts from ctx.from
    ["after, calendar time", { after: "PT2H" }, ctx, "2024-05-17T17:00:00+03:00"],
    ["after, P1D in the workspace zone", { after: "P1D" }, ctx, "2024-05-18T15:00:00+03:00"],
    ["after, working time spills to Monday", { after: "PT5H", workingTime: true }, ctx, "2024-05-20T11:00:00+03:00"],
    ["after, working days", { after: "P2D", workingTime: true }, ctx, "2024-05-21T15:00:00+03:00"],
    // { at }
    ["at", { at: "2024-06-01T12:00:00+03:00" }, ctx, "2024-06-01T12:00:00+03:00"],
    ["at in UTC", { at: "2024-06-01T09:00:00Z" }, ctx, "2024-06-01T12:00:00+03:00"],
    ["at without offset is invalid", { at: "2024-06-01T12:00:00" }, ctx, null],
    ["at garbage is invalid", { at: "soon" }, ctx, null],
    // date fields: the calendar's `from` by default, in ctx.timeZone for calendar time…
    ["date field, calendar's from, workspace zone", { field: "meeting", offset: "P0D" }, ctx, "2024-05-20T10:00:00+02:00"],
    ["date field, 09:00 without a calendar", { field: "meeting", offset: "P0D" }, berlinCtx, "2024-05-20T09:00:00+02:00"],
    ["date field with time", { field: "meeting", offset: "P0D", time: "14:30" }, berlinCtx, "2024-05-20T14:30:00+02:00"],
    ["date field, -P1D calendar time", { field: "meeting", offset: "-P1D", time: "12:00" }, berlinCtx, "2024-05-19T12:00:00+02:00"],
    ["date field, -PT2H", { field: "meeting", offset: "-PT2H" }, berlinCtx, "2024-05-20T07:00:00+02:00"],
    // …and in the calendar's zone for working time
    ["date field, working: -P1D from Monday 10:00 is Friday 10:00", { field: "meeting", offset: "-P1D", workingTime: true }, ctx, "2024-05-17T10:00:00+03:00"],
    ["date field, working: -PT1H from Monday 10:00 is Friday 18:00", { field: "meeting", offset: "-PT1H", workingTime: true }, ctx, "2024-05-17T18:00:00+03:00"],
    ["date field, working: P0D on a Saturday moves to Monday", { field: "saturday", offset: "P0D", workingTime: true }, ctx, "2024-05-20T10:00:00+03:00"],
    // a holiday is outside working hours: forwards it aligns to Thu 10:00, backwards to Tue 19:00
    ["date field, working: +P1D from a holiday", { field: "holiday", offset: "P1D", workingTime: true, time: "12:00" }, ctx, "2024-06-14T10:00:00+03:00"],
    ["date field, working: -P1D from a holiday", { field: "holiday", offset: "-P1D", workingTime: true, time: "12:00" }, ctx, "2024-06-10T19:00:00+03:00"],
    // datetime fields: the instant; `time` replaces the local clock time on its local date
    ["datetime field", { field: "callAt", offset: "-PT15M" }, ctx, "2024-05-20T16:30:00+03:00"],
    ["datetime field with time (workspace zone)", { field: "callAt", offset: "P0D", time: "09:00" }, ctx, "2024-05-20T09:00:00+02:00"],
    ["datetime field with time (calendar zone)", { field: "callUtc", offset: "P0D", time: "12:00", workingTime: true }, ctx, "2024-05-21T12:00:00+03:00"],
    ["datetime field, working hours", { field: "callAt", offset: "PT3H", workingTime: true }, ctx, "2024-05-21T10:45:00+03:00"],
    ["Date value", { field: "asDate", offset: "PT1H" }, ctx, "2024-05-20T17:45:00+03:00"],
    // empty or invalid field values → null
    ["empty string", { field: "empty", offset: "P1D" }, ctx, null],
    ["null", { field: "nothing", offset: "P1D" }, ctx, null],
    ["missing field", { field: "absent", offset: "P1D", workingTime: true }, ctx, null],
    ["not a date", { field: "bogus", offset: "P1D" }, ctx, null],
    ["impossible date", { field: "feb30", offset: "P1D" }, ctx, null],
    ["datetime without offset", { field: "noOffset", offset: "P1D" }, ctx, null],
    ["a number", { field: "number", offset: "P1D" }, ctx, null],
    ["an inherited property name", { field: "constructor", offset: "P1D" }, ctx, null],
    // afterEvent: nothing until the event
    ["afterEvent before the event", { afterEvent: { type: "call.completed" }, after: "PT1H" }, ctx, null],
    ["afterEvent after the event", { afterEvent: { type: "call.completed", match: { "==": [1, 1] } }, after: "PT1H" },
      { ...ctx, eventAt: new Date("2024-05-20T12:00:00+03:00") }, "2024-05-20T13:00:00+03:00"],
    ["afterEvent in working time", { afterEvent: { type: "call.completed" }, after: "PT2H", workingTime: true },
      { ...ctx, eventAt: new Date("2024-05-17T18:30:00+03:00") }, "2024-05-20T11:30:00+03:00"],
  ])("%s", (_name, spec, context, expected) => {
    expect(iso(resolveTime(spec, context))).toBe(expected === null ? null : at(expected));
  });

  it("never reads the clock: same inputs, same output", () => {
    const spec: Deadline = { field: "meeting", offset: "-P2D", workingTime: true };
    expect(resolveTime(spec, ctx)).toEqual(resolveTime(spec, { ...ctx, fields: { ...fields } }));
  });

  it.each<[string, Delay | Deadline, ResolveTimeContext, RegExp]>([
    ["workingTime without a calendar", { after: "P1D", workingTime: true }, berlinCtx, /working calendar/],
    ["an invalid after", { after: "1 day" }, ctx, /Invalid ISO-8601 duration/],
    ["a signed after", { after: "-P1D" }, ctx, /Invalid ISO-8601 duration/],
    ["an invalid offset, even with an empty field", { field: "empty", offset: "P1H" }, ctx, /Invalid signed ISO-8601 duration/],
    ["an invalid time", { field: "meeting", offset: "P0D", time: "9:00" }, ctx, /Invalid time of day/],
    ["an unknown zone", { field: "meeting", offset: "P0D" }, { ...ctx, timeZone: "Mars/Olympus" }, /Unknown time zone/],
  ])("throws for %s", (_name, spec, context, message) => {
    expect(() => resolveTime(spec, context)).toThrow(message);
  });
});
