/**
 * Operations on a stage's robots and triggers ("items"): add, update, reorder (also to another
 * stage of the pipeline) and delete. Pure; used through `apply`.
 */
import type { Blueprint, Robot, Stage, Trigger } from "@voronka/engine";
import { insertAt, updatePipeline, updateStage } from "./immutable";

type Where = { pipeline: string; stage: string };

/** Operations on robots and triggers; `robot`/`trigger` name the item by its id. */
export type ItemOperation =
  | ({ type: "robot.add"; robot: Robot; index?: number } & Where)
  | ({ type: "robot.update"; robot: string; next: Robot } & Where)
  | ({ type: "robot.move"; robot: string; index: number; toStage?: string } & Where)
  | ({ type: "robot.delete"; robot: string } & Where)
  | ({ type: "trigger.add"; trigger: Trigger; index?: number } & Where)
  | ({ type: "trigger.update"; trigger: string; next: Trigger } & Where)
  | ({ type: "trigger.move"; trigger: string; index: number; toStage?: string } & Where)
  | ({ type: "trigger.delete"; trigger: string } & Where);

type Key = "robots" | "triggers";

function add<T extends { id: string }>(bp: Blueprint, where: Where, key: Key, item: T, index?: number): Blueprint {
  return updateStage(bp, where.pipeline, where.stage, (s) => {
    const list = s[key] as unknown as T[];
    if (list.some((x) => x.id === item.id)) return s;
    return { ...s, [key]: insertAt(list, item, index) } as Stage;
  });
}

function update<T extends { id: string }>(bp: Blueprint, where: Where, key: Key, id: string, next: T): Blueprint {
  return updateStage(bp, where.pipeline, where.stage, (s) => {
    const list = s[key] as unknown as T[];
    const index = list.findIndex((x) => x.id === id);
    // An edit that changes nothing (a form re-emitting the same values) is not a change.
    if (index < 0 || list[index] === next || JSON.stringify(list[index]) === JSON.stringify(next)) return s;
    // A changed id must stay unique within the stage (the linter checks the whole blueprint).
    if (next.id !== id && list.some((x) => x.id === next.id)) return s;
    const copy = list.slice();
    copy[index] = next;
    return { ...s, [key]: copy } as Stage;
  });
}

function remove(bp: Blueprint, where: Where, key: Key, id: string): Blueprint {
  return updateStage(bp, where.pipeline, where.stage, (s) => {
    const list = s[key] as { id: string }[];
    return list.some((x) => x.id === id) ? ({ ...s, [key]: list.filter((x) => x.id !== id) } as Stage) : s;
  });
}

function move(bp: Blueprint, where: Where, key: Key, id: string, index: number, toStage?: string): Blueprint {
  const target = toStage ?? where.stage;
  return updatePipeline(bp, where.pipeline, (p) => {
    const fromStage = p.stages.find((s) => s.id === where.stage);
    const list = fromStage?.[key] as { id: string }[] | undefined;
    const item = list?.find((x) => x.id === id);
    if (!fromStage || !list || !item || !p.stages.some((s) => s.id === target)) return p;
    if (target === where.stage && list.indexOf(item) === Math.max(0, Math.min(list.length - 1, index))) return p;
    const stages = p.stages.map((s) => {
      let items = s[key] as { id: string }[];
      if (s.id === where.stage) items = items.filter((x) => x !== item);
      if (s.id === target) items = insertAt(items, item, index);
      return items === s[key] ? s : ({ ...s, [key]: items } as Stage);
    });
    return { ...p, stages };
  });
}

/** Applies a robot or trigger operation (see {@link ItemOperation}). */
export function applyItemOperation(bp: Blueprint, op: ItemOperation): Blueprint {
  switch (op.type) {
    case "robot.add":
      return add(bp, op, "robots", op.robot, op.index);
    case "robot.update":
      return update(bp, op, "robots", op.robot, op.next);
    case "robot.move":
      return move(bp, op, "robots", op.robot, op.index, op.toStage);
    case "robot.delete":
      return remove(bp, op, "robots", op.robot);
    case "trigger.add":
      return add(bp, op, "triggers", op.trigger, op.index);
    case "trigger.update":
      return update(bp, op, "triggers", op.trigger, op.next);
    case "trigger.move":
      return move(bp, op, "triggers", op.trigger, op.index, op.toStage);
    case "trigger.delete":
      return remove(bp, op, "triggers", op.trigger);
  }
}
