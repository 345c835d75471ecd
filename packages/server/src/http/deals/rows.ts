/**
 * Reading the SQL tables the HTTP routes query directly (lists, reports, the event stream): the
 * SQL store's row → record mappers (one definition of the columns), and opaque list cursors.
 */
import { EngineError } from "@voronka/engine";

export { dealFromRow, historyFromRow, taskFromRow } from "../../store/rows";

/**
 * Encodes a list position as an opaque cursor (base64url JSON), so clients pass it back as is and
 * the server may change what it holds.
 */
export function encodeCursor(position: unknown[]): string {
  return Buffer.from(JSON.stringify(position), "utf8").toString("base64url");
}

/** Decodes a cursor made by {@link encodeCursor}; a damaged one is a validation error (400). */
export function decodeCursor(cursor: string, length: number): unknown[] {
  try {
    const value = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")) as unknown;
    if (Array.isArray(value) && value.length === length) return value;
  } catch {
    /* fall through */
  }
  throw new EngineError("VALIDATION_FAILED", "The cursor is not one this server gave out; start the list again without it.", { cursor });
}
