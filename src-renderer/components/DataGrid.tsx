import { AG_GRID_LOCALE_CN } from '@ag-grid-community/locale';
import { AllCommunityModule, ModuleRegistry, themeQuartz, type ColDef, type RowClickedEvent } from 'ag-grid-community';
import { AgGridReact } from 'ag-grid-react';

ModuleRegistry.registerModules([AllCommunityModule]);

export const gridTheme = themeQuartz.withParams({
  fontFamily: 'inherit',
  fontSize: 13,
  headerFontWeight: 600,
  accentColor: '#c62828',
  headerBackgroundColor: '#f5f6f8',
  rowHoverColor: '#fff4f2',
  selectedRowBackgroundColor: '#fde7e4',
  borderColor: '#e3e6eb',
  wrapperBorderRadius: 6,
  rowHeight: 36,
  headerHeight: 40,
});

interface DataGridProps<T> {
  rows: T[] | undefined;
  columns: ColDef<T>[];
  rowId: (row: T) => string;
  onRowClicked?: (row: T) => void;
  ariaLabel: string;
  selectedId?: string | null;
  /** Shown instead of an empty table. */
  emptyText?: string;
}

/** AG Grid with the app's theme and Chinese texts; rows are keyed so updates keep scroll and selection. */
export function DataGrid<T>({ rows, columns, rowId, onRowClicked, ariaLabel, selectedId, emptyText = '暂无数据' }: DataGridProps<T>) {
  return (
    <div className="data-grid" aria-label={ariaLabel} role="region">
      <AgGridReact<T>
        theme={gridTheme}
        localeText={AG_GRID_LOCALE_CN}
        rowData={rows ?? null}
        columnDefs={columns}
        defaultColDef={{ sortable: true, filter: true, resizable: true }}
        getRowId={(params) => rowId(params.data)}
        rowClassRules={{ 'row-selected': (params) => params.data !== undefined && rowId(params.data) === selectedId }}
        onRowClicked={(event: RowClickedEvent<T>) => event.data && onRowClicked?.(event.data)}
        animateRows={false}
        suppressCellFocus={false}
        enableCellTextSelection
        overlayNoRowsTemplate={`<span class="grid-empty">${emptyText}</span>`}
      />
    </div>
  );
}
