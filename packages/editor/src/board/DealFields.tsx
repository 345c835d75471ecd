/**
 * The deal card's fields tab: every blueprint field shown by its type (money with its currency,
 * dates, option labels, addresses, files and sites as links, e-mail and phone as links), empty
 * ones folded away; "Edit fields" turns them into inputs by type and saves the changed ones with
 * `PATCH /api/deals/:id` and `If-Match` on the version shown. Then the deals linked by tunnels
 * and the surveys sent.
 */
import type { Field } from "@voronka/engine";
import { useMemo, useState } from "react";
import { toApiError } from "../api/errors";
import { useLocale, useT, type MessageKey } from "../i18n";
import { textOf } from "../model/text";
import { useUiStore } from "../store/ui-store";
import { boardApi, refreshDeal } from "./board-actions";
import type { DealView, Person } from "./board-api";
import { useBoardStore } from "./board-store";
import { FieldInput } from "./FieldInput";
import { draftOf, fieldsBody, specOf, type Draft } from "./field-values";
import { formatDate, formatInstant, formatMoney, formatNumber, optionLabel, personName, pipelineLabel, stageLabel } from "./format";
import type { LinkedDeal } from "./use-deal-data";

/** Props: the deal, its linked deals, and what to do after a save. */
export interface DealFieldsProps {
  deal: DealView;
  linked: readonly LinkedDeal[];
  onSaved(): void;
}

const isEmpty = (v: unknown) => v === undefined || v === null || v === "" || (Array.isArray(v) && v.length === 0);

/** A field's value as the card shows it. */
export function FieldValue({ field, value, people }: { field: Field; value: unknown; people: readonly Person[] }) {
  const locale = useLocale();
  const t = useT();
  if (isEmpty(value)) return <span className="muted">—</span>;
  if (Array.isArray(value)) {
    return <>{value.map((v, i) => <span key={i}>{i ? ", " : null}<FieldValue field={{ ...field, multiple: false }} value={v} people={people} /></span>)}</>;
  }
  const o = typeof value === "object" && value !== null ? (value as Record<string, unknown>) : {};
  const s = String(value);
  switch (field.type) {
    case "enum": return <>{optionLabel(field, value, locale)}</>;
    case "money": return <>{typeof o["amount"] === "number" ? formatMoney(o["amount"], String(o["currency"] ?? "RUB"), locale) : JSON.stringify(value)}</>;
    case "number": return <>{typeof value === "number" ? formatNumber(value, locale) : s}</>;
    case "date": return <>{formatDate(value, locale)}</>;
    case "datetime": return <>{formatInstant(value, locale)}</>;
    case "boolean": return <>{value ? t("board.input.yes") : t("board.input.no")}</>;
    case "url": return <a href={s} target="_blank" rel="noopener noreferrer">{s}</a>;
    case "email": return <a href={`mailto:${s}`}>{s}</a>;
    case "phone": return <a href={`tel:${s.replace(/[^\d+]/g, "")}`}>{s}</a>;
    case "file": return <a href={String(o["url"] ?? "#")} target="_blank" rel="noopener noreferrer" className="file-link">📎 {String(o["name"] ?? o["url"] ?? "")}</a>;
    case "address": return <>{String(o["text"] ?? "")}</>;
    case "user": return <>{personName(people, value)}</>;
    case "booking": return <>{String(o["resource"] ?? "")}: {formatInstant(o["from"], locale)} – {formatInstant(o["to"], locale)}</>;
    default: return <span className="pre">{s}</span>;
  }
}

