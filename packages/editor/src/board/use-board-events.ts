/**
 * Follows `/api/events` (EventSource with `?access_token=`, since it cannot send headers) while
 * the board is open: each history row in the caller's scope re-reads the deal it names, so moves
 * made by others show up with no reload. The browser reconnects by itself (`retry: 3000`) and
 * resumes after the last row it saw (`Last-Event-ID`).
 */
import { HISTORY_TYPES, type HistoryRow } from "@voronka/engine";
import { useEffect } from "react";
import { useSessionStore } from "../store/session-store";
import { cancelLiveRefreshes, onLiveRow } from "./board-actions";
import { useBoardStore } from "./board-store";

/** Reads an SSE message's data as a history row, or null. */
export function rowOfMessage(data: unknown): Pick<HistoryRow, "deal" | "type" | "data"> | null {
  if (typeof data !== "string") return null;
  try {
    const row = JSON.parse(data) as Partial<HistoryRow>;
    return typeof row.deal === "string" && typeof row.type === "string" ? { deal: row.deal, type: row.type, data: row.data ?? {} } : null;
  } catch {
    return null;
  }
}

/** Mount once in the board page; does nothing when signed out or without EventSource. */
export function useBoardEvents(): void {
  const client = useSessionStore((s) => s.client);
  useEffect(() => {
    if (!client || typeof EventSource === "undefined") return;
    const source = new EventSource(client.eventsUrl());
    const onRow = (event: MessageEvent) => {
      const row = rowOfMessage(event.data);
      if (row) onLiveRow(row);
    };
    for (const type of HISTORY_TYPES) source.addEventListener(type, onRow as EventListener);
    source.onmessage = onRow;
    source.onopen = () => useBoardStore.getState().set({ live: true });
    source.onerror = () => useBoardStore.getState().set({ live: false });
    return () => {
      source.close();
      cancelLiveRefreshes();
      useBoardStore.getState().set({ live: false });
    };
  }, [client]);
}
