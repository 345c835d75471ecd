/**
 * What the board does with the server: load the blueprint, the caller and a pipeline's deals with
 * their marks; move a deal (a 422 `MOVE_BLOCKED` opens the missing-fields form, and the move goes
 * again with the fields in the same request); re-read one deal when a live event names it.
 */
import type { DealRecord, HistoryRow } from "@voronka/engine";
import { ApiError, toApiError } from "../api/errors";
import { t, useLocaleStore } from "../i18n";
import { useSessionStore } from "../store/session-store";
import { useUiStore } from "../store/ui-store";
import { BoardApi } from "./board-api";
import { boardDealOf, type BoardDeal } from "./board-model";
import { storedPipeline, storePipeline, useBoardStore } from "./board-store";
import { pipelineOf, stageLabel } from "./format";

let cached: { client: unknown; api: BoardApi } | null = null;

/** The board API of the signed-in session, or null when signed out. */
export function boardApi(): BoardApi | null {
  const client = useSessionStore.getState().client;
  if (!client) return null;
  if (cached?.client !== client) cached = { client, api: new BoardApi(client) };
  return cached.api;
}

/** How many won and lost deals the final columns show. */
const CLOSED_SHOWN = 30;

/** Loads the blueprint, the caller and settings, then the chosen pipeline's deals. */
export async function loadBoard(): Promise<void> {
  const api = boardApi();
  const store = useBoardStore.getState();
  if (!api) return;
  store.set({ phase: "loading", error: null });
  try {
    const [blueprint, me, settings] = await Promise.all([api.publishedBlueprint(), api.me(), api.settings().catch(() => null)]);
    const current = useBoardStore.getState().pipeline ?? storedPipeline();
    const pipeline = blueprint ? (pipelineOf(blueprint, current ?? undefined) ?? blueprint.pipelines[0])?.id ?? null : null;
    useBoardStore.getState().set({ phase: "ready", blueprint, me, pipeline, currency: settings?.currency ?? "RUB" });
    if (pipeline) await loadDeals(pipeline);
  } catch (e) {
    const error = toApiError(e);
    if (error.status === 401) {
      useSessionStore.getState().signOut();
      useUiStore.getState().notify("error", t("auth.expired"));
    }
    useBoardStore.getState().set({ phase: "error", error: error.message });
  }
}

/**
 * Loads a pipeline's deals: every open one, the latest won and lost ones, which open ones have no
 * open task (`noOpenTask=1`, standard 7) and the overdue tasks (`overdue=1`).
 */
export async function loadDeals(pipeline: string): Promise<void> {
  const api = boardApi();
  if (!api) return;
  storePipeline(pipeline);
  useBoardStore.getState().set({ pipeline, dealsLoading: true });
  try {
    const [open, won, lost, red, overdue] = await Promise.all([
      api.deals({ pipeline, status: "open" }),
      api.deals({ pipeline, status: "won", limit: CLOSED_SHOWN }, 1),
      api.deals({ pipeline, status: "lost", limit: CLOSED_SHOWN }, 1),
      api.deals({ pipeline, status: "open", noOpenTask: true }),
      api.tasks({ overdue: true }, 3),
    ]);
    if (useBoardStore.getState().pipeline !== pipeline) return;
    const redIds = new Set(red.map((d) => d.id));
    const overdueBy = new Map<string, number>();
    for (const task of overdue) overdueBy.set(task.deal, (overdueBy.get(task.deal) ?? 0) + 1);
    const deals: Record<string, BoardDeal> = {};
    for (const deal of [...open, ...won, ...lost]) {
      deals[deal.id] = { deal, noOpenTask: deal.status === "open" && redIds.has(deal.id), overdue: overdueBy.get(deal.id) ?? 0 };
    }
    useBoardStore.getState().set({ deals, dealsLoading: false });
  } catch (e) {
    useBoardStore.getState().set({ dealsLoading: false });
    useUiStore.getState().notify("error", t("board.loadFailed", { message: toApiError(e).message }));
  }
}

/**
 * Re-reads one deal (`GET /api/deals/:id`, with its open tasks) and puts it on the board when it
 * is in the chosen pipeline, or takes it off (moved away, out of scope, gone).
 */
