import type { IAfterGuiAttachedParams, IDoesFilterPassParams, IFilterComp, IFilterParams } from 'ag-grid-community';
import type { ColumnFilter } from '../../../src-main/contract';
import type { ColumnQuery } from './columnQuery';

const TYPING_PAUSE_MS = 400;

export interface QueryFilterParams extends IFilterParams {
  query: ColumnQuery;
}

/**
 * A roster column's filter as AG Grid shows it in its popup, holding nothing of its own: what the
 * person chooses goes to the grid's `ColumnQuery`, never to AG Grid's filter model (whose every
 * change makes the grid throw its rows away), and the core filters the rows. A saved view put
 * back redraws it. Plain DOM, as the roster grid is (see DomGrid).
 */
export abstract class QueryFilter implements IFilterComp {
  protected readonly box = document.createElement('div');
  private query!: ColumnQuery;
  private column = '';
  private unsubscribe: () => void = () => undefined;
  private typing: ReturnType<typeof setTimeout> | undefined;

  init(params: QueryFilterParams): void {
    this.query = params.query;
    this.column = params.column.getColId();
    this.build(params);
    this.unsubscribe = this.query.subscribe(() => this.draw(this.current()));
    this.draw(this.current());
  }

  getGui(): HTMLElement {
    return this.box;
  }

  isFilterActive(): boolean {
    return this.current() !== null;
  }

  /** The core filters the rows; the grid never holds them all. */
  doesFilterPass(_params: IDoesFilterPassParams): boolean {
    return true;
  }

  getModel(): ColumnFilter | null {
    return this.current();
  }

  /** AG Grid's filter model is not used (see above): a view's filters are put back through the query. */
  setModel(): void {}

  afterGuiAttached(_params?: IAfterGuiAttachedParams): void {
    this.query.shownFilter = this.column;
    this.box.querySelector<HTMLElement>('input:not([disabled]), select')?.focus();
  }

  afterGuiDetached(): void {
    if (this.query.shownFilter === this.column) this.query.shownFilter = null;
  }

  destroy(): void {
    clearTimeout(this.typing);
    this.unsubscribe();
  }

  protected current(): ColumnFilter | null {
    return this.query.filters[this.column] ?? null;
  }

  protected choose(filter: ColumnFilter | null): void {
    clearTimeout(this.typing);
    this.query.filterBy(this.column, filter);
  }

  /** 清除: no filter on the column, and empty boxes (also when what they held filtered nothing). */
  protected clear(): void {
    this.choose(null);
    this.draw(null);
  }

  /** What is typed in the box filters after a pause, as the quick search does; Enter at once. */
  protected applyWhenTyped(input: HTMLInputElement, apply: () => void): void {
    input.addEventListener('input', () => {
      clearTimeout(this.typing);
      this.typing = setTimeout(apply, TYPING_PAUSE_MS);
    });
    input.addEventListener('keydown', (e) => e.key === 'Enter' && apply());
  }

  /** Builds the filter's boxes once. */
  protected abstract build(params: QueryFilterParams): void;

  /** Shows the column's filter as the query holds it now. */
  protected abstract draw(filter: ColumnFilter | null): void;
}

/** A small text button of a filter (清除, 全选, 全不选). */
export function linkButton(text: string, onClick: () => void): HTMLButtonElement {
  const button = document.createElement('button');
  button.type = 'button';
  button.className = 'link-button';
  button.textContent = text;
  button.addEventListener('click', onClick);
  return button;
}
