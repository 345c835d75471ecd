/**
 * Benchmark: the editor's canvas at 20 pipelines × 25 stages (DESIGN.md "Performance and scale"):
 * the first render and a drag, measured in Chromium, against their budgets (1500 ms, 50 fps).
 *
 * - Blueprint: 20 pipelines of 25 stages each — 23 process stages, a success and a failure stage
 *   (500 stages in all) — with the robots and triggers a real blueprint has (a task with a deadline
 *   on every process stage, required fields, delayed escalations, activity / field / task triggers,
 *   an NPS survey and a tunnel to the next pipeline on success, a loss reason on failure), using the
 *   standards blueprint's fields, activity types, surveys and calendar. It is checked with the
 *   engine's `validateBlueprint` (zod schema, params, lint) before anything is measured.
 * - Browser: the built web app (`packages/editor/dist`) served from memory, opened offline (no
 *   server: the editor's import needs none) in Debian's Chromium through playwright-core, at
 *   1920×1080. The blueprint goes through the real import dialog; the clock starts at the click on
 *   "Open in the editor". The browser code lives in `packages/editor/e2e/editor-bench-driver.ts`
 *   (playwright-core is the editor's dev dependency), whose header explains the two modes:
 *   **all** (zoomed out to 0.1 first, so every one of the 500 stage nodes is rendered and measured;
 *   the budget lines) and **default** (the editor's own zoom, where React Flow renders only what is
 *   on screen).
 * - First render: median of several runs per mode, each on a fresh page. Drag: a stage node near
 *   the centre dragged along an ellipse for a few seconds, a mouse move every 16 ms sent without
 *   waiting for the page; the figure is the frames per second that draw the node at a new place,
 *   median of several drags, the idle frame rate of the same page beside it. Drags run with all
 *   stages on screen (where the editor draws nodes without chips and handles: below `FAR_ZOOM`),
 *   the same with every detail forced on (diagnostic), at the default zoom, and at the smallest
 *   zoom with every detail. Where the time goes: Chromium's own counters (CDP
 *   `Performance.getMetrics`: script, style, layout and all main-thread tasks) around each
 *   measurement.
 *
 * Run alone: `npx tsx bench/editor.bench.ts [--smoke]` (needs `pnpm --filter @voronka/editor build`
 * and `/usr/bin/chromium`).
 */
import { existsSync } from "node:fs";
import { pathToFileURL } from "node:url";
import { validateBlueprint, type Blueprint, type Robot, type Stage, type Trigger } from "@voronka/engine";
import { standardsBlueprint } from "@voronka/standards";
import {
  CHROMIUM, DIST, canvasZoom, centralStageNode, completeBuild, confirmAndTimeRender, dragFps, launchChromium, loadIntoImportDialog,
  openOffline, renderedStageNodes, serveDist, zoomOutFully, zoomOutTo, type DragResult, type MainThread, type RenderResult,
} from "../packages/editor/e2e/editor-bench-driver";
import { FAR_ZOOM } from "../packages/editor/src/canvas/level-of-detail";
import type { PartOptions } from "./run";

const BUDGET = { firstRenderMs: 1500, dragFps: 50 };
const VIEWPORT = { width: 1920, height: 1080 };
const PALETTE = ["#2f6fde", "#45b5aa", "#e08a2e", "#8e5bd8", "#d64f7a", "#3f9c35", "#6b7a90", "#c7a21b"];

const label = (en: string, ru: string) => ({ en, ru });
const pad = (n: number) => String(n).padStart(2, "0");

/**
 * A blueprint of `pipelines` × `stagesPerPipeline` stages (the last two of each pipeline are its
 * success and failure stages), with the standards blueprint's fields, activity types, surveys and
 * calendar, and robots and triggers on every stage as a real blueprint has them.
 */
