/**
 * Keyset pagination for the host's lists (`{ items, nextCursor }`): rows ordered by id, the
 * cursor an opaque base64url of the last id given out.
 */
import type { Knex } from "knex";
import { HttpError } from "../http/errors";

/** One page of a list. */
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/** The id a cursor continues after; a damaged cursor is a 400. */
export function cursorId(cursor: string | undefined): string | undefined {
  if (cursor === undefined) return undefined;
  const id = Buffer.from(cursor, "base64url").toString("utf8");
  if (!id.startsWith("id:")) throw new HttpError("VALIDATION_FAILED", "The cursor is not one this server gave out; start the list again without it.", { cursor });
  return id.slice(3);
}

/**
 * Reads one page of `query` (already filtered) ordered by `column`, asking for one row more than
 * `limit` to learn whether there is a next page.
 */
export async function pageBy<Row extends Record<string, unknown>, T>(
  query: Knex.QueryBuilder, column: string, opts: { cursor?: string | undefined; limit: number }, map: (row: Row) => T,
): Promise<Page<T>> {
  const after = cursorId(opts.cursor);
  if (after !== undefined) void query.where(column, ">", after);
  const rows = (await query.orderBy(column, "asc").limit(opts.limit + 1)) as Row[];
  const more = rows.length > opts.limit;
  const page = more ? rows.slice(0, opts.limit) : rows;
  const last = page.at(-1);
  return {
    items: page.map(map),
    nextCursor: more && last ? Buffer.from(`id:${String(last[column.split(".").pop()!])}`, "utf8").toString("base64url") : null,
  };
}
