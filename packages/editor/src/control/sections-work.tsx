/**
 * The control room's sections about the team's work — task discipline, loss reasons, NPS and
 * activity against the norms — each drawn from its figure's JSON answer with names and labels
 * instead of ids (the id is the cell's tooltip). A section with nothing to show says so.
 */
import { Bar, BarChart, CartesianGrid, Cell, Legend, Line, LineChart, Tooltip, XAxis, YAxis } from "recharts";
import { useLocale } from "../i18n";
import { duration, num, pct, val } from "./format";
import { useControlT } from "./i18n";
import { AXIS, ChartBox, COLORS, cut, cutTick, links, PALETTE, Section, Table, Tiles, type TableCell } from "./parts";
import type { ActivityReport, ControlDeal, ControlFilters, ControlReport, LossReasonsReport, NpsReport } from "./types";
import { useLabels } from "./use-control-data";

/** A person's name, with the id as the tooltip. */
function usePersonCell(): (id: string) => TableCell {
  const labels = useLabels();
  return (id) => ({ text: labels.person(id), title: id });
}

/** The rows of a list of deals: title, pipeline, stage, manager (labels; ids as tooltips). */
function useDealRows(): (deals: ControlDeal[]) => TableCell[][] {
  const labels = useLabels();
  const person = usePersonCell();
  return (deals) => deals.map((d) => [
    { text: d.title, title: d.deal },
    { text: labels.pipeline(d.pipeline), title: d.pipeline },
    { text: labels.stage(d.pipeline, d.stage), title: `${d.pipeline}/${d.stage}` },
    person(d.responsible),
  ]);
}

