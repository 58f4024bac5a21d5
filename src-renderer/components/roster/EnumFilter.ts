import type { ColumnFilter } from '../../../src-main/contract';
import { linkButton, QueryFilter, type QueryFilterParams } from './QueryFilter';
import { T } from './texts';

interface EnumFilterParams extends QueryFilterParams {
  values?: readonly string[];
}

/**
 * The filter of an enumeration column (性别, 人员类型, 是/否): tick the values to keep. AG Grid's
 * set filter is an Enterprise feature. Each tick filters at once; no value ticked filters nothing
 * new, as Excel's filter will not take an empty choice: 全不选 then a tick is how a person keeps
 * one value, and the rows do not empty in between.
 */
export class EnumFilter extends QueryFilter {
  private values: readonly string[] = [];
  private ticked = new Set<string>();
  private readonly hint = document.createElement('p');

  protected build(params: EnumFilterParams): void {
    this.values = params.values ?? [];
    this.box.className = 'enum-filter';
    const actions = document.createElement('div');
    actions.className = 'enum-filter-actions';
    actions.append(
      linkButton(T.filterAll, () => this.tick(new Set(this.values))),
      linkButton(T.filterNone, () => this.tick(new Set())),
    );
    this.box.append(actions);
    for (const value of this.values) {
      const label = document.createElement('label');
      label.className = 'enum-filter-option';
      const input = document.createElement('input');
      input.type = 'checkbox';
      input.value = value;
      input.addEventListener('change', () => {
        const next = new Set(this.ticked);
        if (input.checked) next.add(value);
        else next.delete(value);
        this.tick(next);
      });
      label.append(input, value);
      this.box.append(label);
    }
    this.hint.className = 'enum-filter-hint';
    this.hint.textContent = T.filterPickOne;
    this.box.append(this.hint);
  }

  /** Every value is ticked while the column is not filtered. */
  protected draw(filter: ColumnFilter | null): void {
    this.ticked = new Set(filter?.kind === 'set' ? filter.values : this.values);
    this.paint();
  }

  private tick(next: Set<string>): void {
    this.ticked = next;
    this.paint();
    if (next.size === 0) return;
    this.choose(next.size === this.values.length ? null : { kind: 'set', values: this.values.filter((v) => next.has(v)) });
  }

  private paint(): void {
    for (const input of this.box.querySelectorAll('input')) input.checked = this.ticked.has(input.value);
    this.hint.hidden = this.ticked.size > 0;
  }
}
