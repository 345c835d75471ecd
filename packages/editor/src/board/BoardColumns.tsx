/**
 * The pipeline's stages as kanban columns (process stages in order, then success and failure),
 * each a drop target for a dragged deal. Dropping calls the same move as "Move to…". While a deal
 * is dragged, the success and failure stages also appear as drop zones pinned to the bottom of
 * the board, in reach however far the columns scroll. Test ids: `column-<stage>` (with
 * `data-count`), `column-drop-<stage>` while a drag is over it, `drop-zone-<stage>` during a drag.
 */
import { useCallback, useMemo, useState, type DragEvent } from "react";
import type { Pipeline } from "@voronka/engine";
import { useLocale, useT } from "../i18n";
import { textOf } from "../model/text";
import type { Person } from "./board-api";
import type { BoardColumn } from "./board-model";
import { DEAL_MIME, DealTile } from "./DealTile";
import { formatMoney } from "./format";
import type { MoveTarget } from "./MoveMenu";

/** Props: the pipeline, its columns, and what the cards need. */
export interface BoardColumnsProps {
  pipeline: Pipeline;
  columns: readonly BoardColumn[];
  now: number;
  people: readonly Person[];
  showResponsible: boolean;
  pending: Readonly<Record<string, string>>;
  flashed: Readonly<Record<string, number>>;
  onOpen(id: string): void;
  onMove(id: string, stage: string): void;
}

/** How many cards a closed column shows (the rest are counted). */
const CLOSED_LIMIT = 30;

/** The columns (see the module comment). */
export function BoardColumns({ pipeline, columns, now, people, showResponsible, pending, flashed, onOpen, onMove }: BoardColumnsProps) {
  const t = useT();
  const locale = useLocale();
  const [dragging, setDragging] = useState<string | null>(null);
  const [over, setOver] = useState<string | null>(null);
  const targets: MoveTarget[] = useMemo(
    () => columns.map((c) => ({ id: c.stage.id, label: textOf(c.stage.label, locale) || c.stage.id, kind: c.stage.kind })),
    [columns, locale],
  );
  const draggingStage = dragging ? columns.find((c) => c.deals.some((d) => d.deal.id === dragging))?.stage.id : undefined;

  const onDragOver = (stage: string) => (e: DragEvent) => {
    if (!e.dataTransfer.types.includes(DEAL_MIME) || stage === draggingStage) return;
    e.preventDefault();
    e.dataTransfer.dropEffect = "move";
    if (over !== stage) setOver(stage);
  };
  const onDrop = (stage: string) => (e: DragEvent) => {
    const id = e.dataTransfer.getData(DEAL_MIME);
    setOver(null);
    setDragging(null);
    if (!id) return;
    e.preventDefault();
    const from = columns.find((c) => c.deals.some((d) => d.deal.id === id))?.stage.id;
    if (from !== stage) onMove(id, stage);
  };
  const onDragState = useCallback((id: string | null) => {
    setDragging(id);
    if (!id) setOver(null);
  }, []);

  return (
    <div className="board-columns" role="list" aria-label={textOf(pipeline.label, locale) || pipeline.id} data-testid={`board-${pipeline.id}`}>
      {columns.map((column) => {
        const { stage } = column;
        const label = textOf(stage.label, locale) || stage.id;
        const closed = stage.kind !== "process";
        const shown = closed ? column.deals.slice(0, CLOSED_LIMIT) : column.deals;
        const isOver = over === stage.id;
        return (
          <section
            key={stage.id}
            role="listitem"
            aria-label={label}
            className={`board-column kind-${stage.kind}${isOver ? " is-over" : ""}${dragging && stage.id !== draggingStage ? " is-target" : ""}`}
            style={stage.ui?.color ? { borderTopColor: stage.ui.color } : undefined}
            data-testid={`column-${stage.id}`}
            data-count={column.deals.length}
            onDragOver={onDragOver(stage.id)}
            onDragEnter={onDragOver(stage.id)}
            onDragLeave={(e) => { if (!e.currentTarget.contains(e.relatedTarget as Node | null)) setOver((o) => (o === stage.id ? null : o)); }}
            onDrop={onDrop(stage.id)}
          >
            <header className="board-column-head">
              <h2 title={label}>{label}</h2>
              <span className="board-column-count">{t("board.column.count", { n: column.deals.length })}</span>
            </header>
            <div className="board-column-total">
              {column.totals.length ? column.totals.map((x) => formatMoney(x.amount, x.currency, locale)).join(" + ") : " "}
            </div>
            <div className="board-column-body">
              {isOver ? <div className="board-drop-hint" data-testid={`column-drop-${stage.id}`}>{t("board.column.drop", { stage: label })}</div> : null}
              {shown.map((item) => (
                <DealTile key={item.deal.id} item={item} now={now} targets={targets} people={people} showResponsible={showResponsible}
                  pendingTo={pending[item.deal.id]} flashed={item.deal.id in flashed} onOpen={onOpen} onMove={onMove} onDragState={onDragState} />
              ))}
              {!column.deals.length && !isOver ? <div className="board-column-empty">{t("board.column.empty")}</div> : null}
              {column.deals.length > shown.length ? <div className="board-column-more">{t("board.column.more", { n: column.deals.length - shown.length })}</div> : null}
            </div>
          </section>
        );
      })}
      {dragging ? (
        <div className="board-dropbar" aria-hidden data-testid="board-dropbar">
          {columns.filter((c) => c.stage.kind !== "process" && c.stage.id !== draggingStage).map(({ stage }) => {
            const label = textOf(stage.label, locale) || stage.id;
            return (
              <div key={stage.id} className={`board-dropzone kind-${stage.kind}${over === `zone:${stage.id}` ? " is-over" : ""}`} data-testid={`drop-zone-${stage.id}`}
                onDragOver={(e) => { if (e.dataTransfer.types.includes(DEAL_MIME)) { e.preventDefault(); e.dataTransfer.dropEffect = "move"; setOver(`zone:${stage.id}`); } }}
                onDragLeave={() => setOver((o) => (o === `zone:${stage.id}` ? null : o))}
                onDrop={onDrop(stage.id)}>
                {stage.kind === "success" ? "✓" : "✕"} {label}
              </div>
            );
          })}
        </div>
      ) : null}
    </div>
  );
}
