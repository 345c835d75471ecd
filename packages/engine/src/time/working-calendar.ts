/**
 * Working calendars: which local days are working days, and the working hours on them.
 *
 * A working day is a local date (in the calendar's zone) whose ISO weekday is in `workingDays` and
 * which is not in `holidays`. Its working window runs from `hours.from` to `hours.to` local time.
 * A *working moment* is an instant inside a window, `from` included and `to` excluded.
 */
import {
  type Civil, civilKey, civilOf, instantOn, isoWeekday, isValidTimeZone, parseIsoDate,
  parseTimeOfDay, shiftCivil,
} from "./zone";

/** A working calendar, as a blueprint's `calendars[]` entry (`workingDays`: 1 = Monday … 7 = Sunday). */
export interface WorkingCalendar {
  id: string;
  timeZone: string;
  workingDays: number[];
  hours: { from: string; to: string };
  holidays: string[];
}

/**
 * One working-time operation scans at most this many calendar days (≈ 10 years), both when looking
 * for the next working day and over a whole duration; beyond that it throws instead of looping.
 */
export const MAX_SCAN_DAYS = 3_660;

/**
 * What is wrong with `calendar`, as messages a non-programmer can act on; empty when it is usable.
 * Checks: a valid IANA zone; at least one working day, each 1–7; `hours.from`/`hours.to` as HH:MM
 * with `from` strictly before `to` (overnight shifts are not supported); holidays as real
 * `YYYY-MM-DD` dates. The linter can reuse it; working-time functions throw on the first problem.
 */
export function validateWorkingCalendar(calendar: WorkingCalendar): string[] {
  const problems: string[] = [];
  const name = `Calendar "${calendar.id}"`;
  if (!isValidTimeZone(calendar.timeZone)) problems.push(`${name}: unknown time zone "${calendar.timeZone}"`);
  if (!Array.isArray(calendar.workingDays) || calendar.workingDays.length === 0) {
    problems.push(`${name} has no working days: list at least one of 1 (Monday) … 7 (Sunday)`);
  } else if (calendar.workingDays.some((d) => !Number.isInteger(d) || d < 1 || d > 7)) {
    problems.push(`${name}: working days must be 1 (Monday) … 7 (Sunday)`);
  }
  const from = parseTimeOfDay(calendar.hours?.from ?? "");
  const to = parseTimeOfDay(calendar.hours?.to ?? "");
  if (!from || !to) {
    problems.push(`${name}: working hours must be HH:MM, e.g. { from: "09:00", to: "18:00" }`);
  } else if (from.hour * 60 + from.minute >= to.hour * 60 + to.minute) {
    problems.push(`${name}: working hours must start before they end (overnight shifts are not supported)`);
  }
  for (const h of calendar.holidays ?? []) {
    if (parseIsoDate(h) === null) problems.push(`${name}: holiday "${h}" is not a YYYY-MM-DD date`);
  }
  return problems;
}

/** A checked calendar in a form cheap to query. */
export interface CompiledCalendar {
  id: string;
  zone: string;
  days: ReadonlySet<number>;
  holidays: ReadonlySet<string>;
  from: { hour: number; minute: number };
  to: { hour: number; minute: number };
}

/** A working window: the instants of `from` and `to` on one local date (`end >= start`). */
export interface Window {
  day: Civil;
  start: Date;
  end: Date;
}

/** Counts the calendar days a walk has scanned and stops runaway walks. */
export interface WalkBudget {
  days: number;
}

/** A fresh budget for one working-time operation. */
export function newBudget(): WalkBudget {
  return { days: MAX_SCAN_DAYS };
}

/** Checks `calendar` and prepares it for queries; throws an `Error` listing its problems. */
export function compileCalendar(calendar: WorkingCalendar): CompiledCalendar {
  const problems = validateWorkingCalendar(calendar);
  if (problems.length > 0) throw new Error(problems.join("; "));
  return {
    id: calendar.id,
    zone: calendar.timeZone,
    days: new Set(calendar.workingDays),
    holidays: new Set(calendar.holidays),
    // Both parse: validateWorkingCalendar checked them.
    from: parseTimeOfDay(calendar.hours.from) ?? { hour: 0, minute: 0 },
    to: parseTimeOfDay(calendar.hours.to) ?? { hour: 0, minute: 0 },
  };
}

/** Whether local date `day` is a working day of `cal` (working weekday, not a holiday). */
export function isWorkingDay(day: Civil, cal: CompiledCalendar): boolean {
  return cal.days.has(isoWeekday(day)) && !cal.holidays.has(civilKey(day));
}

