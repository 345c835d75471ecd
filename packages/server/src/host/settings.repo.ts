/**
 * Workspace settings (host data): the time zone and currency used for deadlines without a
 * calendar, report periods and sums. The repo keeps one live object that the engine reads on every
 * step, so a change applies to the next step in this process; other processes read it at start.
 */
import type { Knex } from "knex";

/** The workspace's settings. */
export interface Settings {
  timeZone: string;
  currency: string;
}

const KEYS = ["timeZone", "currency"] as const;

/** The settings table (key → JSON value). */
export class SettingsRepo {
  readonly #knex: Knex;
  /** The live settings, shared with the engine (mutated in place on update). */
  readonly current: Settings;

  constructor(knex: Knex, defaults: Settings) {
    this.#knex = knex;
    this.current = { ...defaults };
  }

  /** Reads the stored settings into {@link current}; writes the defaults for keys not stored yet. */
  async load(): Promise<Settings> {
    const rows = (await this.#knex("settings").whereIn("key", KEYS as unknown as string[]).select("key", "value")) as { key: string; value: string }[];
    const stored = new Map(rows.map((r) => [r.key, JSON.parse(r.value) as string]));
    for (const key of KEYS) {
      const value = stored.get(key);
      if (value !== undefined) this.current[key] = value;
      else await this.#knex("settings").insert({ key, value: JSON.stringify(this.current[key]) }).onConflict("key").ignore();
    }
    return { ...this.current };
  }

  /** Changes some settings (already validated) and answers them all. */
  async update(patch: Partial<Settings>): Promise<Settings> {
    for (const key of KEYS) {
      const value = patch[key];
      if (value === undefined) continue;
      await this.#knex("settings").insert({ key, value: JSON.stringify(value) }).onConflict("key").merge();
      this.current[key] = value;
    }
    return { ...this.current };
  }
}