export function editorBenchBlueprint(pipelines: number, stagesPerPipeline: number): Blueprint {
  if (stagesPerPipeline < 3) throw new Error("A pipeline needs at least one process stage, a success and a failure stage.");
  const std = standardsBlueprint;
  const leaveFields = ["clientFeedback", "amount", "presentationAt", "clientSite", "contractTerms", "paymentDate", "legalName", "inn"];
  const activities = std.activityTypes.map((a) => a.id);
  const pid = (p: number) => `p${pad(p + 1)}`;
  const process = stagesPerPipeline - 2;
  return {
    format: "voronka.blueprint/v1",
    id: "editor-bench",
    name: label(`Editor bench: ${pipelines} × ${stagesPerPipeline}`, `Тест редактора: ${pipelines} × ${stagesPerPipeline}`),
    fields: std.fields,
    activityTypes: std.activityTypes,
    surveys: std.surveys,
    calendars: std.calendars,
    ...(std.defaultCalendar ? { defaultCalendar: std.defaultCalendar } : {}),
    pipelines: Array.from({ length: pipelines }, (_, p) => {
      const id = pid(p);
      const stages: Stage[] = [];
      for (let s = 1; s <= process; s++) {
        const sid = `s${pad(s)}`;
        const robots: Robot[] = [];
        const triggers: Trigger[] = [];
        if (s === 1) robots.push({ id: `${id}-${sid}-segment`, type: "setField", params: { field: "segment", value: p % 2 ? "b2c" : "b2b" } });
        if (s % 2 === 0) robots.push({ id: `${id}-${sid}-require`, type: "requireFields", params: { fields: [leaveFields[s % leaveFields.length]!], scope: "leave" } });
        robots.push({
          id: `${id}-${sid}-task`, type: "createTask",
          params: { title: label(`Step ${s}: call the client and agree on the next step`, `Шаг ${s}: позвонить клиенту и согласовать следующий шаг`), responsible: { kind: "dealResponsible" }, deadline: { after: `P${1 + (s % 3)}D`, workingTime: true } },
        });
        if (s % 3 === 0) {
          robots.push({
            id: `${id}-${sid}-escalate`, type: "notify",
            params: { to: { kind: "supervisor" }, text: label(`Deal «{{deal.title}}» is still at step ${s}.`, `Сделка «{{deal.title}}» всё ещё на шаге ${s}.`) },
            delay: { after: `P${1 + (s % 3)}D`, workingTime: true },
          });
        }
        if (s > 1 && s % 4 === 0) triggers.push({ id: `${id}-${sid}-on-activity`, type: "activity", params: { types: [activities[s % activities.length]!] }, condition: { "==": [{ var: "deal.stage" }, `s${pad(s - 1)}`] } });
        if (s % 5 === 0) triggers.push({ id: `${id}-${sid}-on-payment`, type: "fieldChanged", params: { fields: ["paymentDate"] }, condition: { "==": [{ var: "deal.stage" }, `s${pad(s - 1)}`] } });
        if (s % 6 === 0) triggers.push({ id: `${id}-${sid}-on-task`, type: "taskCompleted", params: { robot: `${id}-s${pad(s - 1)}-task` } });
        stages.push({ id: sid, label: label(`Step ${s}`, `Шаг ${s}`), kind: "process", robots, triggers });
      }
      const won: Robot[] = [
        { id: `${id}-won-require`, type: "requireFields", params: { fields: ["amount", "contactEmail"], scope: "enter" } },
        { id: `${id}-won-survey`, type: "sendSurvey", params: { survey: "nps", recipient: { field: "contactEmail" }, channel: "link" } },
      ];
      if (p + 1 < pipelines) won.push({ id: `${id}-won-to-${pid(p + 1)}`, type: "copyToTunnel", params: { pipeline: pid(p + 1), stage: "s01", mode: "copy", carry: ["segment", "contactEmail"] } });
      stages.push({ id: "won", label: label("Won", "Успех"), kind: "success", robots: won, triggers: [] });
      stages.push({ id: "lost", label: label("Lost", "Провал"), kind: "failure", robots: [{ id: `${id}-lost-reason`, type: "requireFields", params: { fields: ["lossReason"], scope: "enter" } }], triggers: [] });
      return { id, label: label(`Pipeline ${p + 1}`, `Воронка ${p + 1}`), ui: { color: PALETTE[p % PALETTE.length]! }, stages };
    }),
  };
}

