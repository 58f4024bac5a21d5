import type { ColumnFilter } from '../../../src-main/contract';
import { rangeFilterOf, type RangeKind } from './filters';
import { linkButton, QueryFilter, type QueryFilterParams } from './QueryFilter';
import { T } from './texts';

interface RangeFilterParams extends QueryFilterParams {
  kind?: RangeKind;
}

/** The filter of a number or date column: from and to, both included, either may be left empty. */
export class RangeFilter extends QueryFilter {
  private kind: RangeKind = 'number';
  private readonly from = document.createElement('input');
  private readonly to = document.createElement('input');

  protected build(params: RangeFilterParams): void {
    this.kind = params.kind ?? 'number';
    this.box.className = 'roster-filter roster-filter-range';
    const field = (input: HTMLInputElement, text: string): HTMLLabelElement => {
      input.type = this.kind;
      if (this.kind === 'number') input.step = 'any';
      // After a pause: a date box reports each part typed (the year digit by digit) as a new date.
      this.applyWhenTyped(input, () => this.apply());
      const label = document.createElement('label');
      label.append(text, input);
      return label;
    };
    const actions = document.createElement('div');
    actions.className = 'roster-filter-actions';
    actions.append(linkButton(T.filterClear, () => this.clear()));
    this.box.append(field(this.from, T.filterFrom), field(this.to, T.filterTo), actions);
  }

  protected draw(filter: ColumnFilter | null): void {
    const range = filter?.kind === 'range' ? filter : null;
    this.from.value = range?.from === null || range?.from === undefined ? '' : String(range.from);
    this.to.value = range?.to === null || range?.to === undefined ? '' : String(range.to);
  }

  private apply(): void {
    this.choose(rangeFilterOf(this.kind, this.from.value, this.to.value));
  }
}