/** The tab (see the module comment). */
export function DealFields({ deal, linked, onSaved }: DealFieldsProps) {
  const t = useT();
  const locale = useLocale();
  const blueprint = useBoardStore((s) => s.blueprint);
  const people = useBoardStore((s) => s.me?.people ?? []);
  const fields = useMemo(() => blueprint?.fields ?? [], [blueprint]);
  const [editing, setEditing] = useState(false);
  const [showEmpty, setShowEmpty] = useState(false);
  const [drafts, setDrafts] = useState<Record<string, Draft>>({});
  const [saving, setSaving] = useState(false);
  const filled = fields.filter((f) => !isEmpty(deal.fields[f.id]));
  const empty = fields.filter((f) => isEmpty(deal.fields[f.id]));

  // The title and the amount are edited beside the blueprint's fields.
  const editable = useMemo(() => [specOf(blueprint, "title"), specOf(blueprint, "amount"), ...fields], [blueprint, fields]);
  const current = (id: string): unknown => (id === "title" ? deal.title : id === "amount" ? deal.amount : deal.fields[id]);
  const startEdit = () => {
    setDrafts(Object.fromEntries(editable.map((f) => [f.id, draftOf(f, current(f.id), deal.currency)])));
    setEditing(true);
  };
  const body = editing ? fieldsBody(editable, drafts, { clearEmpty: true }) : null;
  const save = async () => {
    if (!body || Object.keys(body.errors).length) return;
    const changed = Object.fromEntries(Object.entries(body.fields).filter(([id, v]) => JSON.stringify(v ?? null) !== JSON.stringify(current(id) ?? null)));
    const api = boardApi();
    if (!api) return;
    setSaving(true);
    try {
      if (Object.keys(changed).length) await api.updateFields(deal.id, changed, deal.version);
      useUiStore.getState().notify("success", t("board.deal.saved"));
      setEditing(false);
      onSaved();
      void refreshDeal(deal.id);
    } catch (e) {
      useUiStore.getState().notify("error", toApiError(e).message);
    } finally {
      setSaving(false);
    }
  };

  return (
    <div className="deal-fields" data-testid="deal-fields">
      <div className="deal-section-bar">
        {editing ? (
          <>
            <button type="button" className="btn btn-primary btn-small" disabled={saving || !!(body && Object.keys(body.errors).length)} onClick={() => void save()} data-testid="deal-fields-save">{t("board.deal.save")}</button>
            <button type="button" className="btn btn-small" onClick={() => setEditing(false)}>{t("board.deal.cancel")}</button>
          </>
        ) : (
          <button type="button" className="btn btn-small" onClick={startEdit} data-testid="deal-fields-edit">✎ {t("board.deal.edit")}</button>
        )}
      </div>
      {editing ? (
        <form className="bf-form bf-grid" onSubmit={(e) => { e.preventDefault(); void save(); }}>
          {editable.map((f) => (
            <FieldInput key={f.id} spec={f} draft={drafts[f.id] ?? null} people={people}
              error={body?.errors[f.id] ? t(`board.input.error.${body.errors[f.id]}` as MessageKey) : null}
              onChange={(d) => setDrafts((x) => ({ ...x, [f.id]: d }))} />
          ))}
        </form>
      ) : (
        <>
          <dl className="field-list">
            {filled.map((f) => (
              <div key={f.id} className="field-row" data-testid={`deal-field-${f.id}`}>
                <dt>{textOf(f.label, locale) || f.id}</dt>
                <dd><FieldValue field={f} value={deal.fields[f.id]} people={people} /></dd>
              </div>
            ))}
          </dl>
          {empty.length ? (
            <details className="empty-fields" open={showEmpty} onToggle={(e) => setShowEmpty((e.target as HTMLDetailsElement).open)}>
              <summary>{t("board.deal.showEmpty", { n: empty.length })}</summary>
              <p className="muted">{empty.map((f) => textOf(f.label, locale) || f.id).join(" · ")}</p>
            </details>
          ) : null}
        </>
      )}
      {linked.length ? (
        <section className="deal-section" data-testid="deal-linked">
          <h3>{t("board.deal.linked")}</h3>
          <ul className="plain-list">
            {linked.map((l) => (
              <li key={l.id}>
                <span className="muted">{t(l.relation === "source" ? "board.deal.source" : "board.deal.copy")}: </span>
                {l.title !== null ? (
                  <button type="button" className="link-btn" onClick={() => useBoardStore.getState().set({ openDeal: l.id })} data-testid={`linked-${l.id}`}>
                    {l.title} — {pipelineLabel(blueprint, l.pipeline, locale)} / {stageLabel(blueprint, l.pipeline ?? undefined, l.stage, locale)}
                  </button>
                ) : <span>{l.id} <span className="muted">{t("board.deal.notVisible")}</span></span>}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {deal.surveys.length ? (
        <section className="deal-section">
          <h3>{t("board.deal.surveys")}</h3>
          <ul className="plain-list">
            {deal.surveys.map((s) => (
              <li key={s.url}>
                <a href={s.url} target="_blank" rel="noopener noreferrer">{s.survey}</a> · {formatInstant(s.sentAt, locale)} ·{" "}
                {s.status === "answered" ? t("board.deal.surveyAnswered", { score: String(s.score ?? "—") }) : t("board.deal.surveyWaiting")}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </div>
  );
}
