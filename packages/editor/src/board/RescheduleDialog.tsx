/**
 * Rescheduling a task (standard 7): the new deadline and the reason, which is required — an empty
 * one is refused here with a message, and a refusal from the server (422 `REASON_REQUIRED`, a
 * closed task, no rights) is shown in the dialog too. Test ids: `reschedule-dialog`,
 * `reschedule-deadline`, `reschedule-reason`, `reschedule-submit`, `reschedule-error`.
 */
import type { TaskRecord } from "@voronka/engine";
import { useState } from "react";
import { useLocale, useT } from "../i18n";
import { Modal } from "../panels/Modal";
import { fromLocalInput, label, toLocalInput } from "./format";
import { rescheduleTask, type RescheduleRefusal } from "./task-actions";

/** Props: the task, and what to do when the dialog closes (`done` after a reschedule). */
export interface RescheduleDialogProps {
  task: TaskRecord;
  onClose(done: boolean): void;
}

/** A suggested new deadline: the next working day at the old deadline's time (or 10:00). */
export function suggestedDeadline(task: Pick<TaskRecord, "deadline">, now = Date.now()): Date {
  const base = new Date(now);
  const old = task.deadline ? new Date(task.deadline) : null;
  const d = new Date(base.getFullYear(), base.getMonth(), base.getDate() + 1, old ? old.getHours() : 10, old ? old.getMinutes() : 0);
  while (d.getDay() === 0 || d.getDay() === 6) d.setDate(d.getDate() + 1);
  return d;
}

/** The dialog (see the module comment). */
export function RescheduleDialog({ task, onClose }: RescheduleDialogProps) {
  const t = useT();
  const locale = useLocale();
  const [deadline, setDeadline] = useState(() => toLocalInput(suggestedDeadline(task)));
  const [reason, setReason] = useState("");
  const [refusal, setRefusal] = useState<RescheduleRefusal | null>(null);
  const [busy, setBusy] = useState(false);
  const title = label(task.title, locale, task.id);

  const submit = async () => {
    setBusy(true);
    const result = await rescheduleTask(task, fromLocalInput(deadline), reason);
    setBusy(false);
    setRefusal(result);
    if (!result) onClose(true);
  };
  const message = refusal === null ? null
    : refusal.kind === "reason" ? t("board.reschedule.reasonRequired")
    : refusal.kind === "deadline" ? t("board.reschedule.deadlineRequired")
    : `${refusal.error.message}${refusal.error.code ? ` (${refusal.error.code})` : ""}`;

  return (
    <Modal
      title={t("board.reschedule.title", { title })}
      onClose={() => onClose(false)}
      testId="reschedule-dialog"
      footer={
        <>
          <button type="button" className="btn btn-ghost" onClick={() => onClose(false)}>{t("dialog.cancel")}</button>
          <button type="submit" form="reschedule-form" className="btn btn-primary" disabled={busy} data-testid="reschedule-submit">{t("board.reschedule.submit")}</button>
        </>
      }
    >
      <p>{t("board.reschedule.explain")}</p>
      <form id="reschedule-form" className="bf-form" noValidate onSubmit={(e) => { e.preventDefault(); void submit(); }}>
        <div className="bf-field">
          <label className="bf-label" htmlFor="reschedule-deadline">{t("board.reschedule.deadline")}</label>
          <input id="reschedule-deadline" className="input" type="datetime-local" value={deadline} onChange={(e) => setDeadline(e.target.value)}
            aria-invalid={refusal?.kind === "deadline" || undefined} data-testid="reschedule-deadline" />
        </div>
        <div className={`bf-field${refusal?.kind === "reason" ? " has-error" : ""}`}>
          <label className="bf-label" htmlFor="reschedule-reason">{t("board.reschedule.reason")}<span className="bf-required" aria-hidden> *</span></label>
          <textarea id="reschedule-reason" className="input bf-textarea" rows={3} value={reason} placeholder={t("board.reschedule.reasonPlaceholder")}
            aria-required aria-invalid={refusal?.kind === "reason" || (refusal?.kind === "server" && refusal.error.code === "REASON_REQUIRED") || undefined}
            onChange={(e) => { setReason(e.target.value); if (refusal?.kind === "reason") setRefusal(null); }} data-testid="reschedule-reason" />
        </div>
      </form>
      {message ? <p className="bf-error" role="alert" data-testid="reschedule-error" data-kind={refusal?.kind}>{message}</p> : null}
    </Modal>
  );
}
