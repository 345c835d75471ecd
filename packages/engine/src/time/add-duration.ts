/**
 * Adding a duration to an instant, in calendar time (a time zone's wall clock) or in working
 * time (a working calendar's working hours). See README.md in this folder for the conventions.
 */
import { type ParsedDuration, clockMs, isZeroDuration, toParsedDuration } from "./duration";
import {
  type CompiledCalendar, type WalkBudget, type Window, type WorkingCalendar, alignBackward, alignForward,
  compileCalendar, newBudget, nextWorkingDay, windowOn,
} from "./working-calendar";
import { YEAR_100_MS, assertTimeZone, shiftWall, steadyInstant, steadyNaiveMs, wallOf, zonedInstant } from "./zone";

const DAY_MS = 86_400_000;
/** Beyond this, a `Date` is invalid (ECMAScript's time range). */
const MAX_TIME_MS = 8.64e15;

/** Options of {@link addDuration}. */
export interface AddDurationOptions {
  /** The zone whose wall clock calendar-time units (years … days) follow. Ignored in working time. */
  timeZone: string;
  /** The working calendar; required when `workingTime` is true. */
  calendar?: WorkingCalendar | undefined;
  /** Count working time in `calendar` (its own zone) instead of calendar time in `timeZone`. */
  workingTime?: boolean | undefined;
}

/**
 * Adds a duration to an instant: calendar time in `timeZone` (P1D across a DST change keeps the
 * local clock time), or working time in `calendar` when workingTime.
 *
 * **Calendar time.** Years and months, then weeks and days, move the wall clock of `timeZone`
 * (Jan 31 + P1M = Feb 29/28; P1D from 10:00 is 10:00 the next day even across a DST change); then
 * hours, minutes and seconds add exact elapsed time (PT24H across a DST change is not P1D). A
 * negative duration subtracts each part. A wall time skipped by DST moves forward by the gap; a
 * repeated one takes its earlier occurrence.
 *
 * **Working time** (`workingTime: true`, in `calendar.timeZone`):
 * 1. `start` is aligned: kept if it lies within a working window with both ends included, else
 *    moved to the next window's `from` (backwards: the previous window's `to`).
 * 2. Years and months are added in calendar time, then the result is aligned again.
 * 3. Weeks and days count whole working days: the same local clock time on the n-th working day
 *    after (before) the current one. A week is as many working days as the calendar has working
 *    weekdays (`workingDays.length`, duplicates ignored): 5 for Mon–Fri.
 * 4. Hours, minutes and seconds count only time inside working windows, spilling over into the
 *    next (previous) working day. Landing exactly on a window's end keeps the end: Fri 09:00 +
 *    PT9H with 09:00–18:00 is Fri 18:00, not Mon 09:00; Fri 17:00 + PT2H is Mon 10:00.
 *
 * A zero duration is applied forwards (it aligns `start` like a positive one). Throws for an
 * invalid duration, start or zone, for working time without a usable calendar (e.g. no working
 * days), and when a working-time walk would scan more than 3,660 calendar days (≈ 10 years).
 *
 * @example addDuration(fri1700, "PT2H", { timeZone: "Europe/Moscow", calendar, workingTime: true }) // Mon 10:00
 * @example addDuration(sat1000, "P1D", { timeZone: "Europe/Berlin" }) // Sun 10:00, even on DST night
 */
export function addDuration(start: Date, duration: ParsedDuration | string, opts: AddDurationOptions): Date {
  return addCheckedDuration(start, toParsedDuration(duration), opts);
}

/** {@link addDuration} for a duration already checked (one that `parseDuration` answered). */
export function addCheckedDuration(start: Date, d: Readonly<ParsedDuration>, opts: AddDurationOptions): Date {
  if (!(start instanceof Date) || Number.isNaN(+start)) throw new RangeError("addDuration: start is not a valid date");
  let result: Date;
  if (opts.workingTime) {
    if (!opts.calendar) throw new Error("Working time needs a working calendar: set the blueprint's defaultCalendar");
    result = addWorkingTime(start, d, compileCalendar(opts.calendar));
  } else {
    assertTimeZone(opts.timeZone);
    result = addCalendarTime(start, d, opts.timeZone);
  }
  if (Number.isNaN(+result)) throw new RangeError("addDuration: the result is out of the representable date range");
  return result;
}

