/**
 * Row ↔ record mapping for the SQL store, shared by the knex path (PostgreSQL, `sqlite3`) and the
 * prepared-statement path (`better-sqlite3`). Instants are ISO-8601 UTC text and JSON is text on
 * both dialects; every JSON-ish column (deal fields, task title/description/checklist/deadline rule/
 * closed-by, history actor/data, survey recipient, outbox payload, blueprint and issues) is always
 * `JSON.stringify`-ed, so a task titled `"123"` reads back as the string it was.
 *
 * Writers produce rows whose values are only strings, numbers and null (booleans as 0/1 on SQLite,
 * booleans on PostgreSQL), so the same row object binds on every driver.
 */
import type { DealRecord, HistoryRow, HistoryType, OutboxRecord, SurveyRecord, TaskRecord, TimerRecord } from "@voronka/engine";

/** A database row as a driver answers it. */
export type Row = Record<string, unknown>;
/** A value a row may bind: text, a number, a boolean (PostgreSQL only) or null. */
export type Bind = string | number | boolean | null;

const str = (v: unknown): string | undefined => (v === null || v === undefined ? undefined : String(v));
const num = (v: unknown): number => (typeof v === "number" ? v : Number(v));
const bool = (v: unknown): boolean => v === true || v === 1 || v === "1" || v === "t" || v === "true";
const enc = (v: unknown): string | null => (v === undefined ? null : JSON.stringify(v));
const dec = (v: unknown): unknown => (v === null || v === undefined ? undefined : typeof v === "string" ? JSON.parse(v) : v);
const orNull = <T>(v: T | undefined): T | null => (v === undefined ? null : v);

/** `deals` columns, in {@link dealValues} order (`id` first). */
export const DEAL_COLUMNS = [
  "id", "external_id", "title", "pipeline", "stage", "status", "amount", "currency", "responsible", "client", "source",
  "created_at", "stage_entered_at", "closed_at", "version", "entry", "seq", "source_deal", "fields",
] as const;
/** `tasks` columns, in {@link taskValues} order. */
export const TASK_COLUMNS = [
  "id", "deal", "pipeline", "stage", "entry", "robot", "title", "description", "responsible", "checklist", "keep_on_exit",
  "status", "created_at", "deadline", "deadline_rule", "overdue", "closed_at", "closed_by", "reschedules",
] as const;
/** `timers` columns, in {@link timerValues} order. */
export const TIMER_COLUMNS = ["id", "kind", "due_at", "deal", "entry", "blueprint_version", "robot", "task", "field", "lease_until"] as const;
/** `history` columns (but the cursor), in {@link historyValues} order. */
export const HISTORY_COLUMNS = ["deal", "seq", "type", "at", "actor", "data"] as const;
/** `surveys` columns, in {@link surveyValues} order. */
export const SURVEY_COLUMNS = [
  "token", "deal", "survey", "robot", "recipient", "channel", "url", "status", "sent_at", "answered_at", "score", "band", "reason",
] as const;
/** `outbox` columns, in {@link outboxValues} order. */
export const OUTBOX_COLUMNS = ["id", "key", "kind", "deal", "payload", "created_at", "attempts", "next_attempt_at", "lease_until", "last_error"] as const;

/** Positional values of a deal, in {@link DEAL_COLUMNS} order. */
export function dealValues(d: DealRecord): Bind[] {
  return [
    d.id, orNull(d.externalId), d.title, d.pipeline, d.stage, d.status, d.amount, d.currency, d.responsible, orNull(d.client),
    orNull(d.source), d.createdAt, d.stageEnteredAt, orNull(d.closedAt), d.version, d.entry, d.seq, orNull(d.sourceDeal),
    JSON.stringify(d.fields ?? {}),
  ];
}

/** Positional values of a task, in {@link TASK_COLUMNS} order; `pgBooleans` binds booleans as such. */
export function taskValues(t: TaskRecord, pgBooleans: boolean): Bind[] {
  const b = (v: boolean) => (pgBooleans ? v : v ? 1 : 0);
  return [
    t.id, t.deal, t.pipeline, t.stage, t.entry, orNull(t.robot), JSON.stringify(t.title), enc(t.description), t.responsible,
    enc(t.checklist), b(t.keepOnExit), t.status, t.createdAt, orNull(t.deadline), enc(t.deadlineRule), b(t.overdue),
    orNull(t.closedAt), enc(t.closedBy), t.reschedules ?? 0,
  ];
}

/** Positional values of a new timer (not leased), in {@link TIMER_COLUMNS} order. */
export function timerValues(t: TimerRecord): Bind[] {
  return [t.id, t.kind, t.dueAt, t.deal, t.entry, t.blueprintVersion, orNull(t.robot), orNull(t.task), orNull(t.field), null];
}

/** Positional values of a history row, in {@link HISTORY_COLUMNS} order (the cursor is the store's). */
export function historyValues(h: HistoryRow): Bind[] {
  return [h.deal, h.seq, h.type, h.at, JSON.stringify(h.actor), JSON.stringify(h.data ?? {})];
}

/** Positional values of a survey, in {@link SURVEY_COLUMNS} order. */
export function surveyValues(s: SurveyRecord): Bind[] {
  return [
    s.token, s.deal, s.survey, s.robot, enc(s.recipient), s.channel, s.url, s.status, s.sentAt, orNull(s.answeredAt),
    orNull(s.score), orNull(s.band), orNull(s.reason),
  ];
}

/** Positional values of a new outbox row (not leased, no error), in {@link OUTBOX_COLUMNS} order. */
export function outboxValues(o: OutboxRecord): Bind[] {
  return [o.id, o.key, o.kind, o.deal, JSON.stringify(o.payload ?? {}), o.createdAt, o.attempts, o.nextAttemptAt, null, null];
}

