/**
 * The host's own data, beside the engine's: users, tokens, clients, plans, settings and webhook
 * secrets, one repo each, created together by {@link createHostRepos}.
 */
import type { Knex } from "knex";
import type { Clock } from "../context";
import { ClientsRepo } from "./clients.repo";
import { PlansRepo } from "./plans.repo";
import { SettingsRepo, type Settings } from "./settings.repo";
import { TokensRepo } from "./tokens.repo";
import { UsersRepo } from "./users.repo";
import { WebhookSecretsRepo } from "./webhook-secrets.repo";

export { ClientsRepo, type Client, type ClientInput, type ImportantDate } from "./clients.repo";
export { PlansRepo, planProblems, type Plan, type PlanOwner } from "./plans.repo";
export { SettingsRepo, type Settings } from "./settings.repo";
export { TokensRepo, type CreatedToken, type TokenInfo } from "./tokens.repo";
export { UsersRepo, type User, type UserInput, type UserPatch } from "./users.repo";
export { WebhookSecretsRepo } from "./webhook-secrets.repo";
export type { Page } from "./paging";

/** Every host repo. */
export interface HostRepos {
  users: UsersRepo;
  tokens: TokensRepo;
  clients: ClientsRepo;
  plans: PlansRepo;
  settings: SettingsRepo;
  webhookSecrets: WebhookSecretsRepo;
}

/**
 * Creates the host repos over a database.
 *
 * @example
 * const host = createHostRepos(db.knex, { now: () => new Date() }, { timeZone: "Europe/Moscow", currency: "RUB" });
 * await host.settings.load();
 */
export function createHostRepos(knex: Knex, clock: Clock, defaults: Settings): HostRepos {
  return {
    users: new UsersRepo(knex, clock),
    tokens: new TokensRepo(knex, clock),
    clients: new ClientsRepo(knex, clock),
    plans: new PlansRepo(knex),
    settings: new SettingsRepo(knex, defaults),
    webhookSecrets: new WebhookSecretsRepo(knex, clock),
  };
}
