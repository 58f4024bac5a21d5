import { z } from 'zod';
import { entityNames, type EntityName } from '../../../dto/records';

/** An exchange package's manifest.json, as SPEC §3 defines it. */
export const SPEC_VERSION = 'city-exchange/1';

const iso = z.string().regex(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?(?:Z|[+-]\d\d:\d\d)$/, '应为带时区的 ISO 8601 时间');

export const manifestSchema = z
  .object({
    spec: z.literal(SPEC_VERSION),
    packageId: z.string().regex(/^[0-9a-fA-F-]{36}$/, '应为 UUID'),
    direction: z.enum(['up', 'down']),
    streetCode: z.string().regex(/^\d{9}$/, '应为 9 位街道编码'),
    createdAt: iso,
    since: iso.nullable(),
    until: iso,
    source: z.object({ app: z.string().min(1), version: z.string().min(1) }).passthrough(),
    files: z
      .array(
        z
          .object({
            name: z.string().min(1),
            entity: z.enum(entityNames),
            records: z.number().int().min(0),
            sha256: z.string().regex(/^[0-9a-f]{64}$/, '应为 64 位十六进制'),
          })
          .passthrough(),
      )
      .max(entityNames.length),
  })
  .passthrough();

export type Manifest = z.infer<typeof manifestSchema>;

export type PackageLine =
  | { op: 'upsert'; key: string; updatedAt: string; data: Record<string, unknown> }
  | { op: 'delete'; key: string; updatedAt: string };

export const lineSchema = z.discriminatedUnion('op', [
  z.object({ op: z.literal('upsert'), key: z.string().min(1), updatedAt: iso, data: z.record(z.string(), z.unknown()) }).strict(),
  z.object({ op: z.literal('delete'), key: z.string().min(1), updatedAt: iso }).strict(),
]);

export const fileNameOf = (entity: EntityName): string => `${entity}.ndjson`;

/** `{街道编码9位}_{YYYYMMDDTHHMMSS}_{seq3}.zip` (SPEC §3), the time in China time. */
export function packageFileName(streetCode: string, createdAt: string, seq: number): string {
  const stamp = createdAt.slice(0, 19).replace(/[-:]/g, '');
  return `${streetCode}_${stamp}_${String(seq).padStart(3, '0')}.zip`;
}

export const PACKAGE_FILE = /^(\d{9})_(\d{8}T\d{6})_(\d{3})\.zip$/;
