/**
 * The deal list and the deal card, read straight from SQL: filters, scope and keyset paging in
 * one query on `deals` (newest first), and a deal's survey links from `surveys`.
 */
import type { DealRecord, LoadedDeal } from "@voronka/engine";
import type { AppContext, Caller } from "../../context";
import { whereInScope, whereTeam } from "./access";
import { dealFromRow, decodeCursor, encodeCursor } from "./rows";

/** The filters of `GET /api/deals`. */
export interface DealListFilter {
  pipeline?: string | undefined;
  stage?: string | undefined;
  responsible?: string | undefined;
  team?: string | undefined;
  status?: DealRecord["status"] | undefined;
  noOpenTask?: boolean | undefined;
  limit: number;
  cursor?: string | undefined;
}

/** A page of a list: `nextCursor` is null on the last page. */
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/**
 * One page of the deals in the caller's scope, newest first (`created_at`, then `id`, both
 * descending), paged by keyset so a page costs the same wherever it is.
 */
export async function listDeals(ctx: AppContext, caller: Caller, f: DealListFilter): Promise<Page<DealRecord>> {
  const { knex } = ctx;
  let q = knex("deals as d").select("d.*");
  q = whereInScope(q, "d.responsible", caller);
  q = whereTeam(knex, q, "d.responsible", f.team);
  if (f.pipeline !== undefined) q = q.where("d.pipeline", f.pipeline);
  if (f.stage !== undefined) q = q.where("d.stage", f.stage);
  if (f.responsible !== undefined) q = q.where("d.responsible", f.responsible);
  if (f.status !== undefined) q = q.where("d.status", f.status);
  if (f.noOpenTask !== undefined) {
    const open = knex("tasks as t").select(knex.raw("1")).whereRaw("t.deal = d.id").where("t.status", "open");
    q = f.noOpenTask ? q.whereNotExists(open) : q.whereExists(open);
  }
  if (f.cursor !== undefined) {
    const [createdAt, id] = decodeCursor(f.cursor, 2).map(String) as [string, string];
    q = q.where((w) => w.where("d.created_at", "<", createdAt).orWhere((x) => x.where("d.created_at", createdAt).andWhere("d.id", "<", id)));
  }
  const rows = (await q.orderBy([{ column: "d.created_at", order: "desc" }, { column: "d.id", order: "desc" }]).limit(f.limit + 1)) as Record<string, unknown>[];
  const items = rows.slice(0, f.limit).map(dealFromRow);
  const last = items.at(-1);
  return { items, nextCursor: rows.length > f.limit && last ? encodeCursor([last.createdAt, last.id]) : null };
}

/** A survey sent for a deal, as the deal card shows it. */
export interface DealSurvey {
  survey: string;
  url: string;
  status: string;
  sentAt: string;
  answeredAt: string | null;
  score: number | null;
  band: string | null;
}

/** A link the engine made relative (`/s/<token>`), made absolute with the server's public URL. */
function absoluteUrl(ctx: AppContext, url: string): string {
  try {
    return new URL(url, ctx.config.publicUrl).toString();
  } catch {
    return url;
  }
}

/** The surveys sent for a deal, oldest first, with absolute links. */
export async function surveysOf(ctx: AppContext, dealId: string): Promise<DealSurvey[]> {
  const rows = (await ctx.knex("surveys").where("deal", dealId).orderBy("sent_at", "asc")) as Record<string, unknown>[];
  return rows.map((r) => ({
    survey: String(r["survey"]),
    url: absoluteUrl(ctx, String(r["url"])),
    status: String(r["status"]),
    sentAt: String(r["sent_at"]),
    answeredAt: r["answered_at"] == null ? null : String(r["answered_at"]),
    score: r["score"] == null ? null : Number(r["score"]),
    band: r["band"] == null ? null : String(r["band"]),
  }));
}

/** The deal card of `GET /api/deals/:id`: the deal's attributes, its open tasks and its surveys. */
export type DealView = DealRecord & { openTasks: LoadedDeal["openTasks"]; surveys: DealSurvey[] };

/** Builds the deal card from a loaded deal. */
export async function dealView(ctx: AppContext, loaded: LoadedDeal): Promise<DealView> {
  return { ...loaded.record, openTasks: loaded.openTasks, surveys: await surveysOf(ctx, loaded.record.id) };
}
