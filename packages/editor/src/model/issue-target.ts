/**
 * Maps a lint issue's JSON path to what it is about: the canvas node to select and focus, and
 * the inspector selection. `["pipelines", 0, "stages", 2, "robots", 1, "params", "deadline"]`
 * is the robot at index 1 of stage 2 of pipeline 0, on node `<pipeline>/<stage>`.
 */
import type { Blueprint, Issue } from "@voronka/engine";
import type { Selection } from "./selection";
import { laneNodeId, stageNodeId } from "./to-flow";

/** Where an issue points: a node id (null for blueprint-wide issues) and a selection. */
export interface IssueTarget {
  nodeId: string | null;
  selection: Selection;
}

const idOf = (value: unknown): string | null =>
  typeof value === "object" && value !== null && typeof (value as { id?: unknown }).id === "string" ? (value as { id: string }).id : null;

/**
 * The node and selection an issue path names; indices are read against `bp` (the blueprint the
 * issues were computed for). Paths outside pipelines select the blueprint itself.
 *
 * @example
 * issueTarget(bp, ["pipelines", 0, "stages", 1, "robots", 0]) // { nodeId: "sales/proposal", selection: { kind: "robot", … } }
 */
export function issueTarget(bp: Blueprint, path: Issue["path"]): IssueTarget {
  const blueprint: IssueTarget = { nodeId: null, selection: { kind: "blueprint" } };
  if (path[0] !== "pipelines" || typeof path[1] !== "number") return blueprint;
  const p = bp.pipelines[path[1]];
  const pipeline = idOf(p);
  if (!p || pipeline === null) return blueprint;
  const lane: IssueTarget = { nodeId: laneNodeId(pipeline), selection: { kind: "pipeline", pipeline } };
  if (path[2] === "transitions" && typeof path[3] === "number") {
    return { nodeId: laneNodeId(pipeline), selection: { kind: "transition", pipeline, index: path[3] } };
  }
  if (path[2] !== "stages" || typeof path[3] !== "number" || !Array.isArray(p.stages)) return lane;
  const s = p.stages[path[3]];
  const stage = idOf(s);
  if (!s || stage === null) return lane;
  const nodeId = stageNodeId(pipeline, stage);
  const onStage: IssueTarget = { nodeId, selection: { kind: "stage", pipeline, stage } };
  const list = path[4];
  if ((list === "robots" || list === "triggers") && typeof path[5] === "number" && Array.isArray(s[list])) {
    const item = idOf(s[list][path[5]]);
    if (item === null) return onStage;
    return list === "robots"
      ? { nodeId, selection: { kind: "robot", pipeline, stage, robot: item } }
      : { nodeId, selection: { kind: "trigger", pipeline, stage, trigger: item } };
  }
  return onStage;
}

/** Issues grouped by node id, for marking invalid nodes (and by item id, for chips). */
export function issuesByTarget(bp: Blueprint, issues: readonly Issue[]): { nodes: Map<string, Issue[]>; items: Map<string, Issue[]> } {
  const nodes = new Map<string, Issue[]>();
  const items = new Map<string, Issue[]>();
  for (const issue of issues) {
    const target = issueTarget(bp, issue.path);
    if (target.nodeId !== null) nodes.set(target.nodeId, [...(nodes.get(target.nodeId) ?? []), issue]);
    const sel = target.selection;
    const key = sel.kind === "robot" ? `${sel.pipeline}/${sel.stage}/robot:${sel.robot}` : sel.kind === "trigger" ? `${sel.pipeline}/${sel.stage}/trigger:${sel.trigger}` : null;
    if (key) items.set(key, [...(items.get(key) ?? []), issue]);
  }
  return { nodes, items };
}

/** The key under which {@link issuesByTarget} files a chip's issues. */
export const itemKey = (pipeline: string, stage: string, kind: "robot" | "trigger", id: string): string => `${pipeline}/${stage}/${kind}:${id}`;
