/**
 * A summary of what importing a blueprint would change (`POST /api/blueprints/import?dryRun=1`):
 * ids added, removed and changed, per kind — fields, activity types, surveys, calendars,
 * pipelines, stages (`pipeline/stage`), robots and triggers (`pipeline/stage/id`). It reads both
 * sides defensively, so an invalid blueprint still gets a diff of what can be read.
 */

/** Ids added, removed and changed. */
export interface ChangeSet {
  added: string[];
  removed: string[];
  changed: string[];
}

/** The diff of two blueprints. */
export interface BlueprintChanges {
  /** True when nothing differs. */
  identical: boolean;
  /** Top-level properties that differ (`id`, `name`, `description`, `defaultCalendar`, `activityNorms`, `format`). */
  properties: string[];
  fields: ChangeSet;
  activityTypes: ChangeSet;
  surveys: ChangeSet;
  calendars: ChangeSet;
  pipelines: ChangeSet;
  stages: ChangeSet;
  robots: ChangeSet;
  triggers: ChangeSet;
}

type Obj = Record<string, unknown>;

const isObj = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);
const list = (v: unknown): Obj[] => (Array.isArray(v) ? v.filter(isObj) : []);
const idOf = (o: Obj): string | null => (typeof o["id"] === "string" ? o["id"] : null);
const without = (o: Obj, keys: string[]): Obj => Object.fromEntries(Object.entries(o).filter(([k]) => !keys.includes(k)));

/** Items by key (the first of a duplicated id wins), as canonical JSON. */
function index(items: { key: string; value: unknown }[]): Map<string, string> {
  const m = new Map<string, string>();
  for (const { key, value } of items) if (!m.has(key)) m.set(key, JSON.stringify(value));
  return m;
}

function compare(before: Map<string, string>, after: Map<string, string>): ChangeSet {
  const set: ChangeSet = { added: [], removed: [], changed: [] };
  for (const [k, v] of after) {
    const old = before.get(k);
    if (old === undefined) set.added.push(k);
    else if (old !== v) set.changed.push(k);
  }
  for (const k of before.keys()) if (!after.has(k)) set.removed.push(k);
  return set;
}

interface Parts {
  top: Obj;
  fields: Map<string, string>;
  activityTypes: Map<string, string>;
  surveys: Map<string, string>;
  calendars: Map<string, string>;
  pipelines: Map<string, string>;
  stages: Map<string, string>;
  robots: Map<string, string>;
  triggers: Map<string, string>;
}

function parts(bp: unknown): Parts {
  const b = isObj(bp) ? bp : {};
  const simple = (key: string) => index(list(b[key]).flatMap((o) => (idOf(o) ? [{ key: idOf(o)!, value: o }] : [])));
  const pipelines: { key: string; value: unknown }[] = [];
  const stages: { key: string; value: unknown }[] = [];
  const robots: { key: string; value: unknown }[] = [];
  const triggers: { key: string; value: unknown }[] = [];
  for (const p of list(b["pipelines"])) {
    const pid = idOf(p);
    if (!pid) continue;
    pipelines.push({ key: pid, value: without(p, ["stages"]) });
    list(p["stages"]).forEach((s, position) => {
      const sid = idOf(s);
      if (!sid) return;
      stages.push({ key: `${pid}/${sid}`, value: { ...without(s, ["robots", "triggers"]), position } });
      for (const r of list(s["robots"])) if (idOf(r)) robots.push({ key: `${pid}/${sid}/${idOf(r)}`, value: r });
      for (const t of list(s["triggers"])) if (idOf(t)) triggers.push({ key: `${pid}/${sid}/${idOf(t)}`, value: t });
    });
  }
  return {
    top: without(b, ["fields", "activityTypes", "surveys", "calendars", "pipelines"]),
    fields: simple("fields"), activityTypes: simple("activityTypes"), surveys: simple("surveys"), calendars: simple("calendars"),
    pipelines: index(pipelines), stages: index(stages), robots: index(robots), triggers: index(triggers),
  };
}

/**
 * What changes from `before` (the current draft or published blueprint, or null) to `after`.
 *
 * @example
 * diffBlueprints(published, incoming).stages.removed // ["b2b-new/old-stage"]
 */
export function diffBlueprints(before: unknown, after: unknown): BlueprintChanges {
  const a = parts(before);
  const b = parts(after);
  const keys = new Set([...Object.keys(a.top), ...Object.keys(b.top)]);
  const properties = [...keys].filter((k) => JSON.stringify(a.top[k]) !== JSON.stringify(b.top[k])).sort();
  const changes = {
    properties,
    fields: compare(a.fields, b.fields),
    activityTypes: compare(a.activityTypes, b.activityTypes),
    surveys: compare(a.surveys, b.surveys),
    calendars: compare(a.calendars, b.calendars),
    pipelines: compare(a.pipelines, b.pipelines),
    stages: compare(a.stages, b.stages),
    robots: compare(a.robots, b.robots),
    triggers: compare(a.triggers, b.triggers),
  };
  const sets = Object.values(changes).filter((v): v is ChangeSet => !Array.isArray(v));
  const identical = properties.length === 0 && sets.every((s) => !s.added.length && !s.removed.length && !s.changed.length);
  return { identical, ...changes };
}
