/**
 * The inspector: shows and edits whatever is selected — the blueprint, a pipeline (with its
 * transitions), a stage, a robot or a trigger.
 */
import { lazy } from "react";
import { useUiStore } from "../store/ui-store";
import { BlueprintInspector } from "./BlueprintInspector";
import { StageInspector } from "./StageInspector";

// The forms (rjsf, ajv) and the condition builder (react-querybuilder) load when first needed;
// the sidebar's Suspense shows "Loading…" meanwhile.
const ItemInspector = lazy(() => import("./ItemInspector").then((m) => ({ default: m.ItemInspector })));
const PipelineInspector = lazy(() => import("./PipelineInspector").then((m) => ({ default: m.PipelineInspector })));

/** The inspector (see the module comment). */
export function Inspector() {
  const sel = useUiStore((s) => s.selection);
  if (!sel || sel.kind === "blueprint") return <BlueprintInspector />;
  switch (sel.kind) {
    case "pipeline":
      return <PipelineInspector key={sel.pipeline} pipeline={sel.pipeline} transition={null} />;
    case "transition":
      return <PipelineInspector key={sel.pipeline} pipeline={sel.pipeline} transition={sel.index} />;
    case "stage":
      return <StageInspector key={`${sel.pipeline}/${sel.stage}`} pipeline={sel.pipeline} stage={sel.stage} />;
    case "robot":
      return <ItemInspector key={`r:${sel.pipeline}/${sel.stage}/${sel.robot}`} kind="robot" pipeline={sel.pipeline} stage={sel.stage} id={sel.robot} />;
    case "trigger":
      return <ItemInspector key={`t:${sel.pipeline}/${sel.stage}/${sel.trigger}`} kind="trigger" pipeline={sel.pipeline} stage={sel.stage} id={sel.trigger} />;
  }
}
