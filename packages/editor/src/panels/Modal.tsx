/**
 * A modal dialog: a titled card over a dimmed page, closed with Escape or the close button, with
 * focus moved into it when it opens.
 */
import { useEffect, useRef, type ReactNode } from "react";
import { useT } from "../i18n";

/** Props: title, content, footer buttons and the close handler. */
export interface ModalProps {
  title: string;
  children: ReactNode;
  footer?: ReactNode;
  onClose(): void;
  testId?: string;
  wide?: boolean;
}

/** The modal (see the module comment). */
export function Modal({ title, children, footer, onClose, testId, wide = false }: ModalProps) {
  const t = useT();
  const card = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const previous = document.activeElement as HTMLElement | null;
    const first = card.current?.querySelector<HTMLElement>("textarea, input, select, button:not(.modal-close)");
    (first ?? card.current)?.focus();
    return () => previous?.focus?.();
  }, []);
  return (
    <div className="modal-backdrop" onMouseDown={(e) => { if (e.target === e.currentTarget) onClose(); }}>
      <div
        ref={card}
        className={`modal${wide ? " modal-wide" : ""}`}
        role="dialog"
        aria-modal="true"
        aria-label={title}
        tabIndex={-1}
        data-testid={testId}
        onKeyDown={(e) => { if (e.key === "Escape") { e.stopPropagation(); onClose(); } }}
      >
        <header className="modal-head">
          <h2>{title}</h2>
          <button type="button" className="icon-btn modal-close" onClick={onClose} aria-label={t("dialog.close")}>✕</button>
        </header>
        <div className="modal-body">{children}</div>
        {footer ? <footer className="modal-foot">{footer}</footer> : null}
      </div>
    </div>
  );
}
