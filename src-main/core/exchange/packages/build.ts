import { createHash, randomUUID, type Hash } from 'node:crypto';
import { Zip } from 'fflate';
import type { EntityName } from '../../../dto/records';
import { entities, importOrder } from '../../catalog/fields';
import type { ReadDb } from '../../db/sqlite';
import { AppError } from '../../errors';
import { packageTexts as t } from '../texts';
import { readRecords, recordsByKey } from '../records';
import type { TaskHooks } from '../tasks';
import { changedKeys, type ChangedKeys } from './changes';
import { fileNameOf, packageFileName, SPEC_VERSION, type Manifest, type PackageLine } from './manifest';
import { ZlibZipDeflate } from '../../zipDeflate';

/**
 * An exchange package (SPEC §3): manifest.json and one NDJSON file per kind of record, zipped.
 * Full: every record. Incremental: every record changed after the watermark's write, deleted
 * ones as tombstones — read off the audit log, so nothing a person changed can be missed.
 *
 * The city platform takes at most 50 MiB a package (SPEC §4, 413 "split the package"). An export
 * that would not fit becomes several packages, "parts", each complete on its own (own packageId,
 * manifest, checksums; the export's since/until) and ordered so that applying them one after the
 * other resolves every reference.
 */
export interface BuildOptions {
  streetCode: string;
  createdAt: string;
  direction: 'up' | 'down';
  source: { app: string; version: string };
  /** The watermark: null for a full package. */
  since: { at: string; seq: number } | null;
  /** The first part's number among the packages made today (the file name's seq3); the others follow. */
  daySeq: number;
  /** The largest zip file a part may be; PACKAGE_LIMIT unless a test needs small parts. */
  limitBytes?: number;
  /** Told each kind of record as it is packed. */
  onProgress?: TaskHooks['onProgress'];
}

export interface BuiltPackage {
  packageId: string;
  fileName: string;
  bytes: Uint8Array;
  manifest: Manifest;
  counts: Partial<Record<EntityName, number>>;
  sha256: string;
}

/** SPEC §4: `413 too large (limit 50 MiB: split the package)`, for the whole zip file. */
export const PACKAGE_LIMIT = 50 * 1024 * 1024;

/** What every part of an export says alike. */
type ManifestHeader = Pick<Manifest, 'spec' | 'direction' | 'streetCode' | 'createdAt' | 'since' | 'until' | 'source'>;

const sha256 = (data: Uint8Array): string => createHash('sha256').update(data).digest('hex');
const encoder = new TextEncoder();
const CHUNK = 5000;
/**
 * Kept free in every part for what comes after the last line: the files' final deflate blocks,
 * data descriptors, manifest.json (eight files listed, ~2 KB) and the central directory.
 */
const RESERVE = 4 * 1024;
/** The next lines may compress worse than those before them. */
const SAFETY = 1.1;
/** A zip local file header without the name (fflate writes no extra field), and a data descriptor. */
const ZIP_HEADER = 30;
const ZIP_DESCRIPTOR = 16;

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

/**
 * A run of lines of one kind. Consecutive segments of a kind share the kind's file in a part;
 * the segments of a group go into one part whole, because their records refer to each other.
 */
interface Segment {
  entity: EntityName;
  load: () => PackageLine[];
  group?: string;
}

/** One package: every kind's lines in dependency order, as they always were. */
function wholeOrder(read: (entity: EntityName) => PackageLine[]): Segment[] {
  return importOrder.map((entity) => ({ entity, load: () => read(entity) }));
}

/**
 * Parts: applied one by one, each must find what its records name in itself or in the parts
 * before it, and a receiver applies a part's upserts before its deletes. So every upsert comes
 * before every tombstone, tombstones go children first (a grid only after the residents in it),
 * and a 党组织 travels in one part with the members who are its 书记 — the member needs the
 * organisation and the organisation needs its secretary to exist. Residents and the work force
 * go before the organisations, so a secretary who is one of them is already there.
 */
