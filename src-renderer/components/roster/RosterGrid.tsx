import { AG_GRID_LOCALE_CN } from '@ag-grid-community/locale';
import type {
  CellEditRequestEvent,
  ColDef,
  GridApi,
  GridOptions,
  GridReadyEvent,
  IDatasource,
  IGetRowsParams,
  RowClickedEvent,
  SelectionChangedEvent,
} from 'ag-grid-community';
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type { ApiError, EditPlan, EditResult, EditRow, Output, Result, RosterName, RosterQueryInput, RosterRow, SavedView, Scope, ViewState } from '../../../src-main/contract';
import { api } from '../../api/client';
import { downloadBase64 } from '../../api/files';
import { usePageActive } from '../../app/pageActive';
import { useSchema } from './useSchema';
import { useViews } from './useViews';
import { gridTheme } from '../DataGrid';
import { DomGrid } from '../DomGrid';
import { ErrorBanner } from '../Feedback';
import { Popover } from '../Popover';
import { showToast } from '../Toasts';
import { recordStep, redo, undo, useUndoStacks } from '../undoStack';
import { BulkEditDialog } from './BulkEditDialog';
import { ColumnsMenu } from './ColumnsMenu';
import { ColumnQuery } from './columnQuery';
import { columnDefs, DETAIL_COLUMN, DetailLink, hintColumn, NEW_ROW_KEY, type GridContext } from './columns';
import { FilterSummary } from './FilterSummary';
import { PasteDialog } from './PasteDialog';
import { T } from './texts';
import { ViewsMenu } from './ViewsMenu';

interface CellError {
  key: string;
  column: string;
  message: string;
  top: number;
  left: number;
}

export interface RosterGridProps {
  roster: RosterName;
  /** Saved views belong to a page (a page may show two rosters). */
  viewPage: string;
  scope: Scope;
  onScopeChange?: (scope: Scope) => void;
  orgCode?: string;
  /** Opens the detail drawer of a row (or, without a key, an empty form to add one). */
  onOpenRecord?: (roster: RosterName, key: string | null) => void;
  onRowClicked?: (row: RosterRow) => void;
  selectedKey?: string | null;
  heading?: ReactNode;
  /** The grid's accessible name; the roster's title by default. */
  ariaLabel?: string;
}

const SELECTION_COLUMN = 'ag-Grid-SelectionColumn';
const BLOCK = 100;
// Grid options are module constants: AG Grid re-applies column definitions (hiding columns the
// person showed) whenever it is handed a new object, so none may be rebuilt on each render.
const DEFAULT_COL_DEF: ColDef<RosterRow> = { resizable: true, cellDataType: false };
const ROW_SELECTION = { mode: 'multiRow', checkboxes: true, headerCheckbox: false, enableClickSelection: false } as const;
const SELECTION_COLUMN_DEF = { pinned: 'left', width: 46, suppressHeaderMenuButton: true } as const;
const rowIdOf = (p: { data: RosterRow }): string => p.data.key;
// A screen of rows is drawn in one go (suppressAnimationFrame): spreading the cells over
// animation frames made a sort or a search show its rows 30–50 ms later. Only two rows are drawn
// beyond the screen (rowBuffer): a sort redraws every drawn row, and the six spare rows drawn
// before cost it a tenth of its time, while a scroll draws the rows it brings in anyway.

/**
 * First blocks asked for before the grid asks (see `askEarly` below), by query. The grid's request
 * takes the answer of its query; a few are kept, since a person may tick two boxes before the grid
 * asks for the first, and none for long, since rows asked for a while ago may have changed.
 */
class EarlyBlocks {
  private readonly blocks = new Map<string, { at: number; answer: Promise<Result<Output<'roster.page'>>> }>();

  has(key: string): boolean {
    return this.blocks.has(key);
  }

  ask(key: string, query: RosterQueryInput): void {
    if (this.blocks.size >= 4) this.blocks.delete(this.blocks.keys().next().value ?? '');
    this.blocks.set(key, { at: performance.now(), answer: api.call('roster.page', { ...query, offset: 0, limit: BLOCK, withTotal: false }) });
  }

