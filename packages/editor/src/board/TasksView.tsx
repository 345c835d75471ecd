/**
 * "My tasks": open tasks due today and overdue ones (overdue first), or all open ones; complete or
 * reschedule each with a reason (standard 7). A supervisor switches to the team's tasks and sees
 * the reasons given for every reschedule (history `task.rescheduled`). Test ids: `tasks-view`,
 * `tasks-scope-mine|team`, `tasks-range-today|all`, groups `tasks-group-overdue|today|later|none`.
 */
import type { TaskRecord } from "@voronka/engine";
import { useEffect, useMemo, useState } from "react";
import { toApiError } from "../api/errors";
import { useT, type MessageKey } from "../i18n";
import { boardApi } from "./board-actions";
import { useBoardStore } from "./board-store";
import { rescheduleReasons } from "./DealTasks";
import { endOfDay, isOverdue } from "./format";
import { TaskItem } from "./TaskItem";
import { useNow } from "./use-now";

type Group = "overdue" | "today" | "later" | "none";
const GROUP_KEYS: Record<Group, MessageKey> = { overdue: "board.tasks.overdue", today: "board.tasks.today", later: "board.tasks.later", none: "board.tasks.noDeadline" };

/** Splits open tasks into overdue, due today, later and no deadline, each by deadline. */
export function groupTasks(tasks: readonly TaskRecord[], now: number): Record<Group, TaskRecord[]> {
  const end = endOfDay(now).toISOString();
  const out: Record<Group, TaskRecord[]> = { overdue: [], today: [], later: [], none: [] };
  for (const task of tasks) {
    if (task.status !== "open") continue;
    const group: Group = isOverdue(task, now) ? "overdue" : !task.deadline ? "none" : new Date(task.deadline).toISOString() <= end ? "today" : "later";
    out[group].push(task);
  }
  for (const list of Object.values(out)) list.sort((a, b) => (a.deadline ?? "").localeCompare(b.deadline ?? "") || a.id.localeCompare(b.id));
  return out;
}

/** The view (see the module comment). */
export function TasksView() {
  const t = useT();
  const now = useNow();
  const me = useBoardStore((s) => s.me);
  const revision = useBoardStore((s) => s.tasksRevision);
  const boardDeals = useBoardStore((s) => s.deals);
  const team = (me?.people.length ?? 0) > 1;
  const [scope, setScope] = useState<"mine" | "team">("mine");
  const [range, setRange] = useState<"today" | "all">("today");
  const [tasks, setTasks] = useState<TaskRecord[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [titles, setTitles] = useState<Record<string, string | null>>({});
  const [reasons, setReasons] = useState<Map<string, string[]>>(new Map());

  useEffect(() => {
    const api = boardApi();
    if (!api || !me?.user) return;
    let stale = false;
    const query = {
      status: "open" as const,
      ...(scope === "mine" ? { responsible: me.user.id } : {}),
      ...(range === "today" ? { dueBefore: endOfDay(Date.now()).toISOString() } : {}),
    };
    api.tasks(query, 3).then(async (list) => {
      if (stale) return;
      setTasks(list);
      setError(null);
      // Deal titles the board does not hold, and the reasons of rescheduled tasks.
      const deals = [...new Set(list.map((x) => x.deal))];
      const missing = deals.filter((id) => !(id in titles) && !boardDeals[id]);
      const fetched = await Promise.all(missing.map((id) => api.deal(id).then((d) => [id, d.title] as const, () => [id, null] as const)));
      const withReasons = [...new Set(list.filter((x) => x.reschedules > 0).map((x) => x.deal))];
      const histories = await Promise.all(withReasons.map((id) => api.history(id).catch(() => [])));
      if (stale) return;
      if (fetched.length) setTitles((old) => ({ ...old, ...Object.fromEntries(fetched) }));
      const merged = new Map<string, string[]>();
      for (const h of histories) for (const [task, list2] of rescheduleReasons(h)) merged.set(task, list2);
      setReasons(merged);
    }, (e: unknown) => { if (!stale) setError(toApiError(e).message); });
    return () => { stale = true; };
    // titles and boardDeals are caches for names: a change in them needs no new read.
  }, [me, scope, range, revision]);

  const groups = useMemo(() => groupTasks(tasks ?? [], now), [tasks, now]);
  const titleOf = (id: string) => boardDeals[id]?.deal.title ?? titles[id] ?? null;
  const total = tasks?.length ?? 0;

  return (
    <div className="tasks-view" data-testid="tasks-view">
      <div className="tasks-bar">
        {team ? (
          <div className="seg" role="group" aria-label={t("board.tasks.title")}>
            {(["mine", "team"] as const).map((s) => (
              <button key={s} type="button" aria-pressed={scope === s} className={`seg-btn${scope === s ? " is-active" : ""}`} onClick={() => setScope(s)} data-testid={`tasks-scope-${s}`}>
                {t(s === "mine" ? "board.tasks.scope.mine" : "board.tasks.scope.team")}
              </button>
            ))}
          </div>
        ) : null}
        <div className="seg" role="group" aria-label={t("board.view")}>
          {(["today", "all"] as const).map((r) => (
            <button key={r} type="button" aria-pressed={range === r} className={`seg-btn${range === r ? " is-active" : ""}`} onClick={() => setRange(r)} data-testid={`tasks-range-${r}`}>
              {t(r === "today" ? "board.tasks.range.today" : "board.tasks.range.all")}
            </button>
          ))}
        </div>
      </div>
      {error ? <p className="bf-error">{error}</p> : null}
      {tasks === null && !error ? <p className="muted">{t("common.loading")}</p> : null}
      {tasks !== null && !total ? <p className="tasks-empty" data-testid="tasks-empty">{t("board.tasks.empty")}</p> : null}
      <div className="tasks-groups">
        {(Object.keys(GROUP_KEYS) as Group[]).map((g) => groups[g].length ? (
          <section key={g} className={`tasks-group group-${g}`} data-testid={`tasks-group-${g}`}>
            <h2>{t(GROUP_KEYS[g])} <span className="board-column-count">{groups[g].length}</span></h2>
            <ul className="task-list">
              {groups[g].map((task) => (
                <TaskItem key={task.id} task={task} now={now} dealTitle={titleOf(task.deal)} reasons={reasons.get(task.id) ?? []} showResponsible={scope === "team"} />
              ))}
            </ul>
          </section>
        ) : null)}
      </div>
    </div>
  );
}