/** The same pipeline ids with one process stage and the two final ones each (the "all" mode's first import). */
function skeletonOf(bp: Blueprint): Blueprint {
  return {
    ...bp,
    id: `${bp.id}-skeleton`,
    pipelines: bp.pipelines.map((p) => ({ ...p, stages: p.stages.filter((s, i) => i === 0 || s.kind !== "process").map((s) => ({ ...s, robots: [], triggers: [] })) })),
  };
}

/** Fails loudly, with the command that fixes it, when the build or the browser is missing. */
function checkPrerequisites(): void {
  if (!completeBuild(DIST)) throw new Error(`The editor bench needs the built web app in ${DIST}: run \`pnpm --filter @voronka/editor build\` first.`);
  if (!existsSync(CHROMIUM)) throw new Error(`The editor bench needs Chromium at ${CHROMIUM}: \`apt-get install -y chromium\` (or set CHROMIUM).`);
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};
const fmt = (x: number) => (x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(2));

/** One first render and the zoom it ended at. */
interface RenderRun extends RenderResult {
  zoom: number;
}

/**
 * Where a drag was measured: all stages on screen (zoom 0.1); the same with the details drawn
 * anyway (diagnostic); the editor's zoom; the smallest zoom with every detail drawn.
 */
type DragMode = "all" | "allDetail" | "default" | "detail";
/** One drag, with the stage nodes on screen and the zoom. */
type Drag = DragResult & { nodes: number; edges: number; zoom: number; far: boolean };
/** A page of the driver's (playwright-core resolves from the editor package, not from here). */
type Page = Parameters<typeof dragFps>[0];

