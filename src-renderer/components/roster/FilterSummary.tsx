import type { ColumnInfo } from '../../../src-main/contract';
import type { ColumnQuery } from './columnQuery';
import { describeFilter } from './filters';
import { T } from './texts';

interface Props {
  query: ColumnQuery;
  columns: readonly ColumnInfo[];
  /** Whether the person has hidden the column: its filter still applies, so the line says so. */
  isHidden: (column: string) => boolean;
}

/**
 * The column filters in force, in words, on the roster's status line: a person who comes back to a
 * page, or who hid a filtered column, sees why the list is short, and takes a filter off (×) or
 * all of them (清除筛选) without opening each column's filter.
 */
export function FilterSummary({ query, columns, isHidden }: Props) {
  const filtered = columns.flatMap((c) => {
    const filter = query.filters[c.id];
    return filter ? [{ column: c, text: describeFilter(filter), hidden: isHidden(c.id) }] : [];
  });
  if (filtered.length === 0) return null;
  return (
    <span className="roster-filters" role="group" aria-label={T.filtersInForce}>
      {T.filteredBy}
      {filtered.map(({ column, text, hidden }) => (
        <span key={column.id} className="roster-filter-chip" data-column={column.id}>
          <span className="chip-text">
            {column.header} {text}
            {hidden && T.filterHiddenColumn}
          </span>
          <button type="button" className="chip-remove" aria-label={T.filterRemove(column.header)} title={T.filterRemove(column.header)} onClick={() => query.filterBy(column.id, null)}>
            ×
          </button>
        </span>
      ))}
      <button type="button" className="link-button" onClick={() => query.clearFilters()}>
        {T.filtersClear}
      </button>
    </span>
  );
}
