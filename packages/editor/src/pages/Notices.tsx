/**
 * Short messages at the bottom of the screen (saved, copied, refused…), announced to screen readers.
 */
import { useUiStore } from "../store/ui-store";

/** The notices (see the module comment). */
export function Notices() {
  const notices = useUiStore((s) => s.notices);
  const dismiss = useUiStore((s) => s.dismiss);
  return (
    <div className="notices" role="status" aria-live="polite">
      {notices.map((n) => (
        <div key={n.id} className={`notice notice-${n.tone}`} data-testid={`notice-${n.tone}`}>
          <span>{n.text}</span>
          <button type="button" className="icon-btn" onClick={() => dismiss(n.id)} aria-label="✕">✕</button>
        </div>
      ))}
    </div>
  );
}