export async function benchEditor(opts: PartOptions): Promise<{ lines: string[]; notes: string }> {
  checkPrerequisites();
  const [pipelines, stagesPer] = opts.smoke ? [2, 5] : [20, 25];
  const runs = opts.smoke ? 1 : 5;
  const drags = opts.smoke ? 1 : 5;
  const dragMs = opts.smoke ? 600 : 4000;
  const blueprint = editorBenchBlueprint(pipelines, stagesPer);
  const checked = validateBlueprint(blueprint);
  if (!checked.ok) throw new Error(`editor bench: the generated blueprint is invalid:\n${checked.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("\n")}`);
  const stageCount = blueprint.pipelines.reduce((n, p) => n + p.stages.length, 0);
  const chips = blueprint.pipelines.reduce((n, p) => n + p.stages.reduce((m, s) => m + s.robots.length + s.triggers.length, 0), 0);
  const warnings = checked.warnings?.length ?? 0;

  const served = await serveDist();
  const browser = await launchChromium();
  try {
    const problems: string[] = [];
    /** Opens a fresh page and renders the blueprint in one mode. */
    const renderOnce = async (mode: "all" | "default") => {
      const session = await openOffline(browser, served.url, VIEWPORT);
      if (mode === "all") {
        await loadIntoImportDialog(session.page, skeletonOf(blueprint), "skeleton.json");
        await confirmAndTimeRender(session.page, "settled");
        const zoom = await zoomOutFully(session.page);
        if (zoom > 0.1001) throw new Error(`editor bench: could not zoom out to 0.1 (at ${zoom})`);
      }
      const dialogMs = await loadIntoImportDialog(session.page, blueprint);
      const result = await confirmAndTimeRender(session.page, mode === "all" ? stageCount : "settled");
      const run: RenderRun = { ...result, zoom: await canvasZoom(session.page) };
      if (mode === "all" && run.nodes < stageCount) throw new Error(`editor bench: ${run.nodes} of ${stageCount} stage nodes rendered`);
      return { session, run, dialogMs };
    };

    const render: Record<"all" | "default", RenderRun[]> = { all: [], default: [] };
    const dialog: number[] = [];
    const drag: Record<DragMode, Drag[]> = { all: [], allDetail: [], default: [], detail: [] };
    /** Drags the stage nearest the centre `drags` times at the page's current zoom. */
    const dragHere = async (page: Page, mode: DragMode, radius: number) => {
      await page.waitForTimeout(500);
      const nodes = await renderedStageNodes(page);
      const zoom = await canvasZoom(page);
      const { edges, far } = (await page.evaluate(`(() => ({
        edges: document.querySelectorAll('[data-testid=canvas] .react-flow__edge').length,
        far: document.querySelector('[data-testid=canvas]').classList.contains('is-far'),
      }))()`)) as { edges: number; far: boolean };
      if (mode !== "allDetail" && far !== zoom < FAR_ZOOM) throw new Error(`editor bench: at zoom ${zoom} the canvas is${far ? "" : " not"} drawn without details`);
      // The stage nearest the centre: dragging near an edge would pan the canvas.
      const node = await centralStageNode(page);
      for (let d = 0; d < drags; d++) drag[mode].push({ ...(await dragFps(page, node, dragMs, radius)), nodes, edges, zoom, far });
    };
    for (let i = 0; i < runs; i++) {
      for (const mode of ["all", "default"] as const) {
        const { session, run, dialogMs } = await renderOnce(mode);
        try {
          render[mode].push(run);
          dialog.push(dialogMs);
          // Drags on the first page of each mode (the live lint has long settled by then).
          if (i === 0 && mode === "all") {
            await dragHere(session.page, "all", 40);
            // Diagnostic: the same with every detail drawn, the canvas's level-of-detail class taken
            // off by hand (React leaves it off: the canvas's class name does not change).
            await session.page.evaluate("document.querySelector('[data-testid=canvas]').classList.remove('is-far')");
            await dragHere(session.page, "allDetail", 40);
            if (await session.page.evaluate("document.querySelector('[data-testid=canvas]').classList.contains('is-far')")) throw new Error("editor bench: the canvas got its is-far class back during the drag");
          }
          if (i === 0 && mode === "default") {
            await dragHere(session.page, "default", 120);
            // The most stages a person sees with every detail drawn: the smallest zoom above FAR_ZOOM.
            const zoom = await zoomOutTo(session.page, FAR_ZOOM);
            if (zoom < FAR_ZOOM) throw new Error(`editor bench: zoomed out to ${zoom}, below ${FAR_ZOOM}`);
            await dragHere(session.page, "detail", 80);
          }
          problems.push(...session.problems);
        } finally {
          await session.close();
        }
      }
    }
    if (problems.length) throw new Error(`editor bench: the page logged errors:\n${problems.join("\n")}`);

    const first = { all: median(render.all.map((r) => r.ms)), default: median(render.default.map((r) => r.ms)) };
    const fps = Object.fromEntries(Object.entries(drag).map(([mode, d]) => [mode, median(d.map((x) => x.fps))])) as Record<DragMode, number>;
    const lines = [
      `editor first render, 500 stages: ${fmt(first.all)} ms (budget ${BUDGET.firstRenderMs} ms)`,
      `editor drag, 500 stages: ${fmt(fps.all)} fps (budget ${BUDGET.dragFps} fps)`,
    ];
    if (opts.smoke) lines.push(`(smoke: ${pipelines} × ${stagesPer} stages, not 500)`);
    return { lines, notes: notesOf({ opts, pipelines, stagesPer, stageCount, chips, warnings, runs, dragMs, render, dialog, drag, first, fps }) };
  } finally {
    await browser.close();
    await served.close();
  }
}

interface NotesInput {
  opts: PartOptions;
  pipelines: number;
  stagesPer: number;
  stageCount: number;
  chips: number;
  warnings: number;
  runs: number;
  dragMs: number;
  render: Record<"all" | "default", RenderRun[]>;
  dialog: number[];
  drag: Record<DragMode, Drag[]>;
  first: Record<"all" | "default", number>;
  fps: Record<DragMode, number>;
}

