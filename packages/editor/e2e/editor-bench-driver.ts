/// <reference types="node" />
/**
 * The browser side of `bench/editor.bench.ts` (it lives here because playwright-core is the
 * editor's dev dependency): serves the built web app from memory, opens the editor offline in
 * Debian's Chromium, imports blueprints through the real import dialog, and measures
 *
 * - **first render**: from the click on "Open in the editor" to the first animation frame after
 *   the one in which every stage node of the canvas is in the DOM and measured by React Flow (an
 *   unmeasured node is `visibility: hidden`) — i.e. painted;
 * - **drag**: while the mouse drags one stage node about (a move every 16 ms sent over CDP without
 *   waiting for the page to take it, as a real mouse does; Chromium coalesces what the page is too
 *   busy for), the animation frames per second in which the node is drawn at a new place — not
 *   every `requestAnimationFrame` callback, which keeps coming at 60 Hz while the page drops most
 *   of the moves. The node must really move, and the press must land on it (not on an edge).
 *
 * Chromium's own main-thread counters (`Performance.getMetrics`: script, style, layout, all tasks)
 * are read around each measurement, to say where the time goes.
 *
 * The canvas renders only what is on screen (`onlyRenderVisibleElements`), and the editor shows a
 * new set of pipelines at zoom ≥ 0.6, where a few dozen of 500 stages are visible. So that "all
 * stages rendered" is literally true, `"all"` mode first imports a skeleton with the same pipeline
 * ids (the editor resets the viewport only when the set of pipelines changes), zooms out to
 * React Flow's minimum (0.1) around the content's top-left corner, and only then imports the
 * measured blueprint: every stage node is then on screen and rendered. `"default"` mode imports at
 * the editor's own zoom and waits for what is visible there.
 *
 * In-page code is passed as strings: tsx compiles functions with `__name` wrappers that do not
 * exist in the page.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { extname, join, relative } from "node:path";
import type { Browser, CDPSession, Page } from "playwright-core";
import { completeBuild, DIST } from "./support";

export { CHROMIUM, completeBuild, DIST, launchChromium } from "./support";

/** What the page's main thread did over a stretch of time (Chromium's own counters, ms). */
export interface MainThread {
  /** JavaScript (compile and run). */
  scriptMs: number;
  /** Style recalculation. */
  styleMs: number;
  /** Layout. */
  layoutMs: number;
  /** Every main-thread task: the above plus paint, compositing, GC, parsing, idle-free overhead. */
  taskMs: number;
}

const METRICS = { scriptMs: "ScriptDuration", styleMs: "RecalcStyleDuration", layoutMs: "LayoutDuration", taskMs: "TaskDuration" } as const;

async function readMetrics(cdp: CDPSession): Promise<MainThread> {
  const { metrics } = await cdp.send("Performance.getMetrics");
  const value = (name: string) => (metrics.find((m) => m.name === name)?.value ?? 0) * 1000;
  return { scriptMs: value(METRICS.scriptMs), styleMs: value(METRICS.styleMs), layoutMs: value(METRICS.layoutMs), taskMs: value(METRICS.taskMs) };
}

/**
 * Starts counting the page's main-thread time (CDP `Performance.getMetrics`, which Chromium keeps
 * anyway: nothing is traced); `stop()` answers what was spent since.
 */
export async function mainThreadMetrics(page: Page): Promise<{ stop(): Promise<MainThread> }> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("Performance.enable");
  const before = await readMetrics(cdp);
  return {
    async stop() {
      const after = await readMetrics(cdp);
      await cdp.detach();
      return { scriptMs: after.scriptMs - before.scriptMs, styleMs: after.styleMs - before.styleMs, layoutMs: after.layoutMs - before.layoutMs, taskMs: after.taskMs - before.taskMs };
    },
  };
}

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8", ".js": "text/javascript; charset=utf-8", ".css": "text/css; charset=utf-8",
  ".svg": "image/svg+xml", ".json": "application/json", ".png": "image/png", ".woff2": "font/woff2", ".ico": "image/x-icon",
};

function readTree(dir: string): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const path = join(d, name);
      if (statSync(path).isDirectory()) walk(path);
      else files.set(`/${relative(dir, path).split("\\").join("/")}`, readFileSync(path));
    }
  };
  walk(dir);
  return files;
}

