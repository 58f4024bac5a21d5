import { useCallback, useState, type ReactNode } from 'react';
import type { RosterName, Scope, TalliedRoster } from '../../../src-main/contract';
import { RecordDrawer } from '../../components/RecordDrawer';
import { ScopeTree } from '../../components/ScopeTree';
import { ToastHost } from '../../components/Toasts';
import { usePageActive } from '../../app/pageActive';
import { useUndoKeys } from '../../components/undoStack';

export interface OpenRecord {
  roster: RosterName;
  key: string | null;
}

/** The drawer of a roster page: which record it shows, if any. */
export function useRecordDrawer() {
  const [open, setOpen] = useState<OpenRecord | null>(null);
  const openRecord = useCallback((roster: RosterName, key: string | null) => setOpen({ roster, key }), []);
  const drawer = open ? (
    <RecordDrawer key={`${open.roster}:${open.key ?? ''}`} roster={open.roster} recordKey={open.key} onClose={() => setOpen(null)} onOpen={(roster, key) => setOpen({ roster, key })} />
  ) : null;
  return { openRecord, drawer };
}

interface RosterLayoutProps {
  title: string;
  lead: string;
  /** The left panel: the governance tree unless the page brings its own (the party tree). */
  side?: ReactNode;
  scope?: Scope;
  onScopeChange?: (scope: Scope) => void;
  /** Whose rows the governance tree counts beside its nodes. */
  counted?: TalliedRoster;
  children: ReactNode;
  drawer?: ReactNode;
}

/** Every roster page: a head, the governance tree at the left, the rosters, a drawer, toasts, Ctrl+Z/Y. */
export function RosterLayout({ title, lead, side, scope, onScopeChange, counted = 'residents', children, drawer }: RosterLayoutProps) {
  const active = usePageActive();
  useUndoKeys(active);
  return (
    <section className="page page-fill roster-page">
      <div className="page-head">
        <h1>{title}</h1>
        <p className="page-lead">{lead}</p>
      </div>
      <div className="roster-body">
        {side ?? (scope && onScopeChange ? <ScopeTree scope={scope} onChange={onScopeChange} counted={counted} /> : null)}
        <div className="roster-main">{children}</div>
      </div>
      {drawer}
      {active && <ToastHost />}
    </section>
  );
}
