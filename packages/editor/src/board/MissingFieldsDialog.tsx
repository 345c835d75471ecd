/**
 * The small form a refused move opens (standards 8 and 11): the fields the target stage needs,
 * each with the input of its type (the loss reason as a list of its options), and "Save and move",
 * which sends the fields with the move in ONE request (`POST /api/deals/:id/move { stage, fields }`).
 * Empty or malformed values are refused in the browser first.
 */
import { useEffect, useMemo, useState } from "react";
import { useLocale, useT, type MessageKey } from "../i18n";
import { Modal } from "../panels/Modal";
import { moveDeal } from "./board-actions";
import { useBoardStore } from "./board-store";
import { FieldInput } from "./FieldInput";
import { draftOf, fieldsBody, specOf, type Draft } from "./field-values";
import { stageLabel } from "./format";

/** The dialog; renders nothing while no move is refused. */
export function MissingFieldsDialog() {
  const blocked = useBoardStore((s) => s.blocked);
  if (!blocked) return null;
  return <MissingFieldsForm key={`${blocked.deal}:${blocked.stage}`} />;
}

function MissingFieldsForm() {
  const t = useT();
  const locale = useLocale();
  const blocked = useBoardStore((s) => s.blocked)!;
  const blueprint = useBoardStore((s) => s.blueprint);
  const people = useBoardStore((s) => s.me?.people ?? []);
  const currency = useBoardStore((s) => s.currency);
  const item = useBoardStore((s) => s.deals[blocked.deal]);
  const busy = useBoardStore((s) => blocked.deal in s.pending);
  const specs = useMemo(() => blocked.missing.map((id) => specOf(blueprint, id)), [blocked.missing, blueprint]);
  const [drafts, setDrafts] = useState<Record<string, Draft>>({});
  const [showErrors, setShowErrors] = useState(false);

  // Fields the server newly asks for (a second refusal) get their drafts; typed ones stay.
  useEffect(() => {
    setDrafts((prev) => {
      const next = { ...prev };
      for (const spec of specs) {
        if (!(spec.id in next)) {
          // A missing amount is 0: start from an empty input, not from the 0 that was refused.
          const current = spec.id === "amount" ? item?.deal.amount || undefined : spec.id === "title" ? item?.deal.title : item?.deal.fields[spec.id];
          next[spec.id] = draftOf(spec, current, item?.deal.currency ?? currency);
        }
      }
      return next;
    });
  }, [specs, item, currency]);

  const body = fieldsBody(specs, drafts);
  const stage = stageLabel(blueprint, item?.deal.pipeline ?? undefined, blocked.stage, locale);
  const close = () => useBoardStore.getState().set({ blocked: null });
  const errorOf = (id: string): string | null => {
    if (!showErrors) return null;
    const e = body.errors[id];
    if (e) return t(`board.input.error.${e}` as MessageKey);
    return body.empty.includes(id) ? t("board.input.error.required") : null;
  };
  const submit = () => {
    if (body.empty.length || Object.keys(body.errors).length) {
      setShowErrors(true);
      return;
    }
    void moveDeal(blocked.deal, blocked.stage, body.fields);
  };

  return (
    <Modal
      title={t("board.missing.title", { stage })}
      onClose={close}
      testId="missing-fields-dialog"
      footer={
        <>
          <button type="button" className="btn btn-ghost" onClick={close}>{t("dialog.cancel")}</button>
          <button type="submit" form="missing-fields-form" className="btn btn-primary" disabled={busy} data-testid="missing-fields-submit">
            {busy ? t("board.card.moving") : t("board.missing.submit")}
          </button>
        </>
      }
    >
      <p>{t("board.missing.explain", { stage, title: blocked.title })}</p>
      {blocked.guard ? <p className="bf-guard">{t("board.missing.guard", { guard: blocked.guard })}</p> : null}
      <form id="missing-fields-form" className="bf-form" noValidate onSubmit={(e) => { e.preventDefault(); submit(); }}>
        {specs.map((spec) => (
          <FieldInput key={spec.id} spec={spec} draft={drafts[spec.id] ?? null} people={people} required error={errorOf(spec.id)}
            onChange={(draft) => setDrafts((d) => ({ ...d, [spec.id]: draft }))} />
        ))}
      </form>
      {showErrors && (body.empty.length || Object.keys(body.errors).length) ? <p className="bf-error" data-testid="missing-fields-error">{t("board.missing.fillAll")}</p> : null}
    </Modal>
  );
}
