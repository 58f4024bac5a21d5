import { useEffect, useSyncExternalStore } from 'react';
import { api } from '../api/client';
import { showToast } from './Toasts';

/**
 * The undo/redo stacks of the person's data edits. The data layer undoes a write by its `seq`
 * (history.undo); this keeps which seqs, with what each did in words, so Ctrl+Z and Ctrl+Y
 * work the same whatever the grids show (sort, filter, another page) and after a reload (the
 * stacks live in the tab's session storage).
 */
export interface UndoStep {
  seq: number;
  summary: string;
}

interface Stacks {
  undo: UndoStep[];
  redo: UndoStep[];
  busy: boolean;
}

export const MAX_UNDO_STEPS = 200;
const STORAGE_KEY = 'scc.undo';

function load(): Stacks {
  try {
    const saved = JSON.parse(sessionStorage.getItem(STORAGE_KEY) ?? 'null') as Partial<Stacks> | null;
    if (saved && Array.isArray(saved.undo) && Array.isArray(saved.redo)) return { undo: saved.undo, redo: saved.redo, busy: false };
  } catch {
    // A damaged entry starts a fresh history; it holds no data, only step numbers.
  }
  return { undo: [], redo: [], busy: false };
}

let stacks: Stacks = load();
const listeners = new Set<() => void>();

function set(next: Stacks): void {
  stacks = next;
  sessionStorage.setItem(STORAGE_KEY, JSON.stringify({ undo: next.undo, redo: next.redo }));
  listeners.forEach((l) => l());
}

/** A new edit: it can be undone, and what was undone before it can no longer be redone. */
export function recordStep(step: UndoStep): void {
  if (step.seq <= 0) return;
  set({ ...stacks, undo: [...stacks.undo, step].slice(-MAX_UNDO_STEPS), redo: [] });
}

async function replay(from: 'undo' | 'redo'): Promise<void> {
  const source = stacks[from];
  const step = source.at(-1);
  if (!step || stacks.busy) {
    if (!step) showToast('info', from === 'undo' ? '没有可以撤销的操作' : '没有可以重做的操作');
    return;
  }
  set({ ...stacks, busy: true, [from]: source.slice(0, -1) });
  const result = await api.call('history.undo', { seq: step.seq });
  if (!result.ok) {
    set({ ...stacks, busy: false });
    showToast('error', `${from === 'undo' ? '撤销' : '重做'}失败：${step.summary}`, result.error.message);
    return;
  }
  // Undoing the undo's own write redoes the step (and the other way round).
  const moved: UndoStep = { seq: result.value.seq, summary: step.summary };
  const to = from === 'undo' ? 'redo' : 'undo';
  set({ ...stacks, busy: false, [to]: [...stacks[to], moved].slice(-MAX_UNDO_STEPS) });
  showToast('info', `${from === 'undo' ? '已撤销' : '已重做'}：${step.summary}`, result.value.summary);
}

export const undo = (): Promise<void> => replay('undo');
export const redo = (): Promise<void> => replay('redo');

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function useUndoStacks(): Stacks {
  return useSyncExternalStore(subscribe, () => stacks);
}

const isTextField = (target: EventTarget | null): boolean =>
  target instanceof HTMLElement && (target.isContentEditable || target.tagName === 'INPUT' || target.tagName === 'TEXTAREA' || target.tagName === 'SELECT');

/** Ctrl+Z / Ctrl+Y (and Ctrl+Shift+Z) undo and redo data edits, except inside a text field. */
export function useUndoKeys(enabled = true): void {
  useEffect(() => {
    if (!enabled) return;
    const onKey = (e: KeyboardEvent): void => {
      if (!(e.ctrlKey || e.metaKey) || e.altKey || isTextField(e.target)) return;
      const key = e.key.toLowerCase();
      if (key === 'z' && !e.shiftKey) {
        e.preventDefault();
        void undo();
      } else if (key === 'y' || (key === 'z' && e.shiftKey)) {
        e.preventDefault();
        void redo();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [enabled]);
}
