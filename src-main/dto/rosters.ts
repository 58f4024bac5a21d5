import { z } from 'zod';

/**
 * Rosters (台账): paged, sorted, filtered views of the street's records that people edit like a
 * spreadsheet. One query shape serves every roster; the core does paging, sorting, filtering,
 * counting and search in SQLite, so the renderer never holds more than the rows on screen.
 */
export const rosterNames = ['residents', 'members', 'partyOrgs', 'staff', 'buildings', 'rooms', 'communities', 'grids'] as const;
export type RosterName = (typeof rosterNames)[number];

export const columnTypes = ['text', 'code', 'idNumber', 'phone', 'date', 'timestamp', 'enum', 'number', 'integer', 'boolean', 'list'] as const;
export type ColumnType = (typeof columnTypes)[number];

export interface ColumnInfo {
  id: string;
  header: string;
  type: ColumnType;
  /** Allowed values of an enumeration (and 是/否 of a boolean). */
  values?: readonly string[];
  /** Can be edited in the grid; derived columns (counts, names of codes) cannot. */
  editable: boolean;
  required: boolean;
  sortable: boolean;
  filter: 'text' | 'set' | 'date' | 'number' | null;
  width: number;
  /** Shown when no view says otherwise. */
  hidden: boolean;
  /** Frozen at the left unless a view says otherwise. */
  pinned: boolean;
}

export interface RosterSchema {
  roster: RosterName;
  title: string;
  /** What one row is called ("实有人口"). */
  label: string;
  /** The column that names a row in messages (姓名, 楼栋名称). */
  labelColumn: string;
  columns: ColumnInfo[];
  /** Rows can be added (pasted below the last row). */
  canAdd: boolean;
  searchHint: string;
}

const code = (length: number) => z.string().regex(new RegExp(`^\\d{${length}}$`));

/** Where in the governance tree: a community, a grid or a building (the narrowest one given wins). */
export const scopeInput = z
  .object({ communityCode: code(12).optional(), gridCode: code(15).optional(), buildingCode: code(19).optional() })
  .strict();
export type Scope = z.infer<typeof scopeInput>;

export const columnFilter = z.discriminatedUnion('kind', [
  z
    .object({
      kind: z.literal('text'),
      op: z.enum(['contains', 'notContains', 'equals', 'notEqual', 'startsWith', 'endsWith', 'blank', 'notBlank']),
      value: z.string().max(200).default(''),
    })
    .strict(),
  z.object({ kind: z.literal('set'), values: z.array(z.string().max(100)).max(200) }).strict(),
  z
    .object({
      kind: z.literal('range'),
      from: z.union([z.string().max(40), z.number()]).nullable().default(null),
      to: z.union([z.string().max(40), z.number()]).nullable().default(null),
    })
    .strict(),
]);
export type ColumnFilter = z.infer<typeof columnFilter>;

const columnId = z.string().regex(/^[A-Za-z][A-Za-z0-9]{0,39}$/);

export const rosterQuery = z
  .object({
    roster: z.enum(rosterNames),
    scope: scopeInput.default({}),
    /** Members of this party organisation and of the organisations under it. */
    orgCode: z.string().min(1).max(30).optional(),
    filters: z.record(columnId, columnFilter).default({}),
    search: z.string().max(100).default(''),
    sort: z
      .array(z.object({ column: columnId, desc: z.boolean() }).strict())
      .max(4)
      .default([]),
  })
  .strict();
export type RosterQuery = z.infer<typeof rosterQuery>;
export type RosterQueryInput = z.input<typeof rosterQuery>;

export const rosterPageInput = rosterQuery
  .extend({
    offset: z.number().int().min(0).default(0),
    limit: z.number().int().min(1).max(1000).default(100),
    /** The count costs a second query: the renderer asks for it with the first block only. */
    withTotal: z.boolean().default(true),
  })
  .strict();

export type CellValue = string | number | null;

/** One row: `key` is the record's natural key (for edits), the rest are cells by column id. */
export interface RosterRow {
  key: string;
  [column: string]: CellValue;
}

export interface RosterPage {
  rows: RosterRow[];
  /** Rows matching the query; null when not asked for. */
  total: number | null;
}

export const rosterNameInput = z.object({ roster: z.enum(rosterNames) }).strict();

// ---- editing --------------------------------------------------------------------------------

export const editRow = z
  .object({
    /** The record being changed; absent for a new row. */
    key: z.string().min(1).max(120).optional(),
    values: z.record(columnId, z.union([z.string().max(4000), z.number(), z.boolean(), z.null()])),
  })
  .strict();
export type EditRow = z.infer<typeof editRow>;

export const editActions = ['edit', 'paste', 'bulk', 'form'] as const;
export type EditAction = (typeof editActions)[number];

export const rosterEditInput = z
  .object({
    roster: z.enum(rosterNames),
    action: z.enum(editActions).default('edit'),
    rows: z.array(editRow).min(1).max(5000),
  })
  .strict();

export interface CellChange {
  column: string;
  header: string;
  before: CellValue;
  after: CellValue;
}

export interface RowProblem {
  column: string;
  header: string;
  message: string;
}

export type PlanKind = 'add' | 'change' | 'same' | 'invalid';

