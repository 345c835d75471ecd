/**
 * Pipelines, stages and transitions: stage kinds, transition ends, stages no move can reach, and
 * triggers that can never fire where they sit.
 */
import type { Pipeline } from "../blueprint/blueprint.schema";
import { cap, siteName, type LintContext } from "./context";

function lintKinds(ctx: LintContext, pipeline: Pipeline, p: number): void {
  const successes = pipeline.stages.flatMap((s, i) => (s.kind === "success" ? [i] : []));
  if (successes.length === 0) {
    ctx.report("pipeline.success-count", ["pipelines", p, "stages"],
      `Pipeline '${pipeline.id}' has no success stage: mark the stage where a deal is won as 'success'.`);
  } else if (successes.length > 1) {
    const ids = successes.map((i) => `'${pipeline.stages[i]!.id}'`).join(", ");
    for (const i of successes.slice(1)) {
      ctx.report("pipeline.success-count", ["pipelines", p, "stages", i, "kind"],
        `Pipeline '${pipeline.id}' has ${successes.length} success stages (${ids}): keep exactly one, and make stage '${pipeline.stages[i]!.id}' a process stage or merge it into '${pipeline.stages[successes[0]!]!.id}'.`);
    }
  }
  if (!pipeline.stages.some((s) => s.kind === "failure")) {
    ctx.report("pipeline.no-failure", ["pipelines", p, "stages"],
      `Pipeline '${pipeline.id}' has no failure stage: add a stage of kind 'failure' (e.g. 'lost') for deals that are lost.`);
  }
  if (!pipeline.stages.some((s) => s.kind === "process")) {
    ctx.report("pipeline.no-process-stage", ["pipelines", p, "stages"],
      `Pipeline '${pipeline.id}' has no process stage, so new deals have nowhere to start: add at least one stage of kind 'process'.`);
  }
}

/** Stages that a tunnel (`copyToTunnel`) brings deals into, in pipeline `id`. */
function tunnelTargets(ctx: LintContext, pipelineId: string): Set<string> {
  const targets = new Set<string>();
  for (const site of ctx.robots) {
    const params = site.params as { pipeline?: unknown; stage?: unknown } | undefined;
    if (site.robot.type === "copyToTunnel" && params && params.pipeline === pipelineId && typeof params.stage === "string") {
      targets.add(params.stage);
    }
  }
  return targets;
}

function lintTransitions(ctx: LintContext, pipeline: Pipeline, p: number): void {
  const transitions = pipeline.transitions;
  if (transitions === undefined || transitions === "any") return;
  const stages = new Map(pipeline.stages.map((s) => [s.id, s]));
  if (transitions.length === 0) {
    ctx.report("pipeline.transitions-empty", ["pipelines", p, "transitions"],
      `Pipeline '${pipeline.id}' has an empty list of transitions, so no deal can ever move: add the allowed moves, or set transitions to "any".`);
    return;
  }
  transitions.forEach((t, i) => {
    const base = ["pipelines", p, "transitions", i];
    if (t.from !== "*" && !stages.has(t.from)) {
      ctx.report("transition.unknown-stage", [...base, "from"],
        `Transition #${i + 1} of pipeline '${pipeline.id}' starts at stage '${t.from}', which the pipeline does not have: choose one of its stages, or "*" for any stage.`);
    } else if (t.from !== "*" && stages.get(t.from)!.kind !== "process") {
      ctx.report("transition.from-final", [...base, "from"],
        `Transition #${i + 1} of pipeline '${pipeline.id}' starts at '${t.from}', a ${stages.get(t.from)!.kind} stage: closed deals never move from there (a supervisor reopens them instead), so the transition is never used.`);
    }
    if (!stages.has(t.to)) {
      ctx.report("transition.unknown-stage", [...base, "to"],
        `Transition #${i + 1} of pipeline '${pipeline.id}' leads to stage '${t.to}', which the pipeline does not have: choose one of its stages.`);
    }
  });

  // Reachability: from the first process stage and every tunnel entry, along transitions out of process stages.
  const first = pipeline.stages.find((s) => s.kind === "process");
  if (!first) return;
  const reached = new Set<string>([first.id, ...tunnelTargets(ctx, pipeline.id)]);
  const queue = [...reached];
  while (queue.length > 0) {
    const from = queue.shift()!;
    if (stages.get(from)?.kind !== "process") continue;
    for (const t of transitions) {
      if ((t.from === from || t.from === "*") && stages.has(t.to) && !reached.has(t.to)) {
        reached.add(t.to);
        queue.push(t.to);
      }
    }
  }
  pipeline.stages.forEach((stage, s) => {
    if (reached.has(stage.id)) return;
    ctx.report("stage.unreachable", ["pipelines", p, "stages", s],
      `Stage '${stage.id}' of pipeline '${pipeline.id}' can never be reached: no chain of transitions leads to it from '${first.id}', where deals start. Add a transition to it, or remove the stage.`);
  });
}

/** `pipeline.*`, `transition.*`, `stage.unreachable`, `trigger.never-fires`. */
export function lintPipelines(ctx: LintContext): void {
  ctx.bp.pipelines.forEach((pipeline, p) => {
    lintKinds(ctx, pipeline, p);
    lintTransitions(ctx, pipeline, p);
  });
  for (const site of ctx.triggers) {
    const first = site.pipeline.stages.find((s) => s.kind === "process");
    if (site.stage === first && site.trigger.allowBackward !== true) {
      ctx.report("trigger.never-fires", [...site.path],
        `${cap(siteName("trigger", site))} can never fire: a trigger pulls deals forward from earlier stages, and '${first.id}' is the first one. Move the trigger to a later stage, or turn on 'allow backward'.`);
    }
  }
}
