/**
 * Numbers as the figures answer them: database values read as numbers (PostgreSQL answers counts
 * and big integers as strings), shares as fractions rounded to four places, money rounded to
 * cents, and null — never NaN or Infinity — where a division has nothing to divide by.
 */

/** A database value as a number (null and undefined as 0). */
export function num(v: unknown): number {
  return v === null || v === undefined ? 0 : Number(v);
}

/** A database value as a number, or null. */
export function numOrNull(v: unknown): number | null {
  return v === null || v === undefined ? null : Number(v);
}

/** `x` rounded to `places` decimals (half away from zero, so -0.5 → -1 like 0.5 → 1). */
export function round(x: number, places: number): number {
  const f = 10 ** places;
  const r = Math.sign(x) * Math.round(Math.abs(x) * f) / f;
  return r === 0 ? 0 : r;
}

/**
 * `part / whole` rounded to four decimals (0.5 = 50 %), or null when `whole` is 0.
 *
 * @example ratio(2, 3) // 0.6667
 * @example ratio(1, 0) // null
 */
export function ratio(part: number, whole: number, places = 4): number | null {
  return whole === 0 ? null : round(part / whole, places);
}

/** An amount rounded to cents. */
export function money(x: number): number {
  return round(x, 2);
}

/** Milliseconds as seconds, to the millisecond; null stays null. */
export function seconds(ms: number | null): number | null {
  return ms === null ? null : round(ms / 1000, 3);
}
