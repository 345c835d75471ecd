/**
 * The simulator's state, kept while the admin switches panels: the running simulation, its last
 * snapshot, the deal in focus, the blueprint it started from, and the last refusal.
 */
import type { Blueprint, CatalogueEntry } from "@voronka/engine";
import { create } from "zustand";
import { Simulation, type SimulationSnapshot } from "./simulation";

/** The simulator store's state and actions. */
export interface SimState {
  sim: Simulation | null;
  snapshot: SimulationSnapshot | null;
  /** The deal the panel shows (the test deal, or a tunnel copy of it). */
  focus: string | null;
  /** The blueprint the simulation runs (to tell when the drawing changed since). */
  running: Blueprint | null;
  error: string | null;
  busy: boolean;
  start(blueprint: Blueprint, catalogue: readonly CatalogueEntry[], deal: { pipeline: string; stage?: string; title: string; amount?: number }): Promise<void>;
  /** Runs one action on the simulation and refreshes the snapshot; a refusal becomes `error`. */
  act(action: (sim: Simulation) => Promise<unknown>): Promise<void>;
  setFocus(deal: string): void;
  reset(): void;
}

const message = (e: unknown): string => (e instanceof Error ? e.message : String(e));

/** The app's simulator store. */
export const useSimStore = create<SimState>()((set, get) => ({
  sim: null,
  snapshot: null,
  focus: null,
  running: null,
  error: null,
  busy: false,
  async start(blueprint, catalogue, deal) {
    set({ busy: true, error: null });
    try {
      const sim = await Simulation.start({ blueprint, catalogue });
      const created = await sim.createDeal(deal);
      set({ sim, running: blueprint, focus: created.id, snapshot: await sim.snapshot(), busy: false });
    } catch (e) {
      set({ busy: false, error: message(e) });
    }
  },
  async act(action) {
    const { sim } = get();
    if (!sim) return;
    set({ busy: true, error: null });
    try {
      await action(sim);
    } catch (e) {
      set({ error: message(e) });
    }
    set({ snapshot: await sim.snapshot(), busy: false });
  },
  setFocus: (focus) => set({ focus }),
  reset: () => set({ sim: null, snapshot: null, focus: null, running: null, error: null, busy: false }),
}));