/**
 * Serves the built web app from memory on 127.0.0.1 (a snapshot, so a rebuild of `dist` during
 * the run changes nothing; a half-written build is read again, for up to a minute).
 */
export async function serveDist(): Promise<{ url: string; close(): Promise<void> }> {
  const deadline = Date.now() + 60_000;
  let files: Map<string, Buffer> | null = null;
  while (!files) {
    try {
      if (completeBuild(DIST)) {
        const read = readTree(DIST);
        if (read.has("/index.html")) files = read;
      }
    } catch {
      /* a file vanished while reading: try again */
    }
    if (!files) {
      if (Date.now() > deadline) throw new Error(`No complete build in ${DIST}: pnpm --filter @voronka/editor build`);
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }
  const snapshot = files;
  const server: Server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? "/", "http://x").pathname);
    const body = snapshot.get(path === "/" ? "/index.html" : path);
    if (!body) {
      // The editor offline: /api/* answers nothing useful, which it handles as "no server".
      res.writeHead(404, { "content-type": "text/plain" }).end("not found");
      return;
    }
    res.writeHead(200, { "content-type": TYPES[extname(path === "/" ? "/index.html" : path)] ?? "application/octet-stream" }).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/`, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

/** Opens the editor without a token (offline), English UI, and waits for the starter blueprint. */
export async function openOffline(browser: Browser, url: string, viewport: { width: number; height: number }): Promise<{ page: Page; close(): Promise<void>; problems: string[] }> {
  const context = await browser.newContext({ viewport, locale: "en-US" });
  await context.addInitScript("localStorage.setItem('voronka.locale', 'en')");
  const page = await context.newPage();
  page.setDefaultTimeout(60_000);
  const problems: string[] = [];
  page.on("pageerror", (e) => problems.push(`pageerror: ${e.message}`));
  page.on("console", (m) => { if (m.type() === "error") problems.push(`console: ${m.text()}`); });
  await page.goto(`${url}#/editor`);
  await page.waitForSelector("[data-testid=canvas] .react-flow__node-stage");
  return { page, close: () => context.close(), problems };
}

/**
 * Opens the import dialog and reads a blueprint into it through its file input; answers the time
 * until the dialog's summary (parse + lint) shows. Does not confirm.
 */
export async function loadIntoImportDialog(page: Page, blueprint: unknown, name = "bench.json"): Promise<number> {
  await page.click("[data-testid=import]");
  await page.waitForSelector("[data-testid=import-dialog]");
  const started = Date.now();
  await page.setInputFiles("[data-testid=import-file]", { name, mimeType: "application/json", buffer: Buffer.from(JSON.stringify(blueprint)) });
  await page.waitForSelector("[data-testid=import-summary]");
  return Date.now() - started;
}

/** One first-render measurement. */
export interface RenderResult {
  /** Click → first frame after every expected stage node was rendered and measured (ms). */
  ms: number;
  /** Synchronous work inside the click (React's render of the import, ms). */
  clickMs: number;
  /** Stage nodes in the DOM (measured) when it completed. */
  nodes: number;
  /** Frame intervals (ms) from the click to completion. */
  frames: number[];
  /** The longest frame interval in the 1.5 s after completion (the live lint follows 120 ms later). */
  afterLongestMs: number;
  /**
   * The main thread from just before the click to completion ("settled": 10 frames past it, which
   * the settling test needs).
   */
  main: MainThread;
}

/**
 * Confirms the open import dialog and times the render. `expected`: how many stage nodes must be
 * on screen, or `"settled"` — neither the viewport (the editor's zoom, set 30 ms after the import
 * and animated over 250 ms when the set of pipelines changed) nor the count of measured stage nodes
 * has changed for 10 frames (what is visible at that zoom); completion is the first of them.
 */
