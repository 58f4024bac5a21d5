/**
 * The one typed contract between the UI and the backend. Every call the UI can make is one line
 * of `contract`: its name, the schema that validates its input at the boundary, and its output
 * type. Both transports (IPC in Electron, HTTP in `serve` mode) serve exactly this table.
 */
import type { z } from 'zod';
import { emptyInput, unlockInput, type AppStatus } from './dto/app';
import { auditListInput, type AuditRow } from './dto/audit';
import type { BoardFigures } from './dto/boards';
import type { DashboardSummary } from './dto/dashboard';
import { settingsPatchInput, type Settings } from './dto/settings';
import { createEmptyStreetInput, restoreInput, type SetupResult } from './dto/setup';
import { passphraseInput, type BackupResult, type StorageInfo } from './dto/storage';
import { recordKeyInput, saveRecordInput, undoInput, type AnyRecord, type SaveResult, type UndoResult } from './dto/records';
import { listGridsInput, type CommunityRow, type GridRow } from './dto/geo';
import type { ScreenConfig } from './dto/screen';
import {
  applyPendingInput,
  batchInput,
  taskInput,
  conflictDecisionInput,
  conflictListInput,
  exportPackageInput,
  exportTemplateInput,
  importApplyInput,
  importPreviewInput,
  quarantineDiscardInput,
  quarantineDownloadInput,
  quarantineListInput,
  quarantineResubmitInput,
  packageIdInput,
  receivePackageInput,
  syncConfigureInput,
  syncRunInput,
  type ConflictView,
  type FileDownload,
  type ImportApplied,
  type ImportBatchRow,
  type ImportPreview,
  type PackageExported,
  type PackageOutcome,
  type PackageRow,
  type QuarantineResubmitted,
  type QuarantineRow,
  type QuarantineSummary,
  type ScheduleStatus,
  type SyncReport,
  type SyncStatus,
  type TemplateExport,
  type TemplateInfo,
} from './dto/exchange';
import {
  detailInput,
  pastePreviewInput,
  rosterEditInput,
  rosterExportInput,
  rosterNameInput,
  rosterPageInput,
  rosterQuery,
  scopeCountsInput,
  viewRemoveInput,
  viewSaveInput,
  viewsListInput,
  type EditPlan,
  type EditResult,
  type ExportFile,
  type PartyOrgNode,
  type RecordDetail,
  type RosterPage,
  type RosterSchema,
  type SavedView,
  type ScopeCommunity,
  type ScopeCounts,
} from './dto/rosters';
import type { BackendEvents, EventName, Progress } from './dto/events';
import type { Result } from './dto/result';

interface CallSpec<I extends z.ZodType, O> {
  input: I;
  /** Phantom: carries the output type; never read at run time. */
  output?: O;
}

const call = <O>() => <I extends z.ZodType>(input: I): CallSpec<I, O> => ({ input });

