/**
 * The control room's sections about selling, each drawn from its figure's JSON answer: a chart
 * (recharts) and the numbers beside it, with names and labels instead of ids (the id is the
 * cell's tooltip). A section with nothing to show says so (never NaN). The sections about the
 * team's work are in `sections-work.tsx`.
 */
import { useState } from "react";
import { Bar, BarChart, CartesianGrid, Cell, Legend, ReferenceLine, Tooltip, XAxis, YAxis } from "recharts";
import { useLocale } from "../i18n";
import { duration, num, pct, val } from "./format";
import { useControlT } from "./i18n";
import { AXIS, ChartBox, COLORS, cutTick, links, Section, Table, Tiles } from "./parts";
import type { AbcXyzReport, ControlFilters, FunnelReport, KpisReport, PlansReport } from "./types";
import { useLabels } from "./use-control-data";

const PERIODS: readonly string[] = ["month", "quarter", "half-year", "year"];

/** Plan vs actual (standard 1): per employee and pipeline, by amount and by count; the company. */
export function PlansSection({ data, filters }: { data: PlansReport; filters: ControlFilters }) {
  const t = useControlT();
  const locale = useLocale();
  const labels = useLabels();
  const periodName = (p: string) => (PERIODS.includes(p) ? t(`period.${p as ControlFilters["period"]}`) : p);
  const rows = [
    ...data.employees.map((r) => ({ id: r.user, who: labels.person(r.user), ...r })),
    ...data.pipelines.map((r) => ({ id: r.pipeline, who: labels.pipeline(r.pipeline), ...r })),
  ];
  const empty = rows.length === 0 && data.company.length === 0;
  // Per employee, their plans of the period added up (twelve monthly plans in a year are one bar).
  const employees = (metric: "amount" | "count") => {
    const by = new Map<string, { name: string; plan: number; actual: number }>();
    for (const r of data.employees.filter((e) => e.metric === metric)) {
      const e = by.get(r.user) ?? { name: labels.person(r.user), plan: 0, actual: 0 };
      e.plan += val(r.target);
      e.actual += val(r.actual);
      by.set(r.user, e);
    }
    return [...by.values()];
  };
  const employeeChart = (metric: "amount" | "count", name: string) => {
    const series = employees(metric);
    return series.length ? (
      <ChartBox name={name} label={t(metric === "amount" ? "plans.employeesAmount" : "plans.employeesCount")} caption height={200}>
        <BarChart data={series} maxBarSize={56} margin={{ top: 4, right: 8, bottom: 0, left: 8 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="name" tick={cutTick("x", 16, -25)} interval={0} height={64} />
          <YAxis tick={AXIS} tickFormatter={(v: number) => num(v, locale)} width={metric === "amount" ? 70 : 36} allowDecimals={false} />
          <Tooltip formatter={(v) => num(Number(v), locale)} />
          <Legend />
          <Bar dataKey="plan" name={t("plan")} fill={COLORS.plan} isAnimationActive={false} />
          <Bar dataKey="actual" name={t("actual")} fill={COLORS.actual} isAnimationActive={false} />
        </BarChart>
      </ChartBox>
    ) : null;
  };
  // Pipeline plans overlap (a year and its quarters), so each is its own bar, as its completion.
  const pipelines = data.pipelines.map((r) => ({ name: `${labels.pipeline(r.pipeline)}\n${periodName(r.period)} ${r.start.slice(0, 7)}`, completion: Math.round(val(r.completion) * 1000) / 10 }));
  return (
    <Section figure="plans" csv={links("plans", filters)} empty={empty} wide>
      <Tiles items={data.company.map((c) => ({
        label: `${t(c.metric === "amount" ? "plans.amount" : "plans.count")} · ${c.start.slice(0, 7)}`,
        value: t("plans.company", { actual: num(c.actual, locale), target: num(c.target, locale), completion: pct(c.completion, locale) }),
        testid: `plans-company-${c.metric}-${c.start.slice(0, 7)}`,
      }))} />
      <div className="control-three">
        {employeeChart("amount", "plans")}
        {employeeChart("count", "plans-count")}
        {pipelines.length ? (
          <ChartBox name="plans-pipelines" label={t("plans.pipelines")} caption height={Math.max(140, 40 + 34 * pipelines.length)}>
            <BarChart data={pipelines} layout="vertical" margin={{ top: 4, right: 16, bottom: 0, left: 4 }}>
              <CartesianGrid strokeDasharray="3 3" horizontal={false} />
              <XAxis type="number" tick={AXIS} domain={[0, (max: number) => Math.max(100, Math.ceil(max / 10) * 10)]} tickFormatter={(v: number) => `${v} %`} />
              <YAxis type="category" dataKey="name" tick={cutTick("y", 28)} width={180} interval={0} />
              <Tooltip formatter={(v) => `${num(Number(v), locale, 1)} %`} />
              <ReferenceLine x={100} stroke={COLORS.ok} strokeDasharray="4 2" />
              <Bar dataKey="completion" name={t("completion")} fill={COLORS.actual} isAnimationActive={false} />
            </BarChart>
          </ChartBox>
        ) : null}
      </div>
      <Table testid="plans-table" left={[1, 2]} head={[t("plans.who"), t("metric"), t("filter.period"), t("filter.start"), t("plan"), t("actual"), t("completion")]}
        rows={rows.map((r) => [{ text: r.who, title: r.id }, t(`metric.${r.metric}`), periodName(r.period), r.start.slice(0, 7), num(r.target, locale), num(r.actual, locale), pct(r.completion, locale)])} />
    </Section>
  );
}

/** The pipelines of a funnel answer with deals in them, most deals first. */
function funnelPipelines(data: FunnelReport): string[] {
  const reached = new Map<string, number>();
  for (const r of data.stages) if (r.group === null) reached.set(r.pipeline, (reached.get(r.pipeline) ?? 0) + r.reached);
  return [...reached.entries()].filter(([, n]) => n > 0).sort((a, b) => b[1] - a[1]).map(([p]) => p);
}

/**
 * The funnel (standard 3): reached, conversion, time in stage, where deals are lost — of the
 * filtered pipeline, or of one chosen here (the one with most deals first).
 */
export function FunnelSection({ data, filters }: { data: FunnelReport; filters: ControlFilters }) {
  const t = useControlT();
  const locale = useLocale();
  const labels = useLabels();
  const withDeals = funnelPipelines(data);
  const [chosen, setChosen] = useState<string | null>(null);
  const pipeline = filters.pipeline.trim() || (chosen && withDeals.includes(chosen) ? chosen : withDeals[0]) || "";
  const rows = data.stages.filter((r) => r.pipeline === pipeline && r.group === null);
  const empty = withDeals.length === 0;
  const stage = (s: string) => labels.stage(pipeline, s);
  return (
    <Section figure="funnel" csv={links("funnel", filters)} empty={empty}>
      {filters.pipeline.trim() || withDeals.length < 2 ? (
        <p className="control-note" data-testid="funnel-pipeline" title={pipeline}>{t("pipeline")}: <b>{labels.pipeline(pipeline)}</b></p>
      ) : (
        <label className="control-note">{t("pipeline")}:{" "}
          <select value={pipeline} data-testid="funnel-pipeline" onChange={(e) => setChosen(e.target.value)}>
            {withDeals.map((p) => <option key={p} value={p} title={p}>{labels.pipeline(p)}</option>)}
          </select>
        </label>
      )}
      <ChartBox name="funnel" label={`${t("fig.funnel")}: ${labels.pipeline(pipeline)}`} height={36 + 22 * rows.length}>
        <BarChart data={rows.map((r) => ({ name: stage(r.stage), reached: r.reached, lost: r.lost }))} layout="vertical" margin={{ top: 4, right: 12, bottom: 0, left: 4 }}>
          <CartesianGrid strokeDasharray="3 3" horizontal={false} />
          <XAxis type="number" tick={AXIS} allowDecimals={false} />
          <YAxis type="category" dataKey="name" tick={cutTick("y", 24)} width={180} interval={0} />
          <Tooltip />
          <Legend />
          <Bar dataKey="reached" name={t("reached")} fill={COLORS.actual} isAnimationActive={false} />
          <Bar dataKey="lost" name={t("lostHere")} fill={COLORS.lost} isAnimationActive={false} />
        </BarChart>
      </ChartBox>
      <Table testid="funnel-table" head={[t("stage"), t("reached"), t("conversion"), t("lostHere"), t("median"), t("p90")]}
        rows={rows.map((r) => [{ text: stage(r.stage), title: `${r.pipeline}/${r.stage}` }, num(r.reached, locale), pct(r.conversionToNext, locale), num(r.lost, locale), duration(r.medianSeconds, locale), duration(r.p90Seconds, locale)])} />
    </Section>
  );
}

/** KPIs (STANDARDS B): revenue, average deal, new vs repeat, retention, churn, growth. */
export function KpisSection({ data, filters }: { data: KpisReport; filters: ControlFilters }) {
  const t = useControlT();
  const locale = useLocale();
  const labels = useLabels();
  const s = data.totals;
  const group = (g: string | null) => (g === null ? { text: "—", title: "" } : { text: labels.group(data.by, g), title: g });
  return (
    <Section figure="kpis" csv={links("kpis", filters)} empty={s.deals === 0 && s.previousRevenue === 0}>
      <Tiles items={[
        { label: t("revenue"), value: num(s.revenue, locale), testid: "kpis-revenue" },
        { label: t("deals"), value: num(s.deals, locale) },
        { label: t("averageDeal"), value: num(s.averageDeal, locale), testid: "kpis-average" },
        { label: t("newClientRevenue"), value: num(s.newClientRevenue, locale) },
        { label: t("repeatRevenue"), value: num(s.repeatRevenue, locale) },
        { label: t("retention"), value: pct(s.retention, locale) },
        { label: t("churn"), value: pct(s.churn, locale) },
        { label: t("growth"), value: pct(s.growthRate, locale), testid: "kpis-growth" },
      ]} />
      <ChartBox name="kpis" label={t("fig.kpis")} height={200}>
        <BarChart data={data.groups.map((g) => ({ name: group(g.group).text, newRev: g.newClientRevenue, repeat: g.repeatRevenue, none: g.noClientRevenue }))} maxBarSize={56} margin={{ top: 4, right: 8, bottom: 0, left: 8 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="name" tick={cutTick("x", 18)} interval={0} />
          <YAxis tick={AXIS} tickFormatter={(v: number) => num(v, locale)} width={70} />
          <Tooltip formatter={(v) => num(Number(v), locale)} />
          <Legend />
          <Bar dataKey="newRev" stackId="r" name={t("newClientRevenue")} fill={COLORS.actual} isAnimationActive={false} />
          <Bar dataKey="repeat" stackId="r" name={t("repeatRevenue")} fill={COLORS.ok} isAnimationActive={false} />
          <Bar dataKey="none" stackId="r" name={t("noClientRevenue")} fill={COLORS.plan} isAnimationActive={false} />
        </BarChart>
      </ChartBox>
      <Table testid="kpis-table" head={[t(`group.${data.by === "team" ? "team" : data.by === "pipeline" ? "pipeline" : "manager"}`), t("revenue"), t("deals"), t("averageDeal"), t("retention"), t("churn"), t("growth")]}
        rows={data.groups.map((g) => [group(g.group), num(g.revenue, locale), g.deals, num(g.averageDeal, locale), pct(g.retention, locale), pct(g.churn, locale), pct(g.growthRate, locale)])} />
    </Section>
  );
}

const SEGMENT_COLOR = { "cash-cow": COLORS.ok, star: COLORS.actual, "wild-cat": COLORS.warn, dog: COLORS.lost } as const;

/** ABC/XYZ of clients: the 3×3 matrix and the four segments. */
export function AbcXyzSection({ data, filters }: { data: AbcXyzReport; filters: ControlFilters }) {
  const t = useControlT();
  const locale = useLocale();
  const cell = (abc: string, xyz: string) => data.matrix.find((m) => m.abc === abc && m.xyz === xyz);
  return (
    <Section figure="abc-xyz" csv={links("abc-xyz", filters)} empty={data.clients.length === 0}>
      <div className="control-two">
        <table className="control-matrix" data-testid="abc-xyz-matrix">
          <thead><tr><th scope="col">ABC \ XYZ</th>{["X", "Y", "Z"].map((x) => <th key={x} scope="col">{x}</th>)}</tr></thead>
          <tbody>
            {["A", "B", "C"].map((a) => (
              <tr key={a}>
                <th scope="row">{a}</th>
                {["X", "Y", "Z"].map((x) => {
                  const c = cell(a, x);
                  return (
                    <td key={x} data-testid={`abc-${a}${x}`} style={{ borderLeftColor: c ? SEGMENT_COLOR[c.segment] : undefined }} title={c ? t(`segment.${c.segment}`) : undefined}>
                      <b>{num(c?.clients ?? 0, locale)}</b> <small>{num(c?.revenue ?? 0, locale)}</small>
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
        <ChartBox name="abc-xyz" label={t("fig.abc-xyz")} height={190}>
          <BarChart data={data.segments.map((s) => ({ name: t(`segment.${s.segment}`), revenue: s.revenue, segment: s.segment }))} maxBarSize={56} margin={{ top: 4, right: 8, bottom: 0, left: 8 }}>
            <CartesianGrid strokeDasharray="3 3" vertical={false} />
            <XAxis dataKey="name" tick={cutTick("x", 18, -20)} interval={0} height={52} />
            <YAxis tick={AXIS} tickFormatter={(v: number) => num(v, locale)} width={70} />
            <Tooltip formatter={(v) => num(Number(v), locale)} />
            <Bar dataKey="revenue" name={t("revenue")} isAnimationActive={false}>
              {data.segments.map((s) => <Cell key={s.segment} fill={SEGMENT_COLOR[s.segment]} />)}
            </Bar>
          </BarChart>
        </ChartBox>
      </div>
      <Table testid="abc-xyz-table" max={10} head={[t("client"), t("revenue"), t("deals"), t("share"), "ABC", "XYZ", t("segment")]}
        rows={data.clients.map((c) => [{ text: c.name ?? c.client, title: c.client }, num(c.revenue, locale), c.deals, pct(c.share, locale), c.abc ?? "—", c.xyz, c.segment ? t(`segment.${c.segment}`) : "—"])} />
    </Section>
  );
}
