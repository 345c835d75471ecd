/**
 * A pipeline's move rules: any move (the default, as on a kanban board) or a list of transitions
 * `{ from | "*", to, guard? }`. Transitions can also be drawn on the canvas within a lane.
 */
import type { JsonLogic, Pipeline, Transition } from "@voronka/engine";
import { useLocale, useT } from "../i18n";
import { textOf } from "../model/text";
import { useEditorStore } from "../store/editor-store";
import { useUiStore } from "../store/ui-store";
import { ConditionBuilder } from "./ConditionBuilder";
import { useConditionFields } from "./use-condition-fields";

const MOVE_CONTEXT = { kind: "move" } as const;

/** Props: the pipeline, and the index of the selected transition (highlighted and open). */
export function TransitionsEditor({ pipeline, selected }: { pipeline: Pipeline; selected: number | null }) {
  const t = useT();
  const locale = useLocale();
  const dispatch = useEditorStore((s) => s.dispatch);
  const select = useUiStore((s) => s.select);
  const fields = useConditionFields(MOVE_CONTEXT);
  const list = Array.isArray(pipeline.transitions) ? pipeline.transitions : null;
  const stageLabel = (id: string) => (id === "*" ? t("transitions.anyStage") : textOf(pipeline.stages.find((s) => s.id === id)?.label, locale) || id);
  const update = (index: number, next: Transition, coalesce?: string) =>
    dispatch({ type: "transition.update", pipeline: pipeline.id, index, transition: next }, coalesce ? { coalesce: `transition:${pipeline.id}:${index}:${coalesce}` } : {});

  return (
    <div className="transitions">
      <div className="radio-row" role="radiogroup" aria-label={t("transitions.rules")}>
        <label className="radio">
          <input type="radio" checked={!list} onChange={() => dispatch({ type: "pipeline.set-transitions", pipeline: pipeline.id, transitions: null })} />
          <span>{t("transitions.any")}</span>
        </label>
        <label className="radio">
          <input type="radio" checked={!!list} onChange={() => dispatch({ type: "pipeline.set-transitions", pipeline: pipeline.id, transitions: [] })} data-testid="transitions-list" />
          <span>{t("transitions.list")}</span>
        </label>
      </div>
      {list ? (
        <>
          <p className="hint">{t("transitions.hint")}</p>
          <ol className="transition-list">
            {list.map((tr, i) => (
              <li key={i} className={`transition-row${selected === i ? " is-selected" : ""}`}>
                <div className="transition-ends">
                  <select className="input" aria-label={t("transitions.from")} value={tr.from} onChange={(e) => update(i, { ...tr, from: e.target.value })}>
                    <option value="*">{stageLabel("*")}</option>
                    {pipeline.stages.map((s) => <option key={s.id} value={s.id}>{stageLabel(s.id)}</option>)}
                  </select>
                  <span aria-hidden>→</span>
                  <select className="input" aria-label={t("transitions.to")} value={tr.to} onChange={(e) => update(i, { ...tr, to: e.target.value })}>
                    {pipeline.stages.map((s) => <option key={s.id} value={s.id}>{stageLabel(s.id)}</option>)}
                  </select>
                  <button type="button" className="icon-btn" aria-label={t("command.delete")} onClick={() => dispatch({ type: "transition.delete", pipeline: pipeline.id, index: i })}>✕</button>
                </div>
                <details open={selected === i} onToggle={(e) => { if ((e.target as HTMLDetailsElement).open) select({ kind: "transition", pipeline: pipeline.id, index: i }); }}>
                  <summary>{tr.guard !== undefined ? t("transitions.guardSet") : t("transitions.guard")}</summary>
                  <ConditionBuilder value={tr.guard as JsonLogic | undefined} fields={fields} testId={`transition-guard-${i}`}
                    onChange={(guard) => {
                      const next: Transition = { from: tr.from, to: tr.to, ...(tr.label !== undefined ? { label: tr.label } : {}) };
                      if (guard !== undefined) next.guard = guard;
                      update(i, next, "guard");
                    }} />
                </details>
              </li>
            ))}
          </ol>
          <button type="button" className="btn btn-small" onClick={() => {
            const first = pipeline.stages[0]?.id ?? "";
            dispatch({ type: "pipeline.set-transitions", pipeline: pipeline.id, transitions: [...list, { from: "*", to: first }] });
          }}>+ {t("transitions.add")}</button>
        </>
      ) : null}
    </div>
  );
}
