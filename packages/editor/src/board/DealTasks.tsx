/**
 * The deal card's tasks tab: its open tasks (overdue first) with complete and reschedule, then the
 * done and cancelled ones; each rescheduled task shows the reasons given (history
 * `task.rescheduled`).
 */
import type { HistoryRow, TaskRecord } from "@voronka/engine";
import { useMemo } from "react";
import { useT } from "../i18n";
import type { DealView } from "./board-api";
import { isOverdue } from "./format";
import { TaskItem } from "./TaskItem";
import { useNow } from "./use-now";

/** The reasons given for each task's reschedules, oldest first, from history rows. */
export function rescheduleReasons(history: readonly Pick<HistoryRow, "type" | "data">[]): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const row of history) {
    if (row.type !== "task.rescheduled" || typeof row.data["task"] !== "string") continue;
    const list = out.get(row.data["task"]) ?? [];
    list.push(String(row.data["reason"] ?? ""));
    out.set(row.data["task"], list);
  }
  return out;
}

/** Open tasks first (overdue, then by deadline), then closed ones, newest first. */
export function orderTasks(tasks: readonly TaskRecord[], now: number): { open: TaskRecord[]; closed: TaskRecord[] } {
  const open = tasks.filter((x) => x.status === "open").sort((a, b) =>
    Number(isOverdue(b, now)) - Number(isOverdue(a, now)) || (a.deadline ?? "~").localeCompare(b.deadline ?? "~"));
  const closed = tasks.filter((x) => x.status !== "open").sort((a, b) => (b.closedAt ?? "").localeCompare(a.closedAt ?? ""));
  return { open, closed };
}

/** The tab (see the module comment). */
export function DealTasks({ deal, tasks, history }: { deal: DealView; tasks: readonly TaskRecord[]; history: readonly HistoryRow[] }) {
  const t = useT();
  const now = useNow();
  // The task list may lag behind the deal's own open tasks right after a change: take both.
  const all = useMemo(() => {
    const byId = new Map(tasks.map((x) => [x.id, x]));
    for (const x of deal.openTasks) if (!byId.has(x.id)) byId.set(x.id, x);
    return [...byId.values()];
  }, [tasks, deal.openTasks]);
  const { open, closed } = orderTasks(all, now);
  const reasons = useMemo(() => rescheduleReasons(history), [history]);
  return (
    <div className="deal-tasks" data-testid="deal-tasks">
      <h3>{t("board.deal.openTasks")}</h3>
      {open.length ? (
        <ul className="task-list">{open.map((x) => <TaskItem key={x.id} task={x} now={now} reasons={reasons.get(x.id) ?? []} />)}</ul>
      ) : deal.status === "open" ? <p className="mark-red-text" data-testid="deal-no-task">{t("board.deal.noTasks")}</p> : <p className="muted">—</p>}
      {closed.length ? (
        <>
          <h3>{t("board.deal.doneTasks")}</h3>
          <ul className="task-list">{closed.map((x) => <TaskItem key={x.id} task={x} now={now} reasons={reasons.get(x.id) ?? []} />)}</ul>
        </>
      ) : null}
    </div>
  );
}
