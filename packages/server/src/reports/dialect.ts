/**
 * The few places where SQLite and PostgreSQL spell the same thing differently, so that every
 * figure answers the same on both (docs/decisions/0003-sql-types.md: instants are ISO text and
 * JSON is text on both): reading a JSON member, the length of time between two instants, and
 * null-safe equality. Everything else the reports use is standard SQL both accept: CTEs with
 * column lists, `VALUES`, window functions (`ROW_NUMBER()`, `LEAD()`, `COUNT() OVER`), integer
 * division of integers.
 *
 * The helpers answer SQL fragments. Column names and JSON keys are written into them, so both are
 * checked against strict patterns (a key from a query string is a blueprint slug).
 */
export type Dialect = "sqlite" | "postgres";

const COLUMN = /^[a-z_][a-z0-9_]*(\.[a-z_][a-z0-9_]*)?$/;
const KEY = /^[A-Za-z_][A-Za-z0-9_-]*$/;

function column(c: string): string {
  if (!COLUMN.test(c)) throw new Error(`dialect: '${c}' is not a plain column name`);
  return c;
}

/**
 * A JSON text column's member as text (null when absent):
 * SQLite `json_extract(col, '$."key"')`, PostgreSQL `(col::json ->> 'key')`.
 *
 * @example jsonText("postgres", "h.data", "stage") // "(h.data::json ->> 'stage')"
 */
export function jsonText(dialect: Dialect, col: string, key: string): string {
  if (!KEY.test(key)) throw new Error(`dialect: '${key}' is not a JSON key reports read`);
  return dialect === "postgres" ? `(${column(col)}::json ->> '${key}')` : `json_extract(${column(col)}, '$."${key}"')`;
}

/**
 * Whole milliseconds from instant `from` to instant `to` (ISO text columns), as an integer:
 * SQLite through `julianday` (exact to well under a millisecond, then rounded), PostgreSQL
 * through `extract(epoch from …::timestamptz)`.
 */
export function durationMs(dialect: Dialect, from: string, to: string): string {
  return dialect === "postgres"
    ? `CAST(ROUND(EXTRACT(EPOCH FROM (CAST(${column(to)} AS timestamptz) - CAST(${column(from)} AS timestamptz))) * 1000) AS BIGINT)`
    : `CAST(ROUND((julianday(${column(to)}) - julianday(${column(from)})) * 86400000.0) AS INTEGER)`;
}

/** `a = b`, where two nulls are equal: SQLite `IS`, PostgreSQL `IS NOT DISTINCT FROM`. */
export function sameValue(dialect: Dialect, a: string, b: string): string {
  return dialect === "postgres" ? `${column(a)} IS NOT DISTINCT FROM ${column(b)}` : `${column(a)} IS ${column(b)}`;
}

/**
 * A text column the planner must not reach through an index: `(col || '')`, the same value, valid
 * on both databases. Used where a join from a small, selective side (a cohort of deals, through
 * `history(deal, seq)`) must not turn into a scan of every row of a type through `history(type, at)`.
 */
export function noIndex(col: string): string {
  return `(${column(col)} || '')`;
}

/**
 * A `VALUES` list of typed rows for a CTE with a column list (`.with(name, columns, raw)`): each
 * cell a cast placeholder, so PostgreSQL types them like SQLite does.
 */
export function valuesSql(types: readonly ("TEXT" | "INTEGER")[], rows: readonly (readonly (string | number)[])[]): { sql: string; bindings: (string | number)[] } {
  const row = `(${types.map((t) => `CAST(? AS ${t})`).join(", ")})`;
  return { sql: `VALUES ${rows.map(() => row).join(", ")}`, bindings: rows.flat() };
}
