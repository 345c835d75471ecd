/**
 * What the control room needs besides the figures: the published blueprint (pipeline, stage,
 * option and activity labels) and the caller's scope (`GET /api/me`: names, teams), loaded once
 * per session; and the labels made of them, handed to the sections through a context.
 */
import { createContext, useContext, useEffect, useState } from "react";
import type { ApiClient } from "../api/client";
import type { ScopePerson } from "../api/types";
import { ID_LABELS, type LabelSource, type Labels } from "./labels";

/** The blueprint and the people, or what failed (the page then shows ids). */
export interface ControlData {
  source: LabelSource | null;
  people: ScopePerson[];
  error: string | null;
}

const NOTHING: ControlData = { source: null, people: [], error: null };

/** Loads the published blueprint and the caller's scope for a session (each on its own). */
export function useControlData(client: ApiClient | null): ControlData {
  const [data, setData] = useState<ControlData>(NOTHING);
  useEffect(() => {
    setData(NOTHING);
    if (!client) return;
    let live = true;
    const failed = (e: unknown) => { if (live) setData((d) => ({ ...d, error: e instanceof Error ? e.message : String(e) })); };
    client.blueprint().then((b) => { if (live) setData((d) => ({ ...d, source: b.published?.blueprint ?? null })); }, failed);
    client.me().then((me) => { if (live) setData((d) => ({ ...d, people: me.people })); }, failed);
    return () => { live = false; };
  }, [client]);
  return data;
}

/** The labels the sections write (ids until the blueprint and the people arrive). */
export const LabelsContext = createContext<Labels>(ID_LABELS);

/** The control room's labels (see {@link LabelsContext}). */
export function useLabels(): Labels {
  return useContext(LabelsContext);
}
