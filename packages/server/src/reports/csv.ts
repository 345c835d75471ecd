/**
 * The CSV writer of every figure (RFC 4180): a header row, CRLF line ends, a field quoted when it
 * holds a comma, a quote, CR or LF, quotes doubled inside. null is an empty field. Text that a
 * spreadsheet would run as a formula (starting with `=`, `+`, `-`, `@`, tab or CR — survey
 * reasons come from outside) is prefixed with `'`; numbers are written as they are.
 */

/** One table: its columns in order and its rows (flat objects). */
export interface CsvTable {
  columns: readonly string[];
  rows: readonly Record<string, unknown>[];
}

const FORMULA = /^[=+\-@\t\r]/;

/** One field. */
export function csvCell(v: unknown): string {
  if (v === null || v === undefined) return "";
  let s = typeof v === "string" ? v : typeof v === "object" ? JSON.stringify(v) : String(v);
  if (typeof v === "string" && FORMULA.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/**
 * A table as CSV text.
 *
 * @example toCsv({ columns: ["reason", "lost"], rows: [{ reason: "too, expensive", lost: 2 }] })
 * // 'reason,lost\r\n"too, expensive",2\r\n'
 */
export function toCsv(table: CsvTable): string {
  const lines = [table.columns.map(csvCell).join(",")];
  for (const row of table.rows) lines.push(table.columns.map((c) => csvCell(row[c])).join(","));
  return lines.join("\r\n") + "\r\n";
}
