/**
 * The first schema: the engine's records (deals, tasks, timers, history, outbox, surveys,
 * round-robin counters, blueprint versions) and the host's data (settings, users, tokens, clients,
 * plans, webhook secrets). Instants are ISO-8601 UTC strings and JSON is text on both SQLite and
 * PostgreSQL, so that both answer the same (docs/decisions/0003-sql-types.md).
 */
import type { Knex } from "knex";

export const name = "0001-initial";

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable("settings", (t) => {
    t.string("key").primary();
    t.text("value").notNullable();
  });
  await knex.schema.createTable("users", (t) => {
    t.string("id").primary();
    t.string("name").notNullable();
    t.string("role").notNullable();
    t.string("supervisor").nullable().index();
    t.string("team").nullable();
    t.string("locale").notNullable().defaultTo("en");
    t.string("email").nullable();
    t.boolean("active").notNullable().defaultTo(true);
    t.string("created_at").notNullable();
  });
  await knex.schema.createTable("tokens", (t) => {
    t.string("id").primary();
    t.string("hash", 64).notNullable().unique();
    t.string("user_id").notNullable().index();
    t.string("label").nullable();
    t.string("created_at").notNullable();
    t.string("last_used_at").nullable();
    t.string("revoked_at").nullable();
  });
  await knex.schema.createTable("clients", (t) => {
    t.string("id").primary();
    t.string("name").notNullable();
    t.string("segment").nullable();
    t.text("important_dates").notNullable().defaultTo("[]");
    t.string("created_at").notNullable();
  });
  await knex.schema.createTable("plans", (t) => {
    t.string("id").primary();
    t.string("metric").notNullable();
    t.string("owner_user").nullable().index();
    t.string("owner_pipeline").nullable();
    t.string("period").notNullable();
    t.string("start").notNullable();
    t.double("target").notNullable();
  });
  await knex.schema.createTable("webhook_secrets", (t) => {
    t.string("trigger_id").primary();
    t.string("hash", 64).notNullable().unique();
    t.string("created_at").notNullable();
  });
  await knex.schema.createTable("blueprints", (t) => {
    t.string("kind").notNullable();
    t.integer("version").notNullable();
    t.text("blueprint").notNullable();
    t.text("issues").notNullable().defaultTo("[]");
    t.string("saved_at").notNullable();
    t.primary(["kind", "version"]);
  });
  await knex.schema.createTable("deals", (t) => {
    t.string("id").primary();
    t.string("external_id").nullable().unique();
    t.string("title").notNullable();
    t.string("pipeline").notNullable();
    t.string("stage").notNullable();
    t.string("status").notNullable();
    t.double("amount").notNullable().defaultTo(0);
    t.string("currency", 3).notNullable();
    t.string("responsible").notNullable();
    t.string("client").nullable().index();
    t.string("source").nullable();
    t.string("created_at").notNullable();
    t.string("stage_entered_at").notNullable();
    t.string("closed_at").nullable();
    t.integer("version").notNullable();
    t.integer("entry").notNullable();
    t.integer("seq").notNullable();
    t.string("source_deal").nullable();
    t.text("fields").notNullable().defaultTo("{}");
    t.index(["pipeline", "stage"]);
    t.index(["responsible", "status"]);
    t.index(["status", "closed_at"]);
  });
  await knex.schema.createTable("tasks", (t) => {
    t.string("id").primary();
    t.string("deal").notNullable();
    t.string("pipeline").notNullable();
    t.string("stage").notNullable();
    t.integer("entry").notNullable();
    t.string("robot").nullable();
    t.text("title").notNullable();
    t.text("description").nullable();
    t.string("responsible").notNullable();
    t.text("checklist").nullable();
    t.boolean("keep_on_exit").notNullable().defaultTo(false);
    t.string("status").notNullable();
    t.string("created_at").notNullable();
    t.string("deadline").nullable();
    t.text("deadline_rule").nullable();
    t.boolean("overdue").notNullable().defaultTo(false);
    t.string("closed_at").nullable();
    t.text("closed_by").nullable();
    t.integer("reschedules").notNullable().defaultTo(0);
    t.index(["deal", "status"]);
    t.index(["status", "deadline"]);
    t.index(["responsible", "status", "deadline"]);
  });
  await knex.schema.createTable("timers", (t) => {
    t.string("id").primary();
    t.string("kind").notNullable();
    t.string("due_at").nullable();
    t.string("deal").notNullable().index();
    t.integer("entry").notNullable();
    t.integer("blueprint_version").notNullable();
    t.string("robot").nullable();
    t.string("task").nullable();
    t.string("field").nullable();
    t.string("lease_until").nullable();
    t.index(["due_at"]);
  });
  await knex.schema.createTable("history", (t) => {
    t.bigIncrements("cursor").primary();
    t.string("deal").notNullable();
    t.integer("seq").notNullable();
    t.string("type").notNullable();
    t.string("at").notNullable();
    t.text("actor").notNullable();
    t.text("data").notNullable();
    t.unique(["deal", "seq"]);
    t.index(["type", "at"]);
  });
  await knex.schema.createTable("outbox", (t) => {
    t.string("id").primary();
    t.string("key").notNullable().unique();
    t.string("kind").notNullable();
    t.string("deal").notNullable();
    t.text("payload").notNullable();
    t.string("created_at").notNullable();
    t.integer("attempts").notNullable().defaultTo(0);
    t.string("next_attempt_at").notNullable().index();
    t.string("lease_until").nullable();
    t.text("last_error").nullable();
  });
  await knex.schema.createTable("surveys", (t) => {
    t.string("token").primary();
    t.string("deal").notNullable().index();
    t.string("survey").notNullable();
    t.string("robot").notNullable();
    t.text("recipient").nullable();
    t.string("channel").notNullable();
    t.string("url").notNullable();
    t.string("status").notNullable();
    t.string("sent_at").notNullable();
    t.string("answered_at").nullable();
    t.integer("score").nullable();
    t.string("band").nullable();
    t.text("reason").nullable();
  });
  await knex.schema.createTable("round_robin", (t) => {
    t.string("robot").primary();
    t.integer("counter").notNullable();
  });
}

export async function down(knex: Knex): Promise<void> {
  for (const table of ["round_robin", "surveys", "outbox", "history", "timers", "tasks", "deals", "blueprints", "webhook_secrets", "plans", "clients", "tokens", "users", "settings"]) {
    await knex.schema.dropTableIfExists(table);
  }
}
