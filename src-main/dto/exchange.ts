import { z } from 'zod';
import { entityNames, type EntityName, type ReasonCode } from './records';

/**
 * Exchange with the city platform (city-platform/SPEC.md): importing the Excel templates,
 * exporting them and exchange packages, and the HTTP sync with its outbox.
 */

// ---------- import ----------

export const columnMappingInput = z
  .object({
    entity: z.enum(entityNames),
    /** The sheet row holding the headers (1–5). */
    headerRow: z.number().int().min(1).max(5),
    /** {header text in the file: field key of the template} */
    columns: z.record(z.string().max(200), z.string().max(60)),
  })
  .strict();

export type ColumnMappingInput = z.infer<typeof columnMappingInput>;

const importFile = z
  .object({
    name: z.string().min(1).max(255),
    /** The file, base64 (a 100k-row roster is a few MB). */
    contentBase64: z.string().min(1).max(700_000_000),
    mapping: columnMappingInput.optional(),
  })
  .strict();

/** Names the progress events of long work, and lets `exchange.cancel` stop it before it writes. */
const taskIdText = z.string().min(1).max(64);
const taskId = taskIdText.optional();

export const importPreviewInput = z
  .object({
    files: z.array(importFile).min(1).max(20),
    taskId,
  })
  .strict();

export const importApplyInput = z.object({ planId: z.string().min(1).max(64), taskId }).strict();
/** A running task, named: to cancel it, or to ask how far it has got. */
export const taskInput = z.object({ taskId: taskIdText }).strict();
export const batchInput = z.object({ batchId: z.number().int().positive() }).strict();

export interface ImportRejection {
  /** The sheet row a person sees (header = row 1 when the file has no title row). */
  row: number;
  /** The column's header as the file names it. */
  column: string;
  reason: ReasonCode;
  /** Chinese, for people. */
  message: string;
}

export interface ImportUpgrade {
  row: number;
  from: string;
  to: string;
}

export interface FieldChange {
  field: string;
  header: string;
  before: unknown;
  after: unknown;
}

export interface PreviewRow {
  row: number;
  key: string;
  /** The name or title, so a person recognises the record. */
  label: string;
  changes?: FieldChange[];
}

export interface ImportFileReport extends ImportTotals {
  file: string;
  /** The template's title (实有人口信息表). */
  template: string;
  entity: EntityName;
  headerRow: number;
  kind: 'xlsx' | 'csv';
  encoding: string | null;
  rejections: ImportRejection[];
  upgraded: ImportUpgrade[];
  unknownColumns: string[];
  /** File-level advice (a column a spreadsheet turned into numbers, rows not fully stored). */
  notes: string[];
  /** The first rows of each kind, for the preview (the counts above are complete). */
  samples: { inserted: PreviewRow[]; changed: PreviewRow[]; unchanged: PreviewRow[] };
}

export interface UnrecognisedFile {
  file: string;
  message: string;
  /** The first rows, for a person to say which is the header and what each column holds. */
  candidates: { row: number; headers: string[] }[];
  closest: { entity: EntityName; headerRow: number; missing: string[] } | null;
}

export interface ImportTotals {
  rows: number;
  accepted: number;
  rejected: number;
  /** Accepted rows by what applying them does (identical duplicate rows count once). */
  inserted: number;
  updated: number;
  unchanged: number;
}

export interface ImportPreview {
  planId: string;
  files: ImportFileReport[];
  /** Files whose template could not be told: map their columns and preview again. */
  unrecognised: UnrecognisedFile[];
  totals: ImportTotals;
}

export interface ImportApplied {
  /** Null when nothing changed and nothing new was refused: no batch, no write. */
  batchId: number | null;
  seq: number;
  files: ImportFileReport[];
  totals: ImportTotals;
  /** Refused rows newly kept in the quarantine list. */
  quarantined: number;
  /** Quarantined rows that this import's accepted rows settled. */
  settled: number;
}

export interface ImportBatchRow {
  id: number;
  seq: number;
  createdAt: string;
  actor: string;
  files: { file: string; template: string; rows: number; accepted: number; rejected: number }[];
  inserted: number;
  updated: number;
  unchanged: number;
  rejected: number;
  undoneAt: string | null;
}

// ---------- quarantine ----------

export const quarantineListInput = z
  .object({
    status: z.enum(['open', 'resolved', 'discarded']).default('open'),
    entity: z.enum(entityNames).optional(),
    limit: z.number().int().min(1).max(5000).default(500),
  })
  .strict();

export interface QuarantineRow {
  id: number;
  batchId: number;
  entity: EntityName;
  template: string;
  file: string;
  row: number;
  key: string | null;
  /** {field key: the text as the file had it} */
  values: Record<string, string>;
  problems: { field: string; header: string; reason: ReasonCode; message: string }[];
  status: 'open' | 'resolved' | 'discarded';
  createdAt: string;
}

export const quarantineResubmitInput = z
  .object({
    id: z.number().int().positive(),
    values: z.record(z.string().max(60), z.string().max(4000)),
  })
  .strict();

export const quarantineDiscardInput = z.object({ ids: z.array(z.number().int().positive()).min(1).max(100_000) }).strict();

export const quarantineDownloadInput = z.object({ entity: z.enum(entityNames) }).strict();

export interface QuarantineResubmitted {
  /** True: saved, the row left the list. False: still refused, with the problems. */
  saved: boolean;
  seq: number | null;
  problems: { field: string; header: string; reason: ReasonCode; message: string }[];
}

export interface FileDownload {
  fileName: string;
  contentBase64: string;
}

export interface QuarantineSummary {
  entity: EntityName;
  template: string;
  open: number;
}

