import type { CellClassParams, ColDef, EditableCallbackParams, ICellRendererComp, ICellRendererParams } from 'ag-grid-community';
import type { ColumnInfo, RosterRow } from '../../../src-main/contract';
import { ColumnHeader, type ColumnHeaderParams } from './ColumnHeader';
import type { ColumnQuery } from './columnQuery';
import { EnumFilter } from './EnumFilter';
import { RangeFilter } from './RangeFilter';
import { TextFilter } from './TextFilter';
import { T } from './texts';

export const NEW_ROW_KEY = '__new__';
export const DETAIL_COLUMN = '_detail';

const isNewRow = (p: { node?: { rowPinned?: 'top' | 'bottom' | null } | null }): boolean => p.node?.rowPinned === 'bottom';

/** What the grid's cells read at render time: the cell whose edit was refused, and how to open a row. */
export interface GridContext {
  invalid: { key: string; column: string } | null;
  open: ((key: string) => void) | null;
}

/**
 * The 详情 link of a row, as a plain DOM component: a React renderer in every visible row costs
 * a React root per row on each block the grid draws, which a roster redraws on every sort.
 */
export class DetailLink implements ICellRendererComp<RosterRow> {
  private readonly button = document.createElement('button');
  private key = '';
  private context: GridContext | null = null;

  init(params: ICellRendererParams<RosterRow, unknown, GridContext>): void {
    this.button.type = 'button';
    this.button.className = 'link-button cell-link';
    this.button.textContent = T.detail;
    this.button.addEventListener('click', () => this.context?.open?.(this.key));
    this.refresh(params);
  }

  getGui(): HTMLElement {
    return this.button;
  }

  refresh(params: ICellRendererParams<RosterRow, unknown, GridContext>): boolean {
    this.key = params.data?.key ?? '';
    this.context = params.context;
    this.button.hidden = this.key === '' || this.key === NEW_ROW_KEY;
    return true;
  }
}

/** The column whose cell in the new-row line carries its hint: the first frozen one, or the first. */
export const hintColumn = (columns: ColumnInfo[]): ColumnInfo | undefined => columns.find((c) => c.pinned) ?? columns[0];

/** The filter component of each kind of column filter and what it is told. */
function filterOf(c: ColumnInfo, query: ColumnQuery): Pick<ColDef<RosterRow>, 'filter' | 'filterParams'> {
  switch (c.filter) {
    case 'set':
      return { filter: EnumFilter, filterParams: { query, values: c.values ?? [] } };
    case 'text':
      return { filter: TextFilter, filterParams: { query } };
    case 'number':
    case 'date':
      return { filter: RangeFilter, filterParams: { query, kind: c.filter } };
    default:
      return { filter: false };
  }
}

/**
 * AG Grid columns from a roster's schema. Every value stays text unless the column is a count:
 * cell data types are off, so the grid never turns an ID number into a number, and editors are
 * plain text (dates in any spelling the core reads) or a list of the enumeration's values.
 * The columns' sort and filters are the grid's `query`, not AG Grid's (see `ColumnQuery`): AG
 * Grid sorts nothing (`sortable: false`), the header sorts on a click, the filters write to it.
 */
export function columnDefs(columns: ColumnInfo[], query: ColumnQuery): ColDef<RosterRow>[] {
  const hint = hintColumn(columns);
  return columns.map((c) => {
    const numeric = c.type === 'number' || c.type === 'integer';
    const filter = filterOf(c, query);
    const header: Partial<ColumnHeaderParams> = { query, sortable: c.sortable, filterable: filter.filter !== false };
    const def: ColDef<RosterRow> = {
      colId: c.id,
      field: c.id,
      headerName: c.required && c.editable ? `${c.header} *` : c.header,
      headerTooltip: c.editable ? undefined : `${c.header}：由系统计算，不能修改`,
      // initial*: the schema's defaults apply once; afterwards the person's choices (and views) hold.
      initialWidth: c.width,
      initialHide: c.hidden,
      initialPinned: c.pinned ? 'left' : undefined,
      sortable: false,
      headerComponent: ColumnHeader,
      headerComponentParams: header,
      ...filter,
      editable: c.editable ? (p: EditableCallbackParams<RosterRow>) => !isNewRow(p) : false,
      // Static classes: a class rule is evaluated and toggled on every cell a sort draws. The
      // new-row line's look comes from its row (.ag-row-pinned), not from a rule per cell.
      cellClass: [...(numeric ? ['ag-right-aligned-cell'] : []), ...(c.editable ? [] : ['cell-derived'])],
      // On the hint's column only: a tooltip getter gives every cell of the column a tooltip
      // feature, built anew for each row a sort or a scroll draws.
      ...(c === hint ? { tooltipValueGetter: (p: { node?: { rowPinned?: 'top' | 'bottom' | null } | null }) => (isNewRow(p) ? T.newRowTitle : undefined) } : {}),
      cellClassRules: {
        'cell-invalid': (p: CellClassParams<RosterRow, GridContext>) => p.data !== undefined && p.context.invalid?.key === p.data.key && p.context.invalid.column === c.id,
      },
    };
    if (c.type === 'timestamp') def.valueFormatter = (p) => (typeof p.value === 'string' ? p.value.replace('T', ' ').slice(0, 16) : '');
    if (c.editable && c.values) {
      def.cellEditor = 'agSelectCellEditor';
      def.cellEditorParams = { values: c.required ? [...c.values] : ['', ...c.values] };
    } else if (c.editable) {
      def.cellEditor = 'agTextCellEditor';
      def.cellEditorParams = { maxLength: c.type === 'text' ? 200 : 40 };
    }
    return def;
  });
}
