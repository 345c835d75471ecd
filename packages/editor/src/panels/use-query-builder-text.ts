/**
 * react-querybuilder's buttons, operators and combinators in the UI's language, limited to the
 * operators whose json-logic export Voronka's engine runs.
 */
import { useMemo } from "react";
import type { Combinator, Operator, Translations } from "react-querybuilder";
import { useT } from "../i18n";

/** Operators with a json-logic form the engine knows (no startsWith/endsWith). */
const OPERATORS = ["=", "!=", "<", ">", "<=", ">=", "contains", "doesNotContain", "in", "notIn", "null", "notNull", "between", "notBetween"] as const;

/** Localised texts for the builder. */
export function useQueryBuilderText(): { translations: Partial<Translations>; operators: Operator[]; combinators: Combinator[] } {
  const t = useT();
  return useMemo(() => ({
    translations: {
      addRule: { label: t("qb.addRule"), title: t("qb.addRule") },
      addGroup: { label: t("qb.addGroup"), title: t("qb.addGroup") },
      removeRule: { label: "⨯", title: t("qb.remove") },
      removeGroup: { label: "⨯", title: t("qb.remove") },
      fields: { title: t("qb.field"), placeholderLabel: t("qb.pickField") },
      operators: { title: t("qb.operator") },
      value: { title: t("qb.value") },
      combinators: { title: t("qb.combinator") },
      notToggle: { label: t("qb.not"), title: t("qb.not") },
    } as Partial<Translations>,
    operators: OPERATORS.map((name) => ({ name, value: name, label: t(`qb.op.${name}`) })),
    combinators: [
      { name: "and", value: "and", label: t("qb.and") },
      { name: "or", value: "or", label: t("qb.or") },
    ],
  }), [t]);
}
