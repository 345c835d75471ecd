/**
 * The first-start seed and the login links.
 *
 * Into an empty database (no published blueprint and no users) the seed writes the workspace
 * settings, an `admin` user and — with `seedDemo` — the standards blueprint (published), the demo
 * users (a head of sales, supervisors, managers), the demo plans, the demo clients and the demo
 * deals from `@voronka/standards/demo`: the history since 1 January 2026 imported as it happened,
 * then a handful of deals created live, so their robots set real tasks with deadlines (and a few
 * won today, with their clients' NPS answers).
 * Tokens are stored as hashes, so a login link can only be printed when its token is made: each
 * start issues fresh login tokens (labelled {@link LOGIN_TOKEN_LABEL}) for the admin and, with
 * `seedDemo`, for every demo user. Earlier ones keep working until revoked.
 */
import { standardsBlueprint } from "@voronka/standards";
import { demoClients, demoDeals, demoLiveDeals, demoPlans, demoUsers } from "@voronka/standards/demo";
import type { AppContext } from "./context";

/** The id of the administrator the seed creates. */
export const ADMIN_USER_ID = "admin";
/** The label of the login tokens issued at start. */
export const LOGIN_TOKEN_LABEL = "login link printed at start";

/** What {@link seed} did. */
export interface SeedResult {
  /** True when the database was empty and has been seeded. */
  seeded: boolean;
  /** The published blueprint version after seeding (null when none). */
  blueprintVersion: number | null;
}

/** Whether the database holds nothing yet: no published blueprint and no users. */
export async function isEmptyDatabase(ctx: AppContext): Promise<boolean> {
  if ((await ctx.store.publishedVersion()) !== null) return false;
  const row = (await ctx.knex("users").count({ n: "*" }).first()) as { n: number | string } | undefined;
  return Number(row?.n ?? 0) === 0;
}

/**
 * Creates the admin user, the demo users and the demo plans where missing (users and plans only;
 * no blueprint). Used by {@link seed} and by tests that bring their own blueprint.
 */
export async function seedPeople(ctx: AppContext, options: { demo: boolean }): Promise<void> {
  const { users, plans } = ctx.host;
  if (!(await users.get(ADMIN_USER_ID))) {
    await users.create({ id: ADMIN_USER_ID, name: "Administrator", role: "admin", team: null });
  }
  if (!options.demo) return;
  // Supervisors before their reports: the demo list is in that order.
  for (const u of demoUsers) {
    if (await users.get(u.id)) continue;
    await users.create({ id: u.id, name: u.name.en, role: u.role, supervisor: u.supervisor, team: u.team, locale: "en" });
  }
  for (const p of demoPlans) {
    if (await plans.get(p.id)) continue;
    await plans.create({ id: p.id, metric: p.metric, owner: p.owner, period: p.period, start: p.start, target: p.target });
  }
}

/**
 * Seeds an empty database; does nothing to one that has a published blueprint or users.
 *
 * @example
 * const { seeded } = await seed(ctx, { demo: config.seedDemo });
 */
export async function seed(ctx: AppContext, options: { demo: boolean }): Promise<SeedResult> {
  if (!(await isEmptyDatabase(ctx))) return { seeded: false, blueprintVersion: await ctx.store.publishedVersion() };
  await ctx.host.settings.load();
  await seedPeople(ctx, options);
  const blueprintVersion = options.demo ? (await ctx.engine.publish(standardsBlueprint)).version : null;
  if (options.demo) await seedDemoDeals(ctx);
  return { seeded: true, blueprintVersion };
}

/**
 * Loads the demo clients and deals into a database that has the standards blueprint published:
 * the history up to now through `importDeals` (a refused row is our own bug, so it throws), then
 * the live deals through `createDeal` and `move`, on behalf of their managers (the few won today
 * get their client's NPS answer).
 */
async function seedDemoDeals(ctx: AppContext): Promise<void> {
  const now = ctx.clock.now();
  for (const c of demoClients) {
    if (!(await ctx.host.clients.get(c.id))) await ctx.host.clients.create({ id: c.id, name: c.name.en, segment: c.segment });
  }
  const history = demoDeals(now);
  const imported = await ctx.engine.importDeals(history);
  if (imported.errors.length) {
    throw new Error(`The demo deals do not fit the standards blueprint: ${imported.errors.slice(0, 5).map((e) => `row ${e.index}: ${e.message}`).join(" | ")}`);
  }
  for (const { deal, moves, answer } of demoLiveDeals(now, history)) {
    const created = await ctx.engine.createDeal(deal);
    for (const m of moves) await ctx.engine.move(created.id, m.stage, { actor: { user: deal.responsible }, ...(m.fields ? { fields: m.fields } : {}) });
    if (!answer) continue;
    const sent = (await ctx.engine.history(created.id)).find((h) => h.type === "survey.sent");
    if (!sent) throw new Error(`The demo deal '${deal.title}' was won but sent no survey.`);
    await ctx.engine.answerSurvey(String(sent.data["token"]), answer);
  }
}

/** One printed login link. */
export interface LoginLink {
  user: string;
  name: string;
  role: string;
  url: string;
}

/**
 * Issues a fresh login token for the admin and (with `demo`) each demo user that exists and is
 * active, answering their links `<publicUrl>/#token=…`.
 */
export async function issueLoginLinks(ctx: AppContext, options: { demo: boolean }): Promise<LoginLink[]> {
  const ids = [ADMIN_USER_ID, ...(options.demo ? demoUsers.map((u) => u.id) : [])];
  const base = ctx.config.publicUrl.replace(/\/+$/, "");
  const links: LoginLink[] = [];
  for (const id of ids) {
    const user = await ctx.host.users.get(id);
    if (!user?.active) continue;
    const { token } = await ctx.host.tokens.create(id, LOGIN_TOKEN_LABEL);
    links.push({ user: id, name: user.name, role: user.role, url: `${base}/#token=${token}` });
  }
  return links;
}
