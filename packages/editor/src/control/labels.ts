/**
 * What the control room writes instead of ids: people's names (`GET /api/me`), pipeline and stage
 * labels, enum options (loss reasons) and activity types (the published blueprint), in the UI
 * locale; and the choices of the filter bar. An id it does not know (someone outside the scope, a
 * stage a later version removed) is written as it is, so nothing disappears from a figure.
 */
import type { Text } from "@voronka/engine";
import type { ScopePerson } from "../api/types";
import { textOf } from "../model/text";

/** The parts of a blueprint the labels come from (a published `Blueprint` is one). */
export interface LabelSource {
  pipelines: readonly { id: string; label: Text; stages: readonly { id: string; label: Text }[] }[];
  fields: readonly { id: string; options?: readonly { id: string; label: Text }[] | undefined }[];
  activityTypes: readonly { id: string; label: Text }[];
}

/** How a figure names what its rows carry ids of. */
export interface Labels {
  /** A user's name. */
  person(id: string): string;
  /** A pipeline's label. */
  pipeline(id: string): string;
  /** A stage's label within its pipeline. */
  stage(pipeline: string, stage: string): string;
  /** An enum field's option label (a loss reason). */
  option(field: string, id: string): string;
  /** An activity type's label. */
  activityType(id: string): string;
  /** A breakdown's group (`by=manager|team|pipeline`): a name, a team label, a pipeline label. */
  group(by: string, id: string): string;
}

/** Labels that know nothing: every id as it is (before the blueprint and the people arrive). */
export const ID_LABELS: Labels = {
  person: (id) => id, pipeline: (id) => id, stage: (_p, s) => s, option: (_f, id) => id, activityType: (id) => id, group: (_by, id) => id,
};

/**
 * The labels of a blueprint and the people in scope, in a locale.
 *
 * @example
 * makeLabels(blueprint, me.people, "ru").stage("b2b-new", "contract") // "Договор и счёт"
 */
export function makeLabels(source: LabelSource | null, people: readonly ScopePerson[], locale: string): Labels {
  const names = new Map(people.map((p) => [p.id, p.name || p.id]));
  const pipelines = new Map((source?.pipelines ?? []).map((p) => [p.id, { label: p.label, stages: new Map(p.stages.map((s) => [s.id, s.label])) }]));
  const options = new Map((source?.fields ?? []).map((f) => [f.id, new Map((f.options ?? []).map((o) => [o.id, o.label]))]));
  const activities = new Map((source?.activityTypes ?? []).map((a) => [a.id, a.label]));
  const say = (text: Text | undefined, id: string) => (text === undefined ? id : textOf(text, locale) || id);
  const labels: Labels = {
    person: (id) => names.get(id) ?? id,
    pipeline: (id) => say(pipelines.get(id)?.label, id),
    stage: (pipeline, stage) => say(pipelines.get(pipeline)?.stages.get(stage), stage),
    option: (field, id) => say(options.get(field)?.get(id), id),
    activityType: (id) => say(activities.get(id), id),
    group: (by, id) => (by === "manager" ? labels.person(id) : by === "pipeline" ? labels.pipeline(id) : id),
  };
  return labels;
}

/** One choice of a filter select. */
export interface Choice {
  id: string;
  label: string;
}

/** The choices of the filter bar: pipelines, the people in scope (with their team) and their teams. */
export interface FilterChoices {
  pipelines: Choice[];
  people: (Choice & { team: string | null })[];
  teams: Choice[];
}

/**
 * The filter bar's choices: the blueprint's pipelines in its order, and the people the API puts in
 * the caller's scope (a manager only themselves, a supervisor their reports, an admin everyone)
 * by name, inactive ones last, with the teams they belong to.
 */
export function filterChoices(source: LabelSource | null, people: readonly ScopePerson[], locale: string, inactive: (name: string) => string): FilterChoices {
  const byName = (a: Choice, b: Choice) => a.label.localeCompare(b.label, locale);
  const active = people.filter((p) => p.active).map((p) => ({ id: p.id, label: p.name || p.id, team: p.team })).sort(byName);
  const gone = people.filter((p) => !p.active).map((p) => ({ id: p.id, label: inactive(p.name || p.id), team: p.team })).sort(byName);
  const teams = [...new Set(people.map((p) => p.team).filter((t): t is string => !!t))].map((t) => ({ id: t, label: t })).sort(byName);
  return {
    pipelines: (source?.pipelines ?? []).map((p) => ({ id: p.id, label: textOf(p.label, locale) || p.id })),
    people: [...active, ...gone],
    teams,
  };
}