// ---------- export ----------

export const exportTemplateInput = z.object({ entity: z.enum(entityNames), taskId }).strict();

export interface TemplateExport extends FileDownload {
  records: number;
}

// ---------- packages (SPEC §3) ----------

export const exportPackageInput = z
  .object({
    /** full: every record; last: what changed since the last delivered package (the watermark). */
    since: z.enum(['full', 'last']).default('last'),
    /** Return the zip for the browser to save (a person confirms delivery later). */
    download: z.boolean().default(true),
    /** Also write it into this folder (a USB stick, a share): delivered once written. */
    folder: z.string().min(1).max(1000).optional(),
    /** Also queue it for upload to the city platform. */
    outbox: z.boolean().default(false),
    taskId,
  })
  .strict();

/** One package of an export. */
export interface PackagePartExported {
  packageId: string;
  fileName: string;
  counts: Partial<Record<EntityName, number>>;
  /** Upserts and tombstones in all. */
  records: number;
  sha256: string;
  bytes: number;
  /** Where it went: the folder's file path, 'outbox'. */
  deliveredTo: string[];
  contentBase64: string | null;
}

/** An export; the fields beside `since`, `until` and `parts` are its first package's. */
export interface PackageExported extends PackagePartExported {
  since: string | null;
  until: string;
  /**
   * Every package the export was made as, the first included, in the order they apply: one,
   * unless the export was larger than the city platform takes (SPEC §4: 50 MiB) and was split.
   */
  parts: PackagePartExported[];
}

export const packageIdInput = z.object({ packageId: z.string().min(1).max(64) }).strict();

export const receivePackageInput = z
  .object({
    fileName: z.string().min(1).max(255),
    contentBase64: z.string().min(1).max(100_000_000),
    taskId,
  })
  .strict();

export const applyPendingInput = z.object({ packageId: z.string().min(1).max(64), taskId }).strict();

export const syncRunInput = z.object({ taskId }).strict();

export interface PackageRow {
  packageId: string;
  direction: 'up' | 'down';
  origin: 'local' | 'city' | 'community';
  fileName: string;
  createdAt: string;
  since: string | null;
  until: string | null;
  counts: Partial<Record<EntityName, number>>;
  bytes: number;
  status: 'created' | 'acknowledged' | 'conflict' | 'applied';
  acknowledgedAt: string | null;
  appliedAt: string | null;
  /** Outbox state for packages queued for upload. */
  upload: { status: 'pending' | 'sent' | 'refused'; receivedAt: string | null; error: string | null } | null;
}

export interface ConflictField {
  field: string;
  header: string;
  local: unknown;
  remote: unknown;
  choice: 'local' | 'remote' | null;
}

export interface ConflictView {
  id: number;
  packageId: string;
  /** Where the package came from, for the heading: 市级平台下发 · file · time. */
  packageLabel: string;
  entity: EntityName;
  template: string;
  key: string;
  label: string;
  /** 'remote': the package deletes the record; 'local': it was deleted here. */
  deleted: 'remote' | 'local' | null;
  fields: ConflictField[];
  decided: boolean;
}

export const conflictDecisionInput = z
  .object({
    id: z.number().int().positive(),
    /** Per field, or `*` for the whole record. */
    choice: z.record(z.string().max(60), z.enum(['local', 'remote'])),
  })
  .strict();

export const conflictListInput = z.object({ packageId: z.string().min(1).max(64).optional() }).strict();

export interface PackageOutcome {
  packageId: string;
  fileName: string;
  origin: 'city' | 'community';
  status: 'applied' | 'conflict' | 'already-applied';
  seq: number | null;
  inserted: number;
  updated: number;
  deleted: number;
  unchanged: number;
  conflicts: ConflictView[];
  message: string;
}

// ---------- HTTP sync (SPEC §4) ----------

export interface SyncReport {
  startedAt: string;
  finishedAt: string;
  uploaded: { packageId: string; receivedAt: string; duplicate: boolean }[];
  refused: { packageId: string; reason: string }[];
  pulled: string[];
  applied: string[];
  conflicts: string[];
  /** Packages still waiting in the outbox. */
  pending: number;
  lastError: string | null;
  /** A person cancelled the round; `lastError` says what had got through. */
  cancelled: boolean;
}

export interface SyncStatus {
  cityUrl: string | null;
  /** The token itself never leaves the core. */
  tokenSet: boolean;
  streetCode: string;
  running: boolean;
  /** The task a running round reports its progress under (a background round's too). */
  runningTaskId: string | null;
  pending: number;
  refused: number;
  lastRunAt: string | null;
  lastSuccessAt: string | null;
  lastError: string | null;
  lastReport: SyncReport | null;
  /** Minutes between background syncs; 0: only on demand. */
  everyMinutes: number;
  schedule: ScheduleStatus;
}

export interface ScheduleStatus {
  mode: 'off' | 'daily' | 'hours';
  describe: string;
  nextRunAt: string | null;
  lastRunAt: string | null;
  lastResult: string | null;
  lastError: string | null;
}

export const syncConfigureInput = z
  .object({
    cityUrl: z.string().url('请填写完整的网址，如 https://city.example.gov.cn/api/').max(500).nullable().optional(),
    /** Empty string clears it. */
    token: z.string().max(500).optional(),
  })
  .strict();



/** A template as the UI needs it (column mapping, quarantine forms): the catalog stays in core. */
export interface TemplateInfo {
  entity: EntityName;
  title: string;
  label: string;
  fields: { key: string; header: string; required: boolean; derived: boolean; values: readonly string[] | null }[];
}
