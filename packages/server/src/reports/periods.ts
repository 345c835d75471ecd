/**
 * Report periods (DESIGN.md "Control room"): calendar months, quarters, half-years and years in
 * the workspace's time zone, or any `[from, to)` pair of instants. Boundaries are computed here,
 * in JavaScript, and handed to SQL as UTC ISO strings (`YYYY-MM-DDTHH:mm:ss.sssZ`, the form every
 * instant is stored in, so that they compare correctly as text).
 *
 * Zone arithmetic uses the runtime's `Intl` (date-fns and @date-fns/tz are dependencies of
 * @voronka/engine, not of this package, and the engine does not export its wall-clock helpers):
 * a zone's offset at an instant is read with `Intl.DateTimeFormat#formatToParts`, and local
 * midnight is found by correcting a UTC guess with that offset.
 */
import { invalidParam } from "./params";

/** The calendar period kinds of plans and reports. */
export const PERIOD_KINDS = ["month", "quarter", "half-year", "year"] as const;
/** A calendar period kind. */
export type PeriodKind = (typeof PERIOD_KINDS)[number];

const MONTHS: Record<PeriodKind, number> = { month: 1, quarter: 3, "half-year": 6, year: 12 };
/** The months (1-12) a period of each kind may start in. */
export const START_MONTHS: Record<PeriodKind, readonly number[]> = {
  month: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12], quarter: [1, 4, 7, 10], "half-year": [1, 7], year: [1],
};
/** The longest period a report covers (about ten years). */
export const MAX_PERIOD_DAYS = 3660;
const DAY_MS = 86_400_000;

/** A resolved period: `[from, to)` as UTC ISO instants. */
export interface ReportPeriod {
  /** `custom` for a `from`/`to` pair. */
  kind: PeriodKind | "custom";
  /** `YYYY-MM` of the first month of a calendar period; null for a custom one. */
  start: string | null;
  from: string;
  to: string;
  timeZone: string;
}

/** A slice of a period (a month or a day), clipped to the period. */
export interface PeriodSlice {
  /** `YYYY-MM` for a month, `YYYY-MM-DD` for a day (local to the time zone). */
  key: string;
  from: string;
  to: string;
}

/** The period parameters of a report's query string. */
export interface PeriodQuery {
  from?: string | undefined;
  to?: string | undefined;
  period?: PeriodKind | undefined;
  start?: string | undefined;
}

/** A local calendar date; `month` is 1-12. */
export interface LocalDate {
  year: number;
  month: number;
  day: number;
}

const formats = new Map<string, Intl.DateTimeFormat>();

function formatOf(timeZone: string): Intl.DateTimeFormat {
  let f = formats.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", { timeZone, hourCycle: "h23", year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", second: "2-digit" });
    formats.set(timeZone, f);
  }
  return f;
}

/** The wall clock of `at` in `timeZone`, as UTC milliseconds of the same reading. */
function wallMs(at: number, timeZone: string): number {
  const parts: Record<string, number> = {};
  for (const p of formatOf(timeZone).formatToParts(new Date(at))) if (p.type !== "literal") parts[p.type] = Number(p.value);
  const d = new Date(0);
  d.setUTCFullYear(parts["year"]!, parts["month"]! - 1, parts["day"]!);
  d.setUTCHours(parts["hour"]!, parts["minute"]!, parts["second"]!, ((at % 1000) + 1000) % 1000);
  return +d;
}

