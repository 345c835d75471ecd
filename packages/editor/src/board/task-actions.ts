/**
 * Completing and rescheduling tasks from the board. Rescheduling needs a reason (standard 7): the
 * form refuses an empty one itself, and the server's own refusal (422 `REASON_REQUIRED`) comes
 * back as an {@link ApiError} for the form to show.
 */
import type { TaskRecord } from "@voronka/engine";
import { ApiError, toApiError } from "../api/errors";
import { t, useLocaleStore } from "../i18n";
import { useUiStore } from "../store/ui-store";
import { boardApi, refreshDeal } from "./board-actions";
import type { Me } from "./board-api";
import { useBoardStore } from "./board-store";
import { formatInstant, label } from "./format";

/** Whether the caller may close or reschedule a task: its responsible is in their scope. */
export function canActOn(me: Me | null, task: Pick<TaskRecord, "responsible">): boolean {
  if (!me) return false;
  return me.scope === "all" || me.scope.includes(task.responsible);
}

function afterChange(task: TaskRecord): void {
  useBoardStore.setState((s) => ({ tasksRevision: s.tasksRevision + 1 }));
  void refreshDeal(task.deal);
}

/** Completes a task; answers whether it worked (a failure is shown as a notice). */
export async function completeTask(task: TaskRecord): Promise<boolean> {
  const api = boardApi();
  if (!api) return false;
  try {
    await api.completeTask(task.id);
    useUiStore.getState().notify("success", t("board.tasks.completed", { title: label(task.title, useLocaleStore.getState().locale, task.id) }));
    afterChange(task);
    return true;
  } catch (e) {
    useUiStore.getState().notify("error", toApiError(e).message);
    return false;
  }
}

/** Why a reschedule was refused before or by the server. */
export type RescheduleRefusal = { kind: "reason" } | { kind: "deadline" } | { kind: "server"; error: ApiError };

/**
 * Checks the form's values: a reason that is not blank and a readable deadline.
 *
 * @example
 * rescheduleProblem("2026-05-01T10:00:00.000Z", "  ") // { kind: "reason" }
 */
export function rescheduleProblem(deadline: string | null, reason: string): RescheduleRefusal | null {
  if (!reason.trim()) return { kind: "reason" };
  if (!deadline || Number.isNaN(Date.parse(deadline))) return { kind: "deadline" };
  return null;
}

/** Moves a task's deadline with a reason; answers null when done, or why it was refused. */
export async function rescheduleTask(task: TaskRecord, deadline: string | null, reason: string): Promise<RescheduleRefusal | null> {
  const problem = rescheduleProblem(deadline, reason);
  if (problem) return problem;
  const api = boardApi();
  if (!api) return { kind: "server", error: new ApiError(0, "OFFLINE", "You are not signed in to a server.") };
  try {
    await api.rescheduleTask(task.id, deadline!, reason.trim());
    const locale = useLocaleStore.getState().locale;
    useUiStore.getState().notify("success", t("board.tasks.rescheduled", { title: label(task.title, locale, task.id), deadline: formatInstant(deadline, locale) }));
    afterChange(task);
    return null;
  } catch (e) {
    return { kind: "server", error: toApiError(e) };
  }
}
