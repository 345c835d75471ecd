/**
 * Webhook trigger secrets (host data): one per `webhook` trigger, issued and rotated by an admin;
 * the secret is the credential of `POST /hooks/:secret`, shown once in its URL and stored as its
 * SHA-256. Blueprints never carry them, so exports have none.
 */
import type { Knex } from "knex";
import { hashCredential, randomCredential, WEBHOOK_SECRET_PREFIX } from "../auth/tokens";
import type { Clock } from "../context";
import { HttpError } from "../http/errors";

/** The webhook_secrets table. */
export class WebhookSecretsRepo {
  readonly #knex: Knex;
  readonly #clock: Clock;

  constructor(knex: Knex, clock: Clock) {
    this.#knex = knex;
    this.#clock = clock;
  }

  /** Issues a new secret for a trigger, replacing any earlier one (which stops working at once). */
  async issue(triggerId: string): Promise<{ secret: string; createdAt: string; rotated: boolean }> {
    const secret = randomCredential(WEBHOOK_SECRET_PREFIX);
    const createdAt = this.#clock.now().toISOString();
    return this.#knex.transaction(async (trx) => {
      const rotated = (await trx("webhook_secrets").where("trigger_id", triggerId).delete()) > 0;
      await trx("webhook_secrets").insert({ trigger_id: triggerId, hash: hashCredential(secret), created_at: createdAt });
      return { secret, createdAt, rotated };
    });
  }

  /** Which triggers have a secret, and since when. */
  async list(): Promise<{ trigger: string; createdAt: string }[]> {
    const rows = (await this.#knex("webhook_secrets").select("trigger_id", "created_at").orderBy("trigger_id")) as { trigger_id: string; created_at: string }[];
    return rows.map((r) => ({ trigger: r.trigger_id, createdAt: r.created_at }));
  }

  /** Revokes a trigger's secret; 404 when it has none. */
  async revoke(triggerId: string): Promise<void> {
    const n = await this.#knex("webhook_secrets").where("trigger_id", triggerId).delete();
    if (!n) throw new HttpError("NOT_FOUND", `Trigger '${triggerId}' has no secret.`, { trigger: triggerId });
  }
}
