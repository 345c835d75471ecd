/**
 * Time-zone plumbing shared by the time module: wall-clock readings, wall-clock → instant
 * resolution, and strict parsers for ISO dates and date-times.
 *
 * All zone arithmetic goes through `@date-fns/tz` (`TZDate`, `tz()`); civil-date arithmetic
 * (adding days or months to a wall-clock reading) is done by date-fns in the `UTC` context, where
 * there is no DST, and resolved back to an instant exactly once by {@link zonedInstant}. Stepping a
 * bare local date by days and finding its weekday use plain UTC `Date` fields: no zone involved.
 */
import { TZDate } from "@date-fns/tz";
import { isValid, parseISO } from "date-fns";

/** A wall-clock reading in some time zone. `month` is 1–12. */
export interface Wall {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  ms: number;
}

/** A local calendar date (no time, no zone). `month` is 1–12. */
export interface Civil {
  year: number;
  month: number;
  day: number;
}

const zoneValidity = new Map<string, boolean>();

/**
 * Whether `zone` is a time zone this runtime's `Intl` knows, e.g. `"Europe/Moscow"` or `"UTC"`.
 * Names are matched case-insensitively, as `Intl` does. Bare UTC offsets such as `"+03:00"` and
 * the empty string are rejected: a blueprint names an IANA zone. Results are memoised.
 *
 * @example isValidTimeZone("Europe/Berlin") // true
 * @example isValidTimeZone("Mars/Olympus")  // false
 */
export function isValidTimeZone(zone: string): boolean {
  const known = zoneValidity.get(zone);
  if (known !== undefined) return known;
  let ok = typeof zone === "string" && zone.trim() !== "" && !/^[+-]/.test(zone);
  if (ok) {
    try {
      new Intl.DateTimeFormat("en-US", { timeZone: zone });
    } catch {
      ok = false;
    }
  }
  zoneValidity.set(zone, ok);
  return ok;
}

/** Throws a clear error when `zone` is not a valid IANA time zone. */
export function assertTimeZone(zone: string): void {
  if (!isValidTimeZone(zone)) throw new RangeError(`Unknown time zone "${String(zone)}": use an IANA name such as Europe/Moscow`);
}

/** The wall-clock reading of `at` in `zone`. */
export function wallOf(at: Date | number, zone: string): Wall {
  const offset = steadyOffsetMs(+at, zone);
  if (offset !== null) {
    // The zone's offset (from TZDate) is constant around `at`: read the wall clock off UTC fields.
    const d = new Date(+at + offset);
    const year = d.getUTCFullYear();
    if (year >= 100) {
      return { year, month: d.getUTCMonth() + 1, day: d.getUTCDate(), hour: d.getUTCHours(), minute: d.getUTCMinutes(), second: d.getUTCSeconds(), ms: d.getUTCMilliseconds() };
    }
  }
  const d = new TZDate(+at, zone);
  return {
    year: d.getFullYear(),
    month: d.getMonth() + 1,
    day: d.getDate(),
    hour: d.getHours(),
    minute: d.getMinutes(),
    second: d.getSeconds(),
    ms: d.getMilliseconds(),
  };
}

const BUCKET_MS = 15 * 60_000;
/** Per zone: the steady offset of each 15-minute bucket seen so far (null: it changes inside). */
const offsetCache = new Map<string, Map<number, number | null>>();
let cachedBuckets = 0;

/** The zone's UTC offset (ms, local − UTC) at `at`, as TZDate computes it. */
function tzOffsetMs(at: number, zone: string): number {
  return -new TZDate(at, zone).getTimezoneOffset() * 60_000;
}

/**
 * The zone's offset over the whole 15-minute bucket holding `at`, or null when it changes inside it
 * (a DST transition). Cached: offsets come from TZDate (Intl), which is slow; zones change offset at
 * most a few times a year, so the cache turns deadline arithmetic on the hot path into a lookup.
 * Keyed by zone, then by the bucket's number (no string built per look-up).
 */
