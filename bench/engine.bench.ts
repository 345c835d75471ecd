/**
 * Benchmark: stage moves per second of the engine in memory, beside
 * - raw XState: the pure `transition()` on an equivalent machine (10 guarded process stages plus
 *   success and failure, entry/exit actions that open and cancel a task), and
 * - the npm `bpmn-engine`: a process of 9 user tasks in sequence, one move = one task signalled
 *   and the next one reached.
 *
 * Ours: `createEngine` on `createMemoryStore()` with a fixed clock, one pipeline of 10 process
 * stages + won + lost; every process stage has a `createTask` robot (deadline P1D, a condition on
 * `deal.amount`) and some have `requireFields` guards whose fields are filled. 100 deals move
 * round-robin 1 → 2 → … → 10 → 1 with `engine.move`. After each round the results are checked
 * (stages, open and cancelled tasks, deadlines, timers, history), so a broken engine cannot post
 * a fast number.
 *
 * The three sides run in the same process in alternating rounds (the order rotates), each round on
 * fresh state; the figures are the medians. Three variants of ours run in the same rotation for the
 * notes only (deadline `PT24H` instead of `P1D`; no robots or guards at all; the store behind a
 * wrapper, so every `load` and `commit` is a promise). Then ours runs once more under the V8
 * sampling profiler (`node:inspector`) to say where its time goes.
 *
 * What runs: the engine's TypeScript sources through tsx (esbuild, `keepNames`), as `pnpm start`
 * and the server run them (the engine has no build step); XState and bpmn-engine are their
 * published JavaScript from node_modules.
 *
 * Run alone: `npx tsx bench/engine.bench.ts [--smoke]`.
 */
import { EventEmitter } from "node:events";
import os from "node:os";
import { Session } from "node:inspector/promises";
import { pathToFileURL } from "node:url";
import v8 from "node:v8";
import vm from "node:vm";
import { Engine as BpmnEngine, type BpmnEngineOptions } from "bpmn-engine";
import { initialTransition, createMachine, transition, type AnyStateMachine } from "xstate";
import { createEngine, createMemoryStore, resolveTime, type Blueprint, type Store } from "@voronka/engine";

// ---------------------------------------------------------------------------------------------
// The workload

const PROCESS_STAGES = Array.from({ length: 10 }, (_, i) => `stage-${i + 1}`);
const ALL_STAGES = [...PROCESS_STAGES, "won", "lost"];
const DEALS = 100;
const MIN_AMOUNT = 1000;
const NOW = new Date("2026-03-02T09:00:00.000Z"); // a Monday, far from any DST change
const NOW_ISO = NOW.toISOString();
/** NOW + P1D in Europe/Moscow (no DST), which every open task's deadline must be. */
const DEADLINE = "2026-03-03T09:00:00.000Z";
const DAY_MS = 86_400_000;
const TIME_ZONE = "Europe/Moscow";

/** Which process stages carry requireFields guards (1-based stage number → guard). */
const GUARDS: Record<number, { fields: string[]; scope: "enter" | "leave" }> = {
  2: { fields: ["amount"], scope: "enter" },
  3: { fields: ["segment"], scope: "enter" },
  5: { fields: ["contractNo"], scope: "leave" },
  6: { fields: ["contractNo"], scope: "enter" },
  9: { fields: ["segment", "contractNo"], scope: "enter" },
};

/** Variants of ours, for the diagnostics of "where the time goes". */
export interface OursVariant {
  /** The task deadline: `P1D` (the figure: calendar days in the zone) or `PT24H` (exact hours, no zone math). */
  deadline: "P1D" | "PT24H";
  /** False: no robots and no guards at all, a bare move (load, transition, history, commit). */
  robots: boolean;
  /**
   * True: the memory store behind a transparent wrapper, so the engine goes through the async
   * `Store` interface (a promise per `load` and `commit`) instead of the store's synchronous twins.
   */
  asyncStore?: boolean;
}
const FIGURE_VARIANT: OursVariant = { deadline: "P1D", robots: true };

/** The blueprint of the bench: one pipeline, 10 process stages, a task robot on each. */
export function benchBlueprint(variant: OursVariant = FIGURE_VARIANT): Blueprint {
  const label = (s: string) => ({ en: s, ru: s });
  return {
    format: "voronka.blueprint/v1",
    id: "bench",
    name: label("Bench"),
    fields: [
      { id: "segment", label: "Segment", type: "enum", options: [{ id: "b2b", label: "B2B" }, { id: "b2c", label: "B2C" }] },
      { id: "contractNo", label: "Contract number", type: "string" },
      { id: "lossReason", label: "Loss reason", type: "string" },
    ],
    activityTypes: [{ id: "call", label: "Call" }],
    surveys: [],
    calendars: [],
    pipelines: [{
      id: "sales",
      label: label("Sales"),
      stages: [
        ...PROCESS_STAGES.map((id, i) => ({
          id, label: label(`Stage ${i + 1}`), kind: "process" as const, triggers: [],
          robots: !variant.robots ? [] : [
            ...(GUARDS[i + 1] ? [{ id: `${id}-guard`, type: "requireFields", params: GUARDS[i + 1]! }] : []),
            {
              id: `${id}-task`, type: "createTask",
              params: { title: `Do stage ${i + 1}`, responsible: { kind: "dealResponsible" }, deadline: { after: variant.deadline } },
              condition: { ">=": [{ var: "deal.amount" }, MIN_AMOUNT] },
            },
          ],
        })),
        { id: "won", label: label("Won"), kind: "success", robots: [], triggers: [] },
        {
          id: "lost", label: label("Lost"), kind: "failure", triggers: [],
          robots: !variant.robots ? [] : [{ id: "lost-guard", type: "requireFields", params: { fields: ["lossReason"], scope: "enter" } }],
        },
      ],
    }],
  };
}

