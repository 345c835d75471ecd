/**
 * Where a robot's delay or a task's deadline lands, from a blueprint's Delay / Deadline spec.
 */
import { addCheckedDuration } from "./add-duration";
import { type ParsedDuration, parseDuration } from "./duration";
import type { WorkingCalendar } from "./working-calendar";
import { assertTimeZone, civilOf, instantOn, parseIsoDate, parseIsoDateTime, parseTimeOfDay } from "./zone";

/**
 * When a delayed robot runs (the blueprint's `delay`; an absent delay means immediately):
 * - `{ after, workingTime? }` — a duration after the deal entered the stage;
 * - `{ field, offset, time?, workingTime? }` — relative to a date or datetime field (`offset` is a
 *   signed duration: `-P1D` is a day before; `time` is the local clock time, `HH:MM`);
 * - `{ at }` — at a fixed instant (ISO-8601 with offset).
 */
export type Delay =
  | { after: string; workingTime?: boolean | undefined }
  | { field: string; offset: string; time?: string | undefined; workingTime?: boolean | undefined }
  | { at: string };

/**
 * A task's deadline: the {@link Delay} shapes, counted from the task's creation instead of stage
 * entry, plus `{ afterEvent: { type, match? }, after, workingTime? }` — no deadline until the first
 * matching event after creation, then the event's time + `after`. `match` is a json-logic rule.
 */
export type Deadline =
  | { after: string; workingTime?: boolean | undefined }
  | { field: string; offset: string; time?: string | undefined; workingTime?: boolean | undefined }
  | { at: string }
  | { afterEvent: { type: string; match?: unknown }; after: string; workingTime?: boolean | undefined };

/** Inputs of {@link resolveTime}. Nothing else is read: in particular, never the clock. */
export interface ResolveTimeContext {
  /** Stage entry (for a delay) or task creation (for a deadline). */
  from: Date;
  /** The deal's field values by field id. */
  fields: Record<string, unknown>;
  /** Zone for calendar time: the workspace's, or the calendar's when the caller prefers it. */
  timeZone: string;
  /** The blueprint's default calendar; required by `workingTime: true`. */
  calendar?: WorkingCalendar | undefined;
  /** For `afterEvent`: the time of the first matching event after creation, once it has happened. */
  eventAt?: Date | undefined;
}

/** The default clock time for a date-only field when no `time` is given and there is no calendar. */
export const DEFAULT_TIME_OF_DAY = "09:00";

/**
 * Where a Delay or Deadline lands. Returns null when it cannot be computed yet (the date field is
 * empty / not a valid date, or an afterEvent deadline before its event).
 *
 * - `{ at }` → that instant; an unparsable `at` (not ISO-8601 with offset) → `null`.
 * - `{ after }` → `ctx.from` + `after`.
 * - `{ afterEvent, after }` → `null` without `ctx.eventAt`, else `eventAt` + `after`.
 * - `{ field, offset, time? }` → the field's value, then + `offset`:
 *   - `"YYYY-MM-DD"`: that local date at `time`, by default the calendar's `hours.from` when
 *     `ctx.calendar` is given, else 09:00;
 *   - an ISO-8601 date-time with offset (or a valid `Date`): that instant; with `time`, the
 *     clock time is replaced by `time` on the same local date;
 *   - anything else (missing, `null`, `""`, `"2024-02-30"`, a date-time without offset) → `null`.
 *   "Local" means the calendar's zone when `workingTime`, else `ctx.timeZone`.
 *
 * Durations are added with {@link addDuration}: in working time of `ctx.calendar` when
 * `workingTime: true`, else in calendar time of `ctx.timeZone`. Throws (rather than returning
 * `null`) for a spec the schema would reject — an invalid duration or `time` — and for
 * `workingTime: true` without a calendar.
 *
 * @example resolveTime({ field: "meetingDate", offset: "-P1D", workingTime: true }, ctx) // 1 working day before, 09:00
 */
export function resolveTime(spec: Delay | Deadline, ctx: ResolveTimeContext): Date | null {
  if ("at" in spec) return typeof spec.at === "string" ? parseIsoDateTime(spec.at) : null;
  const workingTime = spec.workingTime === true;
  if (workingTime && !ctx.calendar) {
    throw new Error("workingTime needs a working calendar: set the blueprint's defaultCalendar");
  }
  const opts = { timeZone: ctx.timeZone, calendar: ctx.calendar, workingTime };
  if ("afterEvent" in spec) {
    const after = duration(spec.after, false);
    return ctx.eventAt ? addCheckedDuration(ctx.eventAt, after, opts) : null;
  }
  if ("field" in spec) {
    const offset = duration(spec.offset, true);
    const base = fieldInstant(spec, ctx, workingTime);
    return base ? addCheckedDuration(base, offset, opts) : null;
  }
  return addCheckedDuration(ctx.from, duration(spec.after, false), opts);
}

function duration(text: string, signed: boolean): Readonly<ParsedDuration> {
  const parsed = parseDuration(text, { signed });
  if (!parsed) throw new RangeError(`Invalid ${signed ? "signed " : ""}ISO-8601 duration "${String(text)}"`);
  return parsed;
}

function fieldInstant(
  spec: { field: string; time?: string | undefined },
  ctx: ResolveTimeContext,
  workingTime: boolean,
): Date | null {
  const zone = workingTime && ctx.calendar ? ctx.calendar.timeZone : ctx.timeZone;
  assertTimeZone(zone);
  let time: { hour: number; minute: number } | undefined;
  if (spec.time !== undefined) {
    const parsed = parseTimeOfDay(spec.time);
    if (!parsed) throw new RangeError(`Invalid time of day "${String(spec.time)}": use HH:MM, e.g. 09:00`);
    time = parsed;
  }
  const value = Object.hasOwn(ctx.fields, spec.field) ? ctx.fields[spec.field] : undefined;

  let instant: Date | null = null;
  if (typeof value === "string") {
    const date = parseIsoDate(value);
    if (date) {
      const t = time ?? parseTimeOfDay(ctx.calendar?.hours.from ?? DEFAULT_TIME_OF_DAY) ?? { hour: 9, minute: 0 };
      return instantOn(date, t.hour, t.minute, zone);
    }
    instant = parseIsoDateTime(value);
  } else if (value instanceof Date && !Number.isNaN(+value)) {
    instant = new Date(+value);
  }
  if (!instant || !time) return instant;
  return instantOn(civilOf(instant, zone), time.hour, time.minute, zone);
}
