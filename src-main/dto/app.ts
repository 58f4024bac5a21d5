import { z } from 'zod';
import type { RecoveryNote } from './storage';

export type TransportKind = 'ipc' | 'http';

export interface StreetSummary {
  code: string;
  name: string;
}

export type DatabaseState = 'empty' | 'locked' | 'ready' | 'damaged';

export interface AppStatus {
  appName: string;
  version: string;
  /**
   * `empty`: first run, the UI offers to create a street; `locked`: encrypted, a passphrase is
   * needed; `damaged`: nothing on disk could be opened, the UI offers to restore a backup.
   */
  database: DatabaseState;
  damage: string | null;
  street: StreetSummary | null;
  dataDir: string;
  encrypted: boolean;
  /** What opening the database found (recovered from a backup, discarded an unfinished write…). */
  notes: RecoveryNote[];
}

export const emptyInput = z.object({}).strict();

export const unlockInput = z.object({ passphrase: z.string().min(1, '请输入口令').max(256) }).strict();
