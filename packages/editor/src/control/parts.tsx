/**
 * The control room's building blocks: a section (title, CSV links, empty state), a chart box of a
 * fixed height (recharts' ResponsiveContainer), figure tiles and a plain table.
 */
import type { ReactNode } from "react";
import { ResponsiveContainer } from "recharts";
import { useSessionStore } from "../store/session-store";
import { controlEn, useControlT, type ControlKey, type ControlT } from "./i18n";
import { csvPath } from "./query";
import { CSV_TABLES, type ControlFilters, type Figure } from "./types";

/** Downloads a CSV with the session's bearer token (a plain link could not send it). */
async function download(path: string, name: string): Promise<void> {
  const client = useSessionStore.getState().client;
  const response = await fetch(`${client?.baseUrl ?? ""}${path}`, { headers: client ? { authorization: `Bearer ${client.token}` } : {} });
  if (!response.ok) return;
  const url = URL.createObjectURL(await response.blob());
  const a = document.createElement("a");
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** A CSV table's name in the UI language (the table's id when it has none). */
function tableName(t: ControlT, table: string): string {
  const key = `table.${table}`;
  return key in controlEn ? t(key as ControlKey) : table;
}

/** A section of the control room: `data-testid="control-<figure>"`; a `wide` one spans the grid. */
export function Section(props: { figure: Figure; csv: { table: string; path: string }[]; empty: boolean; wide?: boolean; children: ReactNode }) {
  const t = useControlT();
  const id = `control-${props.figure}`;
  return (
    <section className={props.wide ? "control-section wide" : "control-section"} data-testid={id} aria-labelledby={`${id}-title`} id={id}>
      <header className="control-section-head">
        <h2 id={`${id}-title`}>{t(`fig.${props.figure}`)}</h2>
        <span className="control-csv">
          {props.csv.map((c) => (
            <a key={c.table} href={c.path} data-testid={`csv-${props.figure}-${c.table}`} title={t("csvTitle", { table: tableName(t, c.table) })}
              onClick={(e) => { e.preventDefault(); void download(c.path, `${props.figure}-${c.table}.csv`); }}>
              {t("csv")} · {tableName(t, c.table)}
            </a>
          ))}
        </span>
      </header>
      {props.empty ? <p className="control-empty" data-testid={`empty-${props.figure}`}>{t("empty")}</p> : props.children}
    </section>
  );
}

/**
 * A chart's box: `data-testid="chart-<name>"`, a fixed height, the full width; `caption` shows its
 * label above it (where a section has several charts).
 */
export function ChartBox(props: { name: string; label: string; caption?: boolean; height?: number; children: ReactNode }) {
  const box = (
    <div className="control-chart" data-testid={`chart-${props.name}`} role="img" aria-label={props.label} style={{ height: props.height ?? 200 }}>
      <ResponsiveContainer width="100%" height="100%" minWidth={0} initialDimension={{ width: 480, height: props.height ?? 200 }}>
        {props.children as React.ReactElement}
      </ResponsiveContainer>
    </div>
  );
  return props.caption ? <figure className="control-figure"><figcaption>{props.label}</figcaption>{box}</figure> : box;
}

/** Figure tiles: a label above a big number. */
export function Tiles(props: { items: { label: string; value: string; testid?: string }[] }) {
  return (
    <dl className="control-tiles">
      {props.items.map((i) => (
        <div key={i.label} className="control-tile" data-testid={i.testid}>
          <dt>{i.label}</dt>
          <dd>{i.value}</dd>
        </div>
      ))}
    </dl>
  );
}

/** A table cell: text, or text with a tooltip (the id behind a name). */
export type TableCell = string | number | { text: string | number; title: string };

/**
 * A compact table (rows already formatted): the first column and those in `left` (text) are
 * aligned left, the others (figures) right.
 */
export function Table(props: { caption?: string; head: string[]; rows: TableCell[][]; testid?: string; max?: number; left?: number[] }) {
  const rows = props.max ? props.rows.slice(0, props.max) : props.rows;
  const align = (j: number) => (j > 0 && props.left?.includes(j) ? "left" : undefined);
  return (
    <div className="control-table-wrap" tabIndex={0} aria-label={props.caption ?? props.head.join(", ")}>
      <table className="control-table" data-testid={props.testid}>
        {props.caption ? <caption>{props.caption}</caption> : null}
        <thead><tr>{props.head.map((h, j) => <th key={h} scope="col" className={align(j)}>{h}</th>)}</tr></thead>
        <tbody>{rows.map((r, i) => <tr key={i}>{r.map((c, j) => (typeof c === "object" ? <td key={j} className={align(j)} title={c.title}>{c.text}</td> : <td key={j} className={align(j)}>{c}</td>))}</tr>)}</tbody>
      </table>
    </div>
  );
}

/** A label cut to `max` characters with an ellipsis (chart axes; the tooltip has it whole). */
export function cut(label: string, max = 22): string {
  return label.length > max ? `${label.slice(0, max - 1)}…` : label;
}

/** What recharts hands a custom axis tick. */
interface TickProps { x?: number | string; y?: number | string; payload?: { value?: unknown } }

/**
 * A category axis's tick, each line cut to `max` characters, with its whole text as the SVG
 * tooltip (recharts would wrap a long label over the next one): `y` ticks end at the axis (a
 * label's second line, after "\n", in grey below the first), `x` ticks stand under it, tilted by
 * `angle` degrees when given.
 */
export function cutTick(axis: "x" | "y", max: number, angle = 0) {
  return function CutTick(props: TickProps) {
    const label = String(props.payload?.value ?? "");
    const [first = "", ...more] = label.split("\n");
    const whole = <title>{label.replace(/\n/g, " · ")}</title>;
    const text = axis === "y"
      ? (
        <text x={-6} y={4 - 6 * more.length} textAnchor="end">
          {cut(first, max)}
          {more.map((line, i) => <tspan key={i} x={-6} dy={12} className="sub">{cut(line, max)}</tspan>)}
          {whole}
        </text>
      )
      : <text dy={angle ? 8 : 12} textAnchor={angle ? "end" : "middle"} transform={angle ? `rotate(${angle})` : undefined}>{cut(first, max)}{whole}</text>;
    return <g className="control-tick" transform={`translate(${props.x ?? 0},${props.y ?? 0})`}>{text}</g>;
  };
}

/** The CSV links of a figure's tables for the filters. */
export function links(figure: Figure, f: ControlFilters): { table: string; path: string }[] {
  return CSV_TABLES[figure].map((table) => ({ table, path: csvPath(figure, f, table) }));
}

/** Axis ticks. */
export const AXIS = { fontSize: 11 };

/** Colours of the series. */
export const COLORS = { plan: "#94a3b8", actual: "#2563eb", lost: "#dc2626", ok: "#16a34a", warn: "#d97706", muted: "#64748b", violet: "#7c3aed" };
export const PALETTE = ["#2563eb", "#dc2626", "#16a34a", "#d97706", "#7c3aed", "#0891b2", "#db2777", "#65a30d", "#64748b", "#ea580c"];
