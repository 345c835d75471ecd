/**
 * The deal card's history tab: "log an activity" (the blueprint's activity types: calls, meetings,
 * chats, CP sent…) and every history row in words, newest first, with when and who. Test ids:
 * `deal-history` (rows `history-row` with `data-type`), `activity-type`, `activity-note`,
 * `activity-log`.
 */
import type { HistoryRow, TaskRecord, Text } from "@voronka/engine";
import { useMemo, useState } from "react";
import { toApiError } from "../api/errors";
import { useLocale, useT } from "../i18n";
import { textOf } from "../model/text";
import { useUiStore } from "../store/ui-store";
import { boardApi, refreshDeal } from "./board-actions";
import type { DealView } from "./board-api";
import { useBoardStore } from "./board-store";
import { activityLabel, formatInstant, fromLocalInput, toLocalInput } from "./format";
import { historyListInWords } from "./history-in-words";
import type { LinkedDeal } from "./use-deal-data";

/** Props: the deal, its history (oldest first), its tasks and linked deals (for names). */
export interface DealHistoryProps {
  deal: DealView;
  history: readonly HistoryRow[];
  tasks: readonly TaskRecord[];
  linked: readonly LinkedDeal[];
}

/** The tab (see the module comment). */
export function DealHistory({ deal, history, tasks, linked }: DealHistoryProps) {
  const locale = useLocale();
  const blueprint = useBoardStore((s) => s.blueprint);
  const people = useBoardStore((s) => s.me?.people ?? []);
  const rows = useMemo(() => {
    const taskTitles = new Map<string, Text>(tasks.map((x) => [x.id, x.title]));
    const dealTitles = new Map<string, string>(linked.filter((l) => l.title !== null).map((l) => [l.id, l.title!]));
    return historyListInWords(history, { blueprint, locale, people, pipeline: deal.pipeline, taskTitles, dealTitles }).reverse();
  }, [history, tasks, linked, blueprint, locale, people, deal.pipeline]);

  return (
    <div className="deal-history">
      <ActivityForm dealId={deal.id} />
      <ol className="history-list" data-testid="deal-history">
        {rows.map(({ row, words, actor }) => (
          <li key={`${row.seq}-${row.type}`} className={`history-row tone-${words.tone}`} data-testid="history-row" data-type={row.type}>
            <div className="history-when">{formatInstant(row.at, locale)} · {actor}</div>
            <div className="history-text">{words.text}</div>
          </li>
        ))}
      </ol>
      {!rows.length ? <p className="muted">—</p> : null}
    </div>
  );
}

function ActivityForm({ dealId }: { dealId: string }) {
  const t = useT();
  const locale = useLocale();
  const blueprint = useBoardStore((s) => s.blueprint);
  const types = blueprint?.activityTypes ?? [];
  const [type, setType] = useState(types[0]?.id ?? "");
  const [note, setNote] = useState("");
  const [at, setAt] = useState("");
  const [busy, setBusy] = useState(false);
  if (!types.length) return null;

  const log = async () => {
    const api = boardApi();
    if (!api || !type) return;
    setBusy(true);
    try {
      const when = fromLocalInput(at);
      await api.logActivity(dealId, { type, ...(when ? { at: when } : {}), ...(note.trim() ? { data: { note: note.trim() } } : {}) });
      useUiStore.getState().notify("success", t("board.activity.logged", { type: activityLabel(blueprint, type, locale) }));
      setNote("");
      setAt("");
      await refreshDeal(dealId);
    } catch (e) {
      useUiStore.getState().notify("error", toApiError(e).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="activity-form" aria-label={t("board.activity.title")} onSubmit={(e) => { e.preventDefault(); void log(); }}>
      <h3>{t("board.activity.title")}</h3>
      <div className="activity-row">
        <select className="input" value={type} onChange={(e) => setType(e.target.value)} aria-label={t("board.activity.type")} data-testid="activity-type">
          {types.map((a) => <option key={a.id} value={a.id}>{textOf(a.label, locale) || a.id}</option>)}
        </select>
        <input className="input activity-at" type="datetime-local" value={at} max={toLocalInput(new Date())} onChange={(e) => setAt(e.target.value)}
          aria-label={t("board.activity.at")} title={t("board.activity.at")} data-testid="activity-at" />
      </div>
      <div className="activity-row">
        <input className="input" value={note} onChange={(e) => setNote(e.target.value)} placeholder={t("board.activity.note")} aria-label={t("board.activity.note")} data-testid="activity-note" />
        <button type="submit" className="btn btn-primary" disabled={busy || !type} data-testid="activity-log">{t("board.activity.log")}</button>
      </div>
    </form>
  );
}