/** "script X ms, style Y ms, layout Z ms, other W ms of T ms" for the median of runs. */
function split(mains: MainThread[], per = 1): string {
  const m = (k: keyof MainThread) => median(mains.map((x) => x[k])) / per;
  const other = Math.max(0, m("taskMs") - m("scriptMs") - m("styleMs") - m("layoutMs"));
  return `script ${fmt(m("scriptMs"))} ms, style ${fmt(m("styleMs"))} ms, layout ${fmt(m("layoutMs"))} ms, other (paint, compositing, GC, parsing) ${fmt(other)} ms — main-thread tasks ${fmt(m("taskMs"))} ms`;
}

function notesOf(n: NotesInput): string {
  const over = (bad: boolean, ratio: string) => (bad ? `**over budget** (${ratio})` : "within budget");
  const r = n.render;
  const runsOf = (xs: { ms?: number; fps?: number }[]) => xs.map((x) => fmt(x.ms ?? x.fps ?? 0)).join(", ");
  const longest = (xs: RenderRun[]) => median(xs.map((x) => Math.max(0, ...x.frames)));
  const dragLine = (mode: DragMode, title: string) => {
    const d = n.drag[mode];
    if (!d.length) return `${title}: not measured.`;
    const busy = median(d.map((x) => x.main.taskMs)) / n.dragMs;
    return `${title} — zoom ${fmt(d[0]!.zoom)}, ${d[0]!.nodes} stage nodes and ${d[0]!.edges} edges on screen${d[0]!.far ? ", drawn without details" : ""}: **${fmt(n.fps[mode])} fps** (drags ${runsOf(d)}; idle ceiling ${fmt(median(d.map((x) => x.idleFps)))} fps, animation frames while dragging ${fmt(median(d.map((x) => x.rafFps)))}/s); the longest 5% of gaps between drawn frames ${fmt(median(d.map((x) => x.p95Ms)))} ms, ${fmt(median(d.map((x) => x.slowFrames)))} gaps over 33 ms; ${fmt(median(d.map((x) => x.handled)))} of ${fmt(median(d.map((x) => x.moves)))} mouse moves reached the page; the node moved up to ${fmt(median(d.map((x) => x.movedPx)))} px. Main thread busy ${(busy * 100).toFixed(0)}% of the drag; per drawn frame ${split(d.map((x) => x.main), median(d.map((x) => x.frames)))}.`;
  };
  return [
    `**Blueprint${n.opts.smoke ? " (smoke: small)" : ""}.** ${n.pipelines} pipelines × ${n.stagesPer} stages = ${n.stageCount} stages (each pipeline: ${n.stagesPer - 2} process stages, a success and a failure stage), ${n.chips} robots and triggers drawn as chips (a task with a deadline on every process stage, required fields on every second, a delayed escalation on every third, activity, field and task triggers, an NPS survey and a tunnel to the next pipeline on success, a loss reason on failure), on the standards blueprint's fields, activity types, surveys and calendar; valid by \`validateBlueprint\` (${n.warnings} warnings). Stage positions are left to the editor (dagre). Chromium ${VIEWPORT.width}×${VIEWPORT.height}, headless, no GPU (software raster); the built app served from memory and opened offline (\`packages/editor/e2e/editor-bench-driver.ts\`).`,
    `**First render**: the click on "Open in the editor" in the import dialog → the first animation frame after every expected stage node is in the DOM and measured by React Flow; median of ${n.runs}, each on a fresh page. **All stages rendered** (zoom 0.1, so React Flow's \`onlyRenderVisibleElements\` skips none: all ${n.stageCount} stage nodes with their chips are in the DOM; below ${FAR_ZOOM * 100}% zoom the editor draws them without chips and handles, see below): ${fmt(n.first.all)} ms (runs ${runsOf(r.all)}) — ${over(n.first.all > BUDGET.firstRenderMs, `${(n.first.all / BUDGET.firstRenderMs).toFixed(1)}×`)}. **At the editor's default zoom** (${fmt(median(r.default.map((x) => x.zoom)))}, what a person sees after an import: ${fmt(median(r.default.map((x) => x.nodes)))} stage nodes on screen, with every detail): ${fmt(n.first.default)} ms (runs ${runsOf(r.default)}); this one ends when the view has settled (no change in the viewport or in the nodes on screen for 10 frames), so it includes the editor's 250 ms glide to the new blueprint's top-left corner. The budget line is the "all" figure: it is the one in which 500 stages are really rendered. Reading the file in the dialog (parse and lint for its summary) takes ${fmt(median(n.dialog))} ms more, before the click, and is not counted.`,
    `**Where the first render's time goes** (Chromium's \`Performance.getMetrics\` from just before the click to completion, median): all — ${split(r.all.map((x) => x.main))}; the click itself (the import's synchronous React work) ${fmt(median(r.all.map((x) => x.clickMs)))} ms, the longest frame ${fmt(longest(r.all))} ms of ${fmt(median(r.all.map((x) => x.frames.length)))}. Default zoom — ${split(r.default.map((x) => x.main))}; the longest frame ${fmt(longest(r.default))} ms. Script is the import (\`blueprint.replace\`, the layout of every lane with dagre, \`toNodes\`/\`toEdges\`), React's render and commit of the nodes on screen, React Flow measuring them (ResizeObserver) and placing the edges, and the live lint 120 ms after the change; "other" is mostly painting and compositing. After completion the longest frame in the next 1.5 s is ${fmt(median(r.all.map((x) => x.afterLongestMs)))} ms (all) and ${fmt(median(r.default.map((x) => x.afterLongestMs)))} ms (default).`,
    `**Drag**: one process stage near the centre of the canvas dragged along an ellipse for ${(n.dragMs / 1000).toFixed(1)} s with a mouse move every 16 ms, sent without waiting for the page (as a real mouse does; Chromium coalesces the moves the page is too busy for); the figure is the animation frames per second in which the node was drawn at a new place, median of ${n.drag.all.length} drags. ${dragLine("all", "**All stages on screen**")} This is the budget line: ${over(n.fps.all < BUDGET.dragFps, `${fmt(n.fps.all)} < ${BUDGET.dragFps} fps`)}. ${dragLine("default", "At the default zoom")} ${dragLine("detail", `At the smallest zoom with every detail drawn, just above ${FAR_ZOOM * 100}%`)}`,
    `**Where the drag's time goes.** Each mouse move makes React Flow report a position change; the editor applies it to its node list (\`applyNodeChanges\`), React Flow adopts the new list (one pass over all ${n.stageCount + n.pipelines} nodes), every subscriber of its store re-runs its selector (each node, each of its 4 handles, each edge, each minimap node: a few thousand cheap calls), and only the dragged node and its edges re-render — the node components are memoised and the node data keep their identity. The rest is the browser's: painting the change, re-layerizing, hit-testing each move, rasterizing in software; with hundreds of stages on screen that is what drops frames. So below ${FAR_ZOOM * 100}% zoom — where a chip's text is under 5 px and a handle under 4 px — the editor does not draw chips, figures and handles (\`visibility: hidden\` from one class on the canvas: the nodes keep their size, nothing re-renders or is measured again; the chip lists show as tinted blocks), and leaves out the grey process-order arrows (hundreds of edges whose positions React Flow recomputes on every move). ${dragLine("allDetail", "For comparison, all stages on screen with the nodes' details drawn anyway, the class taken off by hand (the order arrows stay out)")} Headless Chromium without a GPU rasterizes in software, so the idle ceiling is this machine's, not a display's.`,
  ].join("\n\n");
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { lines, notes } = await benchEditor({ smoke: process.argv.includes("--smoke") });
  for (const line of lines) console.log(line);
  console.log(`\n${notes}`);
}
