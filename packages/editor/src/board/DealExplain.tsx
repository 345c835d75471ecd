/**
 * The deal card's "why here" tab, from `GET /api/deals/:id/explain`: how the deal got to its
 * stage, what it waits for (open tasks, delayed robots, triggers that can pull it on), what the
 * next stage still needs, robots that did not run (their conditions in words) or failed, and
 * recent refused moves — in the UI language, with the blueprint's labels.
 */
import type { Explanation } from "@voronka/engine";
import { useLocale, useT, type MessageKey } from "../i18n";
import type { DealView } from "./board-api";
import { useBoardStore } from "./board-store";
import { conditionInWords } from "./condition-in-words";
import { fieldLabel, formatInstant, label, personName, stageLabel } from "./format";
import { actorInWords, conditionWords, coreName, robotName, triggerName } from "./history-in-words";

/** The tab (see the module comment). */
export function DealExplain({ deal, explain }: { deal: DealView; explain: Explanation | null }) {
  const t = useT();
  const locale = useLocale();
  const blueprint = useBoardStore((s) => s.blueprint);
  const people = useBoardStore((s) => s.me?.people ?? []);
  if (!explain) return <p className="muted">—</p>;
  const stage = (id: unknown) => stageLabel(blueprint, deal.pipeline, id, locale);
  const field = (id: string) => fieldLabel(blueprint, id, locale, (x) => coreName(x, locale));
  const words = conditionWords(blueprint, locale);
  const at = (iso: unknown) => formatInstant(iso, locale);
  const a = explain.arrived;
  const byKey = a && ["manual", "trigger", "robot", "tunnel", "reopen", "import", "publish"].includes(a.by) ? t(`board.by.${a.by}` as MessageKey) : a?.by ?? "";
  const arrived = !a ? null
    : !a.from ? t("board.why.created", { who: actorInWords(a.actor, { locale, people }), at: at(a.at) })
    : a.trigger ? t("board.why.cameTrigger", { from: stage(a.from.includes("/") ? a.from.split("/")[1] : a.from), at: at(a.at), trigger: triggerName(blueprint, a.trigger, locale) })
    : t("board.why.came", { from: stage(a.from.includes("/") ? a.from.split("/")[1] : a.from), at: at(a.at), by: a.by === "manual" ? `${byKey} (${actorInWords(a.actor, { locale, people })})` : byKey });

  const waits: string[] = [];
  for (const task of explain.openTasks) {
    const p = { title: label(task.title, locale, task.task), who: personName(people, task.responsible), deadline: at(task.deadline) };
    waits.push(task.waitingForEvent ? t("board.why.taskWaiting", { ...p, event: task.waitingForEvent })
      : !task.deadline ? t("board.why.taskNoDeadline", p)
      : t(task.overdue ? "board.why.taskOverdue" : "board.why.task", p));
  }
  for (const r of explain.waitingRobots) {
    waits.push(r.dueAt ? t("board.why.robotAt", { robot: robotName(blueprint, r.robot, locale), at: at(r.dueAt) }) : t("board.why.robotField", { robot: robotName(blueprint, r.robot, locale), field: field(r.field ?? "") }));
  }
  for (const tr of explain.triggers) waits.push(t("board.why.trigger", { trigger: triggerName(blueprint, tr.trigger, locale), stage: stage(tr.stage) }));

  return (
    <div className="deal-explain" data-testid="deal-explain">
      <section className="deal-section">
        <h3>{t("board.why.arrived")}</h3>
        {arrived ? <p>{arrived}</p> : null}
        {explain.status !== "open" ? <p>{t("board.why.closed")}</p> : null}
      </section>
      {explain.status === "open" ? (
        <section className="deal-section">
          <h3>{t("board.why.waits")}</h3>
          {waits.length ? <ul className="plain-list bullets">{waits.map((w, i) => <li key={i}>{w}</li>)}</ul> : <p className="mark-red-text">{t("board.why.noTask")}</p>}
        </section>
      ) : null}
      {explain.nextStage ? (
        <section className="deal-section" data-testid="explain-next">
          <h3>{t("board.why.next", { stage: stage(explain.nextStage.stage) })}</h3>
          <p>{explain.nextStage.missing.length ? t("board.why.nextMissing", { missing: explain.nextStage.missing.map(field).join(", ") }) : t("board.why.nextReady")}</p>
        </section>
      ) : null}
      {explain.skippedRobots.length ? (
        <section className="deal-section">
          <h3>{t("board.why.skipped")}</h3>
          <ul className="plain-list bullets">
            {explain.skippedRobots.map((s, i) => (
              <li key={i}>{robotName(blueprint, s.robot, locale)}: {s.reason === "condition-false" && s.condition !== undefined ? conditionInWords(s.condition, words) : t("board.reason.deal-left-stage")}</li>
            ))}
          </ul>
        </section>
      ) : null}
      {explain.failedRobots.length ? (
        <section className="deal-section">
          <h3>{t("board.why.failed")}</h3>
          <ul className="plain-list bullets">{explain.failedRobots.map((f, i) => <li key={i}>{robotName(blueprint, f.robot, locale)}: {f.error}</li>)}</ul>
        </section>
      ) : null}
      {explain.blockedMoves.length ? (
        <section className="deal-section">
          <h3>{t("board.why.blocked")}</h3>
          <ul className="plain-list bullets">
            {explain.blockedMoves.map((b, i) => <li key={i}>{t("board.why.blockedRow", { at: at(b.at), to: stage(b.to), missing: b.missing.map(field).join(", ") || b.guard || "—" })}</li>)}
          </ul>
        </section>
      ) : null}
    </div>
  );
}
