/**
 * Clients (host data): the companies deals are made with — a name, a segment, and important
 * dates (a founding day, a contract anniversary) that robots and people plan around.
 */
import { randomUUID } from "node:crypto";
import type { Knex } from "knex";
import type { Clock } from "../context";
import { HttpError } from "../http/errors";
import { pageBy, type Page } from "./paging";

/** A date that matters to a client. */
export interface ImportantDate {
  label: string;
  date: string;
}

/** A client as the API shows it. */
export interface Client {
  id: string;
  name: string;
  segment: string | null;
  importantDates: ImportantDate[];
  createdAt: string;
}

/** What creating a client takes. */
export interface ClientInput {
  id?: string | undefined;
  name: string;
  segment?: string | null | undefined;
  importantDates?: ImportantDate[] | undefined;
}

type Row = Record<string, unknown>;

const fromRow = (r: Row): Client => ({
  id: String(r["id"]),
  name: String(r["name"]),
  segment: (r["segment"] as string | null) ?? null,
  importantDates: JSON.parse(String(r["important_dates"] ?? "[]")) as ImportantDate[],
  createdAt: String(r["created_at"]),
});

/** The clients table. */
export class ClientsRepo {
  readonly #knex: Knex;
  readonly #clock: Clock;

  constructor(knex: Knex, clock: Clock) {
    this.#knex = knex;
    this.#clock = clock;
  }

  async get(id: string): Promise<Client | null> {
    const row = (await this.#knex("clients").where("id", id).first()) as Row | undefined;
    return row ? fromRow(row) : null;
  }

  /** A page of clients; `q` matches the name (case-insensitive, anywhere in it). */
  list(filter: { q?: string | undefined; segment?: string | undefined; cursor?: string | undefined; limit: number }): Promise<Page<Client>> {
    const q = this.#knex("clients").select("*");
    if (filter.segment !== undefined) void q.where("segment", filter.segment);
    if (filter.q !== undefined) void q.whereRaw("lower(name) like ?", [`%${filter.q.toLowerCase().replace(/[%_]/g, "")}%`]);
    return pageBy(q, "id", filter, fromRow);
  }

  async create(input: ClientInput): Promise<Client> {
    const id = input.id ?? randomUUID();
    if (await this.get(id)) throw new HttpError("CONFLICT", `There is already a client '${id}'.`, { id });
    const row = { id, name: input.name, segment: input.segment ?? null, important_dates: JSON.stringify(input.importantDates ?? []), created_at: this.#clock.now().toISOString() };
    await this.#knex("clients").insert(row);
    return fromRow(row);
  }

  async update(id: string, patch: Partial<Omit<ClientInput, "id">>): Promise<Client> {
    const current = await this.get(id);
    if (!current) throw new HttpError("NOT_FOUND", `There is no client '${id}'.`, { id });
    const next: Client = {
      ...current,
      ...(patch.name !== undefined ? { name: patch.name } : {}),
      ...(patch.segment !== undefined ? { segment: patch.segment } : {}),
      ...(patch.importantDates !== undefined ? { importantDates: patch.importantDates } : {}),
    };
    await this.#knex("clients").where("id", id).update({ name: next.name, segment: next.segment, important_dates: JSON.stringify(next.importantDates) });
    return next;
  }

  /** Deletes a client no deal refers to; 409 otherwise (deals keep their history). */
  async remove(id: string): Promise<void> {
    if (!(await this.get(id))) throw new HttpError("NOT_FOUND", `There is no client '${id}'.`, { id });
    const used = (await this.#knex("deals").where("client", id).count({ n: "*" }).first()) as { n: number | string } | undefined;
    if (Number(used?.n ?? 0) > 0) throw new HttpError("CONFLICT", `Client '${id}' has ${used?.n} deal(s); it cannot be deleted while deals refer to it.`, { id, deals: Number(used?.n) });
    await this.#knex("clients").where("id", id).delete();
  }
}