function steadyOffsetMs(at: number, zone: string): number | null {
  if (!Number.isFinite(at)) return null;
  const bucket = Math.floor(at / BUCKET_MS);
  let buckets = offsetCache.get(zone);
  if (buckets === undefined) offsetCache.set(zone, (buckets = new Map()));
  let offset = buckets.get(bucket);
  if (offset === undefined) {
    const start = bucket * BUCKET_MS;
    const a = tzOffsetMs(start, zone);
    offset = a === tzOffsetMs(start + BUCKET_MS, zone) ? a : null;
    if (++cachedBuckets > 50_000) {
      offsetCache.clear();
      offsetCache.set(zone, (buckets = new Map()));
      cachedBuckets = 1;
    }
    buckets.set(bucket, offset);
  }
  return offset;
}

/** The first instant of the year 100 (UTC): readings before it take the slow paths. */
export const YEAR_100_MS = Date.UTC(100, 0, 1);

/**
 * The fast path of {@link zonedInstant}, for a wall-clock reading given as its naive milliseconds
 * (the reading's fields taken as UTC): the instant it shows in `zone` when the zone's offset is the
 * same for three hours either side (the wall time then exists exactly once), else null.
 */
export function steadyInstant(naive: number, zone: string): number | null {
  const guess = steadyOffsetMs(naive, zone);
  if (guess === null) return null;
  const candidate = naive - guess;
  const o = steadyOffsetMs(candidate, zone);
  if (o === guess && steadyOffsetMs(candidate - 3 * HOUR_MS, zone) === o && steadyOffsetMs(candidate + 3 * HOUR_MS, zone) === o) return candidate;
  return null;
}

/** The wall clock of `at` in `zone` as naive milliseconds (its fields taken as UTC), when the offset is steady around `at`; else null. */
export function steadyNaiveMs(at: number, zone: string): number | null {
  const offset = steadyOffsetMs(at, zone);
  return offset === null ? null : at + offset;
}

/** The local date of `at` in `zone`. */
export function civilOf(at: Date | number, zone: string): Civil {
  const { year, month, day } = wallOf(at, zone);
  return { year, month, day };
}

function sameWall(a: TZDate, b: TZDate): boolean {
  return (
    a.getFullYear() === b.getFullYear() && a.getMonth() === b.getMonth() && a.getDate() === b.getDate() &&
    a.getHours() === b.getHours() && a.getMinutes() === b.getMinutes() && a.getSeconds() === b.getSeconds()
  );
}

/** `Date.UTC` without its mapping of years 0–99 onto 1900–1999. */
function utcMs(year: number, monthIndex: number, day: number, hour = 0, minute = 0, second = 0, ms = 0): number {
  if (year >= 100) return Date.UTC(year, monthIndex, day, hour, minute, second, ms);
  const d = new Date(0);
  d.setUTCFullYear(year, monthIndex, day);
  d.setUTCHours(hour, minute, second, ms);
  return +d;
}

const HOUR_MS = 3_600_000;
const MINUTE_MS = 60_000;

/**
 * The instant at which the clocks in `zone` show `wall`.
 *
 * - A wall time skipped by a DST gap (02:30 on a spring-forward night) moves forward by the length
 *   of the gap (03:30), as `TZDate` does.
 * - A wall time that occurs twice (02:30 on a fall-back night) resolves to the **earlier**
 *   occurrence. `TZDate` alone picks an occurrence that depends on the host's own time zone, so we
 *   pin it here to keep results identical on every machine.
 */
export function zonedInstant(wall: Wall, zone: string): Date {
  // `TZDate`, like `Date`, reads years 0–99 as 1900–1999.
  if (wall.year < 100) throw new RangeError(`Year ${wall.year} is out of the supported range`);
  const steady = steadyInstant(utcMs(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second, wall.ms), zone);
  if (steady !== null) return new Date(steady);
  const t = new TZDate(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second, wall.ms, zone);
  if (Number.isNaN(+t)) throw new RangeError(`Cannot place ${JSON.stringify(wall)} in time zone "${zone}"`);
  // If the zone's UTC offset shrank within the last 3 hours (clocks went back), the same wall time
  // may also have been shown `shift` earlier: prefer that first occurrence.
  const before = new TZDate(+t - 3 * HOUR_MS, zone);
  const shift = (t.getTimezoneOffset() - before.getTimezoneOffset()) * MINUTE_MS;
  if (shift > 0) {
    const first = new TZDate(+t - shift, zone);
    if (sameWall(first, t)) return new Date(+first);
  }
  return new Date(+t);
}

