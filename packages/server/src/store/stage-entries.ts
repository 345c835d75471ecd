/**
 * The `stage_entries` rows of a commit (migration 0003, docs/decisions/0006-stage-entries.md): one
 * per `deal.created` / `deal.moved` history row, written in the same transaction by both commit
 * paths. A row says which stage the deal entered and when, which stage a move left, and the deal's
 * entry before this one (`prev_stage`, `prev_at`) — so the funnel measures a stay from one row,
 * without reading the history's JSON or ordering a deal's rows with a window.
 *
 * The entry before is the previous creation/move row of the same deal by `seq`: an earlier row of
 * the same commit, none for a deal the commit creates, otherwise the deal's last stored entry,
 * read by the insert itself (`INSERT … VALUES (…, (SELECT … ORDER BY seq DESC LIMIT 1))`, a seek
 * on the table's key). On PostgreSQL that read comes after the commit has updated the deal at its
 * expected version, so the row lock orders it after any earlier commit of the same deal. The rows
 * are exactly those `stageEntriesFromHistorySql` derives from `history` (tested).
 */
import type { Commit, HistoryRow } from "@voronka/engine";
import type { Bind } from "./rows";

/** `stage_entries` columns, in the order of {@link StageEntry.values}. */
export const STAGE_ENTRY_COLUMNS = ["deal", "seq", "stage", "at", "from_stage", "prev_stage", "prev_at"] as const;

/** One row to insert. */
export interface StageEntry {
  /** Values in {@link STAGE_ENTRY_COLUMNS} order; `prev_stage` and `prev_at` null when {@link afterStored}. */
  values: Bind[];
  /** The entry before this one is the deal's last stored row: the insert reads it. */
  afterStored: boolean;
}

/** The deal's last stored entry before `seq`, as the two scalar subqueries of an insert (bind deal, seq twice). */
export const PREVIOUS_STORED_SQL = {
  stage: "(SELECT stage FROM stage_entries WHERE deal = ? AND seq < ? ORDER BY seq DESC LIMIT 1)",
  at: "(SELECT at FROM stage_entries WHERE deal = ? AND seq < ? ORDER BY seq DESC LIMIT 1)",
} as const;

/** `INSERT` of a row whose previous entry is known (bind the 7 values). */
export const INSERT_STAGE_ENTRY_SQL = `INSERT INTO stage_entries (${STAGE_ENTRY_COLUMNS.join(", ")}) VALUES (?, ?, ?, ?, ?, ?, ?)`;
/** `INSERT` of a row after the deal's last stored entry (bind deal, seq, stage, at, from_stage, deal, seq, deal, seq). */
export const INSERT_STAGE_ENTRY_AFTER_STORED_SQL =
  `INSERT INTO stage_entries (${STAGE_ENTRY_COLUMNS.join(", ")}) VALUES (?, ?, ?, ?, ?, ${PREVIOUS_STORED_SQL.stage}, ${PREVIOUS_STORED_SQL.at})`;

const text = (v: unknown): string | null => (typeof v === "string" ? v : null);

/** The stage a creation or move row entered, and the one a move left; null for other rows. */
function entered(h: HistoryRow): { stage: string | null; from: string | null } | null {
  if (h.type === "deal.created") return { stage: text(h.data["stage"]), from: null };
  if (h.type === "deal.moved") return { stage: text(h.data["to"]), from: text(h.data["from"]) };
  return null;
}

/**
 * The `stage_entries` rows of a commit, each deal's in `seq` order.
 *
 * @example
 * for (const e of stageEntriesOf(commit)) (e.afterStored ? insertAfterStored : insert).run(...)
 */
export function stageEntriesOf(c: Commit): StageEntry[] {
  const byDeal = new Map<string, HistoryRow[]>();
  for (const h of c.history) {
    if (h.type !== "deal.created" && h.type !== "deal.moved") continue;
    const rows = byDeal.get(h.deal);
    if (rows) rows.push(h);
    else byDeal.set(h.deal, [h]);
  }
  if (!byDeal.size) return [];
  const created = new Set(c.deals.filter((d) => d.expectedVersion === null).map((d) => d.record.id));
  const out: StageEntry[] = [];
  for (const [deal, rows] of byDeal) {
    if (rows.length > 1) rows.sort((a, b) => a.seq - b.seq);
    let prev: { stage: string | null; at: string } | null = null;
    for (const h of rows) {
      const e = entered(h)!;
      const afterStored = prev === null && !created.has(deal);
      out.push({ values: [deal, h.seq, e.stage, h.at, e.from, prev?.stage ?? null, prev?.at ?? null], afterStored });
      prev = { stage: e.stage, at: h.at };
    }
  }
  return out;
}
