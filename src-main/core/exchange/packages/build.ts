import { createHash, randomUUID } from 'node:crypto';
import { Zip, ZipDeflate } from 'fflate';
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
const CHUNK = 5000;

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
  const listed: Manifest['files'] = [];
  const counts: Partial<Record<EntityName, number>> = {};
  const encoder = new TextEncoder();
  const mtime = new Date(options.createdAt);
  // Streamed into the zip a few thousand lines at a time: a street's 200k residents never sit in
  // memory as one NDJSON text. The manifest goes last, once every file's sha256 is known.
  const out: Uint8Array[] = [];
  const zip = new Zip((error, data) => {
    if (error) throw error;
    out.push(data);
  });
  const changes = options.since ? changedKeys(db, options.since.seq) : null;
  for (const entity of importOrder) {
    const lines = linesFor(db, entity, options.since, changes);
    if (lines.length === 0) continue;
    const name = fileNameOf(entity);
    const file = new ZipDeflate(name, { level: 6 });
    file.mtime = mtime;
    zip.add(file);
    const hash = createHash('sha256');
    for (let i = 0; i < lines.length; i += CHUNK) {
      const bytes = encoder.encode(
        lines
          .slice(i, i + CHUNK)
          .map((l) => `${JSON.stringify(l)}\n`)
          .join(''),
      );
      hash.update(bytes);
      file.push(bytes);
    }
    file.push(new Uint8Array(0), true);
    listed.push({ name, entity, records: lines.length, sha256: hash.digest('hex') });
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
  const manifestFile = new ZipDeflate('manifest.json', { level: 6 });
  manifestFile.mtime = mtime;
  zip.add(manifestFile);
  manifestFile.push(encoder.encode(JSON.stringify(manifest, null, 2)), true);
  zip.end();
  const bytes = new Uint8Array(out.reduce((n, c) => n + c.length, 0));
  let offset = 0;
  for (const chunk of out) {
    bytes.set(chunk, offset);
    offset += chunk.length;
  }
  return { packageId, fileName: packageFileName(options.streetCode, options.createdAt, options.daySeq), bytes, manifest, counts, sha256: sha256(bytes) };
}
