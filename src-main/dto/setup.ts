import { z } from 'zod';

export const createEmptyStreetInput = z
  .object({
    name: z.string().trim().min(2, '请填写街道名称').max(40, '街道名称过长'),
    code: z.string().trim().regex(/^\d{9}$/, '街道编码应为 9 位数字'),
  })
  .strict();

export const restoreInput = z
  .object({
    fileName: z.string().max(255),
    /** The backup file, base64: a few hundred MB at most. */
    contentBase64: z.string().min(1).max(1_500_000_000),
  })
  .strict();

export interface SetupResult {
  streetCode: string;
  streetName: string;
  /** Records per table after setup. */
  counts: Record<string, number>;
}