export interface PlannedRow {
  /** 1-based: the row of the edit, or the line of the pasted block. */
  line: number;
  kind: PlanKind;
  /** The record's key before the change (absent for a new record). */
  key: string | null;
  /** What the row is called ("张三"), for people to recognise it. */
  label: string;
  changes: CellChange[];
  problems: RowProblem[];
  /** Side effects a person should know about (a building cleared on a grid move, an ID upgraded). */
  notes: string[];
  /** What to send to roster.edit to apply this row. */
  values: Record<string, string | number | boolean | null>;
}

export interface EditPlan {
  roster: RosterName;
  rows: PlannedRow[];
  counts: Record<PlanKind, number>;
  /** Whole-paste remarks: read-only columns that were ignored, a header row recognised. */
  notes: string[];
}

export interface EditResult {
  /** The write's sequence number, for undo; 0 when nothing changed. */
  seq: number;
  added: number;
  changed: number;
  /** In Chinese, for the undo stack and its toast ("粘贴 实有人口：新增 3 行、修改 9 行"). */
  summary: string;
  notes: string[];
  /** Keys of the rows after the edit, in the order given. */
  keys: string[];
}

export const pastePreviewInput = z
  .object({
    query: rosterQuery,
    /** Row index (in the query's order) the block's first line lands on; null: all lines are new rows. */
    startIndex: z.number().int().min(0).nullable(),
    /** Column ids from the pasted-at column rightwards, in display order. */
    columns: z.array(columnId).min(1).max(80),
    text: z.string().max(5_000_000),
  })
  .strict();

// ---- export ---------------------------------------------------------------------------------

export const rosterExportInput = z
  .object({
    query: rosterQuery,
    columns: z.array(columnId).min(1).max(80),
    format: z.enum(['xlsx', 'csv']),
  })
  .strict();

export interface ExportFile {
  fileName: string;
  mime: string;
  base64: string;
  rows: number;
}

// ---- trees, detail ---------------------------------------------------------------------------

export interface ScopeBuilding {
  code: string;
  name: string;
}

export interface ScopeGrid {
  code: string;
  name: string;
  kind: string;
  buildings: ScopeBuilding[];
}

export interface ScopeCommunity {
  code: string;
  name: string;
  grids: ScopeGrid[];
}

/** The rosters whose rows the governance tree counts beside each community and grid. */
export const talliedRosters = ['residents', 'members', 'staff', 'buildings'] as const satisfies readonly RosterName[];
export type TalliedRoster = (typeof talliedRosters)[number];

export const scopeCountsInput = z.object({ roster: z.enum(talliedRosters) }).strict();

/**
 * A roster's rows in each community and grid of the tree, counted as its own area filter places
 * them (the number beside a node is the number of rows choosing it shows).
 */
export interface ScopeCounts {
  roster: TalliedRoster;
  /** Every row of the roster, 全街道 (a member living outside the street is in no community). */
  total: number;
  communities: Record<string, number>;
  grids: Record<string, number>;
  /** The tables the counts read: a change to one of them makes them stale. */
  tables: string[];
}

export interface PartyOrgNode {
  code: string;
  name: string;
  kind: string;
  parentCode: string | null;
  secretaryName: string | null;
  termEndsOn: string | null;
  /** Members whose organisation is this one. */
  members: number;
  /** Members of this organisation and every one below it. */
  totalMembers: number;
  /** A 党支部 over 50 members (支部工作条例: normally ≤ 50). */
  oversized: boolean;
  termExpired: boolean;
}

export const detailInput = z.object({ roster: z.enum(rosterNames), key: z.string().min(1).max(120) }).strict();

export interface DetailField {
  column: string;
  header: string;
  value: CellValue;
}

export interface PersonRole {
  kind: 'resident' | 'member' | 'staff' | 'secretary';
  /** 实有人口, 党员, 网格长, 书记 … */
  title: string;
  /** Where: the grid and room, the organisation, the scope. */
  detail: string;
  roster: RosterName;
  key: string;
}

export interface HistoryEntry {
  seq: number;
  at: string;
  actor: string;
  /** What kind of action it was, in Chinese (修改, 粘贴, 导入 …). */
  action: string;
  changes: { what: string; before: string; after: string }[];
}

export interface RecordDetail {
  roster: RosterName;
  key: string;
  title: string;
  fields: DetailField[];
  roles: PersonRole[];
  history: HistoryEntry[];
}

// ---- saved views -----------------------------------------------------------------------------

export const viewState = z
  .object({
    columns: z
      .array(
        z
          .object({
            id: columnId,
            hidden: z.boolean(),
            pinned: z.boolean(),
            width: z.number().int().min(20).max(2000).nullable(),
          })
          .strict(),
      )
      .max(80),
    filters: z.record(columnId, columnFilter),
    sort: z.array(z.object({ column: columnId, desc: z.boolean() }).strict()).max(4),
    search: z.string().max(100),
    scope: scopeInput,
  })
  .strict();
export type ViewState = z.infer<typeof viewState>;

const pageName = z.string().regex(/^[a-z][a-zA-Z]{1,30}$/);
const viewName = z.string().trim().min(1, '请填写视图名称').max(40, '视图名称最多 40 字');

export const viewsListInput = z.object({ page: pageName }).strict();
export const viewSaveInput = z.object({ page: pageName, name: viewName, state: viewState }).strict();
export const viewRemoveInput = z.object({ page: pageName, name: viewName }).strict();

export interface SavedView {
  page: string;
  name: string;
  state: ViewState;
  updatedAt: string;
}
