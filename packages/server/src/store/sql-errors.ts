/**
 * Database errors as {@link EngineError}s: what a unique violation, a deadlock or a busy database
 * means for a commit, on PostgreSQL (`pg`), `better-sqlite3` and `sqlite3` alike.
 */
import { EngineError } from "@voronka/engine";

interface DriverError {
  code?: unknown;
  constraint?: unknown;
  detail?: unknown;
  message?: unknown;
}

/** The table and column of a unique violation, or null when `e` is not one. */
export function uniqueViolation(e: unknown): { table: string; columns: string[] } | null {
  if (typeof e !== "object" || e === null) return null;
  const err = e as DriverError;
  const message = String(err.message ?? "");
  if (err.code === "23505") {
    // PostgreSQL: constraint "deals_external_id_unique" / "deals_pkey"; detail "Key (external_id)=(…) already exists."
    const constraint = String(err.constraint ?? "");
    const key = /Key \(([^)]*)\)/.exec(String(err.detail ?? ""));
    const table = /^([a-z_]+?)_(pkey|.*_unique)$/.exec(constraint)?.[1] ?? "";
    const columns = key ? key[1]!.split(",").map((c) => c.trim().replace(/"/g, "")) : constraint.endsWith("_pkey") ? ["id"] : [];
    return { table, columns };
  }
  // SQLite (both drivers): "UNIQUE constraint failed: deals.external_id" (codes SQLITE_CONSTRAINT_UNIQUE,
  // SQLITE_CONSTRAINT_PRIMARYKEY, or plain SQLITE_CONSTRAINT with sqlite3).
  const m = /UNIQUE constraint failed: (.*)$/m.exec(message);
  if (m && String(err.code ?? "").startsWith("SQLITE_CONSTRAINT")) {
    const parts = m[1]!.split(",").map((p) => p.trim());
    return { table: parts[0]!.split(".")[0]!, columns: parts.map((p) => p.split(".")[1] ?? p) };
  }
  return null;
}

/** True for errors that a retry of the whole step would cure: deadlocks and serialisation failures. */
export function isTransient(e: unknown): boolean {
  const code = typeof e === "object" && e !== null ? (e as DriverError).code : undefined;
  return code === "40P01" || code === "40001" || code === "SQLITE_BUSY" || code === "SQLITE_BUSY_SNAPSHOT";
}

/**
 * Translates an error thrown inside a commit: a taken externalId is `VALIDATION_FAILED`; any other
 * unique violation (a deal created twice, a history `seq` written twice) and deadlocks or busy
 * databases are `VERSION_CONFLICT` (the engine reloads and retries); the rest is rethrown as is.
 * `externalIds` (of the deals the commit wrote) name the taken one when the driver does not.
 */
export function translateCommitError(e: unknown, externalIds: (string | undefined)[] = []): unknown {
  if (e instanceof EngineError) return e;
  const unique = uniqueViolation(e);
  if (unique) {
    if (unique.table === "deals" && unique.columns.includes("external_id")) {
      const given = externalIds.filter((x): x is string => x !== undefined);
      const externalId = /=\(([^)]*)\)/.exec(String((e as DriverError).detail ?? ""))?.[1] ?? (given.length === 1 ? given[0] : undefined);
      return new EngineError("VALIDATION_FAILED", `Another deal already has externalId${externalId ? ` '${externalId}'` : ""}.`, externalId ? { externalId } : {});
    }
    const what = unique.table ? `${unique.table}.${unique.columns.join(",")}` : "a unique key";
    return new EngineError("VERSION_CONFLICT", `The change collided with another one (${what}); reload and retry.`, { table: unique.table });
  }
  if (isTransient(e)) {
    return new EngineError("VERSION_CONFLICT", "The database refused the change because of a concurrent one; reload and retry.", { cause: String((e as DriverError).code) });
  }
  return e;
}
