import type { GridApi } from 'ag-grid-community';
import type { ColumnInfo, RosterRow } from '../../../src-main/contract';
import { Popover } from '../Popover';
import { T } from './texts';

interface ColumnsMenuProps {
  gridApi: GridApi<RosterRow>;
  columns: ColumnInfo[];
  /** Bumped on every column change, so the menu shows the grid's state again. */
  version: number;
  onChange: () => void;
}

/** Which columns show, and which are frozen at the left while the rest scroll. */
export function ColumnsMenu({ gridApi, columns, version, onChange }: ColumnsMenuProps) {
  return (
    <Popover label={T.columns}>
      {() => {
        const state = new Map(gridApi.getColumnState().map((s) => [s.colId, s]));
        return (
          <div className="columns-menu" role="group" aria-label={T.columns} data-version={version}>
            <div className="columns-menu-head">
              <span>{T.columnsShow}</span>
              <span />
              <span>{T.columnsPin}</span>
            </div>
            {columns.map((c) => {
              const s = state.get(c.id);
              return (
                <div key={c.id} className="columns-menu-row" data-column={c.id}>
                  <input
                    type="checkbox"
                    aria-label={`${T.columnsShow} ${c.header}`}
                    checked={!s?.hide}
                    onChange={(e) => {
                      gridApi.setColumnsVisible([c.id], e.target.checked);
                      onChange();
                    }}
                  />
                  <span>{c.header}</span>
                  <input
                    type="checkbox"
                    aria-label={`${T.columnsPin} ${c.header}`}
                    checked={s?.pinned === 'left'}
                    onChange={(e) => {
                      gridApi.setColumnsPinned([c.id], e.target.checked ? 'left' : null);
                      onChange();
                    }}
                  />
                </div>
              );
            })}
          </div>
        );
      }}
    </Popover>
  );
}
