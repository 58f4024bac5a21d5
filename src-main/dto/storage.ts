import { z } from 'zod';

/** Something found while opening the database, told to the person in Chinese. */
export interface RecoveryNote {
  level: 'info' | 'warning' | 'error';
  message: string;
}

export interface StorageInfo {
  mode: 'file' | 'memory';
  encrypted: boolean;
  readOnly: boolean;
  /** Set when writes are refused until a restart. */
  broken: string | null;
  generation: number;
  /** Number of acknowledged writes so far. */
  seq: number;
  journalBytes: number;
  journalEntries: number;
  keptGenerations: number;
  lastSnapshotAt: string | null;
  snapshotFailure: string | null;
}

export interface BackupResult {
  file: string;
  bytes: number;
  encrypted: boolean;
}

export const passphraseInput = z.object({ passphrase: z.string().min(8, '口令至少 8 个字符').max(256) }).strict();