/** Zips a column list with positional values into an object row (for knex inserts). */
export function toObject(columns: readonly string[], values: Bind[]): Record<string, Bind> {
  const out: Record<string, Bind> = {};
  for (let i = 0; i < columns.length; i++) out[columns[i]!] = values[i]!;
  return out;
}

/** A `deals` row as a {@link DealRecord} (absent optional attributes are left out, not undefined). */
export function dealFromRow(r: Row): DealRecord {
  const d: DealRecord = {
    id: String(r["id"]), title: String(r["title"]), pipeline: String(r["pipeline"]), stage: String(r["stage"]),
    status: r["status"] as DealRecord["status"], amount: num(r["amount"]), currency: String(r["currency"]),
    responsible: String(r["responsible"]), createdAt: String(r["created_at"]), stageEnteredAt: String(r["stage_entered_at"]),
    version: num(r["version"]), entry: num(r["entry"]), seq: num(r["seq"]),
    fields: (dec(r["fields"]) ?? {}) as Record<string, unknown>,
  };
  const externalId = str(r["external_id"]);
  if (externalId !== undefined) d.externalId = externalId;
  const client = str(r["client"]);
  if (client !== undefined) d.client = client;
  const source = str(r["source"]);
  if (source !== undefined) d.source = source;
  const closedAt = str(r["closed_at"]);
  if (closedAt !== undefined) d.closedAt = closedAt;
  const sourceDeal = str(r["source_deal"]);
  if (sourceDeal !== undefined) d.sourceDeal = sourceDeal;
  return d;
}

/** A `tasks` row as a {@link TaskRecord}. */
export function taskFromRow(r: Row): TaskRecord {
  const t: TaskRecord = {
    id: String(r["id"]), deal: String(r["deal"]), pipeline: String(r["pipeline"]), stage: String(r["stage"]),
    entry: num(r["entry"]), title: dec(r["title"]) as TaskRecord["title"], responsible: String(r["responsible"]),
    keepOnExit: bool(r["keep_on_exit"]), status: r["status"] as TaskRecord["status"], createdAt: String(r["created_at"]),
    overdue: bool(r["overdue"]), reschedules: num(r["reschedules"] ?? 0),
  };
  const robot = str(r["robot"]);
  if (robot !== undefined) t.robot = robot;
  const description = dec(r["description"]);
  if (description !== undefined) t.description = description as TaskRecord["title"];
  const checklist = dec(r["checklist"]);
  if (checklist !== undefined) t.checklist = checklist as TaskRecord["title"][];
  const deadline = str(r["deadline"]);
  if (deadline !== undefined) t.deadline = deadline;
  const rule = dec(r["deadline_rule"]);
  if (rule !== undefined) t.deadlineRule = rule as NonNullable<TaskRecord["deadlineRule"]>;
  const closedAt = str(r["closed_at"]);
  if (closedAt !== undefined) t.closedAt = closedAt;
  const closedBy = dec(r["closed_by"]);
  if (closedBy !== undefined) t.closedBy = closedBy as NonNullable<TaskRecord["closedBy"]>;
  return t;
}

/** A `timers` row as a {@link TimerRecord} (the lease is the store's business, not the record's). */
export function timerFromRow(r: Row): TimerRecord {
  const t: TimerRecord = {
    id: String(r["id"]), kind: r["kind"] as TimerRecord["kind"], dueAt: str(r["due_at"]) ?? null, deal: String(r["deal"]),
    entry: num(r["entry"]), blueprintVersion: num(r["blueprint_version"]),
  };
  const robot = str(r["robot"]);
  if (robot !== undefined) t.robot = robot;
  const task = str(r["task"]);
  if (task !== undefined) t.task = task;
  const field = str(r["field"]);
  if (field !== undefined) t.field = field;
  return t;
}

/** A `history` row as a {@link HistoryRow} with its cursor (PostgreSQL answers bigints as text). */
export function historyFromRow(r: Row): HistoryRow & { cursor: number } {
  return {
    deal: String(r["deal"]), seq: num(r["seq"]), type: r["type"] as HistoryType, at: String(r["at"]),
    actor: dec(r["actor"]) as HistoryRow["actor"], data: (dec(r["data"]) ?? {}) as Record<string, unknown>, cursor: num(r["cursor"]),
  };
}

/** A `surveys` row as a {@link SurveyRecord}. */
export function surveyFromRow(r: Row): SurveyRecord {
  const s: SurveyRecord = {
    token: String(r["token"]), deal: String(r["deal"]), survey: String(r["survey"]), robot: String(r["robot"]),
    recipient: dec(r["recipient"]), channel: r["channel"] as SurveyRecord["channel"], url: String(r["url"]),
    status: r["status"] as SurveyRecord["status"], sentAt: String(r["sent_at"]),
  };
  const answeredAt = str(r["answered_at"]);
  if (answeredAt !== undefined) s.answeredAt = answeredAt;
  if (r["score"] !== null && r["score"] !== undefined) s.score = num(r["score"]);
  const band = str(r["band"]);
  if (band !== undefined) s.band = band as NonNullable<SurveyRecord["band"]>;
  const reason = str(r["reason"]);
  if (reason !== undefined) s.reason = reason;
  return s;
}

/** An `outbox` row as an {@link OutboxRecord}. */
export function outboxFromRow(r: Row): OutboxRecord {
  return {
    id: String(r["id"]), key: String(r["key"]), kind: String(r["kind"]), deal: String(r["deal"]),
    payload: (dec(r["payload"]) ?? {}) as Record<string, unknown>, createdAt: String(r["created_at"]),
    attempts: num(r["attempts"]), nextAttemptAt: String(r["next_attempt_at"]),
  };
}
