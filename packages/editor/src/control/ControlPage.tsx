/**
 * The control room (`#/control`): a filter bar (period, pipeline, team, manager) and one section
 * per figure of `GET /api/reports/<figure>`, each with its chart, numbers and CSV links, written
 * with names and labels (the ids stay in tooltips and the CSV).
 */
import { useEffect, useMemo, useState, type ReactNode } from "react";
import type { ApiClient } from "../api/client";
import { useLocale } from "../i18n";
import { useSessionStore } from "../store/session-store";
import { FilterBar } from "./FilterBar";
import { periodRange } from "./format";
import { useControlT } from "./i18n";
import { filterChoices, ID_LABELS, makeLabels, type Labels } from "./labels";
import { defaultFilters, reportPath } from "./query";
import { AbcXyzSection, FunnelSection, KpisSection, PlansSection } from "./sections";
import { ActivitySection, ControlSection, LossReasonsSection, NpsSection } from "./sections-work";
import { FIGURES, type ControlFilters, type Figure, type Reports } from "./types";
import { LabelsContext, useControlData } from "./use-control-data";
import "./control.css";

type Loaded = { [F in Figure]?: Reports[F] | { error: string } };

/** Loads every figure for the filters (each on its own: one failing does not hide the others). */
export function useReports(client: ApiClient | null, filters: ControlFilters): Loaded {
  const [loaded, setLoaded] = useState<Loaded>({});
  useEffect(() => {
    if (!client) return;
    let live = true;
    setLoaded({});
    for (const figure of FIGURES) {
      client.request<Reports[typeof figure]>("GET", reportPath(figure, filters)).then(
        ({ data }) => { if (live) setLoaded((l) => ({ ...l, [figure]: data })); },
        (e: unknown) => { if (live) setLoaded((l) => ({ ...l, [figure]: { error: e instanceof Error ? e.message : String(e) } })); },
      );
    }
    return () => { live = false; };
  }, [client, filters]);
  return loaded;
}

/** One figure's section, or its loading / error state. */
function Slot<F extends Figure>(props: { figure: F; loaded: Loaded; render(data: Reports[F]): ReactNode }) {
  const t = useControlT();
  const v = props.loaded[props.figure];
  if (v === undefined) return <section className="control-section" data-testid={`control-${props.figure}`} aria-busy="true"><h2>{t(`fig.${props.figure}`)}</h2><p className="control-empty">{t("loading")}</p></section>;
  if ("error" in v) return <section className="control-section" data-testid={`control-${props.figure}`}><h2>{t(`fig.${props.figure}`)}</h2><p className="control-error" role="alert">{t("failed", { message: v.error })}</p></section>;
  return <>{props.render(v as Reports[F])}</>;
}

/** The control room's sections for loaded figures, written with `labels` (ids without). */
export function ControlSections({ loaded, filters, labels = ID_LABELS }: { loaded: Loaded; filters: ControlFilters; labels?: Labels }) {
  return (
    <LabelsContext.Provider value={labels}>
    <div className="control-grid">
      <Slot figure="plans" loaded={loaded} render={(d) => <PlansSection data={d} filters={filters} />} />
      <Slot figure="funnel" loaded={loaded} render={(d) => <FunnelSection data={d} filters={filters} />} />
      <Slot figure="control" loaded={loaded} render={(d) => <ControlSection data={d} filters={filters} />} />
      <Slot figure="loss-reasons" loaded={loaded} render={(d) => <LossReasonsSection data={d} filters={filters} />} />
      <Slot figure="kpis" loaded={loaded} render={(d) => <KpisSection data={d} filters={filters} />} />
      <Slot figure="nps" loaded={loaded} render={(d) => <NpsSection data={d} filters={filters} />} />
      <Slot figure="activity" loaded={loaded} render={(d) => <ActivitySection data={d} filters={filters} />} />
      <Slot figure="abc-xyz" loaded={loaded} render={(d) => <AbcXyzSection data={d} filters={filters} />} />
    </div>
    </LabelsContext.Provider>
  );
}

/** The control room page (see the module comment). */
export function ControlPage() {
  const t = useControlT();
  const locale = useLocale();
  const client = useSessionStore((s) => s.client);
  const [filters, setFilters] = useState<ControlFilters>(() => defaultFilters());
  const loaded = useReports(client, filters);
  const data = useControlData(client);
  const labels = useMemo(() => makeLabels(data.source, data.people, locale), [data.source, data.people, locale]);
  const choices = useMemo(() => filterChoices(data.source, data.people, locale, (name) => t("filter.inactive", { name })), [data.source, data.people, locale, t]);
  const period = FIGURES.map((f) => loaded[f]).find((v): v is Reports[Figure] => v !== undefined && !("error" in v))?.period;
  return (
    <div className="control-page" data-testid="control-page">
      <div className="control-top">
        <h1>{t("title")}</h1>
        <FilterBar value={filters} choices={choices} onChange={setFilters} />
        {period ? <span className="control-period" data-testid="control-period">{periodRange(period, locale)}</span> : null}
      </div>
      {data.error ? <p className="control-error" role="alert">{t("labelsFailed", { message: data.error })}</p> : null}
      {client ? (
        <>
          <nav className="control-jump" aria-label={t("nav.label")}>
            {FIGURES.map((f) => <a key={f} href={`#/control`} onClick={(e) => { e.preventDefault(); document.getElementById(`control-${f}`)?.scrollIntoView(); }}>{t(`fig.${f}`)}</a>)}
          </nav>
          <ControlSections loaded={loaded} filters={filters} labels={labels} />
        </>
      ) : <p className="control-empty" data-testid="control-signed-out">{t("signedOut")}</p>}
    </div>
  );
}
