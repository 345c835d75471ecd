/**
 * Keeps the lint store in step with the blueprint being edited (debounced a little, so a burst
 * of keystrokes lints once).
 */
import { useEffect, useState } from "react";
import { useEditorStore } from "./editor-store";
import { lint, loadCustomCheck, needsCustomCheck, useLintStore } from "./lint-store";
import { useSessionStore } from "./session-store";

/** Mount once (in the editor page). */
export function useLiveLint(delayMs = 120): void {
  const blueprint = useEditorStore((s) => s.blueprint);
  const catalogue = useSessionStore((s) => s.catalogue);
  const [checks, setChecks] = useState(0);
  useEffect(() => {
    if (needsCustomCheck(catalogue)) void loadCustomCheck().then(() => setChecks((n) => n + 1));
  }, [catalogue]);
  useEffect(() => {
    const timer = setTimeout(() => useLintStore.setState(lint(blueprint, catalogue)), useLintStore.getState().blueprint ? delayMs : 0);
    return () => clearTimeout(timer);
  }, [blueprint, catalogue, delayMs, checks]);
}
