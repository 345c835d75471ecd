/**
 * The control room's building blocks: a section (title, CSV links, empty state), a chart box of a
 * fixed height (recharts' ResponsiveContainer), figure tiles and a plain table.
 */
import type { ReactNode } from "react";
import { ResponsiveContainer } from "recharts";
import { useSessionStore } from "../store/session-store";
import { useControlT } from "./i18n";
import type { Figure } from "./types";

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

/** A section of the control room: `data-testid="control-<figure>"`. */
export function Section(props: { figure: Figure; csv: { table: string; path: string }[]; empty: boolean; children: ReactNode }) {
  const t = useControlT();
  const id = `control-${props.figure}`;
  return (
    <section className="control-section" data-testid={id} aria-labelledby={`${id}-title`} id={id}>
      <header className="control-section-head">
        <h2 id={`${id}-title`}>{t(`fig.${props.figure}`)}</h2>
        <span className="control-csv">
          {props.csv.map((c) => (
            <a key={c.table} href={c.path} data-testid={`csv-${props.figure}-${c.table}`} title={t("csvTitle", { table: c.table })}
              onClick={(e) => { e.preventDefault(); void download(c.path, `${props.figure}-${c.table}.csv`); }}>
              {t("csv")} · {c.table}
            </a>
          ))}
        </span>
      </header>
      {props.empty ? <p className="control-empty" data-testid={`empty-${props.figure}`}>{t("empty")}</p> : props.children}
    </section>
  );
}

/** A chart's box: `data-testid="chart-<name>"`, a fixed height, the full width. */
export function ChartBox(props: { name: string; label: string; height?: number; children: ReactNode }) {
  return (
    <div className="control-chart" data-testid={`chart-${props.name}`} role="img" aria-label={props.label} style={{ height: props.height ?? 200 }}>
      <ResponsiveContainer width="100%" height="100%" minWidth={0} initialDimension={{ width: 480, height: props.height ?? 200 }}>
        {props.children as React.ReactElement}
      </ResponsiveContainer>
    </div>
  );
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

/** A compact table (rows already formatted). */
export function Table(props: { caption?: string; head: string[]; rows: (string | number)[][]; testid?: string; max?: number }) {
  const rows = props.max ? props.rows.slice(0, props.max) : props.rows;
  return (
    <div className="control-table-wrap" tabIndex={0} aria-label={props.caption ?? props.head.join(", ")}>
      <table className="control-table" data-testid={props.testid}>
        {props.caption ? <caption>{props.caption}</caption> : null}
        <thead><tr>{props.head.map((h) => <th key={h} scope="col">{h}</th>)}</tr></thead>
        <tbody>{rows.map((r, i) => <tr key={i}>{r.map((c, j) => <td key={j}>{c}</td>)}</tr>)}</tbody>
      </table>
    </div>
  );
}

/** Colours of the series. */
export const COLORS = { plan: "#94a3b8", actual: "#2563eb", lost: "#dc2626", ok: "#16a34a", warn: "#d97706", muted: "#64748b", violet: "#7c3aed" };
export const PALETTE = ["#2563eb", "#dc2626", "#16a34a", "#d97706", "#7c3aed", "#0891b2", "#db2777", "#65a30d", "#64748b", "#ea580c"];
