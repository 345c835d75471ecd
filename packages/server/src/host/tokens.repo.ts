/**
 * API tokens (host data): each belongs to a user, is shown once when created, and is stored as
 * its SHA-256 only. Revoking keeps the row (for the audit trail) and refuses the token at once.
 */
import { randomUUID } from "node:crypto";
import type { Knex } from "knex";
import { hashCredential, randomCredential } from "../auth/tokens";
import type { Clock } from "../context";
import { HttpError } from "../http/errors";
import { pageBy, type Page } from "./paging";

/** A token as lists show it: never the token itself, nor its hash. */
export interface TokenInfo {
  id: string;
  user: string;
  label: string | null;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

/** A token just created: the only time the secret is shown. */
export interface CreatedToken extends TokenInfo {
  token: string;
}

type Row = Record<string, unknown>;

const fromRow = (r: Row): TokenInfo => ({
  id: String(r["id"]),
  user: String(r["user_id"]),
  label: (r["label"] as string | null) ?? null,
  createdAt: String(r["created_at"]),
  lastUsedAt: (r["last_used_at"] as string | null) ?? null,
  revokedAt: (r["revoked_at"] as string | null) ?? null,
});

/** How often `last_used_at` is written for a busy token (a write per request would cost more than it tells). */
const TOUCH_EVERY_MS = 60_000;

/** How long a verified token is trusted without reading the table again (ms). */
export const TOKEN_CACHE_MS = 5_000;

/** The tokens table. */
export class TokensRepo {
  readonly #knex: Knex;
  readonly #clock: Clock;
  /**
   * Verified token hashes for a few seconds, so a burst of requests does not read the tokens table
   * each time. A revoke in this process drops them at once; another process's revoke takes effect
   * within {@link TOKEN_CACHE_MS}.
   */
  readonly #verified = new Map<string, { tokenId: string; userId: string; until: number }>();

  constructor(knex: Knex, clock: Clock) {
    this.#knex = knex;
    this.#clock = clock;
  }

  /** Creates a token for a user (who must exist); answers it with the secret, once. */
  async create(userId: string, label: string | null = null): Promise<CreatedToken> {
    const user = await this.#knex("users").where("id", userId).first("id");
    if (!user) throw new HttpError("VALIDATION_FAILED", `There is no user '${userId}' to give a token to.`, { user: userId });
    const token = randomCredential();
    const row = { id: randomUUID(), hash: hashCredential(token), user_id: userId, label, created_at: this.#clock.now().toISOString(), last_used_at: null, revoked_at: null };
    await this.#knex("tokens").insert(row);
    return { ...fromRow(row), token };
  }

  /**
   * The token's id and user when the token is valid (known, not revoked); null otherwise. Whether
   * the user is active is the caller's check (it has the users snapshot).
   */
  async authenticate(token: string): Promise<{ tokenId: string; userId: string } | null> {
    const hash = hashCredential(token);
    const cached = this.#verified.get(hash);
    if (cached && cached.until > Date.now()) return { tokenId: cached.tokenId, userId: cached.userId };
    const found = await this.#lookUp(hash);
    if (found) {
      if (this.#verified.size > 10_000) this.#verified.clear();
      this.#verified.set(hash, { ...found, until: Date.now() + TOKEN_CACHE_MS });
    } else {
      this.#verified.delete(hash);
    }
    return found;
  }

  async #lookUp(hash: string): Promise<{ tokenId: string; userId: string } | null> {
    const row = (await this.#knex("tokens").where("hash", hash).whereNull("revoked_at").first("id", "user_id", "last_used_at")) as Row | undefined;
    if (!row) return null;
    const now = this.#clock.now();
    const last = row["last_used_at"] ? Date.parse(String(row["last_used_at"])) : 0;
    if (now.getTime() - last > TOUCH_EVERY_MS) {
      // Best effort: a failed bookkeeping write must not refuse the request.
      await this.#knex("tokens").where("id", String(row["id"])).update({ last_used_at: now.toISOString() }).catch(() => undefined);
    }
    return { tokenId: String(row["id"]), userId: String(row["user_id"]) };
  }

  /** A page of tokens, optionally of one user. */
  list(filter: { user?: string | undefined; revoked?: boolean | undefined; cursor?: string | undefined; limit: number }): Promise<Page<TokenInfo>> {
    const q = this.#knex("tokens").select("id", "user_id", "label", "created_at", "last_used_at", "revoked_at");
    if (filter.user !== undefined) void q.where("user_id", filter.user);
    if (filter.revoked === true) void q.whereNotNull("revoked_at");
    if (filter.revoked === false) void q.whereNull("revoked_at");
    return pageBy(q, "id", filter, fromRow);
  }

  /** Revokes a token; revoking twice is harmless. 404 when there is no such token. */
  async revoke(id: string): Promise<TokenInfo> {
    const row = (await this.#knex("tokens").where("id", id).first()) as Row | undefined;
    if (!row) throw new HttpError("NOT_FOUND", `There is no token '${id}'.`, { id });
    if (!row["revoked_at"]) {
      row["revoked_at"] = this.#clock.now().toISOString();
      await this.#knex("tokens").where("id", id).update({ revoked_at: row["revoked_at"] });
    }
    for (const [hash, v] of this.#verified) if (v.tokenId === id) this.#verified.delete(hash);
    return fromRow(row);
  }

  /** Revokes every token of a user (when they are deactivated). Answers how many. */
  async revokeAllOf(userId: string): Promise<number> {
    for (const [hash, v] of this.#verified) if (v.userId === userId) this.#verified.delete(hash);
    return this.#knex("tokens").where("user_id", userId).whereNull("revoked_at").update({ revoked_at: this.#clock.now().toISOString() });
  }
}
