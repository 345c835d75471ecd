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
 *   **all** (zoomed out to 0.1 first, so every one of the 500 stage nodes is rendered and measured)
 *   and **default** (the editor's own zoom, where React Flow renders only what is on screen).
 * - First render: median of several runs per mode, each on a fresh page. Drag: one stage node
 *   dragged with the mouse along an ellipse (one move per ~16 ms) for a few seconds, frames counted
 *   with `requestAnimationFrame`; median of several drags, the idle frame rate of the same page
 *   beside it. Where the time goes: Chromium's own counters (CDP `Performance.getMetrics`: script,
 *   style, layout and total task time on the main thread) around each measurement.
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
  openOffline, renderedStageNodes, serveDist, zoomOutFully, type DragResult, type MainThread, type RenderResult,
} from "../packages/editor/e2e/editor-bench-driver";
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
    const drag: Record<"all" | "default", (DragResult & { nodes: number })[]> = { all: [], default: [] };
    for (let i = 0; i < runs; i++) {
      for (const mode of ["all", "default"] as const) {
        const { session, run, dialogMs } = await renderOnce(mode);
        try {
          render[mode].push(run);
          dialog.push(dialogMs);
          // Drags on the first page of each mode (then the live lint has long settled).
          if (i === 0) {
            await session.page.waitForTimeout(500);
            const nodes = await renderedStageNodes(session.page);
            // The stage nearest the centre: dragging near an edge would pan the canvas.
            const node = await centralStageNode(session.page);
            for (let d = 0; d < drags; d++) {
              drag[mode].push({ ...(await dragFps(session.page, node, dragMs, mode === "all" ? 40 : 120)), nodes });
            }
          }
          problems.push(...session.problems);
        } finally {
          await session.close();
        }
      }
    }
    if (problems.length) throw new Error(`editor bench: the page logged errors:\n${problems.join("\n")}`);

    const first = { all: median(render.all.map((r) => r.ms)), default: median(render.default.map((r) => r.ms)) };
    const fps = { all: median(drag.all.map((d) => d.fps)), default: median(drag.default.map((d) => d.fps)) };
    const idle = { all: median(drag.all.map((d) => d.idleFps)), default: median(drag.default.map((d) => d.idleFps)) };
    const lines = [
      `editor first render, 500 stages: ${fmt(first.all)} ms (budget ${BUDGET.firstRenderMs} ms)`,
      `editor drag, 500 stages: ${fmt(fps.all)} fps (budget ${BUDGET.dragFps} fps)`,
    ];
    if (opts.smoke) lines.push(`(smoke: ${pipelines} × ${stagesPer} stages, not 500)`);
    return { lines, notes: notesOf({ opts, pipelines, stagesPer, stageCount, chips, warnings, runs, dragMs, render, dialog, drag, first, fps, idle }) };
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
  drag: Record<"all" | "default", (DragResult & { nodes: number })[]>;
  first: Record<"all" | "default", number>;
  fps: Record<"all" | "default", number>;
  idle: Record<"all" | "default", number>;
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
  const runsOf = (xs: RenderRun[]) => xs.map((x) => fmt(x.ms)).join(", ");
  const longest = (xs: RenderRun[]) => median(xs.map((x) => Math.max(0, ...x.frames)));
  const dragLine = (mode: "all" | "default") => {
    const d = n.drag[mode];
    const frames = median(d.map((x) => x.frames));
    return `${mode === "all" ? "All stages rendered" : "Default zoom"} (${d[0]?.nodes ?? 0} stage nodes in the DOM): ${fmt(n.fps[mode])} fps (drags: ${d.map((x) => fmt(x.fps)).join(", ")}), idle ceiling ${fmt(n.idle[mode])} fps; p95 frame ${fmt(median(d.map((x) => x.p95Ms)))} ms, ${fmt(median(d.map((x) => x.slowFrames)))} frames over 33 ms; ${median(d.map((x) => x.moves))} mouse moves, the node moved ${fmt(median(d.map((x) => x.movedPx)))} px; per frame: ${split(d.map((x) => x.main), frames)}.`;
  };
  return [
    `**Blueprint${n.opts.smoke ? " (smoke: small)" : ""}.** ${n.pipelines} pipelines × ${n.stagesPer} stages = ${n.stageCount} stages (each pipeline: ${n.stagesPer - 2} process stages, a success and a failure stage), ${n.chips} robots and triggers shown as chips (a task with a deadline on every process stage, required fields on every second, a delayed escalation on every third, activity, field and task triggers, an NPS survey and a tunnel to the next pipeline on success, a loss reason on failure), on the standards blueprint's fields, activity types, surveys and calendar; valid by \`validateBlueprint\` (${n.warnings} warnings). Stage positions are left to the editor (dagre). Chromium ${VIEWPORT.width}×${VIEWPORT.height}, headless, no GPU; the built app served from memory, opened offline.`,
    `**First render** (click on "Open in the editor" in the import dialog → the first animation frame after every expected stage node is in the DOM and measured by React Flow; median of ${n.runs}, each on a fresh page). **All stages rendered** (zoom 0.1, all ${n.stageCount} stage nodes drawn): ${fmt(n.first.all)} ms (runs ${runsOf(r.all)}) — ${over(n.first.all > BUDGET.firstRenderMs, `${(n.first.all / BUDGET.firstRenderMs).toFixed(1)}×`)}. **Default zoom** (${fmt(median(r.default.map((x) => x.zoom)))}, what a person sees after an import: ${fmt(median(r.default.map((x) => x.nodes)))} stage nodes on screen; React Flow renders only those, \`onlyRenderVisibleElements\`): ${fmt(n.first.default)} ms (runs ${runsOf(r.default)}). The budget line is the "all" figure: it is the one where 500 stages are really rendered, the harder case; at the default zoom the browser draws a few dozen. Reading the file in the dialog (parse + lint of the import summary) takes ${fmt(median(n.dialog))} ms more before the click and is not counted.`,
    `**Where the first render's time goes** (Chromium's \`Performance.getMetrics\` from the click to completion, median): all — ${split(r.all.map((x) => x.main))}; the click itself (React's synchronous work on the import) ${fmt(median(r.all.map((x) => x.clickMs)))} ms, the longest frame ${fmt(longest(r.all))} ms, ${fmt(median(r.all.map((x) => x.frames.length)))} frames. Default — ${split(r.default.map((x) => x.main))}; the click ${fmt(median(r.default.map((x) => x.clickMs)))} ms, the longest frame ${fmt(longest(r.default))} ms. After completion the live lint runs (120 ms later): the longest frame in the next 1.5 s is ${fmt(median(r.all.map((x) => x.afterLongestMs)))} ms (all) and ${fmt(median(r.default.map((x) => x.afterLongestMs)))} ms (default).`,
    `**Drag** (one stage node of the first lane dragged along an ellipse for ${(n.dragMs / 1000).toFixed(1)} s, frames counted with \`requestAnimationFrame\`; median of ${n.drag.all.length} drags). ${dragLine("all")} ${over(n.fps.all < BUDGET.dragFps, `${fmt(n.fps.all)} < ${BUDGET.dragFps} fps`)}. ${dragLine("default")} The budget line is the "all" figure, for the same reason. Headless Chromium without a GPU paints in software, so the idle ceiling is what this machine's compositor reaches, not a display's 60 Hz.`,
  ].join("\n\n");
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { lines, notes } = await benchEditor({ smoke: process.argv.includes("--smoke") });
  for (const line of lines) console.log(line);
  console.log(`\n${notes}`);
}
