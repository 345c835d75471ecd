/**
 * The one module that speaks XState. Each pipeline becomes an XState v5 machine whose states are
 * its stages; a move is an event whose guards are the pipeline's topology plus the engine's guard
 * check; entering and leaving are entry and exit actions. `transition()` (pure) computes the next
 * stage and the actions, which the step maps to Voronka's own effects. No XState snapshot is ever
 * stored: the stage is resolved from the deal record on every step.
 */
import { createMachine, transition, type AnyStateMachine } from "xstate";

/** A move event as the machine sees it. `allowed` is the engine's guard verdict for `to`. */
export interface MoveEvent {
  type: "voronka.move";
  to: string;
  allowed: (from: string, to: string, transitionIndex: number) => boolean;
}

/** A reopen event: only final stages answer it, and only towards process stages. */
export interface ReopenEvent {
  type: "voronka.reopen";
  to: string;
}

export type StageAction = { kind: "exit" | "enter"; stage: string };

export interface PipelineTopology {
  id: string;
  stages: { id: string; kind: "process" | "success" | "failure" }[];
  /** `"any"` (or absent): every stage to every other; otherwise the listed edges. */
  transitions: "any" | { from: string; to: string }[];
}

/** A compiled pipeline machine. */
export interface PipelineMachine {
  /** Next stage and the entry/exit actions for a move, or null when no transition is taken. */
  move(from: string, to: string, allowed: MoveEvent["allowed"]): { stage: string; actions: StageAction[] } | null;
  /** Next stage for a reopen from a final stage, or null when not allowed. */
  reopen(from: string, to: string): { stage: string; actions: StageAction[] } | null;
  /** Whether the topology has an edge from → to, guards aside. */
  hasEdge(from: string, to: string): boolean;
}

/** Builds the XState machine for a pipeline. */
export function compilePipelineMachine(topology: PipelineTopology): PipelineMachine {
  const edges = new Map<string, { to: string; index: number }[]>();
  for (const s of topology.stages) edges.set(s.id, []);
  if (topology.transitions === "any") {
    for (const from of topology.stages) {
      if (from.kind !== "process") continue;
      for (const to of topology.stages) if (to.id !== from.id) edges.get(from.id)!.push({ to: to.id, index: -1 });
    }
  } else {
    topology.transitions.forEach((t, index) => {
      const froms = t.from === "*" ? topology.stages.filter((s) => s.kind === "process" && s.id !== t.to) : topology.stages.filter((s) => s.id === t.from && s.kind === "process");
      for (const from of froms) edges.get(from.id)?.push({ to: t.to, index });
    });
  }

  const states: Record<string, object> = {};
  for (const stage of topology.stages) {
    const out = edges.get(stage.id) ?? [];
    const on: Record<string, unknown> = {};
    if (stage.kind === "process") {
      on["voronka.move"] = out.map(({ to, index }) => ({
        target: to,
        guard: ({ event }: { event: MoveEvent }) => event.to === to && event.allowed(stage.id, to, index),
      }));
    } else {
      on["voronka.reopen"] = topology.stages
        .filter((s) => s.kind === "process")
        .map((s) => ({ target: s.id, guard: ({ event }: { event: ReopenEvent }) => event.to === s.id }));
    }
    states[stage.id] = {
      entry: [{ type: "enter", params: { stage: stage.id } }],
      exit: [{ type: "exit", params: { stage: stage.id } }],
      on,
    };
  }
  const machine: AnyStateMachine = createMachine({ id: topology.id, initial: topology.stages[0]!.id, states } as never);
  const snapshots = new Map<string, ReturnType<AnyStateMachine["resolveState"]>>();
  const snapshotOf = (stage: string) => {
    let s = snapshots.get(stage);
    if (!s) {
      s = machine.resolveState({ value: stage, context: {} });
      snapshots.set(stage, s);
    }
    return s;
  };
  const run = (from: string, event: MoveEvent | ReopenEvent) => {
    const before = snapshotOf(from);
    const [next, actions] = transition(machine, before, event as never);
    if (next === before || next.value === before.value) return null;
    return {
      stage: next.value as string,
      actions: actions.map((a) => ({ kind: a.type as "exit" | "enter", stage: (a.params as unknown as { stage: string }).stage })),
    };
  };
  return {
    move: (from, to, allowed) => run(from, { type: "voronka.move", to, allowed }),
    reopen: (from, to) => run(from, { type: "voronka.reopen", to }),
    hasEdge: (from, to) => (edges.get(from) ?? []).some((e) => e.to === to),
  };
}
