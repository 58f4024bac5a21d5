import { createGrid, type GridApi, type GridOptions } from 'ag-grid-community';
import { memo, useEffect, useLayoutEffect, useRef } from 'react';

/**
 * AG Grid drawn by its own DOM code (`createGrid`) instead of ag-grid-react's React components,
 * for the rosters: a sort, a filter or a search draws some 400 new cells, and drawing them as React
 * components made that a third slower (`npm run bench:rosters`). The options are AG Grid's own;
 * one that changes is handed on with `updateGridOptions`, as AgGridReact does. Cell renderers and
 * filters given to it must be plain DOM components.
 */
function DomGridImpl<T>({ options }: { options: GridOptions<T> }) {
  const box = useRef<HTMLDivElement>(null);
  const api = useRef<GridApi<T> | null>(null);
  const given = useRef(options);

  // Made before the first paint, as AgGridReact makes it, so the grid's box is never drawn empty.
  useLayoutEffect(() => {
    if (!box.current) return;
    api.current = createGrid(box.current, given.current);
    return () => {
      api.current?.destroy();
      api.current = null;
    };
  }, []);

  useEffect(() => {
    const before = given.current;
    given.current = options;
    if (!api.current || before === options) return;
    const changed = Object.fromEntries(Object.entries(options).filter(([key, value]) => before[key as keyof GridOptions<T>] !== value));
    if (Object.keys(changed).length > 0) api.current.updateGridOptions(changed as GridOptions<T>);
  }, [options]);

  return <div ref={box} className="dom-grid" />;
}

/** Renders again only for new options: the page around it re-renders with every count and selection. */
export const DomGrid = memo(DomGridImpl) as typeof DomGridImpl;