export const contract = {
  'app.status': call<AppStatus>()(emptyInput),
  'app.unlock': call<AppStatus>()(unlockInput),
  'setup.createDemo': call<SetupResult>()(emptyInput),
  'setup.createEmpty': call<SetupResult>()(createEmptyStreetInput),
  'setup.restore': call<SetupResult>()(restoreInput),
  'storage.info': call<StorageInfo>()(emptyInput),
  'storage.snapshot': call<StorageInfo>()(emptyInput),
  'storage.backup': call<BackupResult>()(emptyInput),
  'storage.enableEncryption': call<StorageInfo>()(passphraseInput),
  'settings.get': call<Settings>()(emptyInput),
  'settings.update': call<Settings>()(settingsPatchInput),
  'audit.list': call<AuditRow[]>()(auditListInput),
  'records.save': call<SaveResult>()(saveRecordInput),
  'records.get': call<AnyRecord>()(recordKeyInput),
  'records.remove': call<{ seq: number }>()(recordKeyInput),
  'history.undo': call<UndoResult>()(undoInput),
  'geo.communities': call<CommunityRow[]>()(emptyInput),
  'geo.grids': call<GridRow[]>()(listGridsInput),
  'dashboard.summary': call<DashboardSummary>()(emptyInput),
  'dashboard.boards': call<BoardFigures>()(emptyInput),
  'screen.config': call<ScreenConfig>()(emptyInput),
  'exchange.templates': call<TemplateInfo[]>()(emptyInput),
  'exchange.importPreview': call<ImportPreview>()(importPreviewInput),
  'exchange.importApply': call<ImportApplied>()(importApplyInput),
  'exchange.cancel': call<{ cancelled: boolean }>()(taskInput),
  /** How far a running task has got (null when none runs): for a window that opens meanwhile. */
  'exchange.taskProgress': call<Progress | null>()(taskInput),
  'exchange.batches': call<ImportBatchRow[]>()(emptyInput),
  'exchange.undoBatch': call<UndoResult>()(batchInput),
  'exchange.quarantine': call<QuarantineRow[]>()(quarantineListInput),
  'exchange.quarantineSummary': call<QuarantineSummary[]>()(emptyInput),
  'exchange.quarantineResubmit': call<QuarantineResubmitted>()(quarantineResubmitInput),
  'exchange.quarantineDiscard': call<{ discarded: number }>()(quarantineDiscardInput),
  'exchange.quarantineDownload': call<FileDownload>()(quarantineDownloadInput),
  'exchange.exportTemplate': call<TemplateExport>()(exportTemplateInput),
  'exchange.exportPackage': call<PackageExported>()(exportPackageInput),
  'exchange.packages': call<PackageRow[]>()(emptyInput),
  'exchange.acknowledgePackage': call<PackageRow>()(packageIdInput),
  'exchange.receivePackage': call<PackageOutcome>()(receivePackageInput),
  'exchange.conflicts': call<ConflictView[]>()(conflictListInput),
  'exchange.decideConflict': call<ConflictView>()(conflictDecisionInput),
  'exchange.applyPending': call<PackageOutcome>()(applyPendingInput),
  'exchange.runSchedule': call<ScheduleStatus>()(emptyInput),
  'sync.status': call<SyncStatus>()(emptyInput),
  'sync.configure': call<SyncStatus>()(syncConfigureInput),
  'sync.run': call<SyncReport>()(syncRunInput),
  'roster.schema': call<RosterSchema>()(rosterNameInput),
  'roster.page': call<RosterPage>()(rosterPageInput),
  'roster.count': call<{ total: number }>()(rosterQuery),
  'roster.scopeTree': call<ScopeCommunity[]>()(emptyInput),
  'roster.scopeCounts': call<ScopeCounts>()(scopeCountsInput),
  'roster.partyTree': call<PartyOrgNode[]>()(emptyInput),
  'roster.detail': call<RecordDetail>()(detailInput),
  'roster.preview': call<EditPlan>()(rosterEditInput),
  'roster.pastePreview': call<EditPlan>()(pastePreviewInput),
  'roster.edit': call<EditResult>()(rosterEditInput),
  'roster.export': call<ExportFile>()(rosterExportInput),
  'views.list': call<SavedView[]>()(viewsListInput),
  'views.save': call<SavedView>()(viewSaveInput),
  'views.remove': call<{ seq: number }>()(viewRemoveInput),
};

export type Contract = typeof contract;
export type Method = keyof Contract;
export type Input<M extends Method> = z.input<Contract[M]['input']>;
export type ParsedInput<M extends Method> = z.output<Contract[M]['input']>;
export type Output<M extends Method> = Contract[M] extends CallSpec<z.ZodType, infer O> ? O : never;

export const methods = Object.keys(contract) as Method[];

/** Calls whose input carries a whole file (base64): transports allow them a larger body. */
export const fileInputMethods: readonly Method[] = ['setup.restore', 'exchange.importPreview', 'exchange.receivePackage'];

/** The only calls a big screen's read-only token may make: board figures, never personal data. */
export const screenMethods: readonly Method[] = ['dashboard.boards', 'screen.config'];

export function isMethod(name: string): name is Method {
  return Object.prototype.hasOwnProperty.call(contract, name);
}

export type Unsubscribe = () => void;

/** What the renderer sees as `api`, whichever transport carries it. */
export interface Api {
  call<M extends Method>(method: M, input: Input<M>): Promise<Result<Output<M>>>;
  on<E extends EventName>(event: E, listener: (payload: BackendEvents[E]) => void): Unsubscribe;
}

/** IPC channel names: one per call, one for pushed events. */
export const ipcChannel = (method: Method): string => `scc:call:${method}`;
export const ipcEventChannel = 'scc:event';

export type { Result, ApiError, ErrorCode, FieldProblem } from './dto/result';
export type { BackendEvents, EventName, DataChanged, Progress, SettingsChanged } from './dto/events';
export { eventNames } from './dto/events';
export type * from './dto/app';
export type * from './dto/audit';
export type * from './dto/settings';
export type * from './dto/setup';
export type * from './dto/storage';
export type * from './dto/records';
export type * from './dto/geo';
export type * from './dto/dashboard';
export type * from './dto/boards';
export type * from './dto/screen';
export type * from './dto/exchange';
export type * from './dto/rosters';