function splitOrder(read: (entity: EntityName) => PackageLine[]): Segment[] {
  const tombstones = new Map<EntityName, PackageLine[]>();
  // Loaded as the stream reaches them (upserts before tombstones), so only the kind being
  // written is held whole; its tombstones are kept for the end.
  const upserts = (entity: EntityName): PackageLine[] => {
    const lines = read(entity);
    tombstones.set(
      entity,
      lines.filter((l) => l.op === 'delete'),
    );
    return lines.filter((l) => l.op === 'upsert');
  };
  let secretaries = new Set<string>();
  let members: PackageLine[] = [];
  const upsertOrder: EntityName[] = ['community', 'grid', 'building', 'resident', 'staff'];
  const deleteOrder: EntityName[] = ['event', 'partyMember', 'partyOrg', 'staff', 'resident', 'building', 'grid', 'community'];
  return [
    ...upsertOrder.map((entity) => ({ entity, load: () => upserts(entity) })),
    {
      entity: 'partyOrg',
      group: 'party',
      load: () => {
        const orgs = upserts('partyOrg');
        secretaries = new Set(orgs.map((o) => (o.op === 'upsert' ? o.data.secretaryId : null)).filter((id): id is string => typeof id === 'string'));
        return orgs;
      },
    },
    {
      entity: 'partyMember',
      group: 'party',
      load: () => {
        members = upserts('partyMember');
        return members.filter((m) => secretaries.has(m.key));
      },
    },
    { entity: 'partyMember', load: () => members.filter((m) => !secretaries.has(m.key)) },
    { entity: 'event', load: () => upserts('event') },
    // An organisation's parent may be among the tombstones too: kept together, a part never
    // deletes a parent before its children.
    ...deleteOrder.map((entity) => ({ entity, load: () => tombstones.get(entity) ?? [], ...(entity === 'partyOrg' ? { group: 'orgTombstones' } : {}) })),
  ];
}

/** The segments' lines, each loaded once and let go when every part after it has been cut. */
class Stream {
  private readonly loaded = new Map<number, PackageLine[]>();

  constructor(readonly segments: readonly Segment[]) {}

  lines(index: number): PackageLine[] {
    let lines = this.loaded.get(index);
    if (!lines) {
      lines = this.segments[index]?.load() ?? [];
      this.loaded.set(index, lines);
    }
    return lines;
  }

  release(before: number): void {
    for (const index of this.loaded.keys()) if (index < before) this.loaded.delete(index);
  }

  /** The segments of the group that starts at `index`: just that one if it is in none. */
  groupAt(index: number): number[] {
    const group = this.segments[index]?.group;
    if (group === undefined) return [index];
    const members = [];
    for (let i = index; this.segments[i]?.group === group; i++) members.push(i);
    return members;
  }
}

interface Cursor {
  segment: number;
  line: number;
}

const textOf = (line: PackageLine): string => `${JSON.stringify(line)}\n`;

/**
 * One zip being written, streamed: a few thousand lines at a time go into fflate's Zip, so a
 * street's 200k residents never sit in memory as one NDJSON text. How large the zip has grown
 * tells how many more lines fit.
 */
class PartWriter {
  readonly listed: Manifest['files'] = [];
  readonly counts: Partial<Record<EntityName, number>> = {};
  records = 0;
  /** Places the part could be cut before: lines, and a group counts once. */
  units = 0;
  /** Zip bytes out so far, and how many of them are local headers and data descriptors. */
  size = 0;
  private overhead = 0;
  private readonly chunks: Uint8Array[] = [];
  private readonly zip: Zip;
  /** NDJSON bytes written into the part. */
  private fed = 0;
  private file: { entity: EntityName; deflate: ZlibZipDeflate; hash: Hash; records: number; emitted: boolean } | null = null;
  /** The whole part's ratio, kept once its files are closed (the manifest is no NDJSON). */
  private finalRatio: number | null = null;

  constructor(
    private readonly mtime: Date,
    private readonly ratioHint: number,
  ) {
    this.zip = new Zip((error, data) => {
      if (error) throw error;
      this.chunks.push(data);
      this.size += data.length;
    });
  }

  /** Deflated bytes per NDJSON byte: as measured in this part, or as the previous part ended. */
  ratio(): number {
    if (this.finalRatio !== null) return this.finalRatio;
    const data = this.size - this.overhead;
    return this.fed > 0 && data > 0 ? Math.min(1, data / this.fed) : this.ratioHint;
  }

