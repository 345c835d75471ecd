/**
 * `stage_entries`: one row per `deal.created` / `deal.moved` history row — the stage the deal
 * entered, when, the stage a move left (`from_stage`), and the deal's entry before this one
 * (`prev_stage`, `prev_at`: the stay this entry ends). The funnel (src/reports/funnel.report.ts)
 * reads it instead of parsing the JSON of every history row of its cohort
 * (docs/decisions/0006-stage-entries.md). The store writes a row in the same transaction as the
 * history row it comes from (src/store/stage-entries.ts); this migration fills the table from the
 * history already there. The key is the history row's `(deal, seq)`, clustered on SQLite
 * (`WITHOUT ROWID`), so a deal's entries sit together and one index seek reads them all.
 */
import type { Knex } from "knex";

/** The migration's name in knex's table. */
export const name = "0003-stage-entries";

const isPostgres = (knex: Knex) => (knex.client as { config?: { client?: unknown } }).config?.client === "pg";

/**
 * The table's rows derived from `history` in SQL: the same rows, in the same words, as the store
 * writes with each commit (the tests compare the two). `LAG` over the deal's creation and move rows
 * in `seq` order gives each entry the one before it.
 */
export function stageEntriesFromHistorySql(dialect: "sqlite" | "postgres"): string {
  const json = (key: string) => (dialect === "postgres" ? `(h.data::json ->> '${key}')` : `json_extract(h.data, '$."${key}"')`);
  return `SELECT e.deal, e.seq, e.stage, e.at, e.from_stage,
      LAG(e.stage) OVER (PARTITION BY e.deal ORDER BY e.seq) AS prev_stage,
      LAG(e.at) OVER (PARTITION BY e.deal ORDER BY e.seq) AS prev_at
    FROM (SELECT h.deal, h.seq, h.at,
            CASE WHEN h.type = 'deal.created' THEN ${json("stage")} ELSE ${json("to")} END AS stage,
            CASE WHEN h.type = 'deal.moved' THEN ${json("from")} END AS from_stage
          FROM history h WHERE h.type IN ('deal.created', 'deal.moved')) e`;
}

/** Creates the table and fills it from the history. */
export async function up(knex: Knex): Promise<void> {
  if (isPostgres(knex)) {
    await knex.schema.createTable("stage_entries", (t) => {
      t.string("deal").notNullable();
      t.integer("seq").notNullable();
      t.string("stage").nullable();
      t.string("at").notNullable();
      t.string("from_stage").nullable();
      t.string("prev_stage").nullable();
      t.string("prev_at").nullable();
      t.primary(["deal", "seq"]);
    });
  } else {
    // knex's builder cannot say WITHOUT ROWID; the columns are those of the PostgreSQL branch.
    await knex.raw(`CREATE TABLE stage_entries (
      deal varchar(255) NOT NULL, seq integer NOT NULL, stage varchar(255), at varchar(255) NOT NULL,
      from_stage varchar(255), prev_stage varchar(255), prev_at varchar(255),
      PRIMARY KEY (deal, seq)) WITHOUT ROWID`);
  }
  await knex.raw(`INSERT INTO stage_entries (deal, seq, stage, at, from_stage, prev_stage, prev_at)
    ${stageEntriesFromHistorySql(isPostgres(knex) ? "postgres" : "sqlite")}`);
}

/** Drops it. */
export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists("stage_entries");
}
