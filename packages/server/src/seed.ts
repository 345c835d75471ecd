/**
 * The first-start seed and the login links.
 *
 * Into an empty database (no published blueprint and no users) the seed writes the workspace
 * settings, an `admin` user and — with `seedDemo` — the standards blueprint (published), the demo
 * users (a head of sales, supervisors, managers) and the demo plans from `@voronka/standards/demo`.
 * Tokens are stored as hashes, so a login link can only be printed when its token is made: each
 * start issues fresh login tokens (labelled {@link LOGIN_TOKEN_LABEL}) for the admin and, with
 * `seedDemo`, for every demo user. Earlier ones keep working until revoked.
 */
import { standardsBlueprint } from "@voronka/standards";
import { demoPlans, demoUsers } from "@voronka/standards/demo";
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
  return { seeded: true, blueprintVersion };
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
