/**
 * Tunnels and immediate loops. Every enabled robot without a delay that sends the deal on at once —
 * `copyToTunnel` to another stage, `changeStage` within the pipeline — is an edge between stages;
 * a cycle of such edges would bounce deals round for ever (the runtime stops it at the cascade
 * limit, refusing the whole step), so it is a lint error.
 */
import type { Pipeline } from "../blueprint/blueprint.schema";
import { cap, siteName, type LintContext, type RobotSite } from "./context";

interface Edge {
  from: string;
  to: string;
  site: RobotSite;
  /** Position of the robot in blueprint order, to pick the same robot every time. */
  order: number;
  tunnel: boolean;
}

const key = (pipeline: string, stage: string): string => `${pipeline}/${stage}`;

/** Whether the pipeline lets a deal move from `from` to `to` (guards aside). */
function moveAllowed(pipeline: Pipeline, from: string, to: string): boolean {
  const t = pipeline.transitions;
  if (t === undefined || t === "any") return true;
  return t.some((x) => x.to === to && (x.from === from || x.from === "*"));
}

function buildEdges(ctx: LintContext): Edge[] {
  const edges: Edge[] = [];
  ctx.robots.forEach((site, order) => {
    if (site.robot.enabled === false || site.robot.delay !== undefined || site.params === undefined) return;
    const from = key(site.pipeline.id, site.stage.id);
    if (site.robot.type === "copyToTunnel") {
      const params = site.params as { pipeline: string; stage: string; mode: string };
      const target = ctx.pipelines.get(params.pipeline);
      if (!target?.stages.some((s) => s.id === params.stage)) return;
      if (params.mode === "move" && site.stage.kind !== "process") return;
      edges.push({ from, to: key(params.pipeline, params.stage), site, order, tunnel: true });
    } else if (site.robot.type === "changeStage") {
      const params = site.params as { stage: string };
      if (site.stage.kind !== "process" || params.stage === site.stage.id) return;
      if (!site.pipeline.stages.some((s) => s.id === params.stage) || !moveAllowed(site.pipeline, site.stage.id, params.stage)) return;
      edges.push({ from, to: key(site.pipeline.id, params.stage), site, order, tunnel: false });
    }
  });
  return edges;
}

/** Every cycle found by a depth-first search (one per back edge), iteratively so deep graphs cannot overflow the stack. */
function findCycles(edges: Edge[]): Edge[][] {
  const out = new Map<string, Edge[]>();
  for (const e of edges) {
    const list = out.get(e.from) ?? [];
    list.push(e);
    out.set(e.from, list);
  }
  const color = new Map<string, 1 | 2>();
  const cycles: Edge[][] = [];
  for (const start of out.keys()) {
    if (color.has(start)) continue;
    color.set(start, 1);
    const stack: { node: string; i: number }[] = [{ node: start, i: 0 }];
    const via: Edge[] = [];
    while (stack.length > 0) {
      const top = stack[stack.length - 1]!;
      const next = out.get(top.node) ?? [];
      if (top.i >= next.length) {
        color.set(top.node, 2);
        stack.pop();
        via.pop();
        continue;
      }
      const e = next[top.i++]!;
      const c = color.get(e.to);
      if (c === undefined) {
        color.set(e.to, 1);
        stack.push({ node: e.to, i: 0 });
        via.push(e);
      } else if (c === 1) {
        const k = stack.findIndex((f) => f.node === e.to);
        cycles.push([...via.slice(k), e]);
      }
    }
  }
  return cycles;
}

/** `tunnel.immediate-cycle`, `stage.immediate-cycle`, `tunnel.move-from-final`, `change-stage.from-final`. */
export function lintTunnels(ctx: LintContext): void {
  for (const site of ctx.robots) {
    if (site.params === undefined || site.stage.kind === "process") continue;
    if (site.robot.type === "copyToTunnel" && (site.params as { mode?: string }).mode === "move") {
      ctx.report("tunnel.move-from-final", [...site.path, "params", "mode"],
        `${cap(siteName("robot", site))} moves closed deals to another pipeline, but a deal on a ${site.stage.kind} stage is closed: use mode 'copy' to start a new linked deal, or put the robot on a process stage.`);
    } else if (site.robot.type === "changeStage") {
      ctx.report("change-stage.from-final", [...site.path],
        `${cap(siteName("robot", site))} can never move the deal: '${site.stage.id}' is a ${site.stage.kind} stage and closed deals do not move (a supervisor reopens them). Remove the robot, or put it on a process stage.`);
    }
  }

  const reported = new Set<RobotSite>();
  for (const cycle of findCycles(buildEdges(ctx))) {
    if (cycle.every((e) => reported.has(e.site))) continue;
    for (const e of cycle) reported.add(e.site);
    const first = cycle.reduce((a, b) => (b.order < a.order ? b : a));
    const loop = [...cycle.map((e) => e.from), cycle[0]!.from].join(" → ");
    const robots = cycle.map((e) => `'${e.site.robot.id}'`).join(", ");
    const tunnel = cycle.some((e) => e.tunnel);
    ctx.report(tunnel ? "tunnel.immediate-cycle" : "stage.immediate-cycle", [...first.site.path],
      `${tunnel ? "Tunnels send" : "Robots move"} deals round a loop with no pause: ${loop} (robot${cycle.length > 1 ? "s" : ""} ${robots}). Give one of these robots a delay or remove one of them, so deals do not bounce for ever.`);
  }
}
