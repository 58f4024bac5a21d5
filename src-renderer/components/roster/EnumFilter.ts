import type { ColumnFilter } from '../../../src-main/contract';
import { linkButton, QueryFilter, type QueryFilterParams } from './QueryFilter';
import { T } from './texts';

interface EnumFilterParams extends QueryFilterParams {
  values?: readonly string[];
}

/**
 * The filter of an enumeration column (性别, 人员类型, 是/否): tick the values to keep. AG Grid's
 * set filter is an Enterprise feature.
 */
export class EnumFilter extends QueryFilter {
  private values: readonly string[] = [];

  protected build(params: EnumFilterParams): void {
    this.values = params.values ?? [];
    this.box.className = 'enum-filter';
    const actions = document.createElement('div');
    actions.className = 'enum-filter-actions';
    actions.append(linkButton(T.filterAll, () => this.choose(null)), linkButton(T.filterNone, () => this.choose({ kind: 'set', values: [] })));
    this.box.append(actions);
    for (const value of this.values) {
      const label = document.createElement('label');
      label.className = 'enum-filter-option';
      const input = document.createElement('input');
      input.type = 'checkbox';
      input.value = value;
      input.addEventListener('change', () => this.toggle(value));
      label.append(input, value);
      this.box.append(label);
    }
  }

  /** Every value is ticked while the column is not filtered. */
  protected draw(filter: ColumnFilter | null): void {
    const chosen = new Set(filter?.kind === 'set' ? filter.values : this.values);
    for (const input of this.box.querySelectorAll('input')) input.checked = chosen.has(input.value);
  }

  private toggle(value: string): void {
    const filter = this.current();
    const next = new Set(filter?.kind === 'set' ? filter.values : this.values);
    if (next.has(value)) next.delete(value);
    else next.add(value);
    this.choose(next.size === this.values.length ? null : { kind: 'set', values: this.values.filter((v) => next.has(v)) });
  }
}
