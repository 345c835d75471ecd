/**
 * ISO-8601 durations as blueprints write them (`PT30M`, `P2D`, `-P3D`), plus the shared string
 * patterns the blueprint schema uses for durations and times of day.
 */

/**
 * A parsed ISO-8601 duration. Every component is a non-negative number; only `seconds` may be
 * fractional. `sign` is `-1` for a signed duration written with a leading `-`.
 */
export interface ParsedDuration {
  sign: 1 | -1;
  years: number;
  months: number;
  weeks: number;
  days: number;
  hours: number;
  minutes: number;
  seconds: number;
}

const BODY =
  "P(?!$)(?:(\\d+)Y)?(?:(\\d+)M)?(?:(\\d+)W)?(?:(\\d+)D)?(?:T(?=\\d)(?:(\\d+)H)?(?:(\\d+)M)?(?:(\\d+(?:\\.\\d+)?)S)?)?";

/**
 * An unsigned ISO-8601 duration: `P[nY][nM][nW][nD][T[nH][nM][n[.f]S]]` with at least one
 * component, integer components except seconds (`PT1.5S` is fine, `PT1.5H` is not), upper-case
 * designators, no sign. `P` and `PT` alone, `P1DT` and `P1H` are rejected. For zod `.regex()`.
 *
 * @example DURATION_PATTERN.test("P1Y2M3W4DT5H6M7.5S") // true
 */
export const DURATION_PATTERN: RegExp = new RegExp(`^${BODY}$`);

/** Like {@link DURATION_PATTERN} but allows one leading `-` (e.g. `-P3D`, "3 days before"). */
export const SIGNED_DURATION_PATTERN: RegExp = new RegExp(`^-?${BODY}$`);

/** A time of day `HH:MM`, 00:00 to 23:59 (24-hour clock, leading zeros required). */
export const TIME_OF_DAY_PATTERN: RegExp = /^(?:[01]\d|2[0-3]):[0-5]\d$/;

const UNSIGNED = new RegExp(`^${BODY}$`);

/**
 * Parses a strict ISO-8601 duration (see {@link DURATION_PATTERN}). A leading `-` is accepted only
 * with `{ signed: true }`. Returns `null` for anything invalid, including components too large to
 * be exact numbers (beyond `Number.MAX_SAFE_INTEGER`).
 *
 * @example parseDuration("PT30M")                    // { sign: 1, minutes: 30, ...zeros }
 * @example parseDuration("-P3D", { signed: true })   // { sign: -1, days: 3, ...zeros }
 * @example parseDuration("-P3D")                     // null
 */
export function parseDuration(text: string, opts?: { signed?: boolean }): Readonly<ParsedDuration> | null {
  if (typeof text !== "string") return null;
  // Blueprints repeat a handful of durations on every move: parse each text once.
  const key = opts?.signed ? `±${text}` : text;
  const cached = parsedCache.get(key);
  if (cached !== undefined) return cached;
  // Frozen: the same object is handed to every caller, and the engine adds it without re-checking.
  const parsed = parseDurationUncached(text, opts);
  if (parsed) Object.freeze(parsed);
  if (parsedCache.size > 10_000) parsedCache.clear();
  parsedCache.set(key, parsed);
  return parsed;
}

const parsedCache = new Map<string, ParsedDuration | null>();

function parseDurationUncached(text: string, opts?: { signed?: boolean }): ParsedDuration | null {
  let sign: 1 | -1 = 1;
  let body = text;
  if (body.startsWith("-")) {
    if (!opts?.signed) return null;
    sign = -1;
    body = body.slice(1);
  }
  const m = UNSIGNED.exec(body);
  if (!m) return null;
  const parts = m.slice(1, 8).map((g) => (g === undefined ? 0 : Number(g)));
  if (parts.some((n) => !Number.isFinite(n) || n > Number.MAX_SAFE_INTEGER)) return null;
  const [years = 0, months = 0, weeks = 0, days = 0, hours = 0, minutes = 0, seconds = 0] = parts;
  return { sign, years, months, weeks, days, hours, minutes, seconds };
}

/** Whether every component of `d` is zero (its sign is then irrelevant). */
export function isZeroDuration(d: ParsedDuration): boolean {
  return d.years === 0 && d.months === 0 && d.weeks === 0 && d.days === 0 && d.hours === 0 && d.minutes === 0 && d.seconds === 0;
}

/**
 * Accepts a duration string (signed allowed) or an already parsed duration and returns a checked
 * {@link ParsedDuration}. Throws a `RangeError` for an invalid string or malformed object.
 */
export function toParsedDuration(duration: ParsedDuration | string): ParsedDuration {
  if (typeof duration === "string") {
    const parsed = parseDuration(duration, { signed: true });
    if (!parsed) throw new RangeError(`Invalid ISO-8601 duration "${duration}": use e.g. PT30M, P2D or -P3D`);
    return parsed;
  }
  const { sign, years, months, weeks, days, hours, minutes, seconds } = duration;
  const whole = [years, months, weeks, days, hours, minutes];
  const ok =
    (sign === 1 || sign === -1) &&
    whole.every((n) => Number.isSafeInteger(n) && n >= 0) &&
    Number.isFinite(seconds) && seconds >= 0;
  if (!ok) throw new RangeError(`Invalid duration ${JSON.stringify(duration)}: components must be non-negative integers (seconds may be fractional)`);
  return duration;
}

/** The clock part (hours, minutes, seconds) of a duration in whole milliseconds, unsigned. */
export function clockMs(d: ParsedDuration): number {
  return Math.round((d.hours * 3600 + d.minutes * 60 + d.seconds) * 1000);
}