  /** Data changed: answers asked before the change must not be shown after it. */
  clear(): void {
    this.blocks.clear();
  }

  take(key: string): Promise<Result<Output<'roster.page'>>> | null {
    const block = this.blocks.get(key);
    this.blocks.delete(key);
    return block && performance.now() - block.at < 2000 ? block.answer : null;
  }
}

function firstBlocks(roster: RosterName, scope: Scope, orgCode: string | undefined, viewPage: string): EarlyBlocks {
  const blocks = new EarlyBlocks();
  // A saved view about to be applied asks for its own rows (its filters and sort).
  if (localStorage.getItem(`scc.view.${viewPage}`)) return blocks;
  const query = rosterQuery(roster, scope, orgCode, '', {}, []);
  blocks.ask(JSON.stringify(query), query);
  return blocks;
}

/**
 * The one shape of a roster query: a block asked for early is found by its JSON, which must be
 * the grid's own request's, key order included.
 */
function rosterQuery(roster: RosterName, scope: Scope, orgCode: string | undefined, search: string, filters: RosterQueryInput['filters'], sort: RosterQueryInput['sort']): RosterQueryInput {
  return { roster, scope, ...(orgCode ? { orgCode } : {}), search, filters, sort };
}

/**
 * A roster as people use a spreadsheet, on the whole street: it scrolls, sorts and filters 200k
 * rows by asking the core for the 100 on screen; cells are edited in place and a refused edit
 * says why next to the cell; a block pasted from Excel/WPS is previewed, then applied as one
 * change; selected rows are edited together; columns are chosen and frozen; views are saved;
 * the current view is exported. Every change is one step of the undo stack (Ctrl+Z / Ctrl+Y).
 */
