/**
 * The condition builder's fields and the params form's context for one robot or trigger, built
 * from the blueprint, the catalogue and the UI language.
 */
import { useMemo } from "react";
import { useLocale, useT } from "../i18n";
import { conditionFields, type ConditionContext, type ConditionField } from "../model/condition-fields";
import { textOf } from "../model/text";
import { useEditorStore } from "../store/editor-store";
import { useSessionStore } from "../store/session-store";
import type { ParamsFormContext } from "./form-fields";

/** Condition fields for a context (memoised on the blueprint's fields, catalogue and locale). */
export function useConditionFields(context: ConditionContext): ConditionField[] {
  const t = useT();
  const locale = useLocale();
  const fields = useEditorStore((s) => s.blueprint.fields);
  const key = JSON.stringify(context);
  return useMemo(() => {
    const bp = { fields } as Parameters<typeof conditionFields>[0];
    return conditionFields(bp, JSON.parse(key) as ConditionContext, locale,
      { deal: t("condition.prefix.deal"), field: t("condition.prefix.field"), event: t("condition.prefix.event") });
  }, [fields, key, locale, t]);
}

/** The form context for the params of an item on `pipeline`, whose own conditions see `context`. */
export function useParamsFormContext(pipeline: string, context: ConditionContext): ParamsFormContext {
  const t = useT();
  const locale = useLocale();
  const blueprint = useEditorStore((s) => s.blueprint);
  const catalogue = useSessionStore((s) => s.catalogue);
  const fields = useConditionFields(context);
  return useMemo(() => {
    const triggers = catalogue.filter((e) => e.kind === "trigger");
    const prefixes = { deal: t("condition.prefix.deal"), field: t("condition.prefix.field"), event: t("condition.prefix.event") };
    return {
      blueprint, locale, pipeline, conditionFields: fields,
      eventTypes: triggers.map((e) => ({ type: e.type, label: textOf(e.label, locale) || e.type })),
      matchFields: (type: string) => conditionFields(blueprint, { kind: "event", eventFields: triggers.find((e) => e.type === type)?.eventFields ?? [] }, locale, prefixes),
    };
  }, [blueprint, catalogue, fields, locale, pipeline, t]);
}
