/**
 * One task in a list: its title, deadline (overdue marked), responsible, the deal it belongs to,
 * how often and why it was rescheduled, and "Complete" / "Reschedule" when the caller may act on
 * it. Test ids: `task-<id>` (with `data-overdue`), `task-complete-<id>`, `task-reschedule-<id>`.
 */
import type { TaskRecord } from "@voronka/engine";
import { useState } from "react";
import { useLocale, useT } from "../i18n";
import { useBoardStore } from "./board-store";
import { formatInstant, isOverdue, label, personName } from "./format";
import { RescheduleDialog } from "./RescheduleDialog";
import { canActOn, completeTask } from "./task-actions";

/** Props: the task, and what the list knows about it. */
export interface TaskItemProps {
  task: TaskRecord;
  now: number;
  /** The deal's title, when the list spans deals (a button that opens the deal). */
  dealTitle?: string | null;
  /** The reasons given for its reschedules, oldest first. */
  reasons?: readonly string[];
  showResponsible?: boolean;
}

/** The task row (see the module comment). */
export function TaskItem({ task, now, dealTitle, reasons = [], showResponsible = true }: TaskItemProps) {
  const t = useT();
  const locale = useLocale();
  const me = useBoardStore((s) => s.me);
  const people = me?.people ?? [];
  const [rescheduling, setRescheduling] = useState(false);
  const [busy, setBusy] = useState(false);
  const overdue = isOverdue(task, now);
  const open = task.status === "open";
  const mayAct = open && canActOn(me, task);
  const title = label(task.title, locale, task.id);
  const lastReason = reasons.at(-1);

  return (
    <li className={`task-item${overdue ? " is-overdue" : ""}${open ? "" : " is-closed"}`} data-testid={`task-${task.id}`} data-overdue={overdue ? "true" : "false"}>
      <div className="task-main">
        <div className="task-title">
          {open ? null : <span className="task-status" aria-hidden>{task.status === "completed" ? "✓" : "✕"}</span>}
          {title}
        </div>
        <div className="task-meta">
          {task.deadline ? (
            <span className={overdue ? "mark mark-overdue" : "task-due"}>{overdue ? "⚠ " : ""}{t("board.tasks.due", { deadline: formatInstant(task.deadline, locale) })}</span>
          ) : <span className="muted">{t("board.tasks.noDeadline")}</span>}
          {showResponsible ? <span>· {personName(people, task.responsible)}</span> : null}
          {dealTitle !== undefined ? (
            <span>· <button type="button" className="link-btn" onClick={() => useBoardStore.getState().set({ openDeal: task.deal })} data-testid={`task-deal-${task.id}`}>{dealTitle ?? task.deal}</button></span>
          ) : null}
          {task.reschedules > 0 ? <span className="muted">· {t("board.tasks.reschedules", { n: task.reschedules })}</span> : null}
        </div>
        {lastReason ? <div className="task-reason" data-testid={`task-reason-${task.id}`}>{t("board.tasks.lastReason", { reason: lastReason })}</div> : null}
      </div>
      {mayAct ? (
        <div className="task-actions">
          <button type="button" className="btn btn-small" disabled={busy} onClick={() => setRescheduling(true)} data-testid={`task-reschedule-${task.id}`}>{t("board.tasks.reschedule")}</button>
          <button type="button" className="btn btn-small btn-primary" disabled={busy} data-testid={`task-complete-${task.id}`}
            onClick={async () => { setBusy(true); await completeTask(task); setBusy(false); }}>✓ {t("board.tasks.complete")}</button>
        </div>
      ) : open ? <div className="task-actions muted" title={t("board.tasks.notYours", { who: personName(people, task.responsible) })}>🔒</div> : null}
      {rescheduling ? <RescheduleDialog task={task} onClose={() => setRescheduling(false)} /> : null}
    </li>
  );
}
