/**
 * Blueprint versions in the `blueprints` table: published versions (1, 2, …) and draft revisions
 * (1, 2, …), both kept whole. A publish takes the publish lock exclusively on PostgreSQL (see
 * {@link PUBLISH_LOCK}), so it waits for commits in flight and every later commit sees it.
 */
import { EngineError, type BlueprintSave, type StoredBlueprint } from "@voronka/engine";
import type { Knex } from "knex";
import { latestPublished, type Dialect } from "./knex-commit";
import type { Row } from "./rows";
import { uniqueViolation } from "./sql-errors";

function fromRow(r: Row): StoredBlueprint {
  return {
    version: Number(r["version"]),
    kind: r["kind"] as StoredBlueprint["kind"],
    blueprint: JSON.parse(String(r["blueprint"])) as unknown,
    issues: JSON.parse(String(r["issues"] ?? "[]")) as StoredBlueprint["issues"],
    savedAt: String(r["saved_at"]),
  };
}

/** Saves a draft (a new revision, checked against `expectedRevision`) or publishes a new version. */
export async function saveBlueprint(knex: Knex, dialect: Dialect, save: BlueprintSave, savedAt: string): Promise<number> {
  try {
    return await knex.transaction(async (trx) => {
      const latest = await latestPublished(trx, dialect, "exclusive");
      if (save.kind === "published") {
        const version = (latest ?? 0) + 1;
        await trx("blueprints").insert({ kind: "published", version, blueprint: JSON.stringify(save.blueprint), issues: "[]", saved_at: savedAt });
        return version;
      }
      const row = (await trx("blueprints").where("kind", "draft").max({ v: "version" }).first()) as { v: unknown } | undefined;
      const current = row?.v === null || row?.v === undefined ? 0 : Number(row.v);
      if (save.expectedRevision !== undefined && save.expectedRevision !== current) {
        throw new EngineError("VERSION_CONFLICT", `The draft was saved by someone else (revision ${current}, you had ${save.expectedRevision}). Reload it first.`, { revision: current });
      }
      await trx("blueprints").insert({
        kind: "draft", version: current + 1, blueprint: JSON.stringify(save.blueprint ?? null), issues: JSON.stringify(save.issues ?? []), saved_at: savedAt,
      });
      return current + 1;
    });
  } catch (e) {
    if (uniqueViolation(e)) throw new EngineError("VERSION_CONFLICT", "Another process saved the blueprint at the same moment; reload and retry.");
    throw e;
  }
}

/** The published version `version`, or the latest one; null when there is none. */
export async function loadBlueprint(knex: Knex, version?: number): Promise<StoredBlueprint | null> {
  const q = knex("blueprints").where("kind", "published");
  if (version !== undefined) q.where("version", version);
  const row = (await q.orderBy("version", "desc").first()) as Row | undefined;
  return row ? fromRow(row) : null;
}

/** The latest draft revision, or null. */
export async function loadDraft(knex: Knex): Promise<StoredBlueprint | null> {
  const row = (await knex("blueprints").where("kind", "draft").orderBy("version", "desc").first()) as Row | undefined;
  return row ? fromRow(row) : null;
}

/** The latest published version, or null. */
export async function publishedVersion(knex: Knex): Promise<number | null> {
  const row = (await knex("blueprints").where("kind", "published").max({ v: "version" }).first()) as { v: unknown } | undefined;
  return row?.v === null || row?.v === undefined ? null : Number(row.v);
}

/** Every published version with when it was saved, oldest first. */
export async function listBlueprintVersions(knex: Knex): Promise<{ version: number; savedAt: string }[]> {
  const rows = (await knex("blueprints").where("kind", "published").select("version", "saved_at").orderBy("version")) as Row[];
  return rows.map((r) => ({ version: Number(r["version"]), savedAt: String(r["saved_at"]) }));
}
