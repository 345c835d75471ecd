/**
 * The control room (`#/control`): a filter bar (period, pipeline, responsible, team) and one
 * section per figure of `GET /api/reports/<figure>`, each with its chart, numbers and CSV links.
 */
import { useEffect, useState, type ReactNode } from "react";
import type { ApiClient } from "../api/client";
import { useSessionStore } from "../store/session-store";
import { useControlT } from "./i18n";
import { reportPath, thisMonth } from "./query";
import { ActivitySection, AbcXyzSection, ControlSection, FunnelSection, KpisSection, LossReasonsSection, NpsSection, PlansSection } from "./sections";
import { FIGURES, type ControlFilters, type Figure, type Reports } from "./types";
import "./control.css";

type Loaded = { [F in Figure]?: Reports[F] | { error: string } };

/** The default filters: this month, everyone in scope. */
export function defaultFilters(now = new Date()): ControlFilters {
  return { period: "month", start: thisMonth(now), pipeline: "", responsible: "", team: "" };
}

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

/** The filter bar: edits a copy, applies on submit. */
export function FilterBar(props: { value: ControlFilters; onApply(f: ControlFilters): void }) {
  const t = useControlT();
  const [draft, setDraft] = useState(props.value);
  useEffect(() => setDraft(props.value), [props.value]);
  const set = <K extends keyof ControlFilters>(k: K, v: ControlFilters[K]) => setDraft((d) => ({ ...d, [k]: v }));
  return (
    <form className="control-filters" aria-label={t("filter.label")} data-testid="control-filters" onSubmit={(e) => { e.preventDefault(); props.onApply(draft); }}>
      <label>{t("filter.period")}
        <select value={draft.period} data-testid="filter-period" onChange={(e) => set("period", e.target.value as ControlFilters["period"])}>
          {(["month", "quarter", "half-year", "year"] as const).map((p) => <option key={p} value={p}>{t(`period.${p}`)}</option>)}
        </select>
      </label>
      <label>{t("filter.start")}
        <input type="month" value={draft.start} data-testid="filter-start" required onChange={(e) => set("start", e.target.value)} />
      </label>
      <label>{t("filter.pipeline")}
        <input value={draft.pipeline} data-testid="filter-pipeline" size={12} onChange={(e) => set("pipeline", e.target.value)} />
      </label>
      <label>{t("filter.responsible")}
        <input value={draft.responsible} data-testid="filter-responsible" size={10} onChange={(e) => set("responsible", e.target.value)} />
      </label>
      <label>{t("filter.team")}
        <input value={draft.team} data-testid="filter-team" size={8} onChange={(e) => set("team", e.target.value)} />
      </label>
      <button type="submit" className="btn primary" data-testid="filter-apply">{t("filter.apply")}</button>
      <button type="button" className="btn" data-testid="filter-reset" onClick={() => props.onApply(defaultFilters())}>{t("filter.reset")}</button>
    </form>
  );
}

/** One figure's section, or its loading / error state. */
function Slot<F extends Figure>(props: { figure: F; loaded: Loaded; render(data: Reports[F]): ReactNode }) {
  const t = useControlT();
  const v = props.loaded[props.figure];
  if (v === undefined) return <section className="control-section" data-testid={`control-${props.figure}`} aria-busy="true"><h2>{t(`fig.${props.figure}`)}</h2><p className="control-empty">{t("loading")}</p></section>;
  if ("error" in v) return <section className="control-section" data-testid={`control-${props.figure}`}><h2>{t(`fig.${props.figure}`)}</h2><p className="control-error" role="alert">{t("failed", { message: v.error })}</p></section>;
  return <>{props.render(v as Reports[F])}</>;
}

/** The control room's sections for loaded figures (also used by tests with fixtures). */
export function ControlSections({ loaded, filters }: { loaded: Loaded; filters: ControlFilters }) {
  return (
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
  );
}

/** The control room page (see the module comment). */
export function ControlPage() {
  const t = useControlT();
  const client = useSessionStore((s) => s.client);
  const [filters, setFilters] = useState<ControlFilters>(() => defaultFilters());
  const loaded = useReports(client, filters);
  return (
    <div className="control-page" data-testid="control-page">
      <div className="control-top">
        <h1>{t("title")}</h1>
        <FilterBar value={filters} onApply={setFilters} />
      </div>
      {client ? (
        <>
          <nav className="control-jump" aria-label={t("nav.label")}>
            {FIGURES.map((f) => <a key={f} href={`#/control`} onClick={(e) => { e.preventDefault(); document.getElementById(`control-${f}`)?.scrollIntoView(); }}>{t(`fig.${f}`)}</a>)}
          </nav>
          <ControlSections loaded={loaded} filters={filters} />
        </>
      ) : <p className="control-empty" data-testid="control-signed-out">{t("signedOut")}</p>}
    </div>
  );
}
