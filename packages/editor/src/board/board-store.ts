/**
 * The board's state (zustand): the published blueprint, the caller and their people, the chosen
 * pipeline and its deals with their marks, the filters, the open deal card, the refused move
 * waiting for its missing fields, and counters that tell open views to re-read after live events.
 * The actions that talk to the server are in `board-actions.ts`.
 */
import type { Blueprint } from "@voronka/engine";
import { create } from "zustand";
import type { Me } from "./board-api";
import type { BoardDeal, BoardFilter } from "./board-model";

/** A move the server refused with 422 `MOVE_BLOCKED`: what the missing-fields form asks for. */
export interface BlockedMove {
  deal: string;
  title: string;
  stage: string;
  missing: string[];
  guard?: string;
  message: string;
}

/** The board's views. */
export type BoardView = "board" | "tasks";

/** The board store's state and plain setters. */
export interface BoardState {
  phase: "idle" | "loading" | "ready" | "error";
  error: string | null;
  blueprint: Blueprint | null;
  me: Me | null;
  /** The workspace currency (for sums and money inputs). */
  currency: string;
  pipeline: string | null;
  deals: Record<string, BoardDeal>;
  dealsLoading: boolean;
  /** Deals being moved, with their target stage. */
  pending: Record<string, string>;
  /** Deals just changed by someone else (highlighted for a moment). */
  flashed: Record<string, number>;
  live: boolean;
  filter: BoardFilter;
  view: BoardView;
  openDeal: string | null;
  blocked: BlockedMove | null;
  /** Bumped per deal when a live event or an action changed it (the deal card re-reads). */
  dealRevision: Record<string, number>;
  /** Bumped when any task may have changed (the task list re-reads). */
  tasksRevision: number;
  set(patch: Partial<BoardState>): void;
  putDeal(item: BoardDeal): void;
  dropDeal(id: string): void;
  bumpDeal(id: string): void;
}

const PIPELINE_KEY = "voronka.board.pipeline";

/** The pipeline chosen last time on this browser. */
export function storedPipeline(): string | null {
  try {
    return globalThis.localStorage?.getItem(PIPELINE_KEY) ?? null;
  } catch {
    return null;
  }
}

/** Remembers the chosen pipeline. */
export function storePipeline(id: string): void {
  try {
    globalThis.localStorage?.setItem(PIPELINE_KEY, id);
  } catch {
    /* no storage */
  }
}

/** A fresh state (also what tests reset to). */
export function initialBoardState(): Omit<BoardState, "set" | "putDeal" | "dropDeal" | "bumpDeal"> {
  return {
    phase: "idle", error: null, blueprint: null, me: null, currency: "RUB", pipeline: null,
    deals: {}, dealsLoading: false, pending: {}, flashed: {}, live: false, filter: {}, view: "board",
    openDeal: null, blocked: null, dealRevision: {}, tasksRevision: 0,
  };
}

/** The board's store. */
export const useBoardStore = create<BoardState>()((set) => ({
  ...initialBoardState(),
  set: (patch) => set(patch),
  putDeal: (item) => set((s) => ({ deals: { ...s.deals, [item.deal.id]: item } })),
  dropDeal: (id) => set((s) => {
    if (!(id in s.deals)) return s;
    const deals = { ...s.deals };
    delete deals[id];
    return { deals };
  }),
  bumpDeal: (id) => set((s) => ({ dealRevision: { ...s.dealRevision, [id]: (s.dealRevision[id] ?? 0) + 1 } })),
}));