/** Task discipline (standards 6, 7): overdue, due today, reschedules, no open task, forgotten. */
export function ControlSection({ data, filters }: { data: ControlReport; filters: ControlFilters }) {
  const t = useControlT();
  const locale = useLocale();
  const labels = useLabels();
  const person = usePersonCell();
  const dealRows = useDealRows();
  const s = data.totals;
  const forgotten = t("forgottenDeals", { days: data.forgottenDays });
  const dealHead = [t("deal"), t("pipeline"), t("stage"), t("manager")];
  return (
    <Section figure="control" csv={links("control", filters)} empty={data.managers.length === 0}>
      <Tiles items={[
        { label: t("overdueTasks"), value: num(s.overdueTasks, locale), testid: "control-overdue" },
        { label: t("dueToday"), value: num(s.dueToday, locale) },
        { label: t("reschedules"), value: num(s.reschedules, locale) },
        { label: t("dealsWithoutOpenTask"), value: num(s.dealsWithoutOpenTask, locale) },
        { label: forgotten, value: num(s.forgottenDeals, locale) },
        { label: t("winShare"), value: pct(s.winShare, locale), testid: "control-win-share" },
        { label: t("averageDuration"), value: duration(s.averageDurationSeconds, locale) },
      ]} />
      <ChartBox name="control" label={t("fig.control")} height={200}>
        <BarChart data={data.managers.map((m) => ({ ...m, name: labels.person(m.manager) }))} maxBarSize={56} margin={{ top: 4, right: 8, bottom: 0, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="name" tick={cutTick("x", 18)} interval={0} />
          <YAxis tick={AXIS} allowDecimals={false} width={36} />
          <Tooltip />
          <Legend />
          <Bar dataKey="reschedules" name={t("reschedules")} fill={COLORS.actual} isAnimationActive={false} />
          <Bar dataKey="overdueTasks" name={t("overdueTasks")} fill={COLORS.lost} isAnimationActive={false} />
          <Bar dataKey="dueToday" name={t("dueToday")} fill={COLORS.warn} isAnimationActive={false} />
          <Bar dataKey="dealsWithoutOpenTask" name={t("dealsWithoutOpenTask")} fill={COLORS.violet} isAnimationActive={false} />
          <Bar dataKey="forgottenDeals" name={forgotten} fill={COLORS.muted} isAnimationActive={false} />
        </BarChart>
      </ChartBox>
      <Table testid="control-table" head={[t("manager"), t("overdueTasks"), t("dueToday"), t("reschedules"), t("dealsWithoutOpenTask"), forgotten, t("won"), t("lost"), t("winShare"), t("averageDuration")]}
        rows={data.managers.map((m) => [person(m.manager), m.overdueTasks, m.dueToday, m.reschedules, m.dealsWithoutOpenTask, m.forgottenDeals, m.won, m.lost, pct(m.winShare, locale), duration(m.averageDurationSeconds, locale)])} />
      {data.reschedules.length ? <Table caption={t("rescheduleReasons")} testid="control-reschedules" head={[t("reason"), t("count")]} rows={data.reschedules.map((r) => [r.reason, r.count])} /> : null}
      {data.withoutOpenTask.length ? <Table caption={t("withoutOpenTaskList")} testid="control-without-task" max={8} left={[1, 2, 3]} head={dealHead} rows={dealRows(data.withoutOpenTask)} /> : null}
      {data.forgotten.length ? <Table caption={forgotten} testid="control-forgotten" max={8} left={[1, 2, 3]} head={dealHead} rows={dealRows(data.forgotten)} /> : null}
    </Section>
  );
}

/** Loss reasons (standard 11), named by the reason field's options, with their trend per month. */
export function LossReasonsSection({ data, filters }: { data: LossReasonsReport; filters: ControlFilters }) {
  const t = useControlT();
  const locale = useLocale();
  const labels = useLabels();
  const name = (r: string | null) => (r === null ? t("noReason") : labels.option(data.reasonField, r));
  // Series keyed by the reason's id (a slug), never by its label: recharts reads dots in a key as a path.
  const key = (r: string | null) => `r:${r ?? ""}`;
  const reasons = data.reasons.map((r) => r.reason);
  // The same colour for a reason in the bars and in the trend (the legend names it once).
  const colour = (i: number) => PALETTE[(i + 1) % PALETTE.length]!;
  const months = [...new Set(data.trend.map((r) => r.month))];
  const trend = months.map((month) => Object.fromEntries([["month", month], ...data.trend.filter((r) => r.month === month).map((r) => [key(r.reason), r.lost])]) as Record<string, number | string>);
  return (
    <Section figure="loss-reasons" csv={links("loss-reasons", filters)} empty={data.lost === 0 || data.reasons.length === 0}>
      <div className="control-two">
        <ChartBox name="loss-reasons" label={t("fig.loss-reasons")} height={Math.max(120, 40 + 24 * data.reasons.length)}>
          <BarChart data={data.reasons.map((r) => ({ name: name(r.reason), lost: r.lost }))} layout="vertical" margin={{ top: 4, right: 12, bottom: 0, left: 4 }}>
            <CartesianGrid strokeDasharray="3 3" horizontal={false} />
            <XAxis type="number" tick={AXIS} allowDecimals={false} />
            <YAxis type="category" dataKey="name" tick={cutTick("y", 20)} width={156} interval={0} />
            <Tooltip />
            <Bar dataKey="lost" name={t("lost")} isAnimationActive={false}>
              {reasons.map((r, i) => <Cell key={key(r)} fill={colour(i)} />)}
            </Bar>
          </BarChart>
        </ChartBox>
        <ChartBox name="loss-reasons-trend" label={t("trend")} height={190}>
          <LineChart data={trend} margin={{ top: 4, right: 12, bottom: 0, left: 0 }}>
            <CartesianGrid strokeDasharray="3 3" vertical={false} />
            <XAxis dataKey="month" tick={AXIS} />
            <YAxis tick={AXIS} allowDecimals={false} width={30} />
            <Tooltip />
            <Legend formatter={(v: string) => cut(v, 24)} />
            {reasons.map((r, i) => <Line key={key(r)} dataKey={key(r)} name={name(r)} stroke={colour(i)} dot={months.length < 2} isAnimationActive={false} />)}
          </LineChart>
        </ChartBox>
      </div>
      <Table testid="loss-reasons-table" head={[t("reason"), t("lost"), t("share")]}
        rows={data.reasons.map((r) => [r.reason === null ? name(null) : { text: name(r.reason), title: r.reason }, num(r.lost, locale), pct(r.share, locale)])} />
    </Section>
  );
}

/** NPS (standard 9): the bands, the score, per manager, the reasons given. */
export function NpsSection({ data, filters }: { data: NpsReport; filters: ControlFilters }) {
  const t = useControlT();
  const locale = useLocale();
  const person = usePersonCell();
  const bands = [
    { band: "promoter", name: t("promoters"), value: data.promoters, fill: COLORS.ok },
    { band: "passive", name: t("passives"), value: data.passives, fill: COLORS.plan },
    { band: "detractor", name: t("detractors"), value: data.detractors, fill: COLORS.lost },
  ];
  const band = (b: string | null) => (b === "promoter" || b === "passive" || b === "detractor" ? t(`band.${b}`) : b ?? "—");
  return (
    <Section figure="nps" csv={links("nps", filters)} empty={data.answered === 0}>
      <Tiles items={[
        { label: t("npsScore"), value: num(data.nps, locale, 2), testid: "nps-score" },
        { label: t("answered"), value: num(data.answered, locale), testid: "nps-answered" },
        ...bands.map((b) => ({ label: b.name, value: num(b.value, locale), testid: `nps-${b.band}` })),
      ]} />
      <div className="control-two">
        <ChartBox name="nps" label={t("fig.nps")} height={180}>
          <BarChart data={bands} maxBarSize={56} margin={{ top: 4, right: 8, bottom: 0, left: 0 }}>
            <CartesianGrid strokeDasharray="3 3" vertical={false} />
            <XAxis dataKey="name" tick={AXIS} interval={0} />
            <YAxis tick={AXIS} allowDecimals={false} width={30} />
            <Tooltip />
            <Bar dataKey="value" name={t("answered")} isAnimationActive={false}>
              {bands.map((b) => <Cell key={b.band} fill={b.fill} />)}
            </Bar>
          </BarChart>
        </ChartBox>
        <Table caption={t("perManager")} testid="nps-managers" head={[t("manager"), t("answered"), t("npsScore")]}
          rows={data.managers.map((m) => [person(m.manager), m.answered, num(m.nps, locale, 2)])} />
      </div>
      {data.reasons.length ? <Table caption={t("npsReasons")} testid="nps-reasons" max={8} left={[1]} head={[t("band"), t("reason"), t("count")]} rows={data.reasons.map((r) => [band(r.band), r.reason, r.count])} /> : null}
    </Section>
  );
}

/** Activity against the norms, per manager and per day, by activity type. */
export function ActivitySection({ data, filters }: { data: ActivityReport; filters: ControlFilters }) {
  const t = useControlT();
  const locale = useLocale();
  const labels = useLabels();
  const person = usePersonCell();
  const perManager = new Map<string, { name: string; count: number; norm: number }>();
  for (const r of data.managers) {
    const m = perManager.get(r.manager) ?? { name: labels.person(r.manager), count: 0, norm: 0 };
    m.count += r.count;
    m.norm += val(r.norm);
    perManager.set(r.manager, m);
  }
  const perDay = data.workingDates.map((day) => ({ day: day.slice(5), count: data.days.filter((d) => d.day === day).reduce((s, d) => s + d.count, 0) }));
  return (
    <Section figure="activity" csv={links("activity", filters)} empty={data.managers.length === 0}>
      <p className="control-note">{t("workingDays", { n: data.workingDays })}</p>
      <div className="control-two">
        <ChartBox name="activity" label={t("fig.activity")} height={200}>
          <BarChart data={[...perManager.values()]} maxBarSize={56} margin={{ top: 4, right: 8, bottom: 0, left: 24 }}>
            <CartesianGrid strokeDasharray="3 3" vertical={false} />
            <XAxis dataKey="name" tick={cutTick("x", 16, -25)} interval={0} height={64} />
            <YAxis tick={AXIS} allowDecimals={false} width={52} tickFormatter={(v: number) => num(v, locale)} />
            <Tooltip />
            <Legend />
            <Bar dataKey="norm" name={t("norm")} fill={COLORS.plan} isAnimationActive={false} />
            <Bar dataKey="count" name={t("activities")} fill={COLORS.actual} isAnimationActive={false} />
          </BarChart>
        </ChartBox>
        <ChartBox name="activity-days" label={t("perDay")} height={200}>
          <BarChart data={perDay} maxBarSize={56} margin={{ top: 4, right: 8, bottom: 0, left: 0 }}>
            <CartesianGrid strokeDasharray="3 3" vertical={false} />
            <XAxis dataKey="day" tick={AXIS} />
            <YAxis tick={AXIS} allowDecimals={false} width={30} />
            <Tooltip />
            <Bar dataKey="count" name={t("activities")} fill={COLORS.ok} isAnimationActive={false} />
          </BarChart>
        </ChartBox>
      </div>
      <Table testid="activity-table" max={20} left={[1]} head={[t("manager"), t("type"), t("activities"), t("norm"), t("completion")]}
        rows={data.managers.map((r) => [person(r.manager), { text: labels.activityType(r.type), title: r.type }, r.count, num(r.norm, locale), pct(r.completion, locale)])} />
    </Section>
  );
}
