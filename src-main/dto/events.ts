/** What the backend pushes to every connected UI. */

export interface DataChanged {
  /** Tables (domain entities) whose rows changed. */
  entities: string[];
  /** Journal sequence number of the write, so a client can tell old news from new. */
  seq: number;
}

export interface Progress {
  taskId: string;
  /** Chinese, shown as is. */
  label: string;
  done: number;
  total: number | null;
  finished: boolean;
  /** False once the work has reached its write, which runs to its end; absent: not said. */
  cancellable?: boolean;
  /** `done` and `total` count bytes (an upload, a download) rather than items. */
  unit?: 'bytes';
}

/** Sections of settings.json that changed, so open screens and pages take them up at once. */
export interface SettingsChanged {
  sections: string[];
}

export interface BackendEvents {
  'data-changed': DataChanged;
  progress: Progress;
  'settings-changed': SettingsChanged;
}

export type EventName = keyof BackendEvents;
export const eventNames: readonly EventName[] = ['data-changed', 'progress', 'settings-changed'];
