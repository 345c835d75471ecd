/**
 * Lint on a blueprint that failed the schema: the rules still run, so an admin sees every problem
 * at once, but issues that may only be echoes of a schema problem are held back until it is fixed.
 *
 * - *Local* issues (a param, a calendar's hours, a condition's operator, …) are kept unless they lie
 *   in or just around a value the schema rejected.
 * - *Relational* issues (a reference, reachability, a loop, a pipeline's stage kinds) are also held
 *   back when they sit in a pipeline with a schema problem, or depend on a section that has one —
 *   a misspelt field id must not also show up as "unknown field" wherever the field is used.
 */
import type { Issue } from "../errors";
import type { Path } from "./describe";

/** Relational codes and the top-level sections they depend on (`pipelines`: any pipeline). */
const DEPENDS_ON: Readonly<Record<string, readonly string[]>> = {
  "ref.unknown-field": ["fields"],
  "require-fields.unknown-field": ["fields"],
  "timing.not-date-field": ["fields"],
  "template.unknown-path": ["fields"],
  "condition.unknown-var": ["fields"],
  "ref.unknown-survey": ["surveys"],
  "ref.unknown-activity-type": ["activityTypes"],
  "norm.unknown-activity-type": ["activityTypes"],
  "ref.unknown-calendar": ["calendars"],
  "timing.no-calendar": ["calendars", "defaultCalendar"],
  "ref.unknown-pipeline": ["pipelines"],
  "ref.unknown-stage": ["pipelines"],
  "ref.unknown-robot": ["pipelines"],
  "ref.not-a-task-robot": ["pipelines"],
  "tunnel.immediate-cycle": ["pipelines"],
  "stage.immediate-cycle": ["pipelines"],
  "stage.unreachable": ["pipelines"],
  "pipeline.success-count": [],
  "pipeline.no-failure": [],
  "pipeline.no-process-stage": [],
  "pipeline.transitions-empty": [],
  "transition.unknown-stage": [],
  "transition.from-final": [],
  "trigger.never-fires": [],
  "change-stage.from-final": [],
};

const key = (path: Path): string => JSON.stringify(path);

/**
 * Lint paths "in or just around" a schema issue's path: at or under it, or one or two levels above
 * it. Indexed so that the check costs O(depth) per lint issue, however many issues there are.
 */
function shadowIndex(schema: readonly Issue[]): (lint: Path) => boolean {
  const rejected = new Set<string>();
  const around = new Set<string>();
  for (const s of schema) {
    rejected.add(key(s.path));
    for (let up = 1; up <= 2 && up <= s.path.length; up++) around.add(key(s.path.slice(0, s.path.length - up)));
  }
  return (lint) => {
    if (around.has(key(lint))) return true;
    for (let n = 0; n <= lint.length; n++) if (rejected.has(key(lint.slice(0, n)))) return true;
    return false;
  };
}

/** Keeps the lint issues of a schema-invalid blueprint that cannot be echoes of its schema issues. */
export function keepIndependent(lint: readonly Issue[], schema: readonly Issue[]): Issue[] {
  const sections = new Set<string>();
  const pipelines = new Set<number>();
  let allPipelines = false;
  const shadowed = shadowIndex(schema);
  for (const s of schema) {
    const [section, index] = s.path;
    if (typeof section === "string") sections.add(section);
    if (section === "pipelines") {
      if (typeof index === "number") pipelines.add(index);
      else allPipelines = true;
    }
    if (s.path.length === 0) allPipelines = true;
  }
  return lint.filter((issue) => {
    if (shadowed(issue.path)) return false;
    const depends = DEPENDS_ON[issue.code];
    if (depends === undefined) return true;
    const [section, index] = issue.path;
    if (section === "pipelines" && (allPipelines || (typeof index === "number" && pipelines.has(index)))) return false;
    return !depends.some((d) => sections.has(d));
  });
}
