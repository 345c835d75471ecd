/**
 * Live figures per stage from `GET /api/reports/stages`: deals in it, overdue tasks, conversion
 * to the next stage. Keyed by `p/s` so a stage node selects only its own row.
 */
import { create } from "zustand";
import type { StageFigures } from "../api/types";

/** The figures store's state and actions. */
export interface FiguresState {
  byRef: Record<string, StageFigures>;
  /** Whether the event stream is connected (the figures refresh on every history row). */
  live: boolean;
  set(rows: StageFigures[]): void;
  setLive(live: boolean): void;
  clear(): void;
}

/** The app's figures store. */
export const useFiguresStore = create<FiguresState>()((set) => ({
  byRef: {},
  live: false,
  set: (rows) => set({ byRef: Object.fromEntries(rows.map((r) => [`${r.pipeline}/${r.stage}`, r])) }),
  setLive: (live) => set({ live }),
  clear: () => set({ byRef: {}, live: false }),
}));
