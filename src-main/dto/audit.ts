import { z } from 'zod';

export interface AuditRow {
  id: number;
  seq: number;
  at: string;
  actor: string;
  action: string;
  entity: string;
  /** The table's name in Chinese. */
  entityLabel: string;
  rowId: number | null;
  op: 'insert' | 'update' | 'delete';
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
}

export const auditListInput = z
  .object({
    entity: z.string().regex(/^[a-z_]+$/).optional(),
    rowId: z.number().int().optional(),
    beforeId: z.number().int().optional(),
    limit: z.number().int().min(1).max(500).default(100),
  })
  .strict();
