/**
 * The board as data, before any React: a deal with its marks (red: no open task, standard 7;
 * overdue tasks; time in stage) and the pipeline's stages as columns with the deals in them.
 */
import type { DealRecord, Pipeline, Stage, TaskRecord } from "@voronka/engine";
import { isOverdue } from "./format";

/** A deal on the board: its record and what the card marks. */
export interface BoardDeal {
  deal: DealRecord;
  /** Open, with no open task: shown in red (standard 7). */
  noOpenTask: boolean;
  /** Its open tasks past their deadline. */
  overdue: number;
  /** The earliest deadline of its open tasks, when known. */
  nextDeadline?: string;
}

/** One column: a stage and its deals. */
export interface BoardColumn {
  stage: Stage;
  deals: BoardDeal[];
  /** The sum of the column's amounts by currency. */
  totals: { currency: string; amount: number }[];
}

/** The board's filters. */
export interface BoardFilter {
  /** Only this responsible's deals. */
  responsible?: string | null;
  /** Only deals with no open task. */
  noOpenTaskOnly?: boolean;
}

/** What a card shows besides the record: red, overdue count, time in its stage (ms). */
export interface CardMarks {
  red: boolean;
  overdue: number;
  inStageMs: number;
}

/** The marks of a card at `now`. */
export function cardMarks(item: BoardDeal, now: number): CardMarks {
  return {
    red: item.deal.status === "open" && item.noOpenTask,
    overdue: item.overdue,
    inStageMs: Math.max(0, now - Date.parse(item.deal.stageEnteredAt)),
  };
}

/** A board deal from a record and its open tasks (from `GET /api/deals/:id` or a task list). */
export function boardDealOf(deal: DealRecord, openTasks: readonly Pick<TaskRecord, "deadline" | "overdue" | "status">[], now: number): BoardDeal {
  const open = openTasks.filter((t) => t.status === undefined || t.status === "open");
  const deadlines = open.map((t) => t.deadline).filter((d): d is string => typeof d === "string").sort();
  return {
    deal,
    noOpenTask: open.length === 0,
    overdue: open.filter((t) => isOverdue(t, now)).length,
    ...(deadlines[0] !== undefined ? { nextDeadline: deadlines[0] } : {}),
  };
}

/**
 * Orders a column: red deals first (they need a task), then those with overdue tasks, then the
 * longest in the stage.
 */
export function compareCards(a: BoardDeal, b: BoardDeal): number {
  const red = Number(b.noOpenTask && b.deal.status === "open") - Number(a.noOpenTask && a.deal.status === "open");
  if (red) return red;
  const overdue = Number(b.overdue > 0) - Number(a.overdue > 0);
  if (overdue) return overdue;
  const since = a.deal.stageEnteredAt.localeCompare(b.deal.stageEnteredAt);
  return since || a.deal.id.localeCompare(b.deal.id);
}

/** Whether a deal passes the filters. */
export function passes(item: BoardDeal, filter: BoardFilter): boolean {
  if (filter.responsible && item.deal.responsible !== filter.responsible) return false;
  if (filter.noOpenTaskOnly && !(item.noOpenTask && item.deal.status === "open")) return false;
  return true;
}

/**
 * The pipeline's columns in blueprint order (process stages, then success, then failure), each
 * with its deals that pass the filters. Deals of other pipelines or of stages the pipeline no
 * longer has are left out.
 */
export function groupColumns(pipeline: Pipeline, deals: Iterable<BoardDeal>, filter: BoardFilter = {}): BoardColumn[] {
  const order = (s: Stage) => (s.kind === "process" ? 0 : s.kind === "success" ? 1 : 2);
  const stages = pipeline.stages.map((s, i) => ({ s, i })).sort((a, b) => order(a.s) - order(b.s) || a.i - b.i).map((x) => x.s);
  const byStage = new Map<string, BoardDeal[]>(stages.map((s) => [s.id, []]));
  for (const item of deals) {
    if (item.deal.pipeline !== pipeline.id || !passes(item, filter)) continue;
    byStage.get(item.deal.stage)?.push(item);
  }
  return stages.map((stage) => {
    const list = byStage.get(stage.id)!.sort(compareCards);
    const sums = new Map<string, number>();
    for (const d of list) sums.set(d.deal.currency, (sums.get(d.deal.currency) ?? 0) + (d.deal.amount || 0));
    return { stage, deals: list, totals: [...sums].map(([currency, amount]) => ({ currency, amount })) };
  });
}

/** Counts for the board's summary line. */
export function summarize(columns: readonly BoardColumn[]): { deals: number; red: number; overdue: number } {
  let deals = 0, red = 0, overdue = 0;
  for (const c of columns) {
    if (c.stage.kind !== "process") continue;
    for (const d of c.deals) {
      deals++;
      if (d.noOpenTask && d.deal.status === "open") red++;
      if (d.overdue > 0) overdue++;
    }
  }
  return { deals, red, overdue };
}