export function RosterGrid({ roster, viewPage, scope, onScopeChange, orgCode, onOpenRecord, onRowClicked, selectedKey, heading, ariaLabel }: RosterGridProps) {
  const { schema, error: schemaError } = useSchema(roster);
  const [gridApi, setGridApi] = useState<GridApi<RosterRow> | null>(null);
  const [searchText, setSearchText] = useState('');
  const [search, setSearch] = useState('');
  const [total, setTotal] = useState<number | null>(null);
  const [selected, setSelected] = useState(0);
  const [error, setError] = useState<ApiError | null>(null);
  const [cellError, setCellError] = useState<CellError | null>(null);
  const [pastePlan, setPastePlan] = useState<EditPlan | null>(null);
  const [bulkKeys, setBulkKeys] = useState<string[] | null>(null);
  const [columnsVersion, setColumnsVersion] = useState(0);
  const [activeView, setActiveView] = useState<string | null>(null);
  const [exporting, setExporting] = useState(false);
  const views = useViews(viewPage);
  const stacks = useUndoStacks();
  const wrapper = useRef<HTMLDivElement>(null);
  const totalRef = useRef<number | null>(null);
  const queryKeyRef = useRef('');
  const cellErrorRef = useRef<CellError | null>(null);
  const scopeKey = JSON.stringify(scope);
  // Building the grid takes AG Grid tens of milliseconds before it asks for rows: the first block
  // is asked for as the roster first renders, and the grid's first request takes that answer.
  const [early] = useState(() => firstBlocks(roster, scope, orgCode, viewPage));
  // The columns' sort and filters, which the headers and filters change; each change is a new version.
  const [columnQuery] = useState(() => new ColumnQuery());
  const [queryVersion, setQueryVersion] = useState(0);

  /** The query the grid shows now: scope, organisation, search, its filters and sort. */
  const currentQuery = useCallback(
    (): RosterQueryInput => rosterQuery(roster, JSON.parse(scopeKey) as Scope, orgCode, search, { ...columnQuery.filters }, [...columnQuery.sort]),
    [roster, scopeKey, orgCode, search, columnQuery],
  );

  const countRef = useRef<string | null>(null);

  /**
   * Asks for the first block of `query` at once, for the grid's coming request to take. AG Grid
   * asks for rows from a timer after it has redrawn its header: a sort, a filter or a search asked
   * here is on its way 20–30 ms sooner.
   */
  const askEarly = useCallback(
    (query: RosterQueryInput): void => {
      const key = JSON.stringify(query);
      if (key !== queryKeyRef.current && !early.has(key)) early.ask(key, query);
    },
    [early],
  );

  // The search, area and organisation a block is asked for with (and, in `columnQuery`, its sort
  // and filters): read when the grid asks, so that a change of them can refresh the rows in place
  // (see below) instead of making a new datasource.
  const askedFor = useRef({ scopeKey, orgCode, search, queryVersion });

  /**
   * The rows of a block come first; the count of the whole view (which costs a scan of every
   * matching row) is asked after them and fills in the scroll bar and the total when it comes.
   */
  const datasource = useMemo<IDatasource>(
    () => ({
      getRows(params: IGetRowsParams) {
        const { scopeKey, orgCode, search } = askedFor.current;
        const query = rosterQuery(
          roster,
          JSON.parse(scopeKey) as Scope,
          orgCode,
          search,
          { ...columnQuery.filters },
          [...columnQuery.sort],
        );
        const key = JSON.stringify(query);
        if (key !== queryKeyRef.current) {
          queryKeyRef.current = key;
          totalRef.current = null;
          countRef.current = null;
          setTotal(null);
        }
        const prefetched = params.startRow === 0 && params.endRow - params.startRow === BLOCK ? early.take(key) : null;
        const answer = prefetched ?? api.call('roster.page', { ...query, offset: params.startRow, limit: params.endRow - params.startRow, withTotal: false });
        void answer.then((result) => {
          if (!result.ok) {
            setError(result.error);
            params.failCallback();
            return;
          }
          setError(null);
          const rows = result.value.rows;
          // A short block is the last one: the end is known without the count.
          const last = totalRef.current ?? (rows.length < params.endRow - params.startRow ? params.startRow + rows.length : undefined);
          params.successCallback(rows, last);
          // Asked once the rows are in: the core answers one call at a time, and a count that
          // arrived first would hold the rows back by its scan.
          if (totalRef.current === null && countRef.current !== key) {
            countRef.current = key;
            void api.call('roster.count', query).then((counted) => {
              if (!counted.ok || queryKeyRef.current !== key) return;
              totalRef.current = counted.value.total;
              setTotal(counted.value.total);
              params.api?.setRowCount(counted.value.total, true);
            });
          }
        });
      },
    }),
    [roster, early, columnQuery],
  );

  // A new search, area, organisation, sort or filter. While the grid holds only its first block of
  // a list longer than a block, the rows are refreshed in place: AG Grid keeps its rows and fills
  // them with the new answer, in half to two thirds of the time of building them anew (README,
  // "Rows refreshed in place"), and nothing blinks. Otherwise, as when the person has scrolled down, the
  // grid starts over at the top.
  useLayoutEffect(() => {
    const before = askedFor.current;
    if (before.scopeKey === scopeKey && before.orgCode === orgCode && before.search === search && before.queryVersion === queryVersion) return;
    askedFor.current = { scopeKey, orgCode, search, queryVersion };
    // Already asked for, as when a saved view is put back as the grid starts: its first request
    // read the view's query.
    if (!gridApi || JSON.stringify(currentQuery()) === queryKeyRef.current) return;
    const blocks = Object.keys(gridApi.getCacheBlockState() as Record<string, unknown>);
    if (blocks.length === 1 && blocks[0] === '0' && gridApi.getDisplayedRowCount() >= BLOCK) {
      gridApi.ensureIndexVisible(0, 'top');
      gridApi.refreshInfiniteCache();
      return;
    }
    // A datasource AG Grid has not seen makes it start over, at the top, with no rows.
    gridApi.setGridOption('datasource', { getRows: (params) => datasource.getRows(params) });
  }, [gridApi, datasource, scopeKey, orgCode, search, queryVersion, currentQuery]);

  // A header clicked or a filter's box changed: its first block is asked for at once, before the
  // grid is told (by the new version) and asks for it.
  useEffect(
    () =>
      columnQuery.subscribe((change) => {
        if (change === 'person' && gridApi) askEarly(currentQuery());
        setQueryVersion((v) => v + 1);
      }),
    [columnQuery, gridApi, askEarly, currentQuery],
  );

  // Another client's change, an undo, our own edit: the cached blocks are read again. A hidden
  // page only notes it, and reads them when it is shown.
  const shown = usePageActive();
  const staleRef = useRef(false);
  useEffect(() => {
    if (!gridApi) return;
    if (!shown) return api.on('data-changed', () => (staleRef.current = true));
    const refresh = (): void => {
      staleRef.current = false;
      early.clear();
      totalRef.current = null;
      countRef.current = null;
      gridApi.refreshInfiniteCache();
    };
    if (staleRef.current) refresh();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const off = api.on('data-changed', () => {
      clearTimeout(timer);
      timer = setTimeout(refresh, 50);
    });
    return () => {
      clearTimeout(timer);
      off();
    };
  }, [gridApi, shown, early]);

  /** Searches for `text`: its first block is asked for before the grid is handed the new search. */
  const searchFor = useCallback(
    (text: string): void => {
      if (text !== search && gridApi) askEarly({ ...currentQuery(), search: text });
      setSearch(text);
    },
    [search, gridApi, currentQuery, askEarly],
  );

  // Typing searches after a pause; Enter searches at once.
  useEffect(() => {
    const timer = setTimeout(() => searchFor(searchText.trim()), 350);
    return () => clearTimeout(timer);
  }, [searchText, searchFor]);

  const showCellError = useCallback((key: string, column: string, message: string): void => {
    const box = wrapper.current;
    const cell = box?.querySelector<HTMLElement>(`[row-id="${CSS.escape(key)}"] [col-id="${CSS.escape(column)}"]`);
    const outer = box?.getBoundingClientRect();
    const rect = cell?.getBoundingClientRect();
    // Beside the cell (below it when there is no room on the right); it lets clicks through.
    const fitsRight = rect && outer ? rect.right - outer.left + 390 < outer.width : false;
    const top = rect && outer ? (fitsRight ? rect.top - outer.top : rect.bottom - outer.top + 2) : 48;
    const left = rect && outer ? (fitsRight ? rect.right - outer.left + 6 : Math.min(rect.left - outer.left, outer.width - 390)) : 16;
    setCellError({ key, column, message, top, left: Math.max(0, left) });
  }, []);

  // The refused cell is outlined while its message shows (cellClassRules read the grid's context).
  const hasDetail = onOpenRecord !== undefined;
  const context = useMemo<GridContext>(() => ({ invalid: cellError, open: onOpenRecord ? (key: string) => onOpenRecord(roster, key) : null }), [cellError, onOpenRecord, roster]);
  useEffect(() => {
    cellErrorRef.current = cellError;
    gridApi?.refreshCells({ force: true });
  }, [cellError, gridApi]);

  /** A saved edit becomes an undo step; a paste or a bulk edit (or an edit with side effects) says what it did. */
  const afterEdit = useCallback((result: EditResult, announce: boolean): void => {
    recordStep({ seq: result.seq, summary: result.summary });
    if (announce || result.notes.length > 0) showToast('info', result.summary, result.notes.slice(0, 5).join('；') || undefined);
  }, []);

  const onEditRequest = useCallback(
    async (event: CellEditRequestEvent<RosterRow>): Promise<void> => {
      const column = event.colDef.colId ?? event.colDef.field ?? '';
      const key = event.data?.key;
      if (!key || key === NEW_ROW_KEY || event.node.rowPinned) return;
      const value = event.newValue === undefined || event.newValue === '' ? null : (event.newValue as string | number | null);
      setCellError(null);
      const result = await api.call('roster.edit', { roster, action: 'edit', rows: [{ key, values: { [column]: value } }] });
      if (!result.ok) {
        const own = result.error.problems?.find((p) => p.field === column) ?? result.error.problems?.[0];
        showCellError(key, column, own?.message ?? result.error.message);
        return;
      }
      afterEdit(result.value, false);
    },
    [roster, showCellError, afterEdit],
  );

  const applyRows = useCallback(
    async (rows: EditRow[], action: 'paste' | 'bulk'): Promise<boolean> => {
      const result = await api.call('roster.edit', { roster, action, rows });
      if (!result.ok) {
        showToast('error', result.error.message);
        return false;
      }
      afterEdit(result.value, true);
      return true;
    },
    [roster, afterEdit],
  );

  /** Ctrl+V on a cell: lay the block over the rows from the focused cell down, preview it. */
  const onPaste = useCallback(
    async (event: ClipboardEvent): Promise<void> => {
      if (!gridApi || !schema) return;
      const target = event.target as HTMLElement | null;
      if (target && (target.tagName === 'INPUT' || target.tagName === 'TEXTAREA' || gridApi.getEditingCells().length > 0)) return;
      const text = event.clipboardData?.getData('text/plain') ?? '';
      event.preventDefault();
      const focused = gridApi.getFocusedCell();
      if (!focused || text.trim() === '') {
        showToast('info', T.pasteNeedsCell);
        return;
      }
      const displayed = gridApi
        .getAllDisplayedColumns()
        .map((c) => c.getColId())
        .filter((id) => id !== SELECTION_COLUMN && id !== DETAIL_COLUMN);
      const from = displayed.indexOf(focused.column.getColId());
      const columns = displayed.slice(Math.max(0, from));
      const startIndex = focused.rowPinned === 'bottom' ? null : focused.rowIndex;
      const result = await api.call('roster.pastePreview', { query: currentQuery(), startIndex, columns, text });
      if (!result.ok) {
        showToast('error', result.error.message);
        return;
      }
      setPastePlan(result.value);
    },
    [gridApi, schema, currentQuery],
  );

  useEffect(() => {
    const box = wrapper.current;
    if (!box) return;
    const listener = (e: ClipboardEvent): void => void onPaste(e);
    box.addEventListener('paste', listener);
    return () => box.removeEventListener('paste', listener);
  }, [onPaste]);

  const captureView = useCallback((): ViewState => {
    const state = gridApi?.getColumnState() ?? [];
    const known = new Set(schema?.columns.map((c) => c.id));
    return {
      columns: state
        .filter((s) => known.has(s.colId))
        .map((s) => ({ id: s.colId, hidden: s.hide === true, pinned: s.pinned === 'left', width: typeof s.width === 'number' ? Math.round(s.width) : null })),
      filters: { ...columnQuery.filters },
      sort: [...columnQuery.sort],
      search,
      scope: JSON.parse(scopeKey) as Scope,
    };
  }, [gridApi, schema, search, scopeKey, columnQuery]);

  const applyView = useCallback(
    (view: SavedView, target: GridApi<RosterRow> | null = gridApi): void => {
      if (!target || !schema) return;
      const { state } = view;
      target.applyColumnState({
        state: state.columns.map((c) => ({ colId: c.id, hide: c.hidden, pinned: c.pinned ? 'left' : null, ...(c.width === null ? {} : { width: c.width }) })),
        applyOrder: true,
      });
      // A column the roster no longer has (a view saved by an older version) is left out.
      const known = new Map(schema.columns.map((c) => [c.id, c]));
      columnQuery.replace(
        state.sort.filter((s) => known.get(s.column)?.sortable),
        Object.fromEntries(Object.entries(state.filters).filter(([id]) => known.get(id)?.filter)),
      );
      setSearchText(state.search);
      setSearch(state.search);
      onScopeChange?.(state.scope);
      setActiveView(view.name);
      localStorage.setItem(`scc.view.${viewPage}`, view.name);
      setColumnsVersion((v) => v + 1);
    },
    [gridApi, schema, onScopeChange, viewPage, columnQuery],
  );


  const exportView = async (format: 'xlsx' | 'csv'): Promise<void> => {
    if (!gridApi) return;
    const columns = gridApi
      .getAllDisplayedColumns()
      .map((c) => c.getColId())
      .filter((id) => id !== SELECTION_COLUMN && id !== DETAIL_COLUMN);
    setExporting(true);
    const result = await api.call('roster.export', { query: currentQuery(), columns, format });
    setExporting(false);
    if (!result.ok) {
      showToast('error', result.error.message);
      return;
    }
    downloadBase64(result.value.fileName, result.value.mime, result.value.base64);
    showToast('info', T.exported(result.value.fileName, result.value.rows));
  };

  const colDefs = useMemo<ColDef<RosterRow>[]>(() => {
    if (!schema) return [];
    const detail: ColDef<RosterRow> = {
      colId: DETAIL_COLUMN,
      headerName: '',
      width: 64,
      pinned: 'left',
      sortable: false,
      filter: false,
      resizable: false,
      suppressMovable: true,
      cellRenderer: DetailLink,
    };
    return [...(hasDetail ? [detail] : []), ...columnDefs(schema.columns, columnQuery)];
  }, [schema, hasDetail, columnQuery]);

  const rowClassRules = useMemo(() => ({ 'row-selected': (p: { data?: RosterRow }) => p.data !== undefined && p.data.key === selectedKey }), [selectedKey]);

  const newRow = useMemo<RosterRow[] | undefined>(() => {
    if (!schema?.canAdd) return undefined;
    const first = hintColumn(schema.columns);
    return [{ key: NEW_ROW_KEY, ...(first ? { [first.id]: T.newRowHint } : {}) }];
  }, [schema]);

  // Stable handlers: a new function for a grid option on every render makes AG Grid re-apply it.
  const onCellEditRequest = useCallback((e: CellEditRequestEvent<RosterRow>) => void onEditRequest(e), [onEditRequest]);
  const onSelectionChanged = useCallback((e: SelectionChangedEvent<RosterRow>) => setSelected(e.api.getSelectedRows().length), []);
  const clearCellError = useCallback(() => cellErrorRef.current && setCellError(null), []);
  const onRowClickedEvent = useCallback((e: RowClickedEvent<RosterRow>) => e.data && e.data.key !== NEW_ROW_KEY && onRowClicked?.(e.data), [onRowClicked]);
  const bumpColumns = useCallback(() => setColumnsVersion((v) => v + 1), []);

  // The grid starts once the page's views are known: the view last chosen here comes back after a reload.
  const savedViews = views.views;
  // Read through a ref: the grid is made once, and a fresh list of views must not remake it.
  const readyRef = useRef<(e: GridReadyEvent<RosterRow>) => void>(() => undefined);
  useLayoutEffect(() => {
    readyRef.current = (e) => {
      setGridApi(e.api);
      const name = localStorage.getItem(`scc.view.${viewPage}`);
      const view = savedViews?.find((v) => v.name === name);
      if (view) applyView(view, e.api);
    };
  }, [savedViews, viewPage, applyView]);
  const onGridReady = useCallback((e: GridReadyEvent<RosterRow>) => readyRef.current(e), []);

  // The options (and so the grid) are kept while their inputs stay the same: the toolbar and the
  // status line change with every query (the total, the selection), and handing the grid its
  // options again cost 10–20 ms a time on the path from a click to the rows.
  const label = schema?.label;
  const gridOptions = useMemo<GridOptions<RosterRow>>(
    () => ({
      theme: gridTheme,
      localeText: AG_GRID_LOCALE_CN,
      context,
      rowModelType: 'infinite',
      datasource,
      cacheBlockSize: BLOCK,
      maxBlocksInCache: 10,
      rowBuffer: 2,
      suppressAnimationFrame: true,
      alwaysShowVerticalScroll: true,
      infiniteInitialRowCount: 1,
      columnDefs: colDefs,
      defaultColDef: DEFAULT_COL_DEF,
      getRowId: rowIdOf,
      readOnlyEdit: true,
      onCellEditRequest,
      stopEditingWhenCellsLoseFocus: true,
      rowSelection: ROW_SELECTION,
      selectionColumnDef: SELECTION_COLUMN_DEF,
      pinnedBottomRowData: newRow,
      rowClassRules,
      onGridReady,
      onSelectionChanged,
      onCellFocused: clearCellError,
      onBodyScroll: clearCellError,
      onRowClicked: onRowClickedEvent,
      onColumnVisible: bumpColumns,
      onColumnPinned: bumpColumns,
      animateRows: false,
      enableCellTextSelection: false,
      overlayNoRowsTemplate: `<span class="grid-empty">没有符合条件的${label ?? ''}</span>`,
    }),
    [label, context, datasource, colDefs, newRow, rowClassRules, onGridReady, onSelectionChanged, clearCellError, onRowClickedEvent, onCellEditRequest, bumpColumns],
  );

  if (!schema || !savedViews) return <ErrorBanner error={schemaError ?? views.error} />;
  const lastUndo = stacks.undo.at(-1)?.summary;
  const lastRedo = stacks.redo.at(-1)?.summary;

  return (
    <div className="roster">
      <div className="roster-toolbar">
        {heading}
        <form
          className="roster-search"
          role="search"
          onSubmit={(e) => {
            e.preventDefault();
            searchFor(searchText.trim());
          }}
        >
          <input type="search" aria-label={T.searchLabel} placeholder={T.searchPlaceholder(schema.searchHint)} value={searchText} onChange={(e) => setSearchText(e.target.value)} />
        </form>
        <span className="spacer" />
        <button type="button" title={T.undoTitle(lastUndo)} disabled={!lastUndo || stacks.busy} onClick={() => void undo()}>
          {T.undo}
        </button>
        <button type="button" title={T.redoTitle(lastRedo)} disabled={!lastRedo || stacks.busy} onClick={() => void redo()}>
          {T.redo}
        </button>
        <button
          type="button"
          onClick={() => {
            const keys = gridApi?.getSelectedRows().map((r) => r.key) ?? [];
            if (keys.length === 0) showToast('info', T.bulkNeedsRows);
            else setBulkKeys(keys);
          }}
        >
          {T.bulk(selected)}
        </button>
        {gridApi && <ColumnsMenu version={columnsVersion} gridApi={gridApi} columns={schema.columns} onChange={() => setColumnsVersion((v) => v + 1)} />}
        <ViewsMenu
          views={savedViews}
          page={viewPage}
          active={activeView}
          capture={captureView}
          onApply={applyView}
          onSaved={(v) => {
            setActiveView(v.name);
            localStorage.setItem(`scc.view.${viewPage}`, v.name);
          }}
        />
        <Popover label={exporting ? T.exporting : T.exportMenu}>
          {(close) => (
            <div className="menu-list">
              {(['xlsx', 'csv'] as const).map((format) => (
                <button
                  key={format}
                  type="button"
                  disabled={exporting}
                  onClick={() => {
                    close();
                    void exportView(format);
                  }}
                >
                  {format === 'xlsx' ? T.exportXlsx : T.exportCsv}
                </button>
              ))}
            </div>
          )}
        </Popover>
        {onOpenRecord && schema.canAdd && (
          <button type="button" className="primary" onClick={() => onOpenRecord(roster, null)}>
            {T.add}
          </button>
        )}
      </div>
      <ErrorBanner error={error} />
      <div className="data-grid roster-grid" ref={wrapper} role="region" aria-label={ariaLabel ?? schema.title}>
        <DomGrid options={gridOptions} />
        {cellError && (
          <div className="cell-error" role="alert" style={{ top: cellError.top, left: cellError.left }} data-column={cellError.column}>
            <strong>{T.editFailed}：</strong>
            {cellError.message}
          </div>
        )}
      </div>
      <div className="roster-status">
        <span className="roster-total">{T.total(total)}</span>
        {selected > 0 && <span>{T.selected(selected)}</span>}
        <FilterSummary query={columnQuery} columns={schema.columns} isHidden={(id) => gridApi?.getColumn(id)?.isVisible() === false} />
        <span className="roster-hints">{T.hints}</span>
      </div>
      {pastePlan && <PasteDialog plan={pastePlan} columns={schema.columns} onApply={(rows) => applyRows(rows, 'paste')} onClose={() => setPastePlan(null)} />}
      {bulkKeys && (
        <BulkEditDialog
          roster={roster}
          columns={schema.columns}
          keys={bulkKeys}
          onDone={(r) => {
            afterEdit(r, true);
            gridApi?.deselectAll();
          }}
          onClose={() => setBulkKeys(null)}
        />
      )}
    </div>
  );
}
