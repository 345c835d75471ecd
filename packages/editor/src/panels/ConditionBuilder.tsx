/**
 * A condition: the visual json-logic builder (react-querybuilder) with the raw JSON beside it.
 * Both edit the same rule; the JSON is checked as you type (JSON syntax, then the engine's own
 * condition analysis). A rule the builder cannot show exactly is edited as JSON only.
 */
import { analyzeCondition, type JsonLogic } from "@voronka/engine";
import { useEffect, useMemo, useRef, useState } from "react";
import { QueryBuilder, type Field, type RuleGroupType } from "react-querybuilder";
import "react-querybuilder/dist/query-builder.css";
import { useT } from "../i18n";
import { canonical, EMPTY_QUERY, queryToRule, ruleToQuery } from "../model/condition-query";
import type { ConditionField } from "../model/condition-fields";
import { useQueryBuilderText } from "./use-query-builder-text";

/** The builder's props: the rule (absent = no condition), its change handler and the fields. */
export interface ConditionBuilderProps {
  value: JsonLogic | undefined;
  onChange(value: JsonLogic | undefined): void;
  fields: readonly ConditionField[];
  /** Prefix of `data-testid`s inside (`<testId>-json`, …). */
  testId?: string;
}

/** The condition editor (see the module comment). */
export function ConditionBuilder({ value, onChange, fields, testId = "condition" }: ConditionBuilderProps) {
  const t = useT();
  const { translations, operators, combinators } = useQueryBuilderText();
  const valueKey = canonical(value ?? null);
  const emitted = useRef<string | null>(null);
  const [query, setQuery] = useState<RuleGroupType | null>(() => ruleToQuery(value));
  const [text, setText] = useState(() => (value === undefined ? "" : JSON.stringify(value, null, 2)));
  const [jsonError, setJsonError] = useState<string | null>(null);

  // A change from outside (undo, another panel) resets both views; our own echo does not.
  useEffect(() => {
    if (emitted.current === valueKey) return;
    emitted.current = valueKey;
    setQuery(ruleToQuery(value));
    setText(value === undefined ? "" : JSON.stringify(value, null, 2));
    setJsonError(null);
  }, [valueKey]);

  const emit = (next: JsonLogic | undefined) => {
    emitted.current = canonical(next ?? null);
    onChange(next);
  };

  const onQueryChange = (q: RuleGroupType) => {
    setQuery(q);
    const rule = queryToRule(q);
    setText(rule === undefined ? "" : JSON.stringify(rule, null, 2));
    setJsonError(null);
    // Incomplete rules and re-renders that change nothing must not become edits (or undo steps).
    if (canonical(rule ?? null) !== emitted.current) emit(rule);
  };

  const onTextChange = (next: string) => {
    setText(next);
    if (next.trim() === "") {
      setJsonError(null);
      setQuery(EMPTY_QUERY);
      emit(undefined);
      return;
    }
    let rule: unknown;
    try {
      rule = JSON.parse(next);
    } catch (e) {
      setJsonError(t("condition.badJson", { message: e instanceof Error ? e.message : String(e) }));
      return;
    }
    const problems = analyzeCondition(rule).issues;
    setJsonError(problems.length ? problems.map((p) => p.message).join(" ") : null);
    setQuery(ruleToQuery(rule));
    emit(rule);
  };

  const rqbFields = useMemo(() => fields as unknown as Field[], [fields]);

  return (
    <div className="condition" data-testid={testId}>
      {query ? (
        <QueryBuilder
          fields={rqbFields}
          query={query}
          onQueryChange={onQueryChange}
          translations={translations}
          operators={operators}
          combinators={combinators}
          parseNumbers="strict-limited"
          enableMountQueryChange={false}
          listsAsArrays
          resetOnFieldChange
          controlClassnames={{ queryBuilder: "qb-compact" }}
        />
      ) : (
        <div className="condition-complex">
          <span>{t("condition.tooComplex")}</span>
          <button type="button" className="btn btn-small" onClick={() => onQueryChange(EMPTY_QUERY)}>{t("condition.clear")}</button>
        </div>
      )}
      <label className="condition-json">
        <span className="field-label">{t("condition.json")}</span>
        <textarea
          value={text}
          spellCheck={false}
          rows={Math.min(10, Math.max(2, text.split("\n").length))}
          placeholder={t("condition.none")}
          onChange={(e) => onTextChange(e.target.value)}
          aria-invalid={jsonError ? true : undefined}
          data-testid={`${testId}-json`}
        />
      </label>
      {jsonError ? <div className="field-error" role="alert" data-testid={`${testId}-error`}>{jsonError}</div> : null}
    </div>
  );
}
