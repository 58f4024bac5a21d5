import { createHash } from 'node:crypto';
import { unzipSync } from 'fflate';
import type { EntityName } from '../../../dto/records';
import { AppError } from '../../errors';
import { fileNameOf, lineSchema, manifestSchema, type Manifest, type PackageLine } from './manifest';
import { packageTexts as t } from '../texts';

/**
 * Opens a package and checks it against its manifest (SPEC §3): every listed file present, its
 * sha256 and record count as declared, every line well-formed. Any difference refuses the whole
 * package, with the file and line named.
 */
export interface OpenedPackage {
  manifest: Manifest;
  lines: Map<EntityName, { line: number; value: PackageLine }[]>;
}

export interface PackageProblem {
  file: string;
  line: number | null;
  field: string | null;
  reason: string;
  message: string;
}

export class PackageRejected extends AppError {
  constructor(
    message: string,
    readonly details: PackageProblem[],
  ) {
    super(
      'VALIDATION',
      message,
      details.map((d) => ({ field: d.field ? `${d.file}:${d.field}` : d.file, reason: d.reason, message: d.message, ...(d.line !== null ? { row: d.line } : {}) })),
    );
  }
}

const sha256 = (data: Uint8Array): string => createHash('sha256').update(data).digest('hex');

export function openPackage(bytes: Uint8Array): OpenedPackage {
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(bytes);
  } catch {
    throw new PackageRejected(t.notAZip, [{ file: '', line: null, field: null, reason: 'format', message: t.notAZip }]);
  }
  const manifestBytes = files['manifest.json'];
  if (!manifestBytes) throw new PackageRejected(t.noManifest, [{ file: 'manifest.json', line: null, field: null, reason: 'required', message: t.noManifest }]);
  let parsed: unknown;
  try {
    parsed = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(manifestBytes));
  } catch {
    throw new PackageRejected(t.badManifest, [{ file: 'manifest.json', line: null, field: null, reason: 'format', message: t.badManifest }]);
  }
  const checked = manifestSchema.safeParse(parsed);
  if (!checked.success) {
    const details = checked.error.issues.map((i) => ({ file: 'manifest.json', line: null, field: i.path.join('.'), reason: 'format', message: `${i.path.join('.')}：${i.message}` }));
    throw new PackageRejected(t.badManifest, details);
  }
  const manifest = checked.data;
  const problems: PackageProblem[] = [];
  const listed = new Set(manifest.files.map((f) => f.name));
  for (const name of Object.keys(files)) {
    if (name !== 'manifest.json' && !listed.has(name)) problems.push({ file: name, line: null, field: null, reason: 'format', message: t.unlisted(name) });
  }
  const lines = new Map<EntityName, { line: number; value: PackageLine }[]>();
  for (const entry of manifest.files) {
    if (entry.name !== fileNameOf(entry.entity) || lines.has(entry.entity)) {
      problems.push({ file: entry.name, line: null, field: null, reason: 'format', message: t.badFileName(entry.name, entry.entity) });
      continue;
    }
    const data = files[entry.name];
    if (!data) {
      problems.push({ file: entry.name, line: null, field: null, reason: 'required', message: t.missingFile(entry.name) });
      continue;
    }
    if (sha256(data) !== entry.sha256) {
      problems.push({ file: entry.name, line: null, field: 'sha256', reason: 'checksum', message: t.checksum(entry.name) });
      continue;
    }
    let text: string;
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(data);
    } catch {
      problems.push({ file: entry.name, line: null, field: null, reason: 'format', message: t.notUtf8(entry.name) });
      continue;
    }
    const rows = text.split('\n');
    if (rows[rows.length - 1] === '') rows.pop();
    if (rows.length !== entry.records) {
      problems.push({ file: entry.name, line: null, field: 'records', reason: 'count', message: t.count(entry.name, entry.records, rows.length) });
      continue;
    }
    const parsedLines: { line: number; value: PackageLine }[] = [];
    rows.forEach((row, i) => {
      let json: unknown;
      try {
        json = JSON.parse(row);
      } catch {
        problems.push({ file: entry.name, line: i + 1, field: null, reason: 'format', message: t.badLine(entry.name, i + 1) });
        return;
      }
      const line = lineSchema.safeParse(json);
      if (!line.success) {
        problems.push({ file: entry.name, line: i + 1, field: line.error.issues[0]?.path.join('.') ?? null, reason: 'format', message: `${t.badLine(entry.name, i + 1)}：${line.error.issues[0]?.message ?? ''}` });
        return;
      }
      parsedLines.push({ line: i + 1, value: line.data as PackageLine });
    });
    lines.set(entry.entity, parsedLines);
  }
  if (problems.length > 0) throw new PackageRejected(t.rejected(problems.length), problems);
  return { manifest, lines };
}
