/**
 * Users (host data): id, name, role, supervisor, team label, locale, e-mail, active. Reads go
 * through a short-lived snapshot of the whole table (a sales department is small), which the auth
 * hook, the engine's directory and scope computations share; writes in this process drop it at
 * once, and other processes' writes show within `cacheMs`.
 */
import { randomUUID } from "node:crypto";
import type { Directory } from "@voronka/engine";
import type { Knex } from "knex";
import { scopeOf, wouldCycle } from "../auth/scope";
import type { Caller, Clock, Role } from "../context";
import { HttpError } from "../http/errors";
import { pageBy, type Page } from "./paging";

/** A user as the API shows it. */
export interface User {
  id: string;
  name: string;
  role: Role;
  supervisor: string | null;
  team: string | null;
  locale: string;
  email: string | null;
  active: boolean;
  createdAt: string;
}

/** What creating a user takes (the id is generated when absent). */
export interface UserInput {
  id?: string | undefined;
  name: string;
  role: Role;
  supervisor?: string | null | undefined;
  team?: string | null | undefined;
  locale?: string | undefined;
  email?: string | null | undefined;
}

/** What updating a user may change. */
export type UserPatch = Partial<Omit<UserInput, "id">> & { active?: boolean | undefined };

type Row = Record<string, unknown>;

const fromRow = (r: Row): User => ({
  id: String(r["id"]),
  name: String(r["name"]),
  role: r["role"] as Role,
  supervisor: (r["supervisor"] as string | null) ?? null,
  team: (r["team"] as string | null) ?? null,
  locale: String(r["locale"] ?? "en"),
  email: (r["email"] as string | null) ?? null,
  active: Boolean(r["active"]),
  createdAt: String(r["created_at"]),
});

/** The users table, with a shared snapshot for hot paths. */
export class UsersRepo {
  readonly #knex: Knex;
  readonly #clock: Clock;
  readonly #cacheMs: number;
  #snapshot: { at: number; users: Promise<Map<string, User>> } | null = null;

  constructor(knex: Knex, clock: Clock, options: { cacheMs?: number } = {}) {
    this.#knex = knex;
    this.#clock = clock;
    this.#cacheMs = options.cacheMs ?? 1000;
  }

  /** Every user by id (active or not), from a snapshot at most `cacheMs` old. */
  all(): Promise<Map<string, User>> {
    const now = Date.now();
    if (!this.#snapshot || now - this.#snapshot.at > this.#cacheMs) {
      const users = this.#knex("users").select("*").then((rows: Row[]) => new Map(rows.map((r) => [String(r["id"]), fromRow(r)])));
      users.catch(() => { this.#snapshot = null; });
      this.#snapshot = { at: now, users };
    }
    return this.#snapshot.users;
  }

  /** Drops the snapshot (after a write). */
  invalidate(): void {
    this.#snapshot = null;
  }

  /** One user, or null. */
  async get(id: string): Promise<User | null> {
    return (await this.all()).get(id) ?? null;
  }

  /** The ids a user may see and act on (see auth/scope.ts). */
  async scopeOf(userId: string): Promise<Caller["scope"]> {
    return scopeOf(await this.all(), userId);
  }

  /** The engine's directory: supervisors for `{ kind: "supervisor" }`, and who may own deals. */
  directory(): Directory {
    return {
      supervisorOf: async (userId) => (await this.all()).get(userId)?.supervisor ?? null,
      exists: async (userId) => (await this.all()).get(userId)?.active === true,
    };
  }

  /** A page of users, filtered; `ids` restricts to a scope. */
  list(filter: { role?: Role | undefined; team?: string | undefined; active?: boolean | undefined; cursor?: string | undefined; limit: number }): Promise<Page<User>> {
    const q = this.#knex("users").select("*");
    if (filter.role !== undefined) void q.where("role", filter.role);
    if (filter.team !== undefined) void q.where("team", filter.team);
    if (filter.active !== undefined) void q.where("active", filter.active);
    return pageBy(q, "id", filter, fromRow);
  }

  async #checkSupervisor(userId: string, supervisor: string | null | undefined): Promise<void> {
    if (supervisor === undefined || supervisor === null) return;
    const users = await this.all();
    if (supervisor === userId) throw new HttpError("VALIDATION_FAILED", "A user cannot be their own supervisor.", { supervisor });
    if (!users.has(supervisor)) throw new HttpError("VALIDATION_FAILED", `There is no user '${supervisor}' to be the supervisor; create them first.`, { supervisor });
    if (wouldCycle(users, userId, supervisor)) {
      throw new HttpError("VALIDATION_FAILED", `'${supervisor}' already reports (directly or not) to '${userId}': that would make a loop of supervisors.`, { supervisor });
    }
  }

  /** Creates a user; 409 when the id is taken. */
  async create(input: UserInput): Promise<User> {
    const id = input.id ?? randomUUID();
    if (await this.get(id)) throw new HttpError("CONFLICT", `There is already a user '${id}'.`, { id });
    await this.#checkSupervisor(id, input.supervisor);
    const row = {
      id, name: input.name, role: input.role, supervisor: input.supervisor ?? null, team: input.team ?? null,
      locale: input.locale ?? "en", email: input.email ?? null, active: true, created_at: this.#clock.now().toISOString(),
    };
    try {
      await this.#knex("users").insert(row);
    } finally {
      this.invalidate();
    }
    return fromRow(row);
  }

  /** Changes a user; 404 when there is none; keeps at least one active admin. */
  async update(id: string, patch: UserPatch): Promise<User> {
    this.invalidate();
    const current = await this.get(id);
    if (!current) throw new HttpError("NOT_FOUND", `There is no user '${id}'.`, { id });
    if (patch.supervisor !== undefined) await this.#checkSupervisor(id, patch.supervisor);
    const next: User = {
      ...current,
      ...(patch.name !== undefined ? { name: patch.name } : {}),
      ...(patch.role !== undefined ? { role: patch.role } : {}),
      ...(patch.supervisor !== undefined ? { supervisor: patch.supervisor } : {}),
      ...(patch.team !== undefined ? { team: patch.team } : {}),
      ...(patch.locale !== undefined ? { locale: patch.locale } : {}),
      ...(patch.email !== undefined ? { email: patch.email } : {}),
      ...(patch.active !== undefined ? { active: patch.active } : {}),
    };
    if (current.role === "admin" && current.active && (next.role !== "admin" || !next.active)) {
      const admins = [...(await this.all()).values()].filter((u) => u.role === "admin" && u.active);
      if (admins.length <= 1) throw new HttpError("CONFLICT", `'${id}' is the last active admin; make someone else an admin first.`, { id });
    }
    try {
      await this.#knex("users").where("id", id).update({
        name: next.name, role: next.role, supervisor: next.supervisor, team: next.team, locale: next.locale, email: next.email, active: next.active,
      });
    } finally {
      this.invalidate();
    }
    return next;
  }
}