export async function confirmAndTimeRender(page: Page, expected: number | "settled"): Promise<RenderResult> {
  // The page keeps two promises: `painted` (completion is known) and `done` (1.5 s later, with
  // the frames after it), so that the main-thread counters can be read right at completion.
  const script = `(() => { let painted; window.__benchRender = { painted: new Promise((r) => { painted = r; }) }; window.__benchRender.done = new Promise((resolve) => {
    const expected = ${JSON.stringify(expected)};
    const count = () => {
      let n = 0;
      for (const el of document.querySelectorAll('[data-testid=canvas] .react-flow__node-stage')) if (el.style.visibility !== 'hidden') n++;
      return n;
    };
    const view = () => document.querySelector('.react-flow__viewport')?.style.transform ?? '';
    const button = document.querySelector('[data-testid=import-confirm]');
    const t0 = performance.now();
    button.click();
    const clickMs = performance.now() - t0;
    const times = [];
    let completeAt = -1, paintedAt = -1, nodes = 0, last = -1, lastView = '', stable = 0, settledAt = -1, settledNodes = 0;
    const step = () => {
      const t = performance.now() - t0;
      times.push(t);
      if (paintedAt < 0) {
        if (completeAt >= 0) { paintedAt = t; }
        else {
          const n = count();
          if (expected === 'settled') {
            const v = view();
            if (n === last && v === lastView && n > 0) { stable++; } else { stable = 0; settledAt = t; settledNodes = n; }
            last = n;
            lastView = v;
            if (stable >= 10) { completeAt = settledAt; nodes = settledNodes; paintedAt = times[times.indexOf(settledAt) + 1]; }
          } else if (n >= expected) { completeAt = t; nodes = n; }
        }
      }
      if (paintedAt >= 0 && painted) { painted(); painted = null; }
      if (t > 60000) { painted?.(); resolve({ error: 'no complete render within 60 s; stage nodes on screen: ' + count() }); return; }
      if (paintedAt >= 0 && t - paintedAt > 1500) {
        const intervals = times.map((x, i) => (i ? x - times[i - 1] : x));
        const upTo = times.indexOf(paintedAt);
        resolve({ ms: paintedAt, clickMs, nodes, frames: intervals.slice(0, upTo + 1), afterLongestMs: Math.max(0, ...intervals.slice(upTo + 1)) });
        return;
      }
      requestAnimationFrame(step);
    };
    requestAnimationFrame(step);
  }); })()`;
  const metrics = await mainThreadMetrics(page);
  await page.evaluate(script);
  await page.evaluate("window.__benchRender.painted");
  const main = await metrics.stop();
  const result = (await page.evaluate("window.__benchRender.done")) as Omit<RenderResult, "main"> | { error: string };
  if ("error" in result) throw new Error(`editor bench: ${result.error}`);
  await page.waitForSelector("[data-testid=import-dialog]", { state: "detached" });
  return { ...result, main };
}

/** The canvas's zoom (React Flow's viewport transform). */
export async function canvasZoom(page: Page): Promise<number> {
  return (await page.evaluate(`(() => {
    const m = /scale\\(([0-9.]+)\\)/.exec(document.querySelector('.react-flow__viewport')?.style.transform ?? '');
    return m ? Number(m[1]) : NaN;
  })()`)) as number;
}

/**
 * Zooms the canvas out to React Flow's minimum with the mouse wheel, around the content's top-left
 * corner (so the top-left lane stays where the editor put it). Answers the zoom reached.
 */
export async function zoomOutFully(page: Page): Promise<number> {
  const canvas = (await page.locator("[data-testid=canvas]").boundingBox())!;
  // The editor shows the content's top-left at (24, 16) of the canvas.
  await page.mouse.move(canvas.x + 25, canvas.y + 17);
  for (let i = 0; i < 12; i++) {
    await page.mouse.wheel(0, 400);
    await page.waitForTimeout(40);
    if ((await canvasZoom(page)) <= 0.1001) break;
  }
  await page.waitForTimeout(300);
  return canvasZoom(page);
}

/**
 * Zooms out with the canvas's "zoom out" button (× 1/1.2 a click, around the centre) as long as
 * the result stays at or above `min`. Answers the zoom reached.
 */
export async function zoomOutTo(page: Page, min: number): Promise<number> {
  for (let i = 0; i < 20; i++) {
    const zoom = await canvasZoom(page);
    if (zoom / 1.2 < min) return zoom;
    await page.click("[data-testid=canvas] .react-flow__controls-zoomout");
    await page.waitForFunction(`(() => {
      const m = /scale\\(([0-9.]+)\\)/.exec(document.querySelector('.react-flow__viewport')?.style.transform ?? '');
      return m && Number(m[1]) < ${zoom - 0.001};
    })()`);
  }
  return canvasZoom(page);
}