/** One side of the comparison: moves `n` times, counts, and checks what it did. */
interface Runner {
  run(n: number): number | Promise<number>;
  /** Throws when the results are not what the moves must have produced. */
  check(): void | Promise<void>;
  /** Milliseconds spent outside moves proper but inside `run` (bpmn-engine: starting instances). */
  overheadMs?: () => number;
}

function fail(side: string, message: string): never {
  throw new Error(`engine bench (${side}): ${message}`);
}

// ---------------------------------------------------------------------------------------------
// Ours

/** A wrapper that forwards every call: the engine sees a store without the in-memory fast path. */
function asyncOnly(store: Store): Store {
  return new Proxy(store, {
    get(target, key) {
      const value: unknown = Reflect.get(target, key);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
}

async function oursRunner(variant: OursVariant = FIGURE_VARIANT): Promise<Runner> {
  const store = createMemoryStore({ now: () => new Date(NOW) });
  const engine = createEngine({
    blueprint: benchBlueprint(variant),
    store: variant.asyncStore ? asyncOnly(store) : store,
    clock: () => new Date(NOW),
    settings: { timeZone: TIME_ZONE, currency: "RUB" },
  });
  const deals: { id: string; pos: number; moves: number }[] = [];
  for (let i = 0; i < DEALS; i++) {
    const d = await engine.createDeal(
      { pipeline: "sales", title: `Deal ${i}`, amount: 50_000 + i, responsible: "u", fields: { segment: "b2b", contractNo: `C-${i}` } },
      { actor: { user: "u" } },
    );
    deals.push({ id: d.id, pos: 0, moves: 0 });
  }
  let cursor = 0;
  let moves = 0;
  const actor = { actor: { user: "u" } };
  return {
    async run(n) {
      for (let i = 0; i < n; i++) {
        const d = deals[cursor]!;
        cursor = cursor + 1 === DEALS ? 0 : cursor + 1;
        d.pos = d.pos === 9 ? 0 : d.pos + 1;
        d.moves++;
        await engine.move(d.id, PROCESS_STAGES[d.pos]!, actor);
      }
      moves += n;
      return n;
    },
    async check() {
      const tasksPerDeal = variant.robots ? 1 : 0;
      for (const d of deals) {
        const loaded = await engine.deal(d.id);
        const stage = PROCESS_STAGES[d.pos]!;
        if (loaded.record.stage !== stage) fail("ours", `deal ${d.id} is in ${loaded.record.stage}, expected ${stage}`);
        if (loaded.record.entry !== d.moves + 1) fail("ours", `deal ${d.id} has entry ${loaded.record.entry}, expected ${d.moves + 1}`);
        if (loaded.openTasks.length !== tasksPerDeal) fail("ours", `deal ${d.id} has ${loaded.openTasks.length} open tasks, expected ${tasksPerDeal}`);
        if (loaded.timers.length !== tasksPerDeal) fail("ours", `deal ${d.id} has ${loaded.timers.length} timers, expected ${tasksPerDeal}`);
        if (!variant.robots) continue;
        const task = loaded.openTasks[0]!;
        if (task.stage !== stage || task.deadline !== DEADLINE || task.robot !== `${stage}-task`) {
          fail("ours", `deal ${d.id} has open task ${JSON.stringify({ stage: task.stage, deadline: task.deadline, robot: task.robot })}`);
        }
        const timer = loaded.timers[0]!;
        if (timer.kind !== "deadline" || timer.dueAt !== DEADLINE || timer.task !== task.id) {
          fail("ours", `deal ${d.id} has timer ${JSON.stringify(timer)}, expected the deadline timer of ${task.id} at ${DEADLINE}`);
        }
      }
      const all = await engine.tasks({});
      const cancelled = all.filter((t) => t.status === "cancelled").length;
      if (all.length !== tasksPerDeal * (DEALS + moves) || cancelled !== tasksPerDeal * moves) {
        fail("ours", `${all.length} tasks (${cancelled} cancelled) after ${moves} moves of ${DEALS} deals; expected ${tasksPerDeal * (DEALS + moves)} (${tasksPerDeal * moves} cancelled)`);
      }
      const first = deals[0]!;
      const history = await engine.history(first.id);
      const count = (type: string) => history.filter((h) => h.type === type).length;
      const expected = { "deal.moved": first.moves, "task.created": tasksPerDeal * (first.moves + 1), "task.cancelled": tasksPerDeal * first.moves, "robot.ran": tasksPerDeal * (first.moves + 1) };
      for (const [type, n] of Object.entries(expected)) {
        if (count(type) !== n) fail("ours", `history of ${first.id} has ${count(type)} '${type}' rows, expected ${n}`);
      }
      if (count("robot.skipped") || count("robot.failed") || count("deal.move.blocked")) fail("ours", `history of ${first.id} has skipped/failed robots or blocked moves`);
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Raw XState: the same statechart, driven with the pure `transition()`

interface RawTask { id: string; deal: string; stage: string; status: "open" | "cancelled"; createdAt: string; deadline: string }
interface RawContext { id: string; amount: number; segment: string; contractNo: string; task: RawTask | null; seq: number }

function rawMachine(tasks: RawTask[]): AnyStateMachine {
  type Args = { context: RawContext; event: { type: string; to?: string } };
  const enter = (stage: string) => ({ context }: Args) => {
    const task: RawTask = {
      id: `${context.id}-${++context.seq}`, deal: context.id, stage, status: "open", createdAt: NOW_ISO,
      deadline: new Date(NOW.getTime() + DAY_MS).toISOString(),
    };
    context.task = task;
    tasks.push(task);
  };
  const exit = ({ context }: Args) => {
    if (context.task) context.task.status = "cancelled";
    context.task = null;
  };
  const guardOk = (from: number, to: number, ctx: RawContext): boolean => {
    // The equivalent of the requireFields guards (enter on the target, leave on a forward move).
    const check = (g: { fields: string[] } | undefined) => !g || g.fields.every((f) => (f === "amount" ? ctx.amount > 0 : !!(ctx as unknown as Record<string, unknown>)[f]));
    const enterGuard = GUARDS[to + 1]?.scope === "enter" ? GUARDS[to + 1] : undefined;
    const leaveGuard = to > from && GUARDS[from + 1]?.scope === "leave" ? GUARDS[from + 1] : undefined;
    return check(enterGuard) && check(leaveGuard);
  };
  const states: Record<string, object> = {};
  ALL_STAGES.forEach((stage, i) => {
    const process = i < PROCESS_STAGES.length;
    states[stage] = {
      entry: process ? enter(stage) : [],
      exit: process ? exit : [],
      on: process
        ? {
            move: ALL_STAGES.flatMap((target, j) => (j === i ? [] : [{
              target,
              guard: ({ context, event }: Args) => event.to === target && context.amount >= MIN_AMOUNT && guardOk(i, j, context),
            }])),
          }
        : {},
    };
  });
  return createMachine({
    id: "sales",
    initial: PROCESS_STAGES[0],
    context: ({ input }: { input: RawContext }) => ({ ...input }),
    states,
  } as never);
}

export function rawRunner(): Runner {
  const tasks: RawTask[] = [];
  const machine = rawMachine(tasks);
  const exec = (actions: readonly unknown[]) => {
    for (const a of actions as { exec?: (info: unknown, params: unknown) => void; info: unknown; params: unknown }[]) a.exec?.(a.info, a.params);
  };
  const deals = Array.from({ length: DEALS }, (_, i) => {
    const input: RawContext = { id: `deal-${i}`, amount: 50_000 + i, segment: "b2b", contractNo: `C-${i}`, task: null, seq: 0 };
    const [snapshot, actions] = initialTransition(machine, input as never);
    exec(actions);
    return { snapshot, pos: 0 };
  });
  let cursor = 0;
  let moves = 0;
  return {
    run(n) {
      for (let i = 0; i < n; i++) {
        const d = deals[cursor]!;
        cursor = cursor + 1 === DEALS ? 0 : cursor + 1;
        d.pos = d.pos === 9 ? 0 : d.pos + 1;
        const [next, actions] = transition(machine, d.snapshot, { type: "move", to: PROCESS_STAGES[d.pos]! } as never);
        exec(actions);
        d.snapshot = next;
      }
      moves += n;
      return n;
    },
    check() {
      deals.forEach((d, i) => {
        if (d.snapshot.value !== PROCESS_STAGES[d.pos]) fail("raw XState", `deal ${i} is in ${String(d.snapshot.value)}, expected ${PROCESS_STAGES[d.pos]}`);
      });
      const open = tasks.filter((t) => t.status === "open").length;
      if (tasks.length !== DEALS + moves || open !== DEALS) fail("raw XState", `${tasks.length} tasks (${open} open) after ${moves} moves`);
    },
  };
}

// ---------------------------------------------------------------------------------------------
// bpmn-engine: start → 9 user tasks → end

const BPMN_TASKS = 9;

function bpmnSource(): string {
  const ids = ["start", ...Array.from({ length: BPMN_TASKS }, (_, i) => `task${i + 1}`), "end"];
  const tasks = ids.slice(1, -1).map((id) => `<userTask id="${id}" name="${id}" />`).join("\n    ");
  const flows = ids.slice(1).map((to, i) => `<sequenceFlow id="flow${i}" sourceRef="${ids[i]}" targetRef="${to}" />`).join("\n    ");
  return `<?xml version="1.0" encoding="UTF-8"?>
<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" id="bench" targetNamespace="http://voronka/bench">
  <process id="sales" isExecutable="true">
    <startEvent id="start" />
    ${tasks}
    <endEvent id="end" />
    ${flows}
  </process>
</definitions>`;
}

/** The parsed and serialized process, parsed once for all instances (as our blueprint is compiled once). */
type SourceContext = NonNullable<BpmnEngineOptions["sourceContext"]>;
let bpmnContext: Promise<SourceContext> | null = null;
function bpmnSourceContext(): Promise<SourceContext> {
  // `sourceContext` is a public option of `new Engine()`; making one from XML is what the engine
  // does internally with `source` (bpmn-moddle + moddle-context-serializer, not deps of ours).
  bpmnContext ??= (new BpmnEngine() as unknown as { _serializeSource(s: string): Promise<SourceContext> })._serializeSource(bpmnSource());
  return bpmnContext;
}

interface BpmnWaiting { id: string; signal(message?: unknown): void }

export async function bpmnRunner(opts: { parseEachInstance?: boolean } = {}): Promise<Runner> {
  const sourceContext = opts.parseEachInstance ? undefined : await bpmnSourceContext();
  const source = opts.parseEachInstance ? bpmnSource() : undefined;
  let instance: { waiting: BpmnWaiting | null; signals: number; engine: BpmnEngine; ended: boolean } | null = null;
  let completed = 0;
  let moves = 0;
  let startMs = 0;
  let problem: string | null = null;

  const start = async () => {
    const t0 = performance.now();
    const listener = new EventEmitter();
    const engine = new BpmnEngine({ name: "deal", listener, ...(sourceContext ? { sourceContext } : { source }) });
    const inst = { waiting: null as BpmnWaiting | null, signals: 0, engine, ended: false };
    listener.on("wait", (api: BpmnWaiting) => { inst.waiting = api; });
    engine.once("end", () => { inst.ended = true; });
    await engine.execute();
    if (!inst.waiting || inst.waiting.id !== "task1") problem ??= `a new instance waits in ${inst.waiting?.id ?? "nothing"}, expected task1`;
    instance = inst;
    startMs += performance.now() - t0;
    return inst;
  };

  return {
    async run(n) {
      for (let i = 0; i < n; i++) {
        const inst = instance ?? (await start());
        const task = inst.waiting!;
        inst.waiting = null;
        task.signal();
        inst.signals++;
        const expected = inst.signals < BPMN_TASKS ? `task${inst.signals + 1}` : null;
        if ((inst.waiting as BpmnWaiting | null)?.id !== (expected ?? undefined)) {
          problem ??= `after ${inst.signals} signals the instance waits in ${(inst.waiting as BpmnWaiting | null)?.id ?? "nothing"}, expected ${expected ?? "nothing"}`;
        }
        if (expected === null) {
          if (!inst.ended || inst.engine.state !== "idle") problem ??= `the instance did not end after ${BPMN_TASKS} tasks (state ${inst.engine.state})`;
          completed++;
          instance = null;
        }
      }
      moves += n;
      return n;
    },
    check() {
      if (problem) fail("bpmn-engine", problem);
      if (completed !== Math.floor(moves / BPMN_TASKS)) fail("bpmn-engine", `${completed} instances completed after ${moves} moves`);
    },
    overheadMs: () => startMs,
  };
}

// ---------------------------------------------------------------------------------------------
// Measuring

/** The three sides of the figures, then two variants of ours that only feed the notes. */
export type Side = "ours" | "xstate" | "bpmn" | "oursPT24H" | "oursBare" | "oursAsync";
export const MAKERS: Record<Side, () => Runner | Promise<Runner>> = {
  ours: () => oursRunner(),
  xstate: rawRunner,
  bpmn: () => bpmnRunner(),
  oursPT24H: () => oursRunner({ deadline: "PT24H", robots: true }),
  oursBare: () => oursRunner({ deadline: "P1D", robots: false }),
  oursAsync: () => oursRunner({ deadline: "P1D", robots: true, asyncStore: true }),
};
const BATCH: Record<Side, number> = { ours: 100, xstate: 500, bpmn: 90, oursPT24H: 100, oursBare: 100, oursAsync: 100 };
const DIAGNOSTIC: ReadonlySet<Side> = new Set(["oursPT24H", "oursBare", "oursAsync"]);

/**
 * Runs batches on a fresh runner for about `ms` of wall time; returns moves per wall-clock second
 * (checked), moves per CPU-second of this process (a cross-check that other load on the machine
 * hardly moves), and the runner's overhead share.
 */
export async function round(side: Side, ms: number): Promise<{ rate: number; cpuRate: number; overhead: number }> {
  const runner = await MAKERS[side]();
  let moves = 0;
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  let elapsed = 0;
  do {
    const r = runner.run(BATCH[side]);
    moves += typeof r === "number" ? r : await r;
    elapsed = performance.now() - t0;
  } while (elapsed < ms);
  const cpu = process.cpuUsage(cpu0);
  await runner.check();
  return {
    rate: (moves * 1000) / elapsed,
    cpuRate: (moves * 1e6) / Math.max(1, cpu.user + cpu.system),
    overhead: (runner.overheadMs?.() ?? 0) / elapsed,
  };
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};
const format = (n: number): string => Math.round(n).toLocaleString("en-US");
const pct = (x: number): string => `${(x * 100).toFixed(1)}%`;

// ---------------------------------------------------------------------------------------------
// Where the time goes: ours under the V8 sampling profiler

interface CpuProfile {
  nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; children?: number[] }[];
  samples: number[];
}

/** Modules by where their code lives; native frames count for the nearest JS caller. */
const MODULES: [label: string, test: RegExp][] = [
  ["XState (`transition()`, its guard and action plumbing)", /\/xstate\/dist\//],
  ["time: deadline `P1D` (`resolveTime`, zone math, date-fns)", /\/engine\/src\/time\/|\/date-fns\/|\/@date-fns\//],
  ["memory store (`commit`: indexes, history, deal copies)", /\/engine\/src\/store\//],
  ["cascade (guards, enter/leave, robots, tasks, timers)", /\/engine\/src\/runtime\/cascade\.ts/],
  ["step state (history rows, `toCommit`, views)", /\/engine\/src\/runtime\/step-state\.ts/],
  ["step (command dispatch)", /\/engine\/src\/runtime\/step\.ts/],
  ["runtime `Engine` (`#run`, env, look-ups, ids)", /\/engine\/src\/runtime\/engine\.ts/],
  ["XState adapter (snapshots, action mapping)", /\/engine\/src\/compile\//],
  ["conditions (compiled json-logic)", /\/engine\/src\/conditions\//],
  ["robots (`createTask` executor)", /\/engine\/src\/robots\//],
  ["other engine code", /\/engine\/src\//],
  ["zod (should not be on the hot path)", /\/zod\//],
  ["bench driver", /\/bench\//],
  ["Node internals (promise jobs, crypto ids)", /^node:/],
];

/** Functions whose inclusive share (all samples with them on the stack) the notes report. */
const PHASES: [label: string, test: (f: { functionName: string; url: string }) => boolean][] = [
  ["`transition()` of XState, incl. the guard callback into `checkGuards`", (f) => f.functionName === "transition" && /\/xstate\/dist\//.test(f.url)],
  ["`checkGuards` (requireFields guards + condition context)", (f) => f.functionName === "checkGuards"],
  ["`enterStage` (robots → `createTask` → deadline)", (f) => f.functionName === "enterStage"],
  ["`createTask` (task record, `resolveTime`, timer, history)", (f) => f.functionName === "createTask" && /cascade/.test(f.url)],
  ["`resolveTime` (deadline `after: P1D` in Europe/Moscow)", (f) => f.functionName === "resolveTime"],
  ["`leaveStage` (cancel task + timer)", (f) => f.functionName === "leaveStage"],
  ["`executeRobot` (condition, executor, effects)", (f) => f.functionName === "executeRobot"],
  ["store `load` (the stored deal, its open tasks and timers)", (f) => /^#?load$/.test(f.functionName) && /memory-store/.test(f.url)],
  ["`StepState.adopt` (the step's copy of the deal)", (f) => f.functionName === "adopt"],
  ["store `commit` (checks, indexes, history rows, a copy of the deal)", (f) => /^#?commit$/.test(f.functionName) && /memory-store/.test(f.url)],
  ["`StepState.record` (history rows)", (f) => f.functionName === "record" && /step-state/.test(f.url)],
  ["`toCommit`", (f) => f.functionName === "toCommit"],
  ["ids (`crypto.randomUUID`)", (f) => f.functionName === "randomUUID" || f.functionName === "id" && /runtime\/engine\.ts/.test(f.url)],
  ["`__name` (tsx's keepNames wrapper, paid by every closure created per call)", (f) => f.functionName === "__name"],
];

export interface ProfileSummary {
  samples: number;
  modules: { label: string; share: number }[];
  phases: { label: string; share: number }[];
  gc: number;
  topFunctions: { name: string; share: number }[];
}

function summarize(profile: CpuProfile): ProfileSummary {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const moduleOf = new Map<number, string>();
  const labelOf = (id: number): string => {
    const cached = moduleOf.get(id);
    if (cached !== undefined) return cached;
    const n = byId.get(id)!;
    const { url, functionName } = n.callFrame;
    let label: string;
    if (functionName === "(garbage collector)") label = "GC";
    else if (functionName === "(program)" || functionName === "(root)") label = "(program)";
    else if (functionName === "(idle)") label = "(idle)";
    else if (!url) label = parent.has(id) ? labelOf(parent.get(id)!) : "(program)";
    else label = MODULES.find(([, re]) => re.test(url))?.[0] ?? `other: ${url.replace(/^.*node_modules\//, "")}`;
    moduleOf.set(id, label);
    return label;
  };
  const self = new Map<string, number>();
  const phaseHits = new Map<string, number>();
  const fnSelf = new Map<string, number>();
  let total = 0;
  for (const id of profile.samples) {
    const label = labelOf(id);
    if (label === "(idle)") continue;
    total++;
    self.set(label, (self.get(label) ?? 0) + 1);
    const f = byId.get(id)!.callFrame;
    const where = f.url.replace(/^.*\/(packages|node_modules)\//, "").replace(/^\.pnpm\/[^/]+\/node_modules\//, "").replace(/^engine\/src\//, "").replace(/\/dist\/.*$/, "");
    const fname = `\`${f.functionName || "(anonymous)"}\` (${f.url ? where : "native"})`;
    fnSelf.set(fname, (fnSelf.get(fname) ?? 0) + 1);
    const seen = new Set<string>();
    for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
      const frame = byId.get(cur)!.callFrame;
      for (const [phase, test] of PHASES) if (!seen.has(phase) && test(frame)) seen.add(phase);
    }
    for (const phase of seen) phaseHits.set(phase, (phaseHits.get(phase) ?? 0) + 1);
  }
  const share = (n: number) => (total ? n / total : 0);
  return {
    samples: total,
    gc: share(self.get("GC") ?? 0),
    modules: [...self].filter(([l]) => l !== "GC").map(([label, n]) => ({ label, share: share(n) })).sort((a, b) => b.share - a.share),
    phases: PHASES.map(([label]) => ({ label, share: share(phaseHits.get(label) ?? 0) })),
    topFunctions: [...fnSelf].map(([name, n]) => ({ name, share: share(n) })).sort((a, b) => b.share - a.share).slice(0, 40),
  };
}

/** Runs ours for about `ms` under the sampling profiler (after a warm-up) and summarizes. */
export async function profileOurs(ms: number): Promise<ProfileSummary> {
  const runner = await oursRunner();
  await runner.run(2000);
  const session = new Session();
  session.connect();
  try {
    await session.post("Profiler.enable");
    await session.post("Profiler.setSamplingInterval", { interval: 100 });
    await session.post("Profiler.start");
    const t0 = performance.now();
    while (performance.now() - t0 < ms) await runner.run(100);
    const { profile } = await session.post("Profiler.stop");
    await runner.check();
    return summarize(profile as unknown as CpuProfile);
  } finally {
    session.disconnect();
  }
}

// ---------------------------------------------------------------------------------------------
// The part

/**
 * Bytes that stay on the heap per move (what the side keeps: history, tasks, snapshots), from the
 * heap in use after a full GC before and after `moves` moves on a warmed-up runner.
 */
async function retainedBytesPerMove(side: Side, moves: number): Promise<number> {
  v8.setFlagsFromString("--expose-gc");
  const gc = vm.runInNewContext("gc") as () => void;
  const runner = await MAKERS[side]();
  await runner.run(BATCH[side] * 10);
  gc();
  const before = process.memoryUsage().heapUsed;
  for (let done = 0; done < moves; done += BATCH[side]) await runner.run(BATCH[side]);
  gc();
  const after = process.memoryUsage().heapUsed;
  await runner.check();
  return (after - before) / moves;
}

/** Microseconds per `resolveTime` call for a task deadline, as `createTask` makes it. */
function resolveTimeMicros(after: string, calls: number): number {
  const ctx = { from: NOW, fields: {}, timeZone: TIME_ZONE };
  for (let i = 0; i < Math.min(calls, 500); i++) resolveTime({ after }, ctx);
  const t0 = performance.now();
  for (let i = 0; i < calls; i++) resolveTime({ after }, ctx);
  return ((performance.now() - t0) * 1000) / calls;
}

export async function benchEngine(opts: { smoke: boolean }): Promise<{ lines: string[]; notes: string }> {
  const rounds = opts.smoke ? 2 : 5;
  const ms = opts.smoke ? 100 : 1000;
  const diagMs = opts.smoke ? 50 : 1000;
  const sides: Side[] = ["ours", "xstate", "bpmn", "oursPT24H", "oursBare", "oursAsync"];
  const loadBefore = os.loadavg()[0]!;

  // Warm-up (JIT tiers; bpmn-engine and ours take seconds to reach speed), checked too.
  for (const side of sides) await round(side, opts.smoke ? 50 : 1000);
  const rates: Record<Side, number[]> = { ours: [], xstate: [], bpmn: [], oursPT24H: [], oursBare: [], oursAsync: [] };
  const cpuRates: Record<Side, number[]> = { ours: [], xstate: [], bpmn: [], oursPT24H: [], oursBare: [], oursAsync: [] };
  const bpmnStartShare: number[] = [];
  for (let r = 0; r < rounds; r++) {
    // Rotate the order so that no side always runs first (or always after another's garbage).
    for (let k = 0; k < sides.length; k++) {
      const side = sides[(r + k) % sides.length]!;
      const res = await round(side, DIAGNOSTIC.has(side) ? diagMs : ms);
      rates[side].push(res.rate);
      cpuRates[side].push(res.cpuRate);
      if (side === "bpmn") bpmnStartShare.push(res.overhead);
    }
  }
  const ours = median(rates.ours);
  const xstate = median(rates.xstate);
  const bpmn = median(rates.bpmn);
  const oursPT24H = median(rates.oursPT24H);
  const oursBare = median(rates.oursBare);
  const oursAsync = median(rates.oursAsync);

  // bpmn-engine as its README shows it: `new Engine({ source })` per instance, XML parsed each time.
  const bpmnParsing = await (async () => {
    const runner = await bpmnRunner({ parseEachInstance: true });
    const t0 = performance.now();
    let moves = 0;
    while (performance.now() - t0 < (opts.smoke ? 100 : 1000)) moves += await runner.run(BPMN_TASKS);
    const rate = (moves * 1000) / (performance.now() - t0);
    await runner.check();
    return rate;
  })();

  const lines = [
    `engine vs raw XState: ${(ours / xstate).toFixed(2)}× (ours ${format(ours)} moves/s vs theirs ${format(xstate)} moves/s)`,
    `engine vs bpmn-engine: ${(ours / bpmn).toFixed(2)}× (ours ${format(ours)} moves/s vs theirs ${format(bpmn)} moves/s)`,
  ];

  const profile = await profileOurs(opts.smoke ? 300 : 3000);
  const p1d = resolveTimeMicros("P1D", opts.smoke ? 2000 : 20000);
  const pt24h = resolveTimeMicros("PT24H", opts.smoke ? 2000 : 20000);
  const keptOurs = await retainedBytesPerMove("ours", opts.smoke ? 1000 : 20000);
  const keptRaw = await retainedBytesPerMove("xstate", opts.smoke ? 1000 : 20000);

  const loadAfter = os.loadavg()[0]!;
  const cores = os.cpus().length;
  const busy = Math.max(loadBefore, loadAfter) > cores * 0.6;
  const usPerMove = 1e6 / ours;
  const us = (share: number) => `${(share * usPerMove).toFixed(0)} µs`;
  const spread = (xs: number[]) => `${format(Math.min(...xs))}–${format(Math.max(...xs))}`;
  const phase = (prefix: string) => profile.phases.find((p) => p.label.startsWith(prefix))?.share ?? 0;
  const notes = [
    `**Workload.** One pipeline of 10 process stages + won + lost. Every process stage has a \`createTask\` robot`
    + ` (deadline \`{ after: "P1D" }\`, condition \`deal.amount >= ${MIN_AMOUNT}\`); stages 2, 3, 6, 9 have \`requireFields\``
    + ` enter guards and stage 5 a leave guard, all filled. ${DEALS} deals move round-robin 1 → 2 → … → 10 → 1 with`
    + ` \`engine.move\` on \`createMemoryStore()\` (fixed clock, zone ${TIME_ZONE}, random ids). One move = load, XState`
    + ` \`transition()\` whose guard runs the requireFields check, leave (cancel the open task and its deadline timer),`
    + ` enter, the robot (condition, executor, a task with its deadline and timer), 4 history rows, one commit.`
    + ` \`engine.move\` is async as always; the in-memory store answers its \`load\` and \`commit\` synchronously through an`
    + ` internal fast path (the async \`Store\` interface is unchanged, see the diagnostics for a store without it).`
    + ` Ours is the engine's TypeScript run through tsx (esbuild with \`keepNames\`), as \`pnpm start\` and the server run`
    + ` it (the engine has no build step); XState and bpmn-engine are their published JavaScript.`
    + ` **Raw XState** runs the same statechart (12 states, 11 guarded \`move\` transitions per process stage; guards on`
    + ` \`event.to\`, the amount and the same required fields; entry/exit actions that open and cancel a task object with`
    + ` a deadline) with the pure \`transition()\`, one snapshot kept per deal. **bpmn-engine** runs start → 9 user tasks`
    + ` → end; one move = one user task signalled and the next one reached; the XML is parsed once and its context`
    + ` reused by every instance (as our blueprint is compiled once); starting the instances is inside its time`
    + ` (${pct(median(bpmnStartShare))} of it). With \`new Engine({ source })\` per instance (XML parsed every time, as in its`
    + ` README) it makes ${format(bpmnParsing)} moves/s.`,
    "",
    `**Rounds.** ${rounds} alternating rounds of ~${ms} ms per side (order rotated), fresh state each round, results`
    + ` checked after every round (stages, entry numbers, one open task per deal with its deadline and timer, cancelled`
    + ` tasks, history rows); medians. Spread: ours ${spread(rates.ours)}, raw XState ${spread(rates.xstate)},`
    + ` bpmn-engine ${spread(rates.bpmn)} moves/s. Load average (1 min) ${loadBefore.toFixed(1)} before and`
    + ` ${loadAfter.toFixed(1)} after, on ${cores} cores`
    + (busy ? `: other work shared the machine, so single rounds vary; the alternation spreads that over all sides.` : ".")
    + ` Cross-check per CPU-second of this process (hardly moved by other load; GC helper threads count):`
    + ` ours ${format(median(cpuRates.ours))}, raw XState ${format(median(cpuRates.xstate))}`
    + ` (${(median(cpuRates.ours) / median(cpuRates.xstate)).toFixed(2)}×), bpmn-engine ${format(median(cpuRates.bpmn))}`
    + ` (${(median(cpuRates.ours) / median(cpuRates.bpmn)).toFixed(2)}×).`,
    "",
    `**Where ours spends a move** (≈ ${usPerMove.toFixed(0)} µs at the median rate; raw XState needs ≈ ${(1e6 / xstate).toFixed(0)} µs`
    + ` for the whole move). V8 sampling profiler, ${format(profile.samples)} samples, native frames counted for their JS caller.`,
    "",
    `- Self time by module: ` + profile.modules.filter((m) => m.share >= 0.005).map((m) => `${m.label} ${pct(m.share)}`).join("; ")
    + `; GC ${pct(profile.gc)}.`,
    `- Inclusive (samples with the function on the stack; nested phases overlap): `
    + profile.phases.map((p) => `${p.label} ${pct(p.share)}`).join("; ") + ".",
    `- Hottest functions (self): ` + profile.topFunctions.slice(0, 10).map((f) => `${f.name} ${pct(f.share)}`).join(", ") + ".",
    `- Diagnostics, measured in the same rounds: the same workload with the deadline \`PT24H\` instead of \`P1D\``
    + ` (same instant, but exact hours need no wall-clock math) makes ${format(oursPT24H)} moves/s`
    + ` (${(oursPT24H / xstate).toFixed(2)}× raw XState); without robots and guards (a bare move: load, transition,`
    + ` one history row, commit) ${format(oursBare)} moves/s (${(oursBare / xstate).toFixed(2)}× raw XState); the figure's`
    + ` workload with the store behind a transparent wrapper, so each \`load\` and \`commit\` is a promise (the path of`
    + ` any other store, e.g. the SQL one) ${format(oursAsync)} moves/s (${(oursAsync / xstate).toFixed(2)}× raw XState).`
    + ` \`resolveTime({ after: "P1D" })\` alone costs ${p1d.toFixed(1)} µs per call, \`PT24H\` ${pt24h.toFixed(1)} µs.`,
    "",
    `**Reading.** Per move, ours ≈ ${usPerMove.toFixed(0)} µs: XState's \`transition()\` ≈ ${us(phase("`transition()`"))}`
    + ` (guard callback included; raw XState's whole move, its own actions and garbage included, is ≈ ${(1e6 / xstate).toFixed(0)} µs),`
    + ` the store's \`commit\` ≈ ${us(phase("store `commit`"))}, GC ≈ ${us(profile.gc)} (the memory store keeps every history`
    + ` row and task: ${format(keptOurs)} bytes per move stay on the heap; raw XState keeps its task object,`
    + ` ${format(keptRaw)} bytes), and the rest of the step`
    + ` (load, the step's copy of the deal, guards, leave, enter, the robot with its task, deadline and timer, history`
    + ` rows, the async \`engine.move\` around it) ≈ ${us(Math.max(0, 1 - phase("`transition()`") - phase("store `commit`") - profile.gc))}.`
    + ` For ≥ 0.50× all of ours besides \`transition()\` must fit in ≈ ${Math.max(0, 2e6 / xstate - phase("`transition()`") * usPerMove).toFixed(0)} µs;`
    + ` it takes ≈ ${((1 - phase("`transition()`")) * usPerMove).toFixed(0)} µs.`
    + ` Goal ≥ 0.50×: ${ours / xstate >= 0.5 ? "met" : "not met"} (${(ours / xstate).toFixed(2)}×; per CPU-second`
    + ` ${(median(cpuRates.ours) / median(cpuRates.xstate)).toFixed(2)}×). How the hot path got here (copies that share`
    + ` V8 hidden classes, the store's synchronous twins, no closures made per move, day arithmetic without wall-clock`
    + ` objects): docs/decisions/0007-engine-hot-path.md.`,
  ].join("\n");
  return { lines, notes };
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const smoke = process.argv.includes("--smoke");
  const { lines, notes } = await benchEngine({ smoke });
  console.log(lines.join("\n"));
  console.log(`\n${notes}`);
}
