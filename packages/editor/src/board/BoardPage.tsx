/**
 * The board page (`#/board`): a toolbar (deals or tasks, the pipeline, the responsible filter for
 * a supervisor, "no open task only", the summary and the live mark), the pipeline's columns or the
 * task list, the deal card and the missing-fields form. The server scopes every answer: a manager
 * sees their own deals, a supervisor their team's.
 */
import { useEffect, useMemo } from "react";
import { useLocale, useT, type MessageKey } from "../i18n";
import { textOf } from "../model/text";
import { useSessionStore } from "../store/session-store";
import { loadBoard, loadDeals, moveDeal } from "./board-actions";
import { groupColumns, summarize } from "./board-model";
import { initialBoardState, useBoardStore, type BoardView } from "./board-store";
import { BoardColumns } from "./BoardColumns";
import { DealPanel } from "./DealPanel";
import { pipelineOf } from "./format";
import { MissingFieldsDialog } from "./MissingFieldsDialog";
import { TasksView } from "./TasksView";
import { useBoardEvents } from "./use-board-events";
import { useNow } from "./use-now";
import "./board.css";

/** The page (see the module comment). */
export function BoardPage() {
  const t = useT();
  const client = useSessionStore((s) => s.client);
  const phase = useBoardStore((s) => s.phase);
  const error = useBoardStore((s) => s.error);
  const blueprint = useBoardStore((s) => s.blueprint);
  const view = useBoardStore((s) => s.view);

  useEffect(() => {
    if (client) void loadBoard();
    else useBoardStore.setState(initialBoardState());
  }, [client]);
  useBoardEvents();

  if (!client) return <div className="board-message" data-testid="board-signed-out"><p>{t("board.signedOut")}</p></div>;
  if (phase === "error") {
    return (
      <div className="board-message" data-testid="board-error">
        <p>{t("board.loadFailed", { message: error ?? "" })}</p>
        <button type="button" className="btn" onClick={() => void loadBoard()}>{t("board.retry")}</button>
      </div>
    );
  }
  if (phase !== "ready") return <div className="board-message" data-testid="board-loading"><p>{t("common.loading")}</p></div>;
  if (!blueprint) return <div className="board-message" data-testid="board-no-blueprint"><p>{t("board.noBlueprint")}</p></div>;

  return (
    <div className="board-page" data-testid="board-page">
      <BoardToolbar />
      {view === "board" ? <BoardBody /> : <TasksView />}
      <DealPanel />
      <MissingFieldsDialog />
    </div>
  );
}

function BoardToolbar() {
  const t = useT();
  const locale = useLocale();
  const blueprint = useBoardStore((s) => s.blueprint)!;
  const me = useBoardStore((s) => s.me);
  const pipeline = useBoardStore((s) => s.pipeline);
  const filter = useBoardStore((s) => s.filter);
  const view = useBoardStore((s) => s.view);
  const live = useBoardStore((s) => s.live);
  const set = useBoardStore((s) => s.set);
  const team = (me?.people ?? []).filter((p) => p.role !== "admin" || p.id === me?.user?.id);
  const manyPeople = (me?.people.length ?? 0) > 1;
  const views: { id: BoardView; key: MessageKey }[] = [
    { id: "board", key: "board.view.board" },
    { id: "tasks", key: manyPeople ? "board.view.teamTasks" : "board.view.tasks" },
  ];
  return (
    <div className="board-toolbar" role="toolbar" aria-label={t("board.title")}>
      <div className="seg" role="tablist" aria-label={t("board.view")}>
        {views.map((v) => (
          <button key={v.id} type="button" role="tab" aria-selected={view === v.id} className={`seg-btn${view === v.id ? " is-active" : ""}`}
            onClick={() => set({ view: v.id })} data-testid={`board-view-${v.id}`}>{t(v.key)}</button>
        ))}
      </div>
      {view === "board" ? (
        <>
          <label className="board-tool">
            <span>{t("board.pipeline")}</span>
            <select className="input" value={pipeline ?? ""} onChange={(e) => void loadDeals(e.target.value)} data-testid="board-pipeline">
              {blueprint.pipelines.map((p) => <option key={p.id} value={p.id}>{textOf(p.label, locale) || p.id}</option>)}
            </select>
          </label>
          {manyPeople ? (
            <label className="board-tool">
              <span>{t("board.filter.responsible")}</span>
              <select className="input" value={filter.responsible ?? ""} onChange={(e) => set({ filter: { ...filter, responsible: e.target.value || null } })} data-testid="board-responsible">
                <option value="">{t("board.filter.everyone")}</option>
                {team.map((p) => <option key={p.id} value={p.id}>{p.name}</option>)}
              </select>
            </label>
          ) : null}
          <label className="board-tool board-check">
            <input type="checkbox" checked={!!filter.noOpenTaskOnly} onChange={(e) => set({ filter: { ...filter, noOpenTaskOnly: e.target.checked } })} data-testid="board-red-only" />
            <span>{t("board.filter.red")}</span>
          </label>
        </>
      ) : null}
      <div className="board-toolbar-right">
        {me?.user ? <span className="board-me">{t("board.whoAmI", { name: me.user.name, role: roleName(t, me.role) })}</span> : null}
        <span className={`live-mark${live ? " is-live" : ""}`} title={t("board.liveTitle")} data-testid="board-live">
          <span className="live-dot" aria-hidden /> {live ? t("board.live") : t("board.offline")}
        </span>
      </div>
    </div>
  );
}

function roleName(t: ReturnType<typeof useT>, role: string): string {
  return role === "admin" || role === "supervisor" || role === "manager" ? t(`board.role.${role}`) : role;
}

function BoardBody() {
  const t = useT();
  const now = useNow();
  const blueprint = useBoardStore((s) => s.blueprint);
  const pipelineId = useBoardStore((s) => s.pipeline);
  const deals = useBoardStore((s) => s.deals);
  const filter = useBoardStore((s) => s.filter);
  const pending = useBoardStore((s) => s.pending);
  const flashed = useBoardStore((s) => s.flashed);
  const loading = useBoardStore((s) => s.dealsLoading);
  const me = useBoardStore((s) => s.me);
  const pipeline = pipelineOf(blueprint, pipelineId ?? undefined);
  const columns = useMemo(() => (pipeline ? groupColumns(pipeline, Object.values(deals), filter) : []), [pipeline, deals, filter]);
  const summary = summarize(columns);
  if (!pipeline) return null;
  return (
    <>
      <div className="board-summary" aria-live="polite" data-testid="board-summary">
        {t("board.summary", summary)}
        {loading ? <span className="board-loading"> · {t("common.loading")}</span> : null}
      </div>
      <BoardColumns
        pipeline={pipeline}
        columns={columns}
        now={now}
        people={me?.people ?? []}
        showResponsible={(me?.people.length ?? 0) > 1}
        pending={pending}
        flashed={flashed}
        onOpen={(id) => useBoardStore.getState().set({ openDeal: id })}
        onMove={(id, stage) => void moveDeal(id, stage)}
      />
    </>
  );
}
