/**
 * Loads the stage figures and keeps them fresh: `/api/events` (EventSource with
 * `?access_token=`) announces every history row; the figures are re-read shortly after a burst.
 */
import { HISTORY_TYPES } from "@voronka/engine";
import { useEffect } from "react";
import { useFiguresStore } from "./figures-store";
import { useSessionStore } from "./session-store";

/** Mount once (in the editor page); does nothing when signed out. */
export function useLiveFigures(debounceMs = 800): void {
  const client = useSessionStore((s) => s.client);
  useEffect(() => {
    const figures = useFiguresStore.getState();
    if (!client) {
      figures.clear();
      return;
    }
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const refresh = () => {
      client.stageFigures().then((rows) => { if (!stopped) useFiguresStore.getState().set(rows); }, () => undefined);
    };
    refresh();
    if (typeof EventSource === "undefined") return () => { stopped = true; };
    const source = new EventSource(client.eventsUrl());
    const onRow = () => {
      clearTimeout(timer);
      timer = setTimeout(refresh, debounceMs);
    };
    for (const type of HISTORY_TYPES) source.addEventListener(type, onRow);
    source.onmessage = onRow;
    source.onopen = () => useFiguresStore.getState().setLive(true);
    source.onerror = () => useFiguresStore.getState().setLive(false);
    return () => {
      stopped = true;
      clearTimeout(timer);
      source.close();
      useFiguresStore.getState().setLive(false);
    };
  }, [client, debounceMs]);
}