/** One drag measurement. */
export interface DragResult {
  /**
   * Frames per second that drew the dragged node at a new place (animation frames in which its
   * transform had changed): the drag's frame rate as a person sees it.
   */
  fps: number;
  /** Animation frames per second while dragging, whether the node moved in them or not. */
  rafFps: number;
  /** Animation frames per second of the same page idle (no input) just before: the ceiling here. */
  idleFps: number;
  /** Gaps over 33 ms (two 60 Hz frames) between frames that moved the node. */
  slowFrames: number;
  /** The 95th percentile gap between frames that moved the node (ms). */
  p95Ms: number;
  /** Mouse moves sent (one every 16 ms, not waiting for the page, as a real mouse does not). */
  moves: number;
  /** `pointermove` events the page received (Chromium coalesces moves the page is too busy for). */
  handled: number;
  /** Frames that moved the node. */
  frames: number;
  /** The farthest the node got from where it was picked up (screen px). */
  movedPx: number;
  /** The dragged node's id. */
  node: string;
  /** The main thread over the drag. */
  main: MainThread;
}

const IDLE_COUNTER = `(() => {
  const c = { times: [], run: true };
  const f = (ts) => { c.times.push(ts); if (c.run) requestAnimationFrame(f); };
  requestAnimationFrame(f);
  window.__benchIdle = c;
})()`;
const STOP_IDLE = `(() => { const c = window.__benchIdle; c.run = false; return c.times; })()`;

/** Watches one node: every animation frame, whether its transform changed; and pointer moves. */
const dragCounter = (id: string) => `(() => {
  const el = document.querySelector('.react-flow__node[data-id="' + CSS.escape(${JSON.stringify(id)}) + '"]');
  const xy = () => { const m = /translate\\(([-0-9.e]+)px, *([-0-9.e]+)px\\)/.exec(el.style.transform); return m ? [Number(m[1]), Number(m[2])] : [NaN, NaN]; };
  const zoom = Number(/scale\\(([0-9.]+)\\)/.exec(document.querySelector('.react-flow__viewport').style.transform)?.[1] ?? 1);
  const start = xy();
  const c = { frames: [], moved: [], handled: 0, far: 0, run: true, last: el.style.transform };
  const onMove = () => { c.handled++; };
  window.addEventListener('pointermove', onMove, { capture: true, passive: true });
  const f = (ts) => {
    c.frames.push(ts);
    const t = el.style.transform;
    if (t !== c.last) {
      c.last = t;
      c.moved.push(ts);
      const [x, y] = xy();
      c.far = Math.max(c.far, Math.hypot(x - start[0], y - start[1]) * zoom);
    }
    if (c.run) requestAnimationFrame(f); else window.removeEventListener('pointermove', onMove, { capture: true });
  };
  requestAnimationFrame(f);
  window.__benchDrag = c;
})()`;
const STOP_DRAG = `(() => { const c = window.__benchDrag; c.run = false; return { frames: c.frames, moved: c.moved, handled: c.handled, far: c.far }; })()`;

function rate(times: number[]): number {
  const span = times.length > 1 ? times[times.length - 1]! - times[0]! : 0;
  return span > 0 ? ((times.length - 1) / span) * 1000 : 0;
}

/** Where a drag presses on a node: its title (the handles sit on the edges, the chips do not drag). */
const PRESS = { x: 0.5, y: 0.2 };

/**
 * The process-stage node nearest the canvas's centre (far from the edges, where dragging would pan
 * the canvas) among those rendered whose title is not covered: its node id. (Tunnels are drawn
 * above the nodes, and one from a success stage runs down across the final stages below it.)
 */
export async function centralStageNode(page: Page): Promise<string> {
  const id = (await page.evaluate(`(() => {
    const canvas = document.querySelector('[data-testid=canvas]').getBoundingClientRect();
    const cx = canvas.x + canvas.width / 2, cy = canvas.y + canvas.height / 2;
    let best = null, bestD = Infinity;
    for (const el of document.querySelectorAll('[data-testid=canvas] .react-flow__node-stage')) {
      if (el.style.visibility === 'hidden' || !el.querySelector('.stage-process')) continue;
      const r = el.getBoundingClientRect();
      const hit = document.elementFromPoint(r.x + r.width * ${PRESS.x}, r.y + r.height * ${PRESS.y});
      if (!hit || hit.closest('.react-flow__node') !== el) continue;
      const d = Math.hypot(r.x + r.width / 2 - cx, r.y + r.height / 2 - cy);
      if (d < bestD) { bestD = d; best = el.getAttribute('data-id'); }
    }
    return best;
  })()`)) as string | null;
  if (!id) throw new Error("editor bench: no stage node on screen can be pressed");
  return id;
}

