/**
 * The control room's filter bar: the period (month, quarter, half-year or year, and its first
 * month) and three selects — pipeline (the blueprint's), team and manager (the people the API puts
 * in the caller's scope). Every change applies at once; choosing a team narrows the managers.
 */
import { useEffect, useState } from "react";
import { useControlT } from "./i18n";
import type { Choice, FilterChoices } from "./labels";
import { defaultFilters } from "./query";
import type { ControlFilters } from "./types";

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;
const PERIODS = ["month", "quarter", "half-year", "year"] as const;

/** The choices, plus the current value when it is not among them (so a select never lies). */
function withCurrent(list: readonly Choice[], id: string): readonly Choice[] {
  return !id || list.some((c) => c.id === id) ? list : [...list, { id, label: id }];
}

/** A select of one filter: "all" (empty) first, then the choices. */
function ChoiceSelect(props: { label: string; all: string; value: string; choices: readonly Choice[]; testid: string; onChange(id: string): void }) {
  return (
    <label>{props.label}
      <select value={props.value} data-testid={props.testid} onChange={(e) => props.onChange(e.target.value)}>
        <option value="">{props.all}</option>
        {withCurrent(props.choices, props.value).map((c) => <option key={c.id} value={c.id} title={c.id}>{c.label}</option>)}
      </select>
    </label>
  );
}

/** The filter bar (see the module comment). */
export function FilterBar(props: { value: ControlFilters; choices: FilterChoices; onChange(f: ControlFilters): void }) {
  const t = useControlT();
  const { value, choices } = props;
  const [start, setStart] = useState(value.start);
  useEffect(() => setStart(value.start), [value.start]);
  const apply = (patch: Partial<ControlFilters>) => props.onChange({ ...value, ...patch });
  const people = value.team ? choices.people.filter((p) => p.team === value.team) : choices.people;
  const pickTeam = (team: string) => {
    const keeps = !team || choices.people.some((p) => p.id === value.responsible && p.team === team);
    apply({ team, responsible: keeps ? value.responsible : "" });
  };
  return (
    <form className="control-filters" aria-label={t("filter.label")} data-testid="control-filters" onSubmit={(e) => e.preventDefault()}>
      <label>{t("filter.period")}
        <select value={value.period} data-testid="filter-period" onChange={(e) => apply({ period: e.target.value as ControlFilters["period"] })}>
          {PERIODS.map((p) => <option key={p} value={p}>{t(`period.${p}`)}</option>)}
        </select>
      </label>
      <label>{t("filter.start")}
        <input type="month" value={start} data-testid="filter-start" required
          onChange={(e) => { setStart(e.target.value); if (MONTH.test(e.target.value)) apply({ start: e.target.value }); }} />
      </label>
      <ChoiceSelect label={t("filter.pipeline")} all={t("filter.allPipelines")} value={value.pipeline} choices={choices.pipelines} testid="filter-pipeline" onChange={(pipeline) => apply({ pipeline })} />
      <ChoiceSelect label={t("filter.team")} all={t("filter.allTeams")} value={value.team} choices={choices.teams} testid="filter-team" onChange={pickTeam} />
      <ChoiceSelect label={t("filter.responsible")} all={t("filter.allPeople")} value={value.responsible} choices={people} testid="filter-responsible" onChange={(responsible) => apply({ responsible })} />
      <button type="button" className="btn" data-testid="filter-reset" onClick={() => props.onChange(defaultFilters())}>{t("filter.reset")}</button>
    </form>
  );
}
