/**
 * The control room's filter bar: the period (month, quarter, half-year or year, and its first
 * month) and three selects — pipeline (the blueprint's), team and manager (the people the API puts
 * in the caller's scope). Every change applies at once; choosing a team narrows the managers.
 * The first month is a month select and a year select, named in the app's language (a native
 * month input would speak the browser's).
 */
import { useMemo } from "react";
import { useLocale, type Locale } from "../i18n";
import { useControlT } from "./i18n";
import type { Choice, FilterChoices } from "./labels";
import { defaultFilters } from "./query";
import type { ControlFilters } from "./types";

const PERIODS = ["month", "quarter", "half-year", "year"] as const;

/** The choices, plus the current value when it is not among them (so a select never lies). */
function withCurrent(list: readonly Choice[], id: string): readonly Choice[] {
  return !id || list.some((c) => c.id === id) ? list : [...list, { id, label: id }];
}

/** January … December in a locale, as a calendar heading would write them ("January", "Январь"). */
function monthNames(locale: Locale): string[] {
  const format = new Intl.DateTimeFormat(locale === "ru" ? "ru-RU" : "en-US", { month: "long", timeZone: "UTC" });
  return Array.from({ length: 12 }, (_, i) => {
    const name = format.format(new Date(Date.UTC(2026, i, 1)));
    return name.charAt(0).toLocaleUpperCase(locale) + name.slice(1);
  });
}

/** The years to offer: five back and one ahead of this one, and the chosen one wherever it is. */
function yearChoices(chosen: number, thisYear = new Date().getFullYear()): number[] {
  const from = Math.min(thisYear - 5, chosen);
  const to = Math.max(thisYear + 1, chosen);
  return Array.from({ length: to - from + 1 }, (_, i) => from + i);
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
  const locale = useLocale();
  const months = useMemo(() => monthNames(locale), [locale]);
  const { value, choices } = props;
  const [year, month] = value.start.split("-").map(Number) as [number, number];
  const startOf = (y: number, m: number) => `${y}-${String(m).padStart(2, "0")}`;
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
        <span className="start-pick">
          <select value={month} aria-label={t("filter.startMonth")} data-testid="filter-start-month" onChange={(e) => apply({ start: startOf(year, Number(e.target.value)) })}>
            {months.map((name, i) => <option key={name} value={i + 1}>{name}</option>)}
          </select>
          <select value={year} aria-label={t("filter.startYear")} data-testid="filter-start-year" onChange={(e) => apply({ start: startOf(Number(e.target.value), month) })}>
            {yearChoices(year).map((y) => <option key={y} value={y}>{y}</option>)}
          </select>
        </span>
      </label>
      <ChoiceSelect label={t("filter.pipeline")} all={t("filter.allPipelines")} value={value.pipeline} choices={choices.pipelines} testid="filter-pipeline" onChange={(pipeline) => apply({ pipeline })} />
      <ChoiceSelect label={t("filter.team")} all={t("filter.allTeams")} value={value.team} choices={choices.teams} testid="filter-team" onChange={pickTeam} />
      <ChoiceSelect label={t("filter.responsible")} all={t("filter.allPeople")} value={value.responsible} choices={people} testid="filter-responsible" onChange={(responsible) => apply({ responsible })} />
      <button type="button" className="btn" data-testid="filter-reset" onClick={() => props.onChange(defaultFilters())}>{t("filter.reset")}</button>
    </form>
  );
}