export async function refreshDeal(id: string, options: { flash?: boolean } = {}): Promise<void> {
  const api = boardApi();
  if (!api) return;
  const store = useBoardStore.getState();
  try {
    const view = await api.deal(id);
    const { openTasks, surveys: _surveys, ...deal } = view;
    const s = useBoardStore.getState();
    if (deal.pipeline === s.pipeline) {
      s.putDeal(boardDealOf(deal as DealRecord, openTasks, Date.now()));
      if (options.flash) {
        s.set({ flashed: { ...s.flashed, [id]: Date.now() } });
        setTimeout(() => {
          const flashed = { ...useBoardStore.getState().flashed };
          delete flashed[id];
          useBoardStore.getState().set({ flashed });
        }, 3000);
      }
    } else s.dropDeal(id);
  } catch (e) {
    if (e instanceof ApiError && e.status === 404) store.dropDeal(id);
  }
  useBoardStore.getState().bumpDeal(id);
}

/** What became of a move. */
export type MoveOutcome = "moved" | "blocked" | "failed";

/**
 * Moves a deal to a stage, with field updates in the same request. A refusal for missing fields
 * opens the missing-fields form (`blocked`); other refusals are shown as a notice.
 */
export async function moveDeal(id: string, stage: string, fields?: Record<string, unknown>): Promise<MoveOutcome> {
  const api = boardApi();
  if (!api) return "failed";
  const store = useBoardStore.getState();
  const item = store.deals[id];
  const title = item?.deal.title ?? id;
  const pipeline = item?.deal.pipeline ?? store.pipeline ?? undefined;
  store.set({ pending: { ...store.pending, [id]: stage } });
  const done = () => {
    const pending = { ...useBoardStore.getState().pending };
    delete pending[id];
    useBoardStore.getState().set({ pending });
  };
  try {
    const deal = await api.move(id, stage, fields);
    const s = useBoardStore.getState();
    if (item) s.putDeal({ ...item, deal });
    s.set({ blocked: null });
    done();
    useUiStore.getState().notify("success", t("board.moved", { title, stage: stageLabel(s.blueprint, pipeline, stage, currentLocale()) }));
    await refreshDeal(id);
    return "moved";
  } catch (e) {
    done();
    const error = toApiError(e);
    const missing = Array.isArray(error.details["missing"]) ? (error.details["missing"] as unknown[]).map(String) : [];
    const guard = typeof error.details["guard"] === "string" ? error.details["guard"] : undefined;
    if (error.code === "MOVE_BLOCKED" && (missing.length || guard)) {
      useBoardStore.getState().set({ blocked: { deal: id, title, stage, missing, ...(guard ? { guard } : {}), message: error.message } });
      return "blocked";
    }
    useUiStore.getState().notify("error", t("board.moveFailed", { message: error.message }));
    if (error.status === 404 || error.code === "VERSION_CONFLICT") await refreshDeal(id);
    return "failed";
  }
}

function currentLocale(): string {
  return useLocaleStore.getState().locale;
}

/** Live events: which deals to re-read, coalesced per deal. */
const due = new Map<string, ReturnType<typeof setTimeout>>();

/**
 * Handles one history row from `/api/events`: the deal it names is re-read shortly after (a burst
 * of rows from one step makes one read) when it is on the board, open in the deal card, or has
 * just come into the chosen pipeline (created there, tunnelled or copied into it); task rows make
 * the task list re-read.
 */
export function onLiveRow(row: Pick<HistoryRow, "deal" | "type" | "data">, delayMs = 250): void {
  const s = useBoardStore.getState();
  const data = row.data ?? {};
  const into = (pipeline: unknown) => typeof pipeline === "string" && pipeline === s.pipeline;
  const ids: string[] = [];
  if (row.deal in s.deals || row.deal === s.openDeal || ((row.type === "deal.created" || row.type === "deal.moved") && into(data["pipeline"]))) ids.push(row.deal);
  if (row.type === "deal.copied" && typeof data["toDeal"] === "string" && into(data["pipeline"])) ids.push(data["toDeal"]);
  for (const id of ids) {
    if (!id || s.pending[id]) continue;
    clearTimeout(due.get(id));
    due.set(id, setTimeout(() => {
      due.delete(id);
      void refreshDeal(id, { flash: true });
    }, delayMs));
  }
  if (row.type.startsWith("task.")) useBoardStore.setState((x) => ({ tasksRevision: x.tasksRevision + 1 }));
}

/** Forgets scheduled re-reads (on sign-out and in tests). */
export function cancelLiveRefreshes(): void {
  for (const timer of due.values()) clearTimeout(timer);
  due.clear();
}
