import { useSyncExternalStore } from 'react';

export interface Toast {
  id: number;
  kind: 'info' | 'error';
  text: string;
  detail?: string;
}

let toasts: Toast[] = [];
let nextId = 1;
const listeners = new Set<() => void>();
const emit = (): void => listeners.forEach((l) => l());

function dismiss(id: number): void {
  toasts = toasts.filter((t) => t.id !== id);
  emit();
}

/** Shows a short message at the bottom of the window; errors stay longer. */
export function showToast(kind: Toast['kind'], text: string, detail?: string): void {
  const toast: Toast = { id: nextId++, kind, text, ...(detail ? { detail } : {}) };
  toasts = [...toasts.slice(-3), toast];
  emit();
  setTimeout(() => dismiss(toast.id), kind === 'error' ? 9000 : 5000);
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function ToastHost() {
  const list = useSyncExternalStore(subscribe, () => toasts);
  if (list.length === 0) return null;
  return (
    <div className="toast-host" aria-live="polite">
      {list.map((t) => (
        <div key={t.id} className={`toast toast-${t.kind}`} role={t.kind === 'error' ? 'alert' : 'status'}>
          <div className="toast-text">{t.text}</div>
          {t.detail && <div className="toast-detail">{t.detail}</div>}
          <button type="button" className="toast-close" aria-label="关闭" onClick={() => dismiss(t.id)}>
            ×
          </button>
        </div>
      ))}
    </div>
  );
}
