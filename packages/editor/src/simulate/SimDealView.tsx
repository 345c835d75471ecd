/**
 * The running simulation: the virtual clock and how to advance it, the deal in focus with its
 * stage and fields, its open tasks, what can happen to it (move, activity, survey answer, webhook),
 * and its history in words.
 */
import { useMemo, useState } from "react";
import { useLocale, useT } from "../i18n";
import { editorRegistry, isStandInRobot } from "../model/registry";
import { textOf } from "../model/text";
import { useSessionStore } from "../store/session-store";
import { describeRow, formatInstant } from "./describe";
import { SimFields } from "./SimFields";
import { useSimStore } from "./sim-store";

const STEPS = [{ by: "PT1H", key: "sim.plusHour" }, { by: "P1D", key: "sim.plusDay" }, { by: "P7D", key: "sim.plusWeek" }] as const;

/** The running view (see the module comment). */
export function SimDealView() {
  const t = useT();
  const locale = useLocale();
  const catalogue = useSessionStore((s) => s.catalogue);
  const { sim, snapshot, focus, busy, act, setFocus, running } = useSimStore();
  const [moveTo, setMoveTo] = useState("");
  const [custom, setCustom] = useState("PT30M");
  const [activity, setActivity] = useState("");
  const [score, setScore] = useState("9");
  const registry = editorRegistry(catalogue);
  const blueprint = running;
  const deal = snapshot?.deals.find((d) => d.id === focus) ?? snapshot?.deals[0];
  const pipeline = blueprint?.pipelines.find((p) => p.id === deal?.pipeline);
  const ctx = useMemo(() => blueprint && sim && snapshot ? {
    blueprint, locale, timeZone: sim.timeZone, t, isStandIn: (type: string) => isStandInRobot(registry, type),
    pipelineOf: (id: string) => snapshot.deals.find((d) => d.id === id)?.pipeline,
  } : null, [blueprint, locale, sim, snapshot, t, registry]);
  if (!sim || !snapshot || !deal || !blueprint || !ctx) return null;

  const stage = pipeline?.stages.find((s) => s.id === deal.stage);
  const tasks = snapshot.tasks.filter((x) => x.deal === deal.id);
  const rows = snapshot.history.filter((r) => r.deal === deal.id);
  const openSurvey = [...rows].reverse().find((r) => r.type === "survey.sent" && !rows.some((a) => a.type === "survey.answered" && a.seq > r.seq));
  const webhooks = pipeline?.stages.flatMap((s) => s.triggers.filter((tr) => tr.type === "webhook")) ?? [];
  const now = snapshot.now.toISOString();

  return (
    <>
      <section className="section sim-clock">
        <div>
          <div className="field-label">{t("sim.clock")}</div>
          <div className="clock" data-testid="sim-clock">{formatInstant(now, locale, sim.timeZone)}</div>
        </div>
        <div className="actions">
          {STEPS.map((s) => (
            <button key={s.by} type="button" className="btn btn-small" disabled={busy} onClick={() => void act((x) => x.advance(s.by))} data-testid={`sim-advance-${s.by}`}>{t(s.key)}</button>
          ))}
          <input className="input input-mono input-short" value={custom} onChange={(e) => setCustom(e.target.value.toUpperCase())} aria-label={t("sim.customStep")} />
          <button type="button" className="btn btn-small" disabled={busy} onClick={() => void act((x) => x.advance(custom))}>{t("sim.advance")}</button>
        </div>
      </section>
      {snapshot.deals.length > 1 ? (
        <div className="sim-deals" role="tablist">
          {snapshot.deals.map((d) => (
            <button key={d.id} type="button" role="tab" aria-selected={d.id === deal.id} className={`tab-chip${d.id === deal.id ? " is-active" : ""}`} onClick={() => setFocus(d.id)}>
              {d.id} · {d.pipeline}
            </button>
          ))}
        </div>
      ) : null}
      <section className="section">
        <div className="sim-deal" data-testid="sim-deal">
          <strong>{deal.title}</strong>
          <span className={`badge badge-${stage?.kind ?? "process"}`} data-testid="sim-stage">{textOf(stage?.label, locale) || deal.stage}</span>
          <span className="muted">{t(`sim.status.${deal.status}`)} · {deal.amount} {deal.currency}</span>
        </div>
        <div className="add-row">
          <select className="input" value={moveTo} onChange={(e) => setMoveTo(e.target.value)} aria-label={t("sim.moveTo")}>
            <option value="">{t("sim.moveTo")}</option>
            {pipeline?.stages.filter((s) => s.id !== deal.stage).map((s) => <option key={s.id} value={s.id}>{textOf(s.label, locale) || s.id}</option>)}
          </select>
          <button type="button" className="btn btn-small btn-primary" disabled={busy || !moveTo} data-testid="sim-move"
            onClick={() => void act((x) => deal.status === "open" ? x.move(deal.id, moveTo) : x.reopen(deal.id, moveTo, t("sim.reopenReason")))}>
            {deal.status === "open" ? t("sim.move") : t("sim.reopen")}
          </button>
        </div>
      </section>
      <section className="section">
        <h3>{t("sim.tasks")} <span className="count">{tasks.length}</span></h3>
        {tasks.length ? (
          <ul className="sim-tasks" data-testid="sim-tasks">
            {tasks.map((task) => {
              const overdue = task.overdue || (task.deadline !== undefined && task.deadline < now);
              return (
                <li key={task.id} className={overdue ? "is-overdue" : ""}>
                  <span className="task-title">{textOf(task.title, locale) || task.id}</span>
                  <span className="task-due">{task.deadline ? formatInstant(task.deadline, locale, sim.timeZone) : t("sim.noDeadline")}{overdue ? ` · ${t("sim.overdue")}` : ""}</span>
                  <button type="button" className="btn btn-small" disabled={busy} onClick={() => void act((x) => x.completeTask(task.id))} data-testid={`sim-complete-${task.id}`}>{t("sim.complete")}</button>
                </li>
              );
            })}
          </ul>
        ) : <p className="muted">{t("sim.noTasks")}</p>}
      </section>
      <section className="section">
        <h3>{t("sim.events")}</h3>
        {blueprint.activityTypes.length ? (
          <div className="add-row">
            <select className="input" value={activity} onChange={(e) => setActivity(e.target.value)} aria-label={t("sim.activity")}>
              <option value="">{t("sim.activity")}</option>
              {blueprint.activityTypes.map((a) => <option key={a.id} value={a.id}>{textOf(a.label, locale) || a.id}</option>)}
            </select>
            <button type="button" className="btn btn-small" disabled={busy || !activity} onClick={() => void act((x) => x.logActivity(deal.id, activity))}>{t("sim.log")}</button>
          </div>
        ) : null}
        {openSurvey ? (
          <div className="add-row">
            <input className="input input-short" type="number" value={score} onChange={(e) => setScore(e.target.value)} aria-label={t("sim.score")} />
            <button type="button" className="btn btn-small" disabled={busy} onClick={() => void act((x) => x.answerSurvey(String(openSurvey.data["token"]), Number(score)))}>{t("sim.answer")}</button>
          </div>
        ) : null}
        {webhooks.map((w) => (
          <button key={w.id} type="button" className="btn btn-small" disabled={busy} onClick={() => void act((x) => x.webhook(w.id, deal.id))}>{t("sim.callWebhook", { id: w.id })}</button>
        ))}
        <SimFields deal={deal} blueprint={blueprint} />
      </section>
      <section className="section">
        <h3>{t("sim.history")}</h3>
        <ol className="sim-history" data-testid="sim-history">
          {rows.map((r) => {
            const d = describeRow(r, ctx);
            return (
              <li key={`${r.deal}-${r.seq}`} className={`history-${d.tone}`} data-type={r.type}>
                <time>{formatInstant(r.at, locale, sim.timeZone)}</time>
                <span>{d.text}</span>
              </li>
            );
          })}
        </ol>
        {snapshot.outbox.filter((o) => o.deal === deal.id).length ? (
          <p className="hint">{t("sim.outbox", { n: snapshot.outbox.filter((o) => o.deal === deal.id).length })}</p>
        ) : null}
      </section>
    </>
  );
}
