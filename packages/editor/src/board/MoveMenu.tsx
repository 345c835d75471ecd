/**
 * "Move to…": the keyboard way to move a deal (and a mouse one besides dragging). A button opens
 * a menu of the pipeline's other stages; arrows move through it, Enter picks, Escape closes and
 * gives focus back to the button.
 */
import { useEffect, useLayoutEffect, useRef, useState, type CSSProperties, type KeyboardEvent } from "react";
import { useT } from "../i18n";

/** A stage the menu offers. */
export interface MoveTarget {
  id: string;
  label: string;
  kind: "process" | "success" | "failure";
}

/** Props: whose menu, the stages, and what picking one does. */
export interface MoveMenuProps {
  dealId: string;
  title: string;
  targets: readonly MoveTarget[];
  disabled?: boolean;
  onPick(stage: string): void;
}

/**
 * Where the menu goes: fixed to the window under the button's right edge (so no scrolling column
 * clips it), or above the button when there is more room there; as tall as the room allows.
 */
export function placeMenu(button: Pick<DOMRect, "top" | "bottom" | "right">, width: number, height: number): CSSProperties {
  const below = height - button.bottom - 8;
  const above = button.top - 8;
  const right = Math.max(8, width - button.right);
  return below >= 240 || below >= above
    ? { position: "fixed", top: button.bottom + 4, right, maxHeight: Math.max(120, below - 4) }
    : { position: "fixed", bottom: height - button.top + 4, right, maxHeight: Math.max(120, above - 4) };
}

/** The menu (see the module comment). */
export function MoveMenu({ dealId, title, targets, disabled = false, onPick }: MoveMenuProps) {
  const t = useT();
  const [open, setOpen] = useState(false);
  const [place, setPlace] = useState<CSSProperties>({});
  const button = useRef<HTMLButtonElement>(null);
  const list = useRef<HTMLUListElement>(null);

  useLayoutEffect(() => {
    if (!open || !button.current) return;
    setPlace(placeMenu(button.current.getBoundingClientRect(), window.innerWidth, window.innerHeight));
  }, [open]);
  useEffect(() => {
    if (!open) return;
    list.current?.querySelector<HTMLElement>("[role=menuitem]")?.focus();
    const onDown = (e: MouseEvent) => {
      if (!list.current?.contains(e.target as Node) && e.target !== button.current) setOpen(false);
    };
    // The menu is fixed to the window: scrolling what holds the button closes it.
    const onScroll = (e: Event) => { if (!list.current?.contains(e.target as Node)) setOpen(false); };
    document.addEventListener("mousedown", onDown);
    window.addEventListener("scroll", onScroll, true);
    window.addEventListener("resize", onScroll);
    return () => {
      document.removeEventListener("mousedown", onDown);
      window.removeEventListener("scroll", onScroll, true);
      window.removeEventListener("resize", onScroll);
    };
  }, [open]);

  const close = (focus = true) => {
    setOpen(false);
    if (focus) button.current?.focus();
  };
  const onKey = (e: KeyboardEvent) => {
    const items = [...(list.current?.querySelectorAll<HTMLElement>("[role=menuitem]") ?? [])];
    const at = items.indexOf(document.activeElement as HTMLElement);
    if (e.key === "ArrowDown" || e.key === "ArrowUp") {
      e.preventDefault();
      const next = e.key === "ArrowDown" ? (at + 1) % items.length : (at - 1 + items.length) % items.length;
      items[next]?.focus();
    } else if (e.key === "Home" || e.key === "End") {
      e.preventDefault();
      items[e.key === "Home" ? 0 : items.length - 1]?.focus();
    } else if (e.key === "Escape" || e.key === "Tab") {
      e.stopPropagation();
      if (e.key === "Escape") e.preventDefault();
      close(e.key === "Escape");
    }
  };

  return (
    <div className="move-menu">
      <button
        ref={button}
        type="button"
        className="btn btn-small move-menu-button"
        aria-haspopup="menu"
        aria-expanded={open}
        disabled={disabled}
        data-testid={`move-menu-${dealId}`}
        onClick={(e) => { e.stopPropagation(); setOpen((o) => !o); }}
        onKeyDown={(e) => { if (e.key === "ArrowDown" && !open) { e.preventDefault(); setOpen(true); } }}
      >
        {t("board.card.moveTo")}
      </button>
      {open ? (
        <ul ref={list} className="move-menu-list" style={place} role="menu" aria-label={t("board.card.menu", { title })} onKeyDown={onKey}>
          {targets.map((s) => (
            <li key={s.id} role="none">
              <button
                type="button"
                role="menuitem"
                tabIndex={-1}
                className={`move-menu-item kind-${s.kind}`}
                data-testid={`move-to-${s.id}`}
                onClick={(e) => { e.stopPropagation(); close(); onPick(s.id); }}
              >
                {s.label}
              </button>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
