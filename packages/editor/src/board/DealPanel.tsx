/**
 * The deal card: a panel at the right of the board with the deal's head (stage, amount,
 * responsible, time in stage, "Move to…") and four tabs — fields (by type, editable), tasks (open
 * and done), history (in words, with "log an activity") and "why here" (`explain`). Escape
 * closes it and gives focus back to where it was. Test id: `deal-panel`.
 */
import { useEffect, useRef, useState } from "react";
import { useLocale, useT, type MessageKey } from "../i18n";
import { textOf } from "../model/text";
import { moveDeal } from "./board-actions";
import { useBoardStore } from "./board-store";
import { DealExplain } from "./DealExplain";
import { DealFields } from "./DealFields";
import { DealHistory } from "./DealHistory";
import { DealTasks } from "./DealTasks";
import { formatInstant, formatMoney, formatSpan, personName, pipelineLabel, pipelineOf, stageLabel } from "./format";
import { MoveMenu } from "./MoveMenu";
import { useDealData } from "./use-deal-data";

type Tab = "fields" | "tasks" | "history" | "why";
const TABS: Tab[] = ["fields", "tasks", "history", "why"];

/** The panel; renders nothing while no deal is open. */
export function DealPanel() {
  const id = useBoardStore((s) => s.openDeal);
  if (!id) return null;
  return <DealPanelView key={id} id={id} />;
}

function DealPanelView({ id }: { id: string }) {
  const t = useT();
  const locale = useLocale();
  const blueprint = useBoardStore((s) => s.blueprint);
  const people = useBoardStore((s) => s.me?.people ?? []);
  const pendingTo = useBoardStore((s) => s.pending[id]);
  const data = useDealData(id);
  const [tab, setTab] = useState<Tab>("fields");
  const panel = useRef<HTMLElement>(null);
  const close = () => useBoardStore.getState().set({ openDeal: null });

  useEffect(() => {
    const previous = document.activeElement as HTMLElement | null;
    panel.current?.focus();
    return () => previous?.focus?.();
  }, []);

  const deal = data.view;
  const pipeline = pipelineOf(blueprint, deal?.pipeline);
  const targets = (pipeline?.stages ?? []).filter((s) => s.id !== deal?.stage).map((s) => ({ id: s.id, label: textOf(s.label, locale) || s.id, kind: s.kind }));

  return (
    <aside
      ref={panel}
      className="deal-panel"
      role="dialog"
      aria-label={deal?.title ?? id}
      tabIndex={-1}
      data-testid="deal-panel"
      onKeyDown={(e) => { if (e.key === "Escape" && !e.defaultPrevented) { e.stopPropagation(); close(); } }}
    >
      <header className="deal-panel-head">
        <div className="deal-panel-title">
          <h2 data-testid="deal-panel-title">{deal?.title ?? (data.notFound ? t("board.deal.notFound") : t("common.loading"))}</h2>
          <button type="button" className="icon-btn" onClick={close} aria-label={t("board.deal.close")} data-testid="deal-panel-close">✕</button>
        </div>
        {deal ? (
          <>
            <dl className="deal-facts">
              <div><dt>{t("board.deal.stage")}</dt><dd data-testid="deal-panel-stage">{pipelineLabel(blueprint, deal.pipeline, locale)} / {stageLabel(blueprint, deal.pipeline, deal.stage, locale)}</dd></div>
              <div><dt>{t("board.deal.amount")}</dt><dd>{formatMoney(deal.amount || 0, deal.currency, locale)}</dd></div>
              <div><dt>{t("board.deal.responsible")}</dt><dd>{personName(people, deal.responsible)}</dd></div>
              <div>
                <dt>{t("board.deal.inStage")}</dt>
                <dd title={formatInstant(deal.stageEnteredAt, locale)}>{formatInstant(deal.stageEnteredAt, locale)} ({formatSpan(Date.now() - Date.parse(deal.stageEnteredAt), locale)})</dd>
              </div>
            </dl>
            <div className="deal-panel-bar">
              <span className={`status status-${deal.status}`}>{t(`board.deal.status.${deal.status}` as MessageKey)}</span>
              {deal.status === "open" && !deal.openTasks.length ? <span className="mark mark-red">{t("board.card.noTask")}</span> : null}
              {deal.status === "open" ? (
                <MoveMenu dealId={`panel-${deal.id}`} title={deal.title} targets={targets} disabled={!!pendingTo} onPick={(stage) => void moveDeal(deal.id, stage)} />
              ) : null}
            </div>
          </>
        ) : null}
        <div className="tabs" role="tablist" aria-label={deal?.title ?? id}>
          {TABS.map((x) => (
            <button key={x} type="button" role="tab" id={`deal-tab-${x}`} aria-selected={tab === x} aria-controls="deal-tabpanel"
              className={`tab${tab === x ? " is-active" : ""}`} onClick={() => setTab(x)} data-testid={`deal-tab-${x}`}
              onKeyDown={(e) => {
                if (e.key !== "ArrowRight" && e.key !== "ArrowLeft") return;
                const next = TABS[(TABS.indexOf(x) + (e.key === "ArrowRight" ? 1 : TABS.length - 1)) % TABS.length]!;
                setTab(next);
                document.getElementById(`deal-tab-${next}`)?.focus();
              }}>
              {t(`board.deal.tab.${x}` as MessageKey)}
            </button>
          ))}
        </div>
      </header>
      <div className="deal-panel-body" id="deal-tabpanel" role="tabpanel" aria-labelledby={`deal-tab-${tab}`}>
        {data.error && !deal ? <p className="bf-error">{data.notFound ? t("board.deal.notFound") : data.error}</p> : null}
        {deal && tab === "fields" ? <DealFields deal={deal} linked={data.linked} onSaved={data.reload} /> : null}
        {deal && tab === "tasks" ? <DealTasks deal={deal} tasks={data.tasks} history={data.history} /> : null}
        {deal && tab === "history" ? <DealHistory deal={deal} history={data.history} tasks={data.tasks} linked={data.linked} /> : null}
        {deal && tab === "why" ? <DealExplain deal={deal} explain={data.explain} /> : null}
      </div>
    </aside>
  );
}