  /** The zip's size so far, exactly: what deflate gathered is flushed out first. */
  measure(): number {
    if (this.file) this.output(() => this.file?.deflate.flush());
    return this.size + (this.file && !this.file.emitted ? ZIP_HEADER + fileNameOf(this.file.entity).length : 0);
  }

  /** A kind's file was written earlier in this part and closed: a zip names a file once. */
  closed(entity: EntityName): boolean {
    return this.counts[entity] !== undefined && this.file?.entity !== entity;
  }

  write(entity: EntityName, texts: readonly string[]): void {
    if (texts.length === 0) return;
    if (this.file?.entity !== entity) {
      this.closeFile();
      const deflate = new ZlibZipDeflate(fileNameOf(entity));
      deflate.mtime = this.mtime;
      this.zip.add(deflate);
      this.file = { entity, deflate, hash: createHash('sha256'), records: 0, emitted: false };
      this.counts[entity] = 0;
    }
    const file = this.file;
    const bytes = encoder.encode(texts.join(''));
    file.hash.update(bytes);
    this.output(() => file.deflate.push(bytes));
    this.fed += bytes.length;
    file.records += texts.length;
    this.counts[entity] = (this.counts[entity] ?? 0) + texts.length;
    this.records += texts.length;
  }

  /** fflate writes a file's local header with its first deflated bytes. */
  private output(work: () => void): void {
    const before = this.size;
    work();
    if (this.file && !this.file.emitted && this.size > before) {
      this.file.emitted = true;
      this.overhead += ZIP_HEADER + fileNameOf(this.file.entity).length;
    }
  }

  private closeFile(): void {
    const file = this.file;
    if (!file) return;
    this.output(() => file.deflate.push(new Uint8Array(0), true));
    this.overhead += ZIP_DESCRIPTOR;
    this.listed.push({ name: fileNameOf(file.entity), entity: file.entity, records: file.records, sha256: file.hash.digest('hex') });
    this.file = null;
  }

  /** The manifest goes last, once every file's sha256 is known. */
  finish(header: ManifestHeader): { bytes: Uint8Array; manifest: Manifest } {
    this.closeFile();
    this.finalRatio = this.ratio();
    const { spec, ...rest } = header;
    const manifest: Manifest = { spec, packageId: randomUUID(), ...rest, files: this.listed };
    const manifestFile = new ZlibZipDeflate('manifest.json');
    manifestFile.mtime = this.mtime;
    this.zip.add(manifestFile);
    manifestFile.push(encoder.encode(JSON.stringify(manifest, null, 2)), true);
    this.zip.end();
    const bytes = new Uint8Array(this.size);
    let offset = 0;
    for (const chunk of this.chunks) {
      bytes.set(chunk, offset);
      offset += chunk.length;
    }
    this.chunks.length = 0;
    return { bytes, manifest };
  }
}

/**
 * Writes lines from `from` into the part until the stream ends or, with a budget, the part is
 * full: cut between lines, never inside a group, and before a kind whose file the part already
 * closed. Without a budget nothing is cut; past `abortAbove` zip bytes it gives up.
 */
function fill(part: PartWriter, stream: Stream, from: Cursor, budget: number | null, abortAbove = Infinity): Cursor | 'too-large' {
  const at = { ...from };
  while (at.segment < stream.segments.length) {
    const entity = stream.segments[at.segment]?.entity ?? 'community';
    const lines = stream.lines(at.segment);
    if (at.line >= lines.length) {
      at.segment++;
      at.line = 0;
      continue;
    }
    if (budget === null) {
      part.write(entity, lines.slice(at.line, at.line + CHUNK).map(textOf));
      at.line += CHUNK;
      if (part.size > abortAbove) return 'too-large';
      continue;
    }
    const grouped = at.line === 0 && stream.segments[at.segment]?.group !== undefined;
    const group = grouped ? stream.groupAt(at.segment) : [at.segment];
    if (group.some((i) => part.closed(stream.segments[i]?.entity ?? entity))) return at;
    if (grouped) {
      const texts = group.map((i) => stream.lines(i).map(textOf));
      const raw = texts.reduce((n, list) => n + list.reduce((m, s) => m + Buffer.byteLength(s), 0), 0);
      if (part.records > 0 && part.measure() + raw * part.ratio() * SAFETY > budget) return at;
      group.forEach((i, k) => {
        const list = texts[k] ?? [];
        for (let j = 0; j < list.length; j += CHUNK) part.write(stream.segments[i]?.entity ?? entity, list.slice(j, j + CHUNK));
      });
      if (raw > 0) part.units++;
      at.segment = (group.at(-1) ?? at.segment) + 1;
      at.line = 0;
      continue;
    }
    const texts = lines.slice(at.line, at.line + CHUNK).map(textOf);
    // Lines by the ratio measured so far, at most half the room at a time near the end (what
    // deflate makes of them is known only once they are in), then measure again.
    for (let i = 0; i < texts.length; ) {
      const room = budget - part.measure();
      const ratio = part.ratio() * SAFETY;
      let n = 0;
      let raw = 0;
      while (i + n < texts.length) {
        const length = Buffer.byteLength(texts[i + n] ?? '');
        if ((raw + length) * ratio > (n === 0 ? room : room / 2)) break;
        raw += length;
        n++;
      }
      if (n === 0) {
        if (part.records > 0) return { segment: at.segment, line: at.line + i };
        // A part holds at least one line; if that line alone is too large, the check after
        // finishing says so.
        n = 1;
      }
      part.write(entity, texts.slice(i, i + n));
      part.units += n;
      i += n;
    }
    at.line += texts.length;
  }
  return at;
}

