/**
 * A deal on the board: its title (a button that opens the deal card), amount, responsible (for a
 * supervisor), time in stage, and its marks — red with "No open task" (standard 7), "n overdue".
 * It drags (HTML5 drag and drop) to another column, and "Move to…" does the same by keyboard.
 * Test ids: `deal-card-<id>` with `data-red`, `data-overdue`, `data-stage`.
 */
import { memo, type DragEvent } from "react";
import { useLocale, useT } from "../i18n";
import type { Person } from "./board-api";
import { cardMarks, type BoardDeal } from "./board-model";
import { formatMoney, formatSpan, personName } from "./format";
import { MoveMenu, type MoveTarget } from "./MoveMenu";

/** The drag payload type: a deal id. */
export const DEAL_MIME = "application/x-voronka-deal";

/** Props: the deal, the moment its marks are computed for, the stages to offer, the callbacks. */
export interface DealTileProps {
  item: BoardDeal;
  now: number;
  targets: readonly MoveTarget[];
  people: readonly Person[];
  showResponsible: boolean;
  pendingTo?: string | undefined;
  flashed?: boolean;
  onOpen(id: string): void;
  onMove(id: string, stage: string): void;
  onDragState?(id: string | null): void;
}

function DealTileView({ item, now, targets, people, showResponsible, pendingTo, flashed, onOpen, onMove, onDragState }: DealTileProps) {
  const t = useT();
  const locale = useLocale();
  const { deal } = item;
  const marks = cardMarks(item, now);
  const open = deal.status === "open";
  const classes = ["deal-card", marks.red ? "is-red" : "", marks.overdue ? "is-overdue" : "", pendingTo ? "is-pending" : "", flashed ? "is-flashed" : "", open ? "" : "is-closed"];

  const onDragStart = (e: DragEvent) => {
    e.dataTransfer.setData(DEAL_MIME, deal.id);
    e.dataTransfer.setData("text/plain", deal.title);
    e.dataTransfer.effectAllowed = "move";
    onDragState?.(deal.id);
  };

  return (
    <article
      className={classes.filter(Boolean).join(" ")}
      draggable={open && !pendingTo}
      onDragStart={onDragStart}
      onDragEnd={() => onDragState?.(null)}
      data-testid={`deal-card-${deal.id}`}
      data-red={marks.red ? "true" : "false"}
      data-overdue={String(marks.overdue)}
      data-stage={deal.stage}
      aria-busy={pendingTo ? true : undefined}
    >
      <button type="button" className="deal-card-title" onClick={() => onOpen(deal.id)} aria-label={t("board.card.open", { title: deal.title })} data-testid={`open-deal-${deal.id}`}>
        {deal.title}
      </button>
      <div className="deal-card-meta">
        <span className="deal-card-amount">{formatMoney(deal.amount || 0, deal.currency, locale)}</span>
        {showResponsible ? <span className="deal-card-who" title={personName(people, deal.responsible)}>{personName(people, deal.responsible)}</span> : null}
      </div>
      <div className="deal-card-marks">
        {marks.red ? <span className="mark mark-red" data-testid="mark-no-task">{t("board.card.noTask")}</span> : null}
        {marks.overdue ? <span className="mark mark-overdue" data-testid="mark-overdue">⚠ {t("board.card.overdue", { n: marks.overdue })}</span> : null}
        <span className="mark mark-time" title={new Date(deal.stageEnteredAt).toLocaleString(locale)}>◷ {t("board.card.inStage", { span: formatSpan(marks.inStageMs, locale) })}</span>
      </div>
      {open ? (
        <div className="deal-card-actions">
          {pendingTo ? <span className="deal-card-pending">{t("board.card.moving")}</span> : null}
          <MoveMenu dealId={deal.id} title={deal.title} targets={targets.filter((s) => s.id !== deal.stage)} disabled={!!pendingTo} onPick={(stage) => onMove(deal.id, stage)} />
        </div>
      ) : null}
    </article>
  );
}

/** The card (see the module comment); re-renders only when its props change. */
export const DealTile = memo(DealTileView);
