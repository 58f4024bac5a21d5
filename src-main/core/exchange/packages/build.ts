import { createHash, randomUUID } from 'node:crypto';
import { zipSync } from 'fflate';
import type { EntityName } from '../../../dto/records';
import { importOrder } from '../../catalog/fields';
import type { ReadDb } from '../../db/sqlite';
import { readRecords, recordsByKey } from '../records';
import { changedKeys, type ChangedKeys } from './changes';
import { fileNameOf, packageFileName, SPEC_VERSION, type Manifest, type PackageLine } from './manifest';

/**
 * An exchange package (SPEC §3): manifest.json and one NDJSON file per kind of record, zipped.
 * Full: every record. Incremental: every record changed after the watermark's write, deleted
 * ones as tombstones — read off the audit log, so nothing a person changed can be missed.
 */
export interface BuildOptions {
  streetCode: string;
  createdAt: string;
  direction: 'up' | 'down';
  source: { app: string; version: string };
  /** The watermark: null for a full package. */
  since: { at: string; seq: number } | null;
  /** The package's number among those made today (the file name's seq3). */
  daySeq: number;
}

export interface BuiltPackage {
  packageId: string;
  fileName: string;
  bytes: Uint8Array;
  manifest: Manifest;
  counts: Partial<Record<EntityName, number>>;
  sha256: string;
}

const sha256 = (data: Uint8Array): string => createHash('sha256').update(data).digest('hex');

/** One kind's lines: every record (full), or the changed ones and tombstones (incremental). */
export function linesFor(db: ReadDb, entity: EntityName, since: BuildOptions['since'], changes: ChangedKeys | null): PackageLine[] {
  if (!since || !changes) return readRecords(db, entity).map((r) => ({ op: 'upsert', key: r.key, updatedAt: r.updatedAt, data: r.record as unknown as Record<string, unknown> }));
  const changed = changes.get(entity);
  if (!changed || changed.size === 0) return [];
  const keys = [...changed.keys()];
  const present = recordsByKey(db, entity, keys);
  return keys.map((key): PackageLine => {
    const stored = present.get(key);
    return stored
      ? { op: 'upsert', key, updatedAt: stored.updatedAt, data: stored.record as unknown as Record<string, unknown> }
      : { op: 'delete', key, updatedAt: changed.get(key) ?? since.at };
  });
}

export function buildPackage(db: ReadDb, options: BuildOptions): BuiltPackage {
  const packageId = randomUUID();
  const files: Record<string, Uint8Array> = {};
  const listed: Manifest['files'] = [];
  const counts: Partial<Record<EntityName, number>> = {};
  const encoder = new TextEncoder();
  const changes = options.since ? changedKeys(db, options.since.seq) : null;
  for (const entity of importOrder) {
    const lines = linesFor(db, entity, options.since, changes);
    if (lines.length === 0) continue;
    const bytes = encoder.encode(lines.map((l) => `${JSON.stringify(l)}\n`).join(''));
    const name = fileNameOf(entity);
    files[name] = bytes;
    listed.push({ name, entity, records: lines.length, sha256: sha256(bytes) });
    counts[entity] = lines.length;
  }
  const manifest: Manifest = {
    spec: SPEC_VERSION,
    packageId,
    direction: options.direction,
    streetCode: options.streetCode,
    createdAt: options.createdAt,
    since: options.since?.at ?? null,
    until: options.createdAt,
    source: options.source,
    files: listed,
  };
  const mtime = new Date(options.createdAt);
  const zip = zipSync(
    {
      'manifest.json': [encoder.encode(JSON.stringify(manifest, null, 2)), { mtime }],
      ...Object.fromEntries(Object.entries(files).map(([name, bytes]) => [name, [bytes, { mtime }]])),
    },
    { level: 6 },
  );
  return { packageId, fileName: packageFileName(options.streetCode, options.createdAt, options.daySeq), bytes: zip, manifest, counts, sha256: sha256(zip) };
}
