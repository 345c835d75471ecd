/**
 * How the board shows things: blueprint labels in the UI locale (pipelines, stages, fields,
 * options, activity types), people's names, money with its currency, instants, dates and the time
 * a deal has spent in its stage. Pure functions, no React.
 */
import type { Blueprint, Field, Pipeline, Text } from "@voronka/engine";
import { textOf } from "../model/text";
import type { Person } from "./board-api";

/** The deal's core attributes that a move's `fields` may set, besides blueprint fields. */
export const CORE_FIELDS = ["title", "amount", "currency", "client"] as const;

/** A pipeline by id. */
export function pipelineOf(bp: Blueprint | null, id: string | undefined): Pipeline | undefined {
  return bp?.pipelines.find((p) => p.id === id);
}

/** A pipeline's label, or its id. */
export function pipelineLabel(bp: Blueprint | null, id: unknown, locale: string): string {
  const p = pipelineOf(bp, typeof id === "string" ? id : undefined);
  return p ? textOf(p.label, locale) || p.id : String(id ?? "—");
}

/** A stage's label in a pipeline, or its id. */
export function stageLabel(bp: Blueprint | null, pipeline: string | undefined, stage: unknown, locale: string): string {
  const s = pipelineOf(bp, pipeline)?.stages.find((x) => x.id === stage);
  return s ? textOf(s.label, locale) || s.id : String(stage ?? "—");
}

/** A blueprint field by id. */
export function fieldOf(bp: Blueprint | null, id: string): Field | undefined {
  return bp?.fields.find((f) => f.id === id);
}

/** A field's label; the core attributes (`amount`, `title`, …) get their own words from `core`. */
export function fieldLabel(bp: Blueprint | null, id: string, locale: string, core: (id: string) => string | undefined = () => undefined): string {
  const f = fieldOf(bp, id);
  if (f) return textOf(f.label, locale) || f.id;
  return core(id) ?? id;
}

/** An enum option's label, or the id. */
export function optionLabel(field: Field | undefined, id: unknown, locale: string): string {
  const o = field?.options?.find((x) => x.id === id);
  return o ? textOf(o.label, locale) || o.id : String(id);
}

/** An activity type's label, or the id. */
export function activityLabel(bp: Blueprint | null, id: unknown, locale: string): string {
  const a = bp?.activityTypes.find((x) => x.id === id);
  return a ? textOf(a.label, locale) || a.id : String(id ?? "—");
}

/** A survey's question (shortened), or the id. */
export function surveyLabel(bp: Blueprint | null, id: unknown, locale: string): string {
  const s = bp?.surveys.find((x) => x.id === id);
  if (!s) return String(id ?? "—");
  const q = textOf(s.question, locale);
  return q.length > 48 ? `${q.slice(0, 47)}…` : q || s.id;
}

/** A person's name from the caller's scope, or the id. */
export function personName(people: readonly Person[], id: unknown): string {
  if (typeof id !== "string") return "—";
  return people.find((p) => p.id === id)?.name ?? id;
}

/** A localized text, or a fallback. */
export function label(text: Text | undefined | null, locale: string, fallback = ""): string {
  return textOf(text ?? undefined, locale) || fallback;
}

/**
 * An amount with its currency in the locale's way.
 *
 * @example
 * formatMoney(150000, "RUB", "ru") // "150 000 ₽"
 */
export function formatMoney(amount: number, currency: string, locale: string): string {
  try {
    return new Intl.NumberFormat(locale, { style: "currency", currency, maximumFractionDigits: amount % 1 === 0 ? 0 : 2 }).format(amount);
  } catch {
    return `${formatNumber(amount, locale)} ${currency}`;
  }
}

/** A number in the locale's way ("100,000" / "100 000"). */
export function formatNumber(value: number, locale: string): string {
  return new Intl.NumberFormat(locale, { maximumFractionDigits: 2 }).format(value);
}

/** An instant as a short date and time in the browser's time zone; anything unreadable as it is. */
export function formatInstant(iso: unknown, locale: string, timeZone?: string): string {
  if (typeof iso !== "string") return "—";
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return new Intl.DateTimeFormat(locale, { day: "numeric", month: "short", year: "numeric", hour: "2-digit", minute: "2-digit", ...(timeZone ? { timeZone } : {}) }).format(d);
}

/** A calendar date `YYYY-MM-DD` as a short date (no time-zone shift). */
export function formatDate(date: unknown, locale: string): string {
  if (typeof date !== "string" || !/^\d{4}-\d{2}-\d{2}$/.test(date)) return String(date ?? "—");
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  return new Intl.DateTimeFormat(locale, { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" }).format(new Date(Date.UTC(y, m - 1, d)));
}

/** A span of time in its largest units: `{ n, unit }` with unit minutes, hours or days. */
export function spanOf(ms: number): { n: number; unit: "m" | "h" | "d" } {
  const minutes = Math.max(0, Math.floor(ms / 60_000));
  if (minutes < 60) return { n: minutes, unit: "m" };
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return { n: hours, unit: "h" };
  return { n: Math.floor(hours / 24), unit: "d" };
}

/**
 * A short span ("5 min", "3 h", "12 d"; "5 мин", "3 ч", "12 дн.") through `Intl.NumberFormat`'s
 * units, so both locales read naturally.
 */
export function formatSpan(ms: number, locale: string): string {
  const { n, unit } = spanOf(ms);
  const unitName = unit === "m" ? "minute" : unit === "h" ? "hour" : "day";
  return new Intl.NumberFormat(locale, { style: "unit", unit: unitName, unitDisplay: "short" }).format(n);
}

/** Whether an open task is overdue now: flagged by the server, or past its deadline. */
export function isOverdue(task: { status?: string; overdue?: boolean; deadline?: string | null }, now: number): boolean {
  if (task.status !== undefined && task.status !== "open") return false;
  if (task.overdue) return true;
  return typeof task.deadline === "string" && Date.parse(task.deadline) < now;
}

/** The end of the local day of `now` (for "due today"). */
export function endOfDay(now: number): Date {
  const d = new Date(now);
  d.setHours(23, 59, 59, 999);
  return d;
}

/** An instant as the value of a `datetime-local` input (local time, minutes). */
export function toLocalInput(iso: string | Date | undefined | null): string {
  if (!iso) return "";
  const d = typeof iso === "string" ? new Date(iso) : iso;
  if (Number.isNaN(d.getTime())) return "";
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** A `datetime-local` value as an ISO instant (UTC), or null when empty or unreadable. */
export function fromLocalInput(value: string): string | null {
  if (!value) return null;
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? null : d.toISOString();
}
