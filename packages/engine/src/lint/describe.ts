/**
 * Naming the place of an issue the way an admin sees it on the canvas — "robot 'call' on stage
 * 'lead' of pipeline 'sales'" — instead of a JSON path. Works on any input, valid or not.
 */

/** A JSON path: object keys and array indices. */
export type Path = (string | number)[];

const ENTITY: Record<string, string> = {
  pipelines: "pipeline",
  stages: "stage",
  robots: "robot",
  triggers: "trigger",
  fields: "field",
  options: "option",
  surveys: "survey",
  calendars: "calendar",
  activityTypes: "activity type",
  activityNorms: "activity norm",
  transitions: "transition",
};

const LINK: Record<string, string> = { stage: "of", robot: "on", trigger: "on", option: "of", transition: "of" };

function own(value: unknown, key: string | number): unknown {
  if (typeof value !== "object" || value === null) return undefined;
  return Object.hasOwn(value, key) ? (value as Record<string | number, unknown>)[key] : undefined;
}

/** The value at `path` in `root` (own properties only), or undefined. */
export function valueAt(root: unknown, path: Path): unknown {
  let v = root;
  for (const key of path) {
    v = own(v, key);
    if (v === undefined) return undefined;
  }
  return v;
}

/** Where a path points: the innermost named thing ("Robot 'call' on stage 'lead' of pipeline 'sales'") and the rest of the path. */
export function locate(root: unknown, path: Path): { where: string; rest: Path } {
  const chain: string[] = [];
  let v = root;
  let restStart = 0;
  for (let i = 0; i < path.length; i++) {
    const key = path[i]!;
    const next = own(v, key);
    const index = path[i + 1];
    const kind = typeof key === "string" ? ENTITY[key] : undefined;
    if (kind !== undefined && typeof index === "number" && Array.isArray(next)) {
      const item = own(next, index);
      const id = own(item, "id") ?? (kind === "activity norm" ? own(item, "activityType") : undefined);
      chain.push(typeof id === "string" && id !== "" && kind !== "transition"
        ? `${kind} '${id}'`
        : `${kind} #${index + 1}`);
      v = item;
      i++;
      restStart = i + 1;
      continue;
    }
    v = next;
  }
  if (chain.length === 0) return { where: "The blueprint", rest: path };
  const parts = chain.reverse();
  let where = parts[0]!;
  for (let i = 1; i < parts.length; i++) {
    const previousKind = parts[i - 1]!.split(" ")[0]!;
    where += ` ${LINK[previousKind] ?? "of"} ${parts[i]}`;
  }
  return { where: where[0]!.toUpperCase() + where.slice(1), rest: path.slice(restStart) };
}

/** A path as a short setting name: `deadline.after`, `bands.passive[0]`. */
export function settingName(path: Path): string {
  return path.map((p, i) => (typeof p === "number" ? `[${p}]` : i === 0 ? p : `.${p}`)).join("");
}

/** A value shown inside a message, shortened. */
export function show(value: unknown): string {
  let text: string;
  try {
    text = typeof value === "string" ? `'${value}'` : value === undefined ? "nothing" : JSON.stringify(value) ?? String(value);
  } catch {
    text = String(value);
  }
  return text.length > 60 ? `${text.slice(0, 57)}…` : text;
}
