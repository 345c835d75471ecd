/**
 * Zod pieces shared by the deal, task, report and event routes, so their parameters read the same
 * in every route and in the OpenAPI document.
 */
import { z } from "zod";

/** `:id` path parameters. */
export const IdParams = z.object({ id: z.string().min(1).max(200) });

/** A query-string switch: `1`/`true` or `0`/`false`. */
export const QueryFlag = z.enum(["1", "0", "true", "false"]).transform((v) => v === "1" || v === "true");

/** A page size, `1..max`, `fallback` when absent. */
export const limitParam = (fallback: number, max: number) =>
  z.coerce.number().int().min(1).max(max).default(fallback).describe(`Page size, 1-${max} (default ${fallback}).`);

/** An ISO-8601 instant with an offset (`2026-05-01T18:00:00+03:00` or `…Z`). */
export const Instant = z.iso.datetime({ offset: true });

/** Field updates: blueprint fields by id, and also `title`, `amount`, `currency`, `client`. */
export const Fields = z
  .record(z.string(), z.unknown())
  .describe("Field values by field id; may also set title, amount, currency and client. null clears a field.");

/** The optional `If-Match` header (documented in OpenAPI; other headers pass through). */
export const IfMatchHeaders = z.looseObject({
  "if-match": z.string().optional().describe('The deal\'s ETag, e.g. "7": the write is refused with 412 when the deal has changed.'),
});

/** The deal-status filter. */
export const DealStatus = z.enum(["open", "won", "lost"]);