function addCalendarTime(start: Date, d: Readonly<ParsedDuration>, zone: string): Date {
  const months = d.sign * (d.years * 12 + d.months);
  const days = d.sign * (d.weeks * 7 + d.days);
  let t = +start;
  if (months !== 0 || days !== 0) t = months === 0 ? shiftDays(t, days, zone) : +zonedInstant(shiftWall(wallOf(start, zone), months, days), zone);
  return new Date(t + d.sign * clockMs(d));
}

/**
 * `days` calendar days later (earlier) on the wall clock of `zone`: the general path (wall clock →
 * civil arithmetic → back to an instant), short-cut when the zone's offset is steady at both ends.
 * Whole days on a wall clock read as UTC are exact multiples of 24 h, so the shifted reading is
 * the start's reading plus `days` × 24 h, and it is placed back by the same rule as `zonedInstant`.
 */
function shiftDays(t: number, days: number, zone: string): number {
  const naive = steadyNaiveMs(t, zone);
  if (naive !== null && naive >= YEAR_100_MS) {
    const shifted = naive + days * DAY_MS;
    if (shifted >= YEAR_100_MS && shifted <= MAX_TIME_MS) {
      const at = steadyInstant(shifted, zone);
      if (at !== null) return at;
    }
  }
  return +zonedInstant(shiftWall(wallOf(t, zone), 0, days), zone);
}

interface Position {
  window: Window;
  at: Date;
}

function addWorkingTime(start: Date, d: ParsedDuration, cal: CompiledCalendar): Date {
  const budget = newBudget();
  const dir: 1 | -1 = isZeroDuration(d) ? 1 : d.sign;
  const align = dir > 0 ? alignForward : alignBackward;
  let pos: Position = align(start, cal, budget);

  const months = d.years * 12 + d.months;
  if (months > 0) {
    const moved = zonedInstant(shiftWall(wallOf(pos.at, cal.zone), dir * months, 0), cal.zone);
    pos = align(moved, cal, budget);
  }
  const days = d.weeks * cal.days.size + d.days;
  if (days > 0) pos = stepWorkingDays(pos, days, dir, cal, budget);
  const ms = clockMs(d);
  return ms > 0 ? walkWorkingMs(pos, ms, dir, cal, budget) : new Date(+pos.at);
}

/** The same local clock time on the `n`-th working day after/before `pos`, kept inside that day's window. */
function stepWorkingDays(pos: Position, n: number, dir: 1 | -1, cal: CompiledCalendar, budget: WalkBudget): Position {
  const clock = wallOf(pos.at, cal.zone);
  let day = pos.window.day;
  for (let i = 0; i < n; i++) day = nextWorkingDay(day, dir, cal, budget);
  const window = windowOn(day, cal);
  const t = zonedInstant({ ...day, hour: clock.hour, minute: clock.minute, second: clock.second, ms: clock.ms }, cal.zone);
  // Only a DST change inside the working hours can push the clock time out of the window.
  const at = +t < +window.start ? window.start : +t > +window.end ? window.end : t;
  return { window, at };
}

/** Consumes `ms` of working time from `pos`, window by window. */
function walkWorkingMs(pos: Position, ms: number, dir: 1 | -1, cal: CompiledCalendar, budget: WalkBudget): Date {
  let { window, at } = pos;
  let remaining = ms;
  for (;;) {
    const available = dir > 0 ? +window.end - +at : +at - +window.start;
    if (remaining <= available) return new Date(+at + dir * remaining);
    remaining -= Math.max(0, available);
    window = windowOn(nextWorkingDay(window.day, dir, cal, budget), cal);
    at = dir > 0 ? window.start : window.end;
  }
}