/** The local date of an instant in a time zone. */
export function localDate(at: Date | number, timeZone: string): LocalDate {
  const d = new Date(wallMs(+at, timeZone));
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

/**
 * The first instant of a local date in a time zone: its midnight, or the end of a DST gap when
 * midnight does not exist that day. Months and days out of range roll over (month 13 = January).
 *
 * @example startOfLocalDay(2025, 10, 1, "Europe/Moscow").toISOString() // "2025-09-30T21:00:00.000Z"
 */
export function startOfLocalDay(year: number, month: number, day: number, timeZone: string): Date {
  const d = new Date(0);
  d.setUTCFullYear(year, month - 1, day);
  const guess = +d;
  const target = localKey(guess, "UTC");
  const candidates = new Set<number>();
  for (const probe of [guess, guess - 14 * 3_600_000, guess + 14 * 3_600_000]) candidates.add(guess - (wallMs(probe, timeZone) - probe));
  const sameDay = [...candidates].filter((t) => localKey(t, timeZone) === target).sort((a, b) => a - b);
  // Midnight itself when it exists (the earliest instant showing the date), else the gap's end.
  const exact = sameDay.find((t) => wallMs(t, timeZone) === guess);
  return new Date(exact ?? sameDay[0] ?? guess);
}

const pad = (n: number, w = 2) => String(n).padStart(w, "0");
const keyOf = (d: LocalDate) => `${pad(d.year, 4)}-${pad(d.month)}-${pad(d.day)}`;
const localKey = (at: number, timeZone: string) => keyOf(localDate(at, timeZone));
const iso = (d: Date | number) => new Date(d).toISOString();

/** `[from, to)` of a calendar period starting in `YYYY-MM` (already checked). */
export function calendarPeriod(kind: PeriodKind, start: string, timeZone: string): ReportPeriod {
  const [y, m] = start.split("-").map(Number) as [number, number];
  return { kind, start, from: iso(startOfLocalDay(y, m, 1, timeZone)), to: iso(startOfLocalDay(y, m + MONTHS[kind], 1, timeZone)), timeZone };
}

/** The calendar period of `kind` holding `at`. */
function periodHolding(kind: PeriodKind, at: Date, timeZone: string): ReportPeriod {
  const { year, month } = localDate(at, timeZone);
  const first = START_MONTHS[kind].filter((m) => m <= month).at(-1)!;
  return calendarPeriod(kind, `${pad(year, 4)}-${pad(first)}`, timeZone);
}

/**
 * The period a query asks for: `from` and `to` (instants with an offset; `to` excluded), or
 * `period` (default `month`) starting at `start` (`YYYY-MM`, default: the period holding now).
 * Without any of them, the current month. Throws 400 `VALIDATION_FAILED` naming the parameter.
 *
 * @example resolvePeriod({ period: "quarter", start: "2025-07" }, "Europe/Moscow", new Date())
 * // { kind: "quarter", start: "2025-07", from: "2025-06-30T21:00:00.000Z", to: "2025-09-30T21:00:00.000Z", … }
 */
export function resolvePeriod(q: PeriodQuery, timeZone: string, now: Date): ReportPeriod {
  if (q.from !== undefined || q.to !== undefined) {
    if (q.period !== undefined) invalidParam("period", "give either from and to, or period and start, not both");
    if (q.start !== undefined) invalidParam("start", "give either from and to, or period and start, not both");
    if (q.from === undefined) invalidParam("from", "is required with to");
    if (q.to === undefined) invalidParam("to", "is required with from");
    const from = Date.parse(q.from);
    const to = Date.parse(q.to);
    if (Number.isNaN(from)) invalidParam("from", "is not an ISO date-time");
    if (Number.isNaN(to)) invalidParam("to", "is not an ISO date-time");
    if (to <= from) invalidParam("to", "must be after from");
    if (to - from > MAX_PERIOD_DAYS * DAY_MS) invalidParam("to", `a period spans at most ${MAX_PERIOD_DAYS} days`);
    return { kind: "custom", start: null, from: iso(from), to: iso(to), timeZone };
  }
  const kind = q.period ?? "month";
  if (q.start === undefined) return periodHolding(kind, now, timeZone);
  const m = /^(\d{4})-(\d{2})$/.exec(q.start);
  const month = m ? Number(m[2]) : 0;
  if (!m || month < 1 || month > 12 || Number(m[1]) < 1000) invalidParam("start", "is a month, YYYY-MM");
  if (!START_MONTHS[kind].includes(month)) invalidParam("start", `a ${kind} starts in month ${START_MONTHS[kind].map(pad).join(", ")}, not ${pad(month)}`);
  return calendarPeriod(kind, q.start, timeZone);
}

/**
 * The period just before: the previous month (quarter, …) of a calendar period, or the same
 * length of time just before a custom one.
 */
export function previousPeriod(p: ReportPeriod): ReportPeriod {
  if (p.kind === "custom" || p.start === null) {
    const length = Date.parse(p.to) - Date.parse(p.from);
    return { ...p, from: iso(Date.parse(p.from) - length), to: p.from };
  }
  const [y, m] = p.start.split("-").map(Number) as [number, number];
  const at = new Date(Date.UTC(y, m - 1 - MONTHS[p.kind], 1));
  return calendarPeriod(p.kind, `${pad(at.getUTCFullYear(), 4)}-${pad(at.getUTCMonth() + 1)}`, p.timeZone);
}

/** The local calendar months a period touches, each clipped to the period. */
export function monthsOf(p: ReportPeriod): PeriodSlice[] {
  const out: PeriodSlice[] = [];
  const first = localDate(Date.parse(p.from), p.timeZone);
  for (let i = 0; ; i++) {
    const start = startOfLocalDay(first.year, first.month + i, 1, p.timeZone);
    if (iso(start) >= p.to) break;
    const end = startOfLocalDay(first.year, first.month + i + 1, 1, p.timeZone);
    const local = localDate(start, p.timeZone);
    out.push({ key: `${pad(local.year, 4)}-${pad(local.month)}`, from: iso(Math.max(+start, Date.parse(p.from))), to: iso(Math.min(+end, Date.parse(p.to))) });
  }
  return out;
}

/** The local days a period touches, each clipped to the period. */
export function daysOf(p: ReportPeriod): PeriodSlice[] {
  const out: PeriodSlice[] = [];
  const first = localDate(Date.parse(p.from), p.timeZone);
  for (let i = 0; ; i++) {
    const start = startOfLocalDay(first.year, first.month, first.day + i, p.timeZone);
    if (iso(start) >= p.to) break;
    const end = startOfLocalDay(first.year, first.month, first.day + i + 1, p.timeZone);
    out.push({ key: localKey(+start, p.timeZone), from: iso(Math.max(+start, Date.parse(p.from))), to: iso(Math.min(+end, Date.parse(p.to))) });
  }
  return out;
}

/** Today in the time zone, as a slice. */
export function today(now: Date, timeZone: string): PeriodSlice {
  const d = localDate(now, timeZone);
  return { key: keyOf(d), from: iso(startOfLocalDay(d.year, d.month, d.day, timeZone)), to: iso(startOfLocalDay(d.year, d.month, d.day + 1, timeZone)) };
}

/** ISO weekday (1 = Monday … 7 = Sunday) of a `YYYY-MM-DD` local date. */
export function weekdayOf(day: string): number {
  const [y, m, d] = day.split("-").map(Number) as [number, number, number];
  const w = new Date(Date.UTC(y, m - 1, d, 12)).getUTCDay();
  return w === 0 ? 7 : w;
}
