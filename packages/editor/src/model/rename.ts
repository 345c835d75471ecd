/**
 * Renaming a stage's or a pipeline's id updates what refers to it inside the blueprint: the
 * pipeline's transitions, tunnels (`copyToTunnel`) and `changeStage` robots. Pure.
 */
import type { Blueprint, Pipeline, Robot } from "@voronka/engine";

function mapRobots(bp: Blueprint, fn: (robot: Robot, pipeline: Pipeline) => Robot): Blueprint {
  let changed = false;
  const pipelines = bp.pipelines.map((p) => {
    let pChanged = false;
    const stages = p.stages.map((s) => {
      let sChanged = false;
      const robots = s.robots.map((r) => {
        const next = fn(r, p);
        if (next !== r) sChanged = true;
        return next;
      });
      if (!sChanged) return s;
      pChanged = true;
      return { ...s, robots };
    });
    if (!pChanged) return p;
    changed = true;
    return { ...p, stages };
  });
  return changed ? { ...bp, pipelines } : bp;
}

/** Points tunnels at pipeline `from` to `to` instead. */
export function renamePipelineReferences(bp: Blueprint, from: string, to: string): Blueprint {
  return mapRobots(bp, (r) =>
    r.type === "copyToTunnel" && r.params["pipeline"] === from ? { ...r, params: { ...r.params, pipeline: to } } : r,
  );
}

/** Points transitions, tunnels and `changeStage` robots at stage `from` of `pipeline` to `to`. */
export function renameStageReferences(bp: Blueprint, pipeline: string, from: string, to: string): Blueprint {
  const withRobots = mapRobots(bp, (r, p) => {
    if (r.type === "copyToTunnel" && r.params["pipeline"] === pipeline && r.params["stage"] === from) {
      return { ...r, params: { ...r.params, stage: to } };
    }
    if (r.type === "changeStage" && p.id === pipeline && r.params["stage"] === from) {
      return { ...r, params: { ...r.params, stage: to } };
    }
    return r;
  });
  return {
    ...withRobots,
    pipelines: withRobots.pipelines.map((p) =>
      p.id !== pipeline || !Array.isArray(p.transitions)
        ? p
        : { ...p, transitions: p.transitions.map((t) => ({ ...t, from: t.from === from ? to : t.from, to: t.to === from ? to : t.to })) },
    ),
  };
}
