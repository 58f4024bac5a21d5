import type { IHeaderComp, IHeaderParams } from 'ag-grid-community';
import type { ColumnQuery } from './columnQuery';

export interface ColumnHeaderParams extends IHeaderParams {
  query: ColumnQuery;
  sortable: boolean;
  filterable: boolean;
}

function icon(name: string): HTMLSpanElement {
  const span = document.createElement('span');
  span.className = `ag-icon ag-icon-${name}`;
  span.setAttribute('role', 'presentation');
  return span;
}

/**
 * A roster column's header: its title, its sort (arrow and, in a sort by several columns, its
 * place) and its filter button, drawn from the grid's `ColumnQuery` rather than from AG Grid's
 * models (see `ColumnQuery` for why). It keeps AG Grid's classes, so it looks and is found as
 * AG Grid's own header is. Plain DOM, as the roster grid is (see DomGrid).
 */
export class ColumnHeader implements IHeaderComp {
  private readonly gui = document.createElement('div');
  private readonly text = document.createElement('span');
  private readonly sortMark = document.createElement('span');
  private readonly filterButton = document.createElement('span');
  private params!: ColumnHeaderParams;
  private readonly cleanups: (() => void)[] = [];
  private movedAt = 0;

  init(params: ColumnHeaderParams): void {
    this.params = params;
    this.gui.className = 'ag-cell-label-container';
    this.gui.setAttribute('role', 'presentation');
    const label = document.createElement('div');
    label.className = 'ag-header-cell-label';
    label.setAttribute('role', 'presentation');
    this.text.className = 'ag-header-cell-text';
    this.sortMark.className = 'ag-sort-indicator-container';
    label.append(this.text, this.sortMark);
    if (params.filterable) {
      this.filterButton.className = 'ag-header-icon ag-header-cell-filter-button';
      this.filterButton.setAttribute('aria-hidden', 'true');
      this.filterButton.append(icon('filter'));
      // Opened on the press, as AG Grid's own button does, and closed by the next (the popup
      // closes itself on a press outside it, but not on one on the button that opened it).
      this.listen(this.filterButton, 'mousedown', (e) => {
        if (e.button !== 0) return;
        e.preventDefault();
        if (params.query.shownFilter === params.column.getColId()) params.api.hideColumnFilter();
        else this.openFilter();
      });
      this.listen(this.filterButton, 'click', (e) => e.detail === 0 && this.openFilter());
      this.gui.append(this.filterButton);
    }
    this.gui.append(label);
    if (params.sortable) {
      label.classList.add('roster-sortable');
      this.listen(label, 'click', (e) => {
        // A drag that moved the column ends in a click: that is not a sort.
        if (params.column.isMoving() || performance.now() - this.movedAt < 50) return;
        params.query.sortBy(params.column.getColId(), e.shiftKey || e.ctrlKey || e.metaKey);
      });
      this.listen(params.eGridHeader, 'keydown', (e) => {
        // Ctrl+Enter opens the filter (onMenuKeyboardShortcut); Alt+Enter is AG Grid's own.
        if (e.key !== 'Enter' || e.altKey || e.ctrlKey || e.metaKey || e.target !== params.eGridHeader) return;
        e.preventDefault();
        params.query.sortBy(params.column.getColId(), e.shiftKey);
      });
      const moving = (): void => void (this.movedAt = performance.now());
      params.column.addEventListener('movingChanged', moving);
      this.cleanups.push(() => params.column.removeEventListener('movingChanged', moving));
    }
    this.cleanups.push(params.query.subscribe(() => this.draw()));
    this.refresh(params);
  }

  getGui(): HTMLElement {
    return this.gui;
  }

  refresh(params: ColumnHeaderParams): boolean {
    if (params.sortable !== this.params.sortable || params.filterable !== this.params.filterable) return false;
    this.params = params;
    this.text.textContent = params.displayName;
    this.draw();
    return true;
  }

  /** Ctrl+Enter on a focused header opens its filter, as in AG Grid's own header. */
  onMenuKeyboardShortcut(isFilterShortcut: boolean): boolean {
    if (!isFilterShortcut || !this.params.filterable) return false;
    this.openFilter();
    return true;
  }

  /** Where AG Grid anchors a menu or filter it opens for this header. */
  getAnchorElementForMenu(): HTMLElement {
    return this.params.filterable ? this.filterButton : this.gui;
  }

  destroy(): void {
    for (const cleanup of this.cleanups.splice(0)) cleanup();
  }

  private openFilter(): void {
    this.params.showFilter(this.filterButton);
  }

  private draw(): void {
    const { query, column, eGridHeader, sortable } = this.params;
    const id = column.getColId();
    const sort = sortable ? query.sortOf(id) : null;
    this.sortMark.replaceChildren();
    if (sort) {
      if (query.sort.length > 1) {
        const order = document.createElement('span');
        order.className = 'ag-sort-indicator-icon ag-sort-order';
        order.textContent = String(sort.index + 1);
        this.sortMark.append(order);
      }
      const arrow = document.createElement('span');
      arrow.className = `ag-sort-indicator-icon ${sort.desc ? 'ag-sort-descending-icon' : 'ag-sort-ascending-icon'}`;
      arrow.append(icon(sort.desc ? 'desc' : 'asc'));
      this.sortMark.append(arrow);
    }
    if (sortable) eGridHeader.setAttribute('aria-sort', sort ? (sort.desc ? 'descending' : 'ascending') : 'none');
    this.filterButton.classList.toggle('ag-filter-active', id in query.filters);
  }

  private listen<K extends keyof HTMLElementEventMap>(target: HTMLElement, type: K, handler: (e: HTMLElementEventMap[K]) => void): void {
    target.addEventListener(type, handler);
    this.cleanups.push(() => target.removeEventListener(type, handler));
  }
}
