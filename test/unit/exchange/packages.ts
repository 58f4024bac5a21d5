import { createHash, randomUUID } from 'node:crypto';
import { strToU8, unzipSync, zipSync } from 'fflate';
import type { EntityName } from '../../../src-main/dto/records';
import type { Manifest, PackageLine } from '../../../src-main/core/exchange/packages/manifest';

/** Packages as the city platform (or a careless sender) makes them, for tests. */
export interface Crafted {
  packageId: string;
  fileName: string;
  bytes: Uint8Array;
  manifest: Manifest;
}

const sha = (b: Uint8Array): string => createHash('sha256').update(b).digest('hex');

export function craftPackage(options: {
  streetCode: string;
  direction?: 'up' | 'down';
  lines: Partial<Record<EntityName, PackageLine[]>>;
  app?: string;
  packageId?: string;
  createdAt?: string;
  /** Change the files or the manifest after checksums were computed. */
  tamper?: (files: Record<string, Uint8Array>, manifest: Manifest) => void;
}): Crafted {
  const createdAt = options.createdAt ?? '2026-11-21T18:00:00+08:00';
  const files: Record<string, Uint8Array> = {};
  const listed: Manifest['files'] = [];
  for (const [entity, lines] of Object.entries(options.lines) as [EntityName, PackageLine[]][]) {
    const bytes = strToU8(lines.map((l) => `${JSON.stringify(l)}\n`).join(''));
    files[`${entity}.ndjson`] = bytes;
    listed.push({ name: `${entity}.ndjson`, entity, records: lines.length, sha256: sha(bytes) });
  }
  const manifest: Manifest = {
    spec: 'city-exchange/1',
    packageId: options.packageId ?? randomUUID(),
    direction: options.direction ?? 'down',
    streetCode: options.streetCode,
    createdAt,
    since: null,
    until: createdAt,
    source: { app: options.app ?? '市级平台', version: '1.0.0' },
    files: listed,
  };
  options.tamper?.(files, manifest);
  const bytes = zipSync({ 'manifest.json': strToU8(JSON.stringify(manifest)), ...files });
  return { packageId: manifest.packageId, fileName: `${options.streetCode}_20261121T180000_001.zip`, bytes, manifest };
}

/** A package's files, opened without the app's code. */
export function unpack(bytes: Uint8Array): { manifest: Manifest; lines: Record<string, PackageLine[]> } {
  const files = unzipSync(bytes);
  const manifest = JSON.parse(new TextDecoder().decode(files['manifest.json'])) as Manifest;
  const lines: Record<string, PackageLine[]> = {};
  for (const f of manifest.files) {
    lines[f.entity] = new TextDecoder()
      .decode(files[f.name])
      .split('\n')
      .filter((l) => l !== '')
      .map((l) => JSON.parse(l) as PackageLine);
  }
  return { manifest, lines };
}

export const upload = (p: { fileName: string; bytes: Uint8Array }) => ({ fileName: p.fileName, contentBase64: Buffer.from(p.bytes).toString('base64') });