/** The working window on local date `day` (whether or not it is a working day). */
export function windowOn(day: Civil, cal: CompiledCalendar): Window {
  const start = instantOn(day, cal.from.hour, cal.from.minute, cal.zone);
  const end = instantOn(day, cal.to.hour, cal.to.minute, cal.zone);
  // A DST gap inside the hours can only shorten a window, never turn it inside out.
  return { day, start, end: +end < +start ? start : end };
}

/**
 * The first working day strictly after (`dir` = 1) or before (`dir` = -1) `day`. Scans at most
 * {@link MAX_SCAN_DAYS} days and charges them to `budget`.
 */
export function nextWorkingDay(day: Civil, dir: 1 | -1, cal: CompiledCalendar, budget: WalkBudget): Civil {
  let d = day;
  for (let i = 0; i < MAX_SCAN_DAYS; i++) {
    if (--budget.days < 0) {
      throw new RangeError(`Working-time arithmetic in calendar "${cal.id}" spans more than ${MAX_SCAN_DAYS} days`);
    }
    d = shiftCivil(d, dir);
    if (isWorkingDay(d, cal)) return d;
  }
  throw new Error(
    `Calendar "${cal.id}" has no working day within ${MAX_SCAN_DAYS} days ${dir > 0 ? "after" : "before"} ${civilKey(day)}`,
  );
}

/**
 * Where a forward working-time walk starts: `at` itself if it lies within a working window,
 * **both ends included** (so a start exactly at `to` stays there); otherwise the start of the next
 * working window (before `from` on a working day: that day's `from`).
 */
export function alignForward(at: Date, cal: CompiledCalendar, budget: WalkBudget): { window: Window; at: Date } {
  const today = civilOf(at, cal.zone);
  if (isWorkingDay(today, cal)) {
    const w = windowOn(today, cal);
    if (+at < +w.start) return { window: w, at: w.start };
    if (+at <= +w.end) return { window: w, at };
  }
  const w = windowOn(nextWorkingDay(today, 1, cal, budget), cal);
  return { window: w, at: w.start };
}

/**
 * Where a backward walk starts: `at` itself if it lies within a working window, both ends
 * included; otherwise the end (`to`) of the previous working window (after `to` on a working day:
 * that day's `to`).
 */
export function alignBackward(at: Date, cal: CompiledCalendar, budget: WalkBudget): { window: Window; at: Date } {
  const today = civilOf(at, cal.zone);
  if (isWorkingDay(today, cal)) {
    const w = windowOn(today, cal);
    if (+at > +w.end) return { window: w, at: w.end };
    if (+at >= +w.start) return { window: w, at };
  }
  const w = windowOn(nextWorkingDay(today, -1, cal, budget), cal);
  return { window: w, at: w.end };
}

/**
 * Whether `at` is a working moment of `calendar`: on a working day (a listed weekday that is not a
 * holiday, both judged in the calendar's zone) and within `[hours.from, hours.to)` local time —
 * `from` is a working moment, `to` is not. Throws for an unusable calendar.
 *
 * @example // Mon–Fri 09:00–18:00 Europe/Moscow
 * isWorkingMoment(new Date("2024-05-17T09:00:00+03:00"), cal) // true  (Friday 09:00)
 * isWorkingMoment(new Date("2024-05-17T18:00:00+03:00"), cal) // false (Friday 18:00 is the end)
 */
export function isWorkingMoment(at: Date, calendar: WorkingCalendar): boolean {
  const cal = compileCalendar(calendar);
  const today = civilOf(at, cal.zone);
  if (!isWorkingDay(today, cal)) return false;
  const w = windowOn(today, cal);
  return +at >= +w.start && +at < +w.end;
}

/**
 * `at` itself if it is a working moment (see {@link isWorkingMoment}), otherwise the start of the
 * next working window: before `from` on a working day gives that day's `from`; at or after `to`,
 * on a weekend or on a holiday gives the next working day's `from`. Throws for an unusable
 * calendar or when no working day exists within {@link MAX_SCAN_DAYS} days.
 *
 * @example // Mon–Fri 09:00–18:00
 * nextWorkingMoment(fridayAt1830, cal) // Monday 09:00
 */
export function nextWorkingMoment(at: Date, calendar: WorkingCalendar): Date {
  const cal = compileCalendar(calendar);
  const budget = newBudget();
  let day = civilOf(at, cal.zone);
  if (isWorkingDay(day, cal)) {
    const w = windowOn(day, cal);
    if (+at < +w.end) return +at < +w.start ? w.start : new Date(+at);
  }
  // Skip windows a DST gap has emptied (only possible with hours inside the gap).
  for (;;) {
    day = nextWorkingDay(day, 1, cal, budget);
    const w = windowOn(day, cal);
    if (+w.end > +w.start) return w.start;
  }
}
