/**
 * The control room's sections, one per figure, each drawn from the figure's JSON answer: a chart
 * (recharts) and the numbers beside it. A section with nothing to show says so (never NaN).
 */
import { Bar, BarChart, CartesianGrid, Cell, Legend, Line, LineChart, Tooltip, XAxis, YAxis } from "recharts";
import { useLocale } from "../i18n";
import { duration, num, pct, val } from "./format";
import { useControlT } from "./i18n";
import { ChartBox, COLORS, PALETTE, Section, Table, Tiles } from "./parts";
import { csvPath } from "./query";
import { CSV_TABLES, type AbcXyzReport, type ActivityReport, type ControlFilters, type ControlReport, type Figure, type FunnelReport, type KpisReport, type LossReasonsReport, type NpsReport, type PlansReport } from "./types";

const links = (figure: Figure, f: ControlFilters) => CSV_TABLES[figure].map((table) => ({ table, path: csvPath(figure, f, table) }));
const AXIS = { fontSize: 11 };

/** Plan vs actual (standard 1): per employee and pipeline, by amount and by count; the company. */
export function PlansSection({ data, filters }: { data: PlansReport; filters: ControlFilters }) {
  const t = useControlT();
  const locale = useLocale();
  const rows = [
    ...data.employees.map((r) => ({ who: r.user, ...r })),
    ...data.pipelines.map((r) => ({ who: r.pipeline, ...r })),
  ];
  const empty = rows.length === 0 && data.company.length === 0;
  const chart = (metric: "amount" | "count", name: string) => {
    const series = rows.filter((r) => r.metric === metric).map((r) => ({ name: r.who, plan: val(r.target), actual: val(r.actual) }));
    return series.length ? (
      <ChartBox name={name} label={t(metric === "amount" ? "plans.amount" : "plans.count")} height={180}>
        <BarChart data={series} margin={{ top: 4, right: 8, bottom: 0, left: 8 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="name" tick={{ fontSize: 10 }} interval={0} angle={-25} textAnchor="end" height={44} />
          <YAxis tick={AXIS} tickFormatter={(v: number) => num(v, locale)} width={70} />
          <Tooltip formatter={(v) => num(Number(v), locale)} />
          <Legend />
          <Bar dataKey="plan" name={t("plan")} fill={COLORS.plan} isAnimationActive={false} />
          <Bar dataKey="actual" name={t("actual")} fill={COLORS.actual} isAnimationActive={false} />
        </BarChart>
      </ChartBox>
    ) : null;
  };
  return (
    <Section figure="plans" csv={links("plans", filters)} empty={empty}>
      <Tiles items={data.company.map((c) => ({
        label: `${t(c.metric === "amount" ? "plans.amount" : "plans.count")} · ${c.start.slice(0, 7)}`,
        value: t("plans.company", { actual: num(c.actual, locale), target: num(c.target, locale), completion: pct(c.completion, locale) }),
        testid: `plans-company-${c.metric}-${c.start.slice(0, 7)}`,
      }))} />
      <div className="control-two">
        {chart("amount", "plans")}
        {chart("count", "plans-count")}
      </div>
      <Table testid="plans-table" head={[t("plans.who"), t("metric"), t("filter.start"), t("plan"), t("actual"), t("completion")]}
        rows={rows.map((r) => [r.who, t(`metric.${r.metric}`), r.start.slice(0, 7), num(r.target, locale), num(r.actual, locale), pct(r.completion, locale)])} />
    </Section>
  );
}

/** The funnel (standard 3): reached, conversion, time in stage, where deals are lost. */
export function FunnelSection({ data, filters }: { data: FunnelReport; filters: ControlFilters }) {
  const t = useControlT();
  const locale = useLocale();
  const reachedBy = new Map<string, number>();
  for (const r of data.stages) reachedBy.set(r.pipeline, (reachedBy.get(r.pipeline) ?? 0) + r.reached);
  const top = [...reachedBy.entries()].sort((a, b) => b[1] - a[1])[0];
  const pipeline = filters.pipeline.trim() || top?.[0];
  const rows = data.stages.filter((r) => r.pipeline === pipeline && r.group === null);
  const empty = !top || top[1] === 0;
  return (
    <Section figure="funnel" csv={links("funnel", filters)} empty={empty}>
      <p className="control-note">{t("pipeline")}: <b>{pipeline}</b></p>
      <ChartBox name="funnel" label={`${t("fig.funnel")}: ${pipeline ?? ""}`} height={190}>
        <BarChart data={rows.map((r) => ({ name: r.stage, reached: r.reached, lost: r.lost }))} margin={{ top: 4, right: 8, bottom: 0, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="name" tick={AXIS} interval={0} />
          <YAxis tick={AXIS} allowDecimals={false} width={36} />
          <Tooltip />
          <Legend />
          <Bar dataKey="reached" name={t("reached")} fill={COLORS.actual} isAnimationActive={false} />
          <Bar dataKey="lost" name={t("lostHere")} fill={COLORS.lost} isAnimationActive={false} />
        </BarChart>
      </ChartBox>
      <Table testid="funnel-table" head={[t("stage"), t("reached"), t("conversion"), t("lostHere"), t("median"), t("p90")]}
        rows={rows.map((r) => [r.stage, num(r.reached, locale), pct(r.conversionToNext, locale), num(r.lost, locale), duration(r.medianSeconds, locale), duration(r.p90Seconds, locale)])} />
    </Section>
  );
}

/** Task discipline (standards 6, 7): overdue, due today, reschedules, no open task, forgotten. */
export function ControlSection({ data, filters }: { data: ControlReport; filters: ControlFilters }) {
  const t = useControlT();
  const locale = useLocale();
  const s = data.totals;
  const empty = data.managers.length === 0;
  const forgotten = t("forgottenDeals", { days: data.forgottenDays });
  return (
    <Section figure="control" csv={links("control", filters)} empty={empty}>
      <Tiles items={[
        { label: t("overdueTasks"), value: num(s.overdueTasks, locale), testid: "control-overdue" },
        { label: t("dueToday"), value: num(s.dueToday, locale) },
        { label: t("reschedules"), value: num(s.reschedules, locale) },
        { label: t("dealsWithoutOpenTask"), value: num(s.dealsWithoutOpenTask, locale) },
        { label: forgotten, value: num(s.forgottenDeals, locale) },
        { label: t("winShare"), value: pct(s.winShare, locale), testid: "control-win-share" },
        { label: t("averageDuration"), value: duration(s.averageDurationSeconds, locale) },
      ]} />
      <ChartBox name="control" label={t("fig.control")} height={180}>
        <BarChart data={data.managers.map((m) => ({ ...m, name: m.manager }))} margin={{ top: 4, right: 8, bottom: 0, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="name" tick={AXIS} interval={0} />
          <YAxis tick={AXIS} allowDecimals={false} width={36} />
          <Tooltip />
          <Legend />
          <Bar dataKey="overdueTasks" name={t("overdueTasks")} fill={COLORS.lost} isAnimationActive={false} />
          <Bar dataKey="dueToday" name={t("dueToday")} fill={COLORS.warn} isAnimationActive={false} />
          <Bar dataKey="dealsWithoutOpenTask" name={t("dealsWithoutOpenTask")} fill={COLORS.violet} isAnimationActive={false} />
          <Bar dataKey="forgottenDeals" name={forgotten} fill={COLORS.muted} isAnimationActive={false} />
        </BarChart>
      </ChartBox>
      <Table testid="control-table" head={[t("manager"), t("overdueTasks"), t("dueToday"), t("reschedules"), t("dealsWithoutOpenTask"), forgotten, t("won"), t("lost"), t("winShare"), t("averageDuration")]}
        rows={data.managers.map((m) => [m.manager, m.overdueTasks, m.dueToday, m.reschedules, m.dealsWithoutOpenTask, m.forgottenDeals, m.won, m.lost, pct(m.winShare, locale), duration(m.averageDurationSeconds, locale)])} />
      <div className="control-two">
        {data.reschedules.length ? <Table caption={t("rescheduleReasons")} testid="control-reschedules" head={[t("reason"), t("count")]} rows={data.reschedules.map((r) => [r.reason, r.count])} /> : null}
        {data.forgotten.length ? <Table caption={t("forgottenList")} testid="control-forgotten" max={8} head={[t("deals"), t("stage"), t("manager")]} rows={data.forgotten.map((d) => [d.title, `${d.pipeline}/${d.stage}`, d.responsible])} /> : null}
      </div>
    </Section>
  );
}

/** Loss reasons (standard 11), with their trend per month. */
export function LossReasonsSection({ data, filters }: { data: LossReasonsReport; filters: ControlFilters }) {
  const t = useControlT();
  const locale = useLocale();
  const name = (r: string | null) => r ?? t("noReason");
  const reasons = data.reasons.map((r) => name(r.reason));
  const months = [...new Set(data.trend.map((r) => r.month))];
  const trend = months.map((month) => Object.fromEntries([["month", month], ...data.trend.filter((r) => r.month === month).map((r) => [name(r.reason), r.lost])]) as Record<string, number | string>);
  return (
    <Section figure="loss-reasons" csv={links("loss-reasons", filters)} empty={data.lost === 0 || data.reasons.length === 0}>
      <div className="control-two">
        <ChartBox name="loss-reasons" label={t("fig.loss-reasons")} height={190}>
          <BarChart data={data.reasons.map((r) => ({ name: name(r.reason), lost: r.lost }))} layout="vertical" margin={{ top: 4, right: 12, bottom: 0, left: 8 }}>
            <CartesianGrid strokeDasharray="3 3" horizontal={false} />
            <XAxis type="number" tick={AXIS} allowDecimals={false} />
            <YAxis type="category" dataKey="name" tick={AXIS} width={110} />
            <Tooltip />
            <Bar dataKey="lost" name={t("lost")} fill={COLORS.lost} isAnimationActive={false} />
          </BarChart>
        </ChartBox>
        <ChartBox name="loss-reasons-trend" label={t("trend")} height={190}>
          <LineChart data={trend} margin={{ top: 4, right: 12, bottom: 0, left: 0 }}>
            <CartesianGrid strokeDasharray="3 3" vertical={false} />
            <XAxis dataKey="month" tick={AXIS} />
            <YAxis tick={AXIS} allowDecimals={false} width={30} />
            <Tooltip />
            {reasons.map((r, i) => <Line key={r} dataKey={r} stroke={PALETTE[i % PALETTE.length]} dot={false} isAnimationActive={false} />)}
          </LineChart>
        </ChartBox>
      </div>
      <Table testid="loss-reasons-table" head={[t("reason"), t("lost"), t("share")]} rows={data.reasons.map((r) => [name(r.reason), num(r.lost, locale), pct(r.share, locale)])} />
    </Section>
  );
}

/** NPS (standard 9): the bands, the score, the reasons. */
export function NpsSection({ data, filters }: { data: NpsReport; filters: ControlFilters }) {
  const t = useControlT();
  const locale = useLocale();
  const bands = [
    { name: t("promoters"), value: data.promoters, fill: COLORS.ok },
    { name: t("passives"), value: data.passives, fill: COLORS.plan },
    { name: t("detractors"), value: data.detractors, fill: COLORS.lost },
  ];
  return (
    <Section figure="nps" csv={links("nps", filters)} empty={data.answered === 0}>
      <Tiles items={[
        { label: t("npsScore"), value: num(data.nps, locale, 2), testid: "nps-score" },
        { label: t("answered"), value: num(data.answered, locale) },
        ...bands.map((b) => ({ label: b.name, value: num(b.value, locale) })),
      ]} />
      <div className="control-two">
        <ChartBox name="nps" label={t("fig.nps")} height={170}>
          <BarChart data={bands} margin={{ top: 4, right: 8, bottom: 0, left: 0 }}>
            <CartesianGrid strokeDasharray="3 3" vertical={false} />
            <XAxis dataKey="name" tick={AXIS} />
            <YAxis tick={AXIS} allowDecimals={false} width={30} />
            <Tooltip />
            <Bar dataKey="value" name={t("answered")} isAnimationActive={false}>
              {bands.map((b) => <Cell key={b.name} fill={b.fill} />)}
            </Bar>
          </BarChart>
        </ChartBox>
        <Table caption={t("reason")} testid="nps-reasons" max={8} head={[t("band"), t("reason"), t("count")]} rows={data.reasons.map((r) => [r.band ?? "—", r.reason, r.count])} />
      </div>
    </Section>
  );
}

/** KPIs (STANDARDS B): revenue, average deal, new vs repeat, retention, churn, growth. */
export function KpisSection({ data, filters }: { data: KpisReport; filters: ControlFilters }) {
  const t = useControlT();
  const locale = useLocale();
  const s = data.totals;
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
      <ChartBox name="kpis" label={t("fig.kpis")} height={180}>
        <BarChart data={data.groups.map((g) => ({ name: g.group ?? "—", newRev: g.newClientRevenue, repeat: g.repeatRevenue, none: g.noClientRevenue }))} margin={{ top: 4, right: 8, bottom: 0, left: 8 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="name" tick={AXIS} interval={0} />
          <YAxis tick={AXIS} tickFormatter={(v: number) => num(v, locale)} width={70} />
          <Tooltip formatter={(v) => num(Number(v), locale)} />
          <Legend />
          <Bar dataKey="newRev" stackId="r" name={t("newClientRevenue")} fill={COLORS.actual} isAnimationActive={false} />
          <Bar dataKey="repeat" stackId="r" name={t("repeatRevenue")} fill={COLORS.ok} isAnimationActive={false} />
          <Bar dataKey="none" stackId="r" name={t("noClientRevenue")} fill={COLORS.plan} isAnimationActive={false} />
        </BarChart>
      </ChartBox>
      <Table testid="kpis-table" head={[t("group"), t("revenue"), t("deals"), t("averageDeal"), t("retention"), t("churn"), t("growth")]}
        rows={data.groups.map((g) => [g.group ?? "—", num(g.revenue, locale), g.deals, num(g.averageDeal, locale), pct(g.retention, locale), pct(g.churn, locale), pct(g.growthRate, locale)])} />
    </Section>
  );
}

/** Activity against the norms, per manager and per day. */
export function ActivitySection({ data, filters }: { data: ActivityReport; filters: ControlFilters }) {
  const t = useControlT();
  const locale = useLocale();
  const perManager = new Map<string, { name: string; count: number; norm: number }>();
  for (const r of data.managers) {
    const m = perManager.get(r.manager) ?? { name: r.manager, count: 0, norm: 0 };
    m.count += r.count;
    m.norm += val(r.norm);
    perManager.set(r.manager, m);
  }
  const perDay = data.workingDates.map((day) => ({ day: day.slice(5), count: data.days.filter((d) => d.day === day).reduce((s, d) => s + d.count, 0) }));
  return (
    <Section figure="activity" csv={links("activity", filters)} empty={data.managers.length === 0}>
      <p className="control-note">{t("workingDays", { n: data.workingDays })}</p>
      <div className="control-two">
        <ChartBox name="activity" label={t("fig.activity")} height={180}>
          <BarChart data={[...perManager.values()]} margin={{ top: 4, right: 8, bottom: 0, left: 0 }}>
            <CartesianGrid strokeDasharray="3 3" vertical={false} />
            <XAxis dataKey="name" tick={AXIS} interval={0} />
            <YAxis tick={AXIS} allowDecimals={false} width={52} />
            <Tooltip />
            <Legend />
            <Bar dataKey="norm" name={t("norm")} fill={COLORS.plan} isAnimationActive={false} />
            <Bar dataKey="count" name={t("activities")} fill={COLORS.actual} isAnimationActive={false} />
          </BarChart>
        </ChartBox>
        <ChartBox name="activity-days" label={t("perDay")} height={180}>
          <BarChart data={perDay} margin={{ top: 4, right: 8, bottom: 0, left: 0 }}>
            <CartesianGrid strokeDasharray="3 3" vertical={false} />
            <XAxis dataKey="day" tick={AXIS} />
            <YAxis tick={AXIS} allowDecimals={false} width={30} />
            <Tooltip />
            <Bar dataKey="count" name={t("activities")} fill={COLORS.ok} isAnimationActive={false} />
          </BarChart>
        </ChartBox>
      </div>
      <Table testid="activity-table" max={20} head={[t("manager"), t("type"), t("activities"), t("norm"), t("completion")]}
        rows={data.managers.map((r) => [r.manager, r.type, r.count, num(r.norm, locale), pct(r.completion, locale)])} />
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
        <ChartBox name="abc-xyz" label={t("fig.abc-xyz")} height={170}>
          <BarChart data={data.segments.map((s) => ({ name: t(`segment.${s.segment}`), revenue: s.revenue, segment: s.segment }))} margin={{ top: 4, right: 8, bottom: 0, left: 8 }}>
            <CartesianGrid strokeDasharray="3 3" vertical={false} />
            <XAxis dataKey="name" tick={{ fontSize: 9 }} interval={0} />
            <YAxis tick={AXIS} tickFormatter={(v: number) => num(v, locale)} width={70} />
            <Tooltip formatter={(v) => num(Number(v), locale)} />
            <Bar dataKey="revenue" name={t("revenue")} isAnimationActive={false}>
              {data.segments.map((s) => <Cell key={s.segment} fill={SEGMENT_COLOR[s.segment]} />)}
            </Bar>
          </BarChart>
        </ChartBox>
      </div>
      <Table testid="abc-xyz-table" max={10} head={[t("client"), t("revenue"), t("deals"), t("share"), "ABC", "XYZ", t("segment")]}
        rows={data.clients.map((c) => [c.name ?? c.client, num(c.revenue, locale), c.deals, pct(c.share, locale), c.abc ?? "—", c.xyz, c.segment ? t(`segment.${c.segment}`) : "—"])} />
    </Section>
  );
}
