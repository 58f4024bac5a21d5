import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react';
import { useEscape } from './useEscape';

interface PopoverProps {
  label: ReactNode;
  title?: string;
  children: (close: () => void) => ReactNode;
  align?: 'left' | 'right';
}

/** A toolbar button with a panel under it; a click elsewhere or Esc closes the panel. */
export function Popover({ label, title, children, align = 'right' }: PopoverProps) {
  const [open, setOpen] = useState(false);
  const root = useRef<HTMLDivElement>(null);
  const close = useCallback(() => setOpen(false), []);
  useEscape(close, open);
  useEffect(() => {
    if (!open) return;
    const onDown = (e: MouseEvent): void => {
      if (root.current && !root.current.contains(e.target as Node)) setOpen(false);
    };
    window.addEventListener('mousedown', onDown);
    return () => window.removeEventListener('mousedown', onDown);
  }, [open]);
  return (
    <div className="popover" ref={root}>
      <button type="button" title={title} aria-expanded={open} onClick={() => setOpen(!open)}>
        {label} <span aria-hidden="true">▾</span>
      </button>
      {open && <div className={`popover-panel popover-${align}`}>{children(close)}</div>}
    </div>
  );
}
