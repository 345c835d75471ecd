/**
 * How the control room writes numbers: money and counts in the locale, shares as percentages,
 * durations in days/hours/minutes; `null` (nothing to divide by) and non-finite values as "—".
 */
const DASH = "—";

const ok = (n: number | null | undefined): n is number => typeof n === "number" && Number.isFinite(n);

/** A number (money or a count), grouped in the locale. */
export function num(n: number | null | undefined, locale: string, digits = 0): string {
  return ok(n) ? n.toLocaleString(locale, { maximumFractionDigits: digits }) : DASH;
}

/** A fraction as a percentage (0.755 → "75.5 %"). */
export function pct(n: number | null | undefined, locale: string): string {
  return ok(n) ? `${(n * 100).toLocaleString(locale, { maximumFractionDigits: 1 })} %` : DASH;
}

/** Seconds as "3 d 4 h", "2 h 5 m", "40 m" (English) or "3 д 4 ч" (Russian). */
export function duration(seconds: number | null | undefined, locale: string): string {
  if (!ok(seconds)) return DASH;
  const [d, h, m] = locale === "ru" ? ["д", "ч", "мин"] : ["d", "h", "m"];
  const mins = Math.round(seconds / 60);
  const days = Math.floor(mins / 1440);
  const hours = Math.floor((mins % 1440) / 60);
  const rest = mins % 60;
  if (days) return hours ? `${days} ${d} ${hours} ${h}` : `${days} ${d}`;
  if (hours) return rest ? `${hours} ${h} ${rest} ${m}` : `${hours} ${h}`;
  return `${rest} ${m}`;
}

/** A finite number for a chart (null → 0). */
export function val(n: number | null | undefined): number {
  return ok(n) ? n : 0;
}

/**
 * A report's period in words, in its time zone (`to` is excluded, so the last day is the one
 * before it): "1 Jan 2026 – 31 Dec 2026".
 */
export function periodRange(period: { from: string; to: string; timeZone: string }, locale: string): string {
  const from = new Date(period.from);
  const last = new Date(new Date(period.to).getTime() - 1);
  if (Number.isNaN(from.getTime()) || Number.isNaN(last.getTime())) return DASH;
  let day: Intl.DateTimeFormat;
  try {
    day = new Intl.DateTimeFormat(locale, { day: "numeric", month: "short", year: "numeric", timeZone: period.timeZone });
  } catch {
    day = new Intl.DateTimeFormat(locale, { day: "numeric", month: "short", year: "numeric" });
  }
  return `${day.format(from)} – ${day.format(last)}`;
}
