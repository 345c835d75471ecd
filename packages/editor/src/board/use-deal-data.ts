/**
 * What the deal card reads: the deal with its open tasks (`GET /api/deals/:id`), all its tasks
 * (`GET /api/tasks?deal=`), its full history, `explain`, and the deals linked to it by tunnels
 * (`sourceDeal`, `deal.copied` rows) with their titles where the caller may see them. Re-read
 * when the deal's revision in the board store changes (a live event, an action).
 */
import type { Explanation, HistoryRow, TaskRecord } from "@voronka/engine";
import { useCallback, useEffect, useState } from "react";
import { ApiError, toApiError } from "../api/errors";
import { boardApi } from "./board-actions";
import type { DealView } from "./board-api";
import { useBoardStore } from "./board-store";

/** A deal linked by a tunnel: where it came from or where it was copied to. */
export interface LinkedDeal {
  id: string;
  relation: "source" | "copy";
  title: string | null;
  pipeline: string | null;
  stage: string | null;
}

/** The deal card's data. */
export interface DealData {
  view: DealView | null;
  tasks: TaskRecord[];
  history: HistoryRow[];
  explain: Explanation | null;
  linked: LinkedDeal[];
  error: string | null;
  notFound: boolean;
  loading: boolean;
  reload(): void;
}

/** The ids linked to a deal: its source, and the copies its history names. */
export function linkedIds(view: Pick<DealView, "id" | "sourceDeal"> | null, history: readonly HistoryRow[]): { id: string; relation: LinkedDeal["relation"] }[] {
  const out: { id: string; relation: LinkedDeal["relation"] }[] = [];
  if (view?.sourceDeal) out.push({ id: view.sourceDeal, relation: "source" });
  for (const row of history) {
    if (row.type !== "deal.copied" || row.data["mode"] === "move") continue;
    const id = row.data["toDeal"];
    if (typeof id === "string" && id !== view?.id && !out.some((x) => x.id === id)) out.push({ id, relation: "copy" });
  }
  return out;
}

const EMPTY: Omit<DealData, "reload"> = { view: null, tasks: [], history: [], explain: null, linked: [], error: null, notFound: false, loading: true };

/** Loads and re-loads a deal's card data (see the module comment). */
export function useDealData(id: string | null): DealData {
  const revision = useBoardStore((s) => (id ? s.dealRevision[id] ?? 0 : 0));
  const [state, setState] = useState<Omit<DealData, "reload">>(EMPTY);
  const [nonce, setNonce] = useState(0);
  const reload = useCallback(() => setNonce((n) => n + 1), []);

  useEffect(() => {
    const api = boardApi();
    if (!id || !api) return;
    let stale = false;
    setState((s) => (s.view?.id === id ? { ...s, loading: true } : EMPTY));
    (async () => {
      try {
        const [view, tasks, history, explain] = await Promise.all([
          api.deal(id), api.tasks({ deal: id }, 2), api.history(id), api.explain(id).catch(() => null),
        ]);
        const linked = await Promise.all(linkedIds(view, history).map(async (l): Promise<LinkedDeal> => {
          try {
            const other = await api.deal(l.id);
            return { ...l, title: other.title, pipeline: other.pipeline, stage: other.stage };
          } catch {
            return { ...l, title: null, pipeline: null, stage: null };
          }
        }));
        if (!stale) setState({ view, tasks, history, explain, linked, error: null, notFound: false, loading: false });
      } catch (e) {
        if (stale) return;
        const error = toApiError(e);
        setState((s) => ({ ...s, loading: false, error: error.message, notFound: error instanceof ApiError && error.status === 404 }));
      }
    })();
    return () => { stale = true; };
  }, [id, revision, nonce]);

  return { ...state, reload };
}
