/**
 * The live figures under a stage's title: deals in it, overdue tasks, conversion to the next.
 */
import { memo } from "react";
import type { StageFigures } from "../api/types";
import { useT } from "../i18n";

function StageFiguresRowInner({ figures }: { figures: StageFigures }) {
  const t = useT();
  const conversion = figures.conversionToNext === null ? null : Math.round(figures.conversionToNext * 100);
  return (
    <div className="stage-figures" data-testid={`figures-${figures.pipeline}-${figures.stage}`}>
      <span title={t("figures.deals")}>◼ {figures.deals}</span>
      <span className={figures.overdueTasks ? "is-overdue" : ""} title={t("figures.overdue")}>⚠ {figures.overdueTasks}</span>
      {conversion !== null ? <span title={t("figures.conversion")}>→ {conversion}%</span> : null}
    </div>
  );
}

/** The figures row (memoised). */
export const StageFiguresRow = memo(StageFiguresRowInner);