export function buildPackages(db: ReadDb, options: BuildOptions): BuiltPackage[] {
  const limit = options.limitBytes ?? PACKAGE_LIMIT;
  const mtime = new Date(options.createdAt);
  const changes = options.since ? changedKeys(db, options.since.seq) : null;
  const read = (entity: EntityName): PackageLine[] => {
    options.onProgress?.(t.progressPacking(entities[entity].label), 0, null, false);
    return linesFor(db, entity, options.since, changes);
  };
  const header: ManifestHeader = {
    spec: SPEC_VERSION,
    direction: options.direction,
    streetCode: options.streetCode,
    createdAt: options.createdAt,
    since: options.since?.at ?? null,
    until: options.createdAt,
    source: options.source,
  };
  const parts: { bytes: Uint8Array; manifest: Manifest; counts: Partial<Record<EntityName, number>> }[] = [];

  // Most exports fit: written as one package exactly as before. Only once the zip outgrows the
  // limit is the export cut into parts, and that attempt is abandoned there (what deflate made of
  // it so far is the first estimate for the parts).
  const whole = ((): { ratio: number } => {
    const part = new PartWriter(mtime, 1);
    const end = fill(part, new Stream(wholeOrder(read)), { segment: 0, line: 0 }, null, limit);
    if (end !== 'too-large') {
      const done = part.finish(header);
      if (done.bytes.length <= limit) parts.push({ ...done, counts: part.counts });
    }
    part.measure();
    return { ratio: part.ratio() };
  })();
  if (parts.length === 0) {
    const stream = new Stream(splitOrder(read));
    let ratio = whole.ratio;
    let at: Cursor = { segment: 0, line: 0 };
    while (at.segment < stream.segments.length) {
      let budget = limit - RESERVE;
      for (;;) {
        const part = new PartWriter(mtime, ratio);
        const to = fill(part, stream, at, budget) as Cursor;
        const done = part.finish(header);
        if (done.bytes.length <= limit) {
          // The stream may end in segments with no lines: no empty part for them.
          if (part.records > 0 || parts.length === 0) parts.push({ ...done, counts: part.counts });
          ratio = part.ratio();
          at = to;
          break;
        }
        // Deflate did worse than the estimate: the same part again, cut earlier (the budget
        // shrinks every time, down to one line). A part that cannot be cut earlier (one record,
        // or one organisation with its secretaries) is too large for the platform however it is
        // packed.
        if (part.units <= 1) throw new AppError('VALIDATION', t.cannotSplit(limit, done.bytes.length));
        budget = Math.floor(Math.min(budget * 0.8, budget - (done.bytes.length - limit) - 1024));
        ratio = Math.max(ratio, part.ratio());
      }
      stream.release(at.segment);
    }
  }
  return parts.map((p, i) => ({
    packageId: p.manifest.packageId,
    fileName: packageFileName(options.streetCode, options.createdAt, options.daySeq + i),
    bytes: p.bytes,
    manifest: p.manifest,
    counts: p.counts,
    sha256: sha256(p.bytes),
  }));
}
