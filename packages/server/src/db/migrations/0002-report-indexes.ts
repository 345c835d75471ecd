/**
 * Indexes for the control room's figures (src/reports): the funnel's cohort (deals by creation
 * time, overall and per pipeline), the KPIs' "first won deal of a client" lookups (deals by
 * client, status and close time), NPS by answer time, and the team filter (users by team). The
 * figures also use the first schema's `deals(status, closed_at)`, `history(type, at)`,
 * `history(deal, seq)` and `tasks(status, deadline)`.
 */
import type { Knex } from "knex";

/** The migration's name in knex's table. */
export const name = "0002-report-indexes";

/** Adds the indexes. */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable("deals", (t) => {
    t.index(["created_at"], "deals_created_at_index");
    t.index(["pipeline", "created_at"], "deals_pipeline_created_at_index");
    t.index(["client", "status", "closed_at"], "deals_client_status_closed_at_index");
  });
  await knex.schema.alterTable("surveys", (t) => {
    t.index(["status", "answered_at"], "surveys_status_answered_at_index");
  });
  await knex.schema.alterTable("users", (t) => {
    t.index(["team"], "users_team_index");
  });
}

/** Drops them. */
export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable("users", (t) => t.dropIndex(["team"], "users_team_index"));
  await knex.schema.alterTable("surveys", (t) => t.dropIndex(["status", "answered_at"], "surveys_status_answered_at_index"));
  await knex.schema.alterTable("deals", (t) => {
    t.dropIndex(["client", "status", "closed_at"], "deals_client_status_closed_at_index");
    t.dropIndex(["pipeline", "created_at"], "deals_pipeline_created_at_index");
    t.dropIndex(["created_at"], "deals_created_at_index");
  });
}