/**
 * Drags a stage node (by its node id) with the mouse for `ms`: presses on its title, then sends a
 * mouse move every 16 ms along an ellipse of `radius` px around that point (ending there), as a
 * real mouse does — without waiting for the page to take each one — and releases. Counts the
 * frames that drew the node at a new place. Measure after the page has settled: the idle ceiling
 * is taken in the second before.
 */
export async function dragFps(page: Page, nodeId: string, ms: number, radius: number): Promise<DragResult> {
  const node = page.locator(`.react-flow__node[data-id="${nodeId}"]`);
  const box = (await node.boundingBox())!;
  const x0 = box.x + box.width * PRESS.x;
  const y0 = box.y + box.height * PRESS.y;
  const covered = (await page.evaluate(`(() => {
    const hit = document.elementFromPoint(${x0}, ${y0});
    return hit && hit.closest('.react-flow__node')?.getAttribute('data-id') === ${JSON.stringify(nodeId)} ? null : (hit?.outerHTML.slice(0, 120) ?? 'nothing');
  })()`)) as string | null;
  if (covered) throw new Error(`editor bench: stage node ${nodeId} is covered where a drag presses it, by ${covered}`);
  await page.evaluate(IDLE_COUNTER);
  await page.waitForTimeout(1000);
  const idle = rate((await page.evaluate(STOP_IDLE)) as number[]);

  const cdp = await page.context().newCDPSession(page);
  await page.mouse.move(x0, y0);
  await page.mouse.down();
  await page.mouse.move(x0 + 4, y0 + 2, { steps: 2 });
  const metrics = await mainThreadMetrics(page);
  await page.evaluate(dragCounter(nodeId));
  const sent: Promise<unknown>[] = [];
  const started = Date.now();
  for (let i = 0; ; i++) {
    const elapsed = Date.now() - started;
    if (elapsed >= ms) break;
    const a = (elapsed / 1000) * 2 * Math.PI;
    sent.push(cdp.send("Input.dispatchMouseEvent", { type: "mouseMoved", x: x0 + radius * Math.sin(a), y: y0 + (radius / 2) * Math.sin(2 * a), button: "left", buttons: 1 }));
    await new Promise((resolve) => setTimeout(resolve, Math.max(1, (i + 1) * 16 - (Date.now() - started))));
  }
  await Promise.all(sent);
  const drag = (await page.evaluate(STOP_DRAG)) as { frames: number[]; moved: number[]; handled: number; far: number };
  const main = await metrics.stop();
  await page.mouse.move(x0, y0);
  await page.mouse.up();
  await cdp.detach();
  if (drag.far < 3) throw new Error(`editor bench: the dragged node did not move (${drag.far.toFixed(1)} px)`);
  const gaps = drag.moved.slice(1).map((t, i) => t - drag.moved[i]!).sort((x, y) => x - y);
  return {
    fps: drag.frames.length > 1 ? (drag.moved.length / (drag.frames[drag.frames.length - 1]! - drag.frames[0]!)) * 1000 : 0, rafFps: rate(drag.frames), idleFps: idle,
    slowFrames: gaps.filter((d) => d > 33.4).length, p95Ms: gaps[Math.min(gaps.length - 1, Math.floor(gaps.length * 0.95))] ?? 0,
    moves: sent.length, handled: drag.handled, frames: drag.moved.length, movedPx: drag.far, node: nodeId, main,
  };
}

/** Counts the stage nodes rendered and measured on the canvas. */
export async function renderedStageNodes(page: Page): Promise<number> {
  return (await page.evaluate(`(() => {
    let n = 0;
    for (const el of document.querySelectorAll('[data-testid=canvas] .react-flow__node-stage')) if (el.style.visibility !== 'hidden') n++;
    return n;
  })()`)) as number;
}