/** The instant at `hour:minute` on local date `civil` in `zone` (see {@link zonedInstant} for DST). */
export function instantOn(civil: Civil, hour: number, minute: number, zone: string, second = 0, ms = 0): Date {
  return zonedInstant({ ...civil, hour, minute, second, ms }, zone);
}

/**
 * Adds whole months and whole days to a wall-clock reading (civil arithmetic: Jan 31 + 1 month =
 * Feb 28/29; days keep the clock time). Done with date-fns in the `UTC` context, which has no DST.
 */
export function shiftWall(wall: Wall, months: number, days: number): Wall {
  // Plain civil arithmetic on UTC fields (no zone involved), with date-fns' addMonths rule:
  // a day past the end of the target month clamps to its last day.
  let year = wall.year;
  let month = wall.month - 1 + months;
  year += Math.floor(month / 12);
  month = ((month % 12) + 12) % 12;
  const lastDay = new Date(utcMs(year, month + 1, 0)).getUTCDate();
  const d = new Date(utcMs(year, month, Math.min(wall.day, lastDay) + days, wall.hour, wall.minute, wall.second, wall.ms));
  if (Number.isNaN(+d)) throw new RangeError("Date out of range");
  return {
    year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate(),
    hour: d.getUTCHours(), minute: d.getUTCMinutes(), second: d.getUTCSeconds(), ms: d.getUTCMilliseconds(),
  };
}

/** The local date `days` days after (or before, if negative) `civil`: plain civil arithmetic, no zone. */
export function shiftCivil(civil: Civil, days: number): Civil {
  const d = new Date(utcMs(civil.year, civil.month - 1, civil.day + days, 12));
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

/** ISO weekday of a local date: 1 = Monday … 7 = Sunday. */
export function isoWeekday(civil: Civil): number {
  const d = new Date(utcMs(civil.year, civil.month - 1, civil.day, 12)).getUTCDay();
  return d === 0 ? 7 : d;
}

const pad = (n: number, width = 2): string => String(n).padStart(width, "0");

/** `"YYYY-MM-DD"` for a local date. */
export function civilKey(civil: Civil): string {
  return `${pad(civil.year, 4)}-${pad(civil.month)}-${pad(civil.day)}`;
}

function validCivil(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  // Day 0 of the next month is the last day of this month.
  const last = new Date(utcMs(year, month, 0)).getUTCDate();
  return day <= last;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Parses a strict `"YYYY-MM-DD"` local date; `null` if malformed or not a real date (e.g. Feb 30). */
export function parseIsoDate(text: string): Civil | null {
  const m = ISO_DATE.exec(text);
  if (!m) return null;
  const year = Number(m[1]), month = Number(m[2]), day = Number(m[3]);
  return validCivil(year, month, day) ? { year, month, day } : null;
}

const ISO_DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})T(?:[01]\d|2[0-3]):[0-5]\d(?::[0-5]\d(?:\.\d+)?)?(?:Z|[+-](?:[01]\d|2[0-3]):[0-5]\d)$/;

/**
 * Parses a strict ISO-8601 date-time **with** a UTC designator or offset
 * (`2024-05-01T10:00:00+03:00`, `2024-05-01T07:00Z`; seconds and fractions optional).
 * Returns `null` for anything else, including date-times without an offset.
 */
export function parseIsoDateTime(text: string): Date | null {
  const m = ISO_DATE_TIME.exec(text);
  if (!m || !validCivil(Number(m[1]), Number(m[2]), Number(m[3]))) return null;
  const d = parseISO(text);
  return isValid(d) ? new Date(+d) : null;
}

const TIME_OF_DAY = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** Parses `"HH:MM"` (00:00–23:59) into hour and minute; `null` if malformed. */
export function parseTimeOfDay(text: string): { hour: number; minute: number } | null {
  const m = TIME_OF_DAY.exec(text);
  return m ? { hour: Number(m[1]), minute: Number(m[2]) } : null;
}
