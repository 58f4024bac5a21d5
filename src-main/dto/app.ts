import { z } from 'zod';

export type TransportKind = 'ipc' | 'http';

export interface StreetSummary {
  code: string;
  name: string;
}

export interface AppStatus {
  appName: string;
  version: string;
  /** `empty`: no street yet (first run); the UI offers to create one. */
  database: 'ready' | 'empty';
  street: StreetSummary | null;
  dataDir: string;
}

export const emptyInput = z.object({}).strict();
